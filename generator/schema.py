"""The JSON Schema of the plan YAML, for editors (yaml-language-server completes keys from it).

The schema is generated from the pydantic model, so it can never drift from what the loader
accepts; ``templates/workplan.schema.json`` is the committed copy that YAML files point at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import DocNumber, Document, Node, Notice, Plan
from .resources import templates_dir

SCHEMA_FILE = "workplan.schema.json"
SCHEMA_ID = "https://workplan.invalid/workplan.schema.json"  # an identifier, never fetched


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file."""
    schema = Document.model_json_schema()
    defs = schema["$defs"]
    for model in (Node, Notice, Plan):
        for name in _one_string_fields(model):
            defs[model.__name__]["properties"][name] = _string_or_list(
                defs[model.__name__]["properties"][name]
            )
    defs[DocNumber.__name__] = _doc_number_or_string(defs[DocNumber.__name__])
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "workplan plan file (通知 + 工作要点)",
    }
    return {**head, **{k: v for k, v in schema.items() if k != "title"}}


def _one_string_fields(model: type[BaseModel]) -> list[str]:
    """Fields whose "before" validator also takes one string for a one-entry list (model._as_list)."""
    decorators = model.__pydantic_decorators__.field_validators.values()
    return [name for d in decorators if d.info.mode == "before" for name in d.info.fields]


def _string_or_list(prop: dict[str, Any]) -> dict[str, Any]:
    keep = {k: v for k, v in prop.items() if k in ("description", "title", "default")}
    array = {k: v for k, v in prop.items() if k not in keep}
    return {**keep, "anyOf": [array, {"type": "string"}]}


def _doc_number_or_string(obj: dict[str, Any]) -> dict[str, Any]:
    """The loader also accepts a whole 文号 as one string (DocNumber._from_string)."""
    text = {"type": "string", "description": "whole 文号, e.g. 吴卫医〔2021〕38号", "pattern": r"\d{4}"}
    return {"description": obj.get("description", ""), "anyOf": [obj, text]}


def schema_text() -> str:
    """The schema as written to ``templates/workplan.schema.json``."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_path() -> Path:
    """The bundled schema file (installed or in a checkout)."""
    return templates_dir() / SCHEMA_FILE


def schema_comment(for_file: Path | None = None) -> str | None:
    """``# yaml-language-server: $schema=…`` for a YAML file written at ``for_file``, or None.

    The path is always relative to the file's folder — a plan file is meant to be committed, and
    an absolute path (into a venv, a home folder) breaks on every other machine. The schema looked
    for is a ``workplan.schema.json`` in the file's folder or one above it (``workplan schema -o
    plans/workplan.schema.json`` once, then plans/x.yaml says ``$schema=workplan.schema.json``),
    else the bundled one when the file lies in the same checkout (plans/x.yaml →
    ../templates/workplan.schema.json). Without either (stdout, an installed package) the comment
    is left out.
    """
    if for_file is None:
        return None
    folder = Path(for_file).resolve().parent
    for place in (folder, *folder.parents):
        if (place / SCHEMA_FILE).is_file():
            return _comment(place / SCHEMA_FILE, folder)
    target = schema_path().resolve()
    checkout = target.parent.parent  # the folder holding templates/
    installed = {"site-packages", "dist-packages"} & set(target.parts)
    if installed or not target.is_file() or (folder != checkout and checkout not in folder.parents):
        return None
    return _comment(target, folder)


def _comment(target: Path, folder: Path) -> str:
    rel = os.path.relpath(target, folder)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}"


if __name__ == "__main__":  # python -m generator.schema > templates/workplan.schema.json
    print(schema_text(), end="")
