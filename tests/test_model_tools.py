"""The model's validator from the cached schema is pydantic's: the same objects, the same errors.

A render builds its validator from the core schema pydantic generated in an earlier process
(``model_tools``); these tests hold that validator to one pydantic generates afresh, on every
plan and on plans broken in every field, and check that a render then never imports pydantic.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from generator import model_tools
from generator.load import load_document
from generator.model import Document, Node, Notice, Plan
from generator.model_exact import NotExact, read_exact
from generator.model_tools import ValidationError, field_specs, is_model, replace, to_data, validate

REPO = Path(__file__).resolve().parent.parent
PLANS = sorted((REPO / "plans").glob("*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))
FRESH = TypeAdapter(Document)  # pydantic's own validator, generated in this process


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache holding the schema, the validator built from it (as the next process does)."""
    monkeypatch.setenv("WORKPLAN_CACHE_DIR", str(tmp_path))
    model_tools._validator.cache_clear()
    model_tools._validator(Document)  # generates and stores
    model_tools._validator.cache_clear()
    yield tmp_path
    model_tools._validator.cache_clear()


def _outcome(run: Any, data: object) -> object:
    """The object ``run`` makes of ``data`` (as its repr: True is not 1), or the errors it reports."""
    try:
        return repr(run(data))
    except (ValidationError, pydantic_core.ValidationError) as exc:  # ctx holds the ValueError raised
        return [(e["type"], e["loc"], e["msg"], repr(e["input"])) for e in exc.errors(include_url=False)]


def test_schema_is_stored_and_read_back(cached: Path) -> None:
    [entry] = (cached / "validators").glob("Document-*.pickle")
    assert model_tools._validator(Document) is model_tools._validator(Document)
    entry.write_bytes(b"not a pickle")  # damaged: generated again, not an error
    model_tools._validator.cache_clear()
    plan = {"plan": {"title": "某某工作要点", "year": 2025}}
    document = model_tools._validator(Document).validate_python(plan)
    assert document.plan.year == 2025
    assert entry.read_bytes() != b"not a pickle"


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_plan_validates_as_pydantic_does(cached: Path, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ours = validate(Document, data)
    assert ours == FRESH.validate_python(data)
    assert validate(Document, to_data(ours)) == ours  # plain data reads back as the model
    assert validate(Document, yaml.safe_load(yaml.safe_dump(to_data(ours, json=True)))) == ours


BAD_VALUES = [
    None,
    "",
    "x",
    "三",
    0,
    -5,
    3.5,
    10**12,
    True,
    [],
    ["a"],
    {},
    {"k": 1},
    "2024-13-01",
    "2024-02-30",
]


def _paths(data: object, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here] if here else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, (*here, index))
    return out


BASE = yaml.safe_load((REPO / "examples" / "example.yaml").read_text(encoding="utf-8"))
BASE_PATHS = _paths(BASE)


def _edited(data: object, path: tuple[Any, ...], value: object) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value == "unknown key" and isinstance(target, dict):
        target["unknown_key"] = 1
    else:
        target[path[-1]] = value


def test_every_field_broken_every_way_fails_as_pydantic_says(cached: Path) -> None:
    """Each field of the example, in turn, set to each wrong value (or given an unknown key
    beside it): the same errors — type, place, message — or the same object."""
    checked = 0
    for path in BASE_PATHS:
        for value in [*BAD_VALUES, "unknown key"]:
            data = copy.deepcopy(BASE)
            _edited(data, path, value)
            assert _outcome(lambda d: validate(Document, d), data) == _outcome(FRESH.validate_python, data), (
                path
            )
            checked += 1
    assert checked > 1000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(BASE_PATHS), st.sampled_from([*BAD_VALUES, "unknown key"])),
        min_size=1,
        max_size=3,
    )
)
def test_broken_plans_fail_as_pydantic_says(
    cached: Path, edits: list[tuple[tuple[Any, ...], object]]
) -> None:
    """Every field set to a wrong value, or a key added where none belongs: the same errors (type,
    place, message) or the same object."""
    data = copy.deepcopy(BASE)
    for path, value in edits:
        try:
            _edited(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced what this path led into
    assert _outcome(lambda d: validate(Document, d), data) == _outcome(FRESH.validate_python, data)


def test_a_render_imports_no_validation_library(tmp_path: Path) -> None:
    env = {**os.environ, "WORKPLAN_CACHE_DIR": str(tmp_path / "cache")}
    plan = REPO / "examples" / "example.yaml"
    code = (
        "import sys\n"
        "from generator.entry import main\n"
        f"sys.argv = ['workplan', 'render', {str(plan)!r}, '-o', sys.argv[1], '--force']\n"
        "main()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))\n"
    )
    first = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.docx")], capture_output=True, text=True, env=env
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "[]"  # a plan of the model's own types needs no validator library
    second = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "b.docx")], capture_output=True, text=True, env=env
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "[]"
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_the_model_module_imports_no_validation_library() -> None:
    code = "import sys, generator.model; print([m for m in sys.modules if m.startswith('pydantic')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_field_specs_are_the_dataclass_fields() -> None:
    specs = field_specs(Notice)
    assert list(specs)[:3] == ["copy_number", "classification", "secrecy_period"]
    assert specs["date"].description == "成文日期" and not specs["date"].required
    assert specs["body"].one_or_many and not specs["attachments"].one_or_many
    assert field_specs(Document)["plan"].required
    assert field_specs(Plan)["numbering"].default_value() == Plan(title="x", year=2025).numbering
    assert specs["issuer_suffix"].default_value() == "文件"


