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


def schema_comment(for_file: Path | None = None) -> str:
    """``# yaml-language-server: $schema=…`` for a YAML file written at ``for_file``.

    The path is relative to the file's folder so that a checkout moved elsewhere keeps working
    (plans/x.yaml → ../templates/workplan.schema.json). For stdout (None), for a file sharing no
    folder with the schema but the filesystem root, and for an installed package, it is absolute.
    """
    target = schema_path().resolve()
    if for_file is None:
        return f"# yaml-language-server: $schema={target.as_posix()}"
    folder = Path(for_file).resolve().parent
    try:
        shared = Path(os.path.commonpath([target, folder]))
    except ValueError:  # Windows: different drives have no relative path
        shared = None
    # Only a folder shared with the schema (a checkout) makes a relative path worth keeping; a path
    # into an installed package would break as soon as the file is moved, so that one is absolute.
    installed = {"site-packages", "dist-packages"} & set(target.parts)
    if shared is None or shared == Path(shared.anchor) or installed:
        return f"# yaml-language-server: $schema={target.as_posix()}"
    rel = os.path.relpath(target, folder)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}"


if __name__ == "__main__":  # python -m generator.schema > templates/workplan.schema.json
    print(schema_text(), end="")
