"""Any data at all against any content model gives diagnostics, never an exception."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read import models
from playbook_gen.read.sources import SourceFile
from playbook_gen.read.validation import data_loc, validate

KEYS = st.sampled_from(
    ["id", "title", "stages", "tasks", "skills", "scale", "labels", "min", "max", "bands",
     "sections", "questions", "exit_criteria", "name", "terms", "term", "x", "1"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.just(datetime.date(2026, 1, 1)),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.integers(0, 6)), inner, max_size=5),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(models.FILE_MODELS.values())), DATA)
def test_any_data_validates_or_gives_diagnostics(model: type[models.Model], data: object) -> None:
    log = DiagnosticLog()
    result = validate(SourceFile("x.yml", "x.yml", data), model, log)
    assert (result is None) == (log.errors > 0)


def test_union_and_tag_segments_are_dropped_from_locs() -> None:
    data = {"stages": [{"typical_days": "x"}]}
    assert data_loc(data, ("stages", 0, "typical_days", "int")) == (
        ("stages", 0, "typical_days"),
        False,
    )
    assert data_loc(data, ("stages", 0, "goal")) == (("stages", 0, "goal"), False)
    assert data_loc({"labels": {"x": 1}}, ("labels", "x", "[key]")) == (("labels", "x"), True)
