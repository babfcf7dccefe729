"""Build-time data of the working tools: script-safe JSON and content-keyed storage keys."""

from __future__ import annotations

import json

from playbook_gen.read.models import Stage
from playbook_gen.worksheets.tool_data import fingerprint, json_script, storage_key

HOSTILE = "</script><script>alert(1)</script> <!-- --> & \u2028 \u2029 </SCRIPT >"


def test_json_script_cannot_end_or_change_its_block() -> None:
    data = {"label": HOSTILE, "n": [1, 2.5, None]}
    text = str(json_script(data))
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    assert json.loads(text) == data


def stage(**changes: object) -> Stage:
    fields: dict[str, object] = {
        "id": "qualify",
        "title": "Qualify",
        "exit_criteria": ["Sponsor named."],
        "key_behaviors": ["Ask first."],
    }
    return Stage.model_validate({**fields, **changes})


def test_storage_key_changes_with_the_stage_and_only_then() -> None:
    key = storage_key("Playbook", "checklist", "qualify", stage())
    assert key.startswith("playbook-gen:")
    assert key.split(":")[2:4] == ["checklist", "qualify"]
    assert key == storage_key("Playbook", "checklist", "qualify", stage())
    assert key != storage_key("Playbook", "checklist", "qualify", stage(title="Qualify!"))
    assert key != storage_key(
        "Playbook", "checklist", "qualify", stage(exit_criteria=["Sponsor named.", "More."])
    )
    assert key != storage_key("Other playbook", "checklist", "qualify", stage())


def test_fingerprint_is_short_and_stable() -> None:
    assert fingerprint("x") == fingerprint("x") != fingerprint("y")
    assert len(fingerprint(stage())) == 16
