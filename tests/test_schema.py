"""The JSON Schema editors use: committed copy up to date, and in agreement with the loader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, plan_files
from typer.testing import CliRunner

from generator.cli import app
from generator.schema import json_schema, schema_comment, schema_path, schema_text
from generator.starter import starter_plan

COMMITTED = REPO / "templates" / "workplan.schema.json"


def test_committed_schema_is_generated() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "templates/workplan.schema.json is stale: python -m generator.schema > templates/workplan.schema.json"
    )


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["$id"] and schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)


def _as_json(value: Any) -> Any:
    """YAML → JSON data model: dates become the ISO strings the schema describes."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _errors(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_there_are_plans() -> None:
    assert plan_files(), "plans/ and examples/ hold the seed plans and the example"


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_every_plan_validates_against_the_schema(path: Path) -> None:
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert _errors(data) == []


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_every_plan_points_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first.removeprefix(prefix)).resolve()
    assert target.read_text(encoding="utf-8") == schema_text()


def test_starter_validates_against_the_schema() -> None:
    assert _errors(_as_json(yaml.safe_load(starter_plan("某某市卫生健康委员会", 2025)))) == []


@pytest.mark.parametrize(
    ("snippet", "where"),
    [
        (
            {"plan": {"title": "t", "year": 2021, "sections": [{"heading": "a", "itmes": []}]}},
            "plan/sections/0",
        ),
        ({"plan": {"title": "t", "year": "2021"}}, "plan/year"),
        ({"plan": {"year": 2021}}, "plan"),
        ({"notice": {"urgency": "很急"}, "plan": {"title": "t", "year": 2021}}, "notice/urgency"),
    ],
)
def test_schema_refuses_what_the_loader_refuses(snippet: dict[str, Any], where: str) -> None:
    errors = _errors(snippet)
    assert errors and all(e.startswith(where) for e in errors), errors


def test_schema_accepts_the_loader_shorthands() -> None:
    """One string for a one-entry list, and a whole 文号 as one string, as the loader allows."""
    data = {
        "notice": {"recipients": "各单位", "doc_number": "吴卫医〔2021〕38号", "body": "正文。"},
        "plan": {"title": "t", "year": 2021, "sections": [{"heading": "a", "text": "一段。"}]},
    }
    assert _errors(data) == []


def test_schema_comment_paths(tmp_path: Path) -> None:
    assert schema_comment(None) is None  # stdout: no folder to be relative to, so no comment
    assert schema_comment(tmp_path / "x.yaml") is None  # never an absolute path
    (tmp_path / "workplan.schema.json").write_text("{}", encoding="utf-8")
    deeper = tmp_path / "2028" / "x.yaml"
    assert schema_comment(deeper) == "# yaml-language-server: $schema=../workplan.schema.json"
    assert schema_comment(tmp_path / "x.yaml") == "# yaml-language-server: $schema=workplan.schema.json"
    assert schema_path().is_file()
    if not schema_path().resolve().is_relative_to(REPO):
        pytest.skip("installed without -e: the schema is outside the checkout")
    assert schema_comment(REPO / "plans" / "x.yaml") == (
        "# yaml-language-server: $schema=../templates/workplan.schema.json"
    )
    assert schema_comment(REPO / "x.yaml") == "# yaml-language-server: $schema=templates/workplan.schema.json"