def test_one_string_for_a_list_and_a_doc_number_string() -> None:
    document = validate(
        Document,
        {
            "notice": {
                "body": "现将……印发给你们。",
                "doc_number": "吴卫医〔2021〕38号",
                "date": "2021-03-05",
            },
            "plan": {
                "title": "某某工作要点",
                "year": 2021,
                "task_table": True,
                "sections": [{"text": "一段"}],
            },
        },
    )
    assert document.notice.body == ["现将……印发给你们。"]
    assert (document.notice.doc_number.prefix, document.notice.doc_number.year) == ("吴卫医", 2021)
    assert document.notice.doc_number.serial == 38
    assert document.plan.task_table is not None and document.plan.sections[0].text == ["一段"]


def test_replace_copies_without_touching_the_original() -> None:
    document = load_document(REPO / "examples" / "example.yaml")
    plan = replace(document.plan, title="新标题")
    assert plan.title == "新标题" and document.plan.title != "新标题"
    assert plan.sections is document.plan.sections  # shallow, as documented
    node = Node(heading="一项")
    assert replace(node, text=["段落"]).heading == "一项"


# --- the exact reader (model_exact) against pydantic -------------------------------------------

ODD_VALUES = [None, "", "x", 0, 2024, 10**12, True, False, 3.5, [], ["a"], {}, dt.date(2024, 3, 1)]


def _mostly(good: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """``good``, and one time in fifty a value of another type."""
    return st.integers(0, 49).flatmap(lambda i: st.sampled_from(ODD_VALUES) if i == 0 else good)


def _shaped(annotation: Any, depth: int) -> st.SearchStrategy[object]:
    """Data shaped like ``annotation``, or now and then a value of another type."""
    return _mostly(_shape(annotation, depth))


def _shape(annotation: Any, depth: int) -> st.SearchStrategy[object]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _shaped(annotation.__origin__, depth)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return st.one_of(st.none(), *[_shaped(a, depth) for a in options])
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation)
        if depth > 2:
            return st.just([])
        return st.lists(_shaped(item, depth + 1), max_size=2)
    if annotation is str:
        return st.sampled_from(["三", "吴卫医〔2021〕38号", "一、总体要求", "x"] * 3 + [""])
    if annotation is int:
        return st.sampled_from([2024, 2021, 1949, 9999] * 4 + [38, 1, 0, -1, 10000])
    if annotation is bool:
        return st.booleans()
    if annotation is dt.date:
        return st.sampled_from([dt.date(2021, 3, 5)] * 5 + ["2021-03-05"])
    if isinstance(annotation, type) and is_model(annotation):
        return _record(annotation, depth + 1)
    raise AssertionError(f"no strategy for {annotation!r}")


def _record(cls: type, depth: int = 0) -> st.SearchStrategy[object]:
    specs = field_specs(cls)
    fields = {name: _shaped(spec.annotation, depth) for name, spec in specs.items()}
    required = {name for name, spec in specs.items() if spec.required}

    @st.composite
    def build(draw: st.DrawFn) -> object:
        out: dict[object, object] = {}
        for name, strategy in fields.items():
            if name in required or draw(st.integers(0, 3)) == 0:
                out[name] = draw(strategy)
        if draw(st.integers(0, 40)) == 0:
            out["unknown_key"] = 1
        if required and draw(st.integers(0, 40)) == 0:
            out.pop(sorted(required)[0])
        return out

    return build()


@settings(max_examples=400, deadline=None)
@given(data=_record(Document))
def test_the_exact_reader_takes_only_what_pydantic_takes_unchanged(data: object) -> None:
    """Whatever the exact reader accepts, pydantic turns into the same object; whatever pydantic
    refuses, the exact reader leaves to it."""
    expected = _outcome(FRESH.validate_python, data)
    try:
        ours = read_exact(Document, copy.deepcopy(data))
    except NotExact:
        return
    assert repr(ours) == expected


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_plan_is_read_without_pydantic(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert read_exact(Document, data) == FRESH.validate_python(data)
