"""Build-time data that the working tools' page script reads: storage keys and rubrics.

A checklist, onboarding path or worksheet remembers the reader's ticks and answers in
`localStorage` under a key that ends with a fingerprint of its content, so a tick on an
old version of a stage is dropped once the stage changes (the script also deletes keys of
the same tool with another fingerprint). The key starts with a fingerprint of the
playbook's name, so two playbooks served from one origin never clear each other's ticks.

A worksheet's rubric is embedded as JSON in a `<script type="application/json">` block;
`json_script` encodes it so that no text in it can end the block.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from playbook_gen.read.models import Worksheet
from playbook_gen.worksheets.scoring import answers_for_band, rubric_of

KEY_PREFIX = "playbook-gen"
_FINGERPRINT_LENGTH = 16


def fingerprint(value: BaseModel | str) -> str:
    """A short, stable hash of a model's content (or of a text)."""
    if isinstance(value, BaseModel):
        text = json.dumps(value.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    else:
        text = value
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_FINGERPRINT_LENGTH]


def storage_key(playbook_name: str, tool: str, ident: str, content: BaseModel) -> str:
    """`playbook-gen:<playbook>:<tool>:<id>:<content fingerprint>`; ids hold no colon."""
    return ":".join((KEY_PREFIX, fingerprint(playbook_name), tool, ident, fingerprint(content)))


_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_script(data: Any) -> Markup:
    """JSON to put inside `<script type="application/json">`: `<`, `>` and `&` are written
    as `\\u003c`… (still the same JSON), so `</script>` or `<!--` in user text cannot end
    or change the block."""
    return Markup(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))


def rubric_json(worksheet: Worksheet) -> Markup:
    """The worksheet's rubric (see `scoring.Rubric.to_data`) as script-safe JSON."""
    return json_script(rubric_of(worksheet).to_data())


def band_after(worksheet: Worksheet) -> int:
    """How many answers the page waits for before showing a band (`answers_for_band`)."""
    return answers_for_band(rubric_of(worksheet))


def template_functions(playbook_name: str) -> dict[str, Callable[..., Any]]:
    """What the tool templates call: `storage_key(tool, id, model)`, `rubric_json(ws)` and
    `band_after(ws)`."""

    def key(tool: str, ident: str, content: BaseModel) -> str:
        return storage_key(playbook_name, tool, ident, content)

    return {"storage_key": key, "rubric_json": rubric_json, "band_after": band_after}
