"""`playbook-gen schema` as editors and check-jsonschema use it: one schema per file kind
(`--out-dir`) that accepts every bundled file and rejects broken ones, and a bundle that
rejects what no content file could be."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook_gen.cli import main
from playbook_gen.read import models
from playbook_gen.read.schema import file_schema
from playbook_gen.read.schema_files import schema_file_name

REPO = Path(__file__).resolve().parent.parent
CHECK = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))


def test_one_schema_file_per_pattern(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert schema_file_name("process.yml") == "process.schema.json"
    assert schema_file_name("skills/*.yml") == "skills.schema.json"
    assert main(["schema", "--out-dir", "schemas"]) == 0
    settings = json.loads(capsys.readouterr().out)["yaml.schemas"]
    assert len(settings) == len(models.FILE_MODELS)
    assert settings["schemas/skills.schema.json"] == ["**/skills/*.yml"]
    for path in settings:
        schema = json.loads((root / path).read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_blank_text_and_non_numeric_labels_are_refused_by_the_schema() -> None:
    schema = file_schema("diagnostics/*.yml")
    assert schema["properties"]["title"]["pattern"] == r"\S"
    labels = schema["$defs"]["Scale"]["properties"]["labels"]
    assert labels["propertyNames"] == {"pattern": "^-?[0-9]+$"}
    assert labels["additionalProperties"]["pattern"] == r"\S"


def test_the_bundle_accepts_only_what_a_content_file_could_be(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert bundle["anyOf"] == list(bundle["files"].values())


def _check(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK is not None
    argv = [CHECK, "--schemafile", str(schema), *map(str, files)]
    return subprocess.run(argv, capture_output=True, text=True)


@pytest.mark.slow
@pytest.mark.skipif(CHECK is None, reason="check-jsonschema is not installed")
def test_check_jsonschema_uses_the_schemas_as_they_are(root: Path) -> None:
    assert main(["schema", "--out-dir", "schemas"]) == 0
    content = REPO / "content"
    for pattern in models.FILE_MODELS:
        files = sorted(content.glob(pattern))
        if files:
            result = _check(root / "schemas" / schema_file_name(pattern), *files)
            assert result.returncode == 0, (pattern, result.stdout)
    broken = root / "skills.yml"
    broken.write_text("id: x\ntitel: X\n", encoding="utf-8")  # a typo in a key
    assert _check(root / "schemas" / "skills.schema.json", broken).returncode == 1
    for title in ('""', '"   "'):  # what validate rejects as empty
        broken.write_text(f"id: x\ntitle: {title}\n", encoding="utf-8")
        assert _check(root / "schemas" / "skills.schema.json", broken).returncode == 1
    sheet = (content / "diagnostics").glob("*.yml").__next__().read_text(encoding="utf-8")
    assert "labels:" in sheet
    worksheet = root / "sheet.yml"
    worksheet.write_text(sheet.replace("labels:", "labels:\n    five: Five", 1), encoding="utf-8")
    assert _check(root / "schemas" / "diagnostics.schema.json", worksheet).returncode == 1

    bundle = root / "bundle.json"
    with bundle.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "playbook_gen", "schema"], stdout=out, check=True)
    garbage = root / "garbage.yml"
    garbage.write_text("x: 1\n", encoding="utf-8")
    assert _check(bundle, garbage).returncode == 1
    assert _check(bundle, content / "process.yml").returncode == 0
