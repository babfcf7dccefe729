"""The JSON Schemas as editors and `check-jsonschema` use them: files, not a bundle.

A JSON Schema cannot see a file's name, so one document cannot check `process.yml` as a
process and `skills/x.yml` as a skill. `playbook-gen schema --out-dir DIR` writes one
standalone schema per file pattern (`process.schema.json`, `skills.schema.json`) and
prints the YAML language server's `yaml.schemas` setting that maps each to its files.
The bundle printed by `playbook-gen schema` also accepts only what some content file
could be (`anyOf` the file schemas), so used as is it still rejects garbage.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from playbook_gen.read import models
from playbook_gen.read.schema import content_schema, file_schema


def schema_file_name(pattern: str) -> str:
    """`process.yml` → `process.schema.json`; `skills/*.yml` → `skills.schema.json`."""
    path = PurePosixPath(pattern)
    stem = path.parent.name if path.stem == "*" else path.stem
    return f"{stem}.schema.json"


def dispatching_bundle() -> dict[str, Any]:
    """The bundle, valid for a document that some content file's schema accepts."""
    bundle = content_schema()
    bundle["anyOf"] = [dict(ref) for ref in bundle["files"].values()]
    return bundle


def write_schemas(out_dir: Path) -> dict[str, Path]:
    """One schema file per content file pattern in `out_dir`; the paths by pattern."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for pattern in models.FILE_MODELS:
        path = out_dir / schema_file_name(pattern)
        text = json.dumps(file_schema(pattern), ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written[pattern] = path
    return written


def editor_settings(written: dict[str, Path]) -> dict[str, Any]:
    """VS Code's `yaml.schemas` (the YAML language server): each schema file → the globs
    of its files, wherever the playbook folder is."""
    return {"yaml.schemas": {str(path): [f"**/{pattern}"] for pattern, path in written.items()}}
