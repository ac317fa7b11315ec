"""What the page shows for one version of a plan's text: data, labels, problems by field, preview.

Labels come from :func:`generator.numbering.number_plan`, problems from the loader and from
``validate``'s rules (:func:`generator.check.lint.lint_document`) in the CLI's own words (worded
for the page by :func:`page_text` and :func:`beside_text`: the page's script adds none), the
preview from the HTML writer. Each problem's ``file:line:col`` is mapped back to the data path
of the field it concerns, so the page can print it beside that field.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..check.lint import lint_document
from ..errors import InputError, Problem
from ..i18n import _
from ..load import load_text
from ..model import Document, Plan
from ..model_tools import validate
from ..numbering import Numbered, number_plan
from ..view import build_view
from ..writers.text import render_text
from .yaml_text import acyclic, json_data, parse_data


@dataclass
class PlanState:
    """One rendering of a plan text for the page (JSON via :meth:`as_json`)."""

    data: Any
    labels: dict[str, str]
    problems: list[dict[str, Any]]
    preview: str | None
    document: Document | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "data": self.data,
            "labels": self.labels,
            "problems": self.problems,
            "preview": self.preview,
            "valid": self.document is not None,
        }


def build_state(text: str, name: str, scratch: Path) -> PlanState:
    """Load ``text`` (displayed as ``name``) as the CLI would and describe it for the page.

    ``scratch`` is a private folder: validate places its warnings by reading a file, so the
    unsaved text is written there, never into the plan folder."""
    try:
        raw = parse_data(text)
    except yaml.YAMLError:
        raw = None
    if not acyclic(raw):
        raw = None  # `a: &a [*a]`: the loader says where; the form and outline have nothing to show
    root = _compose(text)
    problems: list[Problem] = []
    document: Document | None = None
    try:
        document = load_text(text, name)
    except InputError as exc:
        problems = list(exc.problems)
    if document is not None and root is not None:
        # The tree composed above places the warnings (the lint would parse the text again).
        problems = [_renamed(p, name) for p in lint_document(document, name, root=root)]
    elif document is not None:
        # One file per call: two tabs rendering at once must not read each other's text.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yaml", dir=scratch) as copy:
            copy.write(text)
            copy.flush()
            problems = [_renamed(p, name) for p in lint_document(document, copy.name)]
    outline = number_plan(document.plan) if document is not None else _skeleton_outline(raw)
    labels = {".".join(map(str, entry.path)): entry.label for entry in _walk(outline)}
    preview = _body(render_text(build_view(document), "html")) if document is not None else None
    return PlanState(
        data=json_data(raw) if isinstance(raw, dict) else {},
        labels=labels,
        problems=[_problem_json(p, root) for p in problems],
        preview=preview,
        document=document,
    )


def _renamed(problem: Problem, name: str) -> Problem:
    return replace(problem, path=name)


def _walk(outline: list[Numbered]) -> list[Numbered]:
    out: list[Numbered] = []
    for entry in outline:
        out.extend(entry.walk())
    return out


def _skeleton_outline(raw: Any) -> list[Numbered]:
    """Labels while the file does not load (a bad date elsewhere must not blank the outline):
    the structure alone — ``numbered`` and ``items`` — numbered with the plan's settings."""
    if not isinstance(raw, dict) or not isinstance(raw.get("plan"), dict):
        return []
    plan = raw["plan"]

    def bare(nodes: Any) -> list[dict[str, Any]]:
        if not isinstance(nodes, list):
            return []
        out = []
        for node in nodes:
            if not isinstance(node, dict):
                out.append({})
                continue
            numbered = node.get("numbered", True)
            out.append(
                {
                    "numbered": numbered if isinstance(numbered, bool) else True,
                    "items": bare(node.get("items")),
                }
            )
        return out

    skeleton: dict[str, Any] = {"title": "-", "year": 2000, "sections": bare(plan.get("sections"))}
    for key in ("numbering",):
        if key in plan:
            skeleton[key] = plan[key]
    try:
        return number_plan(validate(Plan, skeleton))
    except Exception:  # the numbering settings themselves are broken: the loader says where
        skeleton.pop("numbering", None)
        try:
            return number_plan(validate(Plan, skeleton))
        except Exception:
            return []


def _body(html: str) -> str:
    """The inside of the writer's <body>: the page keeps one document and swaps its sheets."""
    start = html.index("<body>") + len("<body>")
    return html[start : html.rindex("</body>")].strip()


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def path_at(root: yaml.Node | None, line: int, column: int) -> list[str | int]:
    """The data path of the deepest node at 1-based ``line:column`` (a key stands for its value)."""
    here = (line - 1, column - 1)
    path: list[str | int] = []
    node = root

    def inside(n: yaml.Node) -> bool:
        start = (n.start_mark.line, n.start_mark.column)
        end = (n.end_mark.line, n.end_mark.column)
        return start <= here < end or (start == end == here)

    seen: set[int] = set()
    while node is not None and id(node) not in seen:  # an alias of its own parent ends the walk
        seen.add(id(node))
        found = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if inside(key) or inside(value):
                    found = (key.value, value)
                    break
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                if inside(value):
                    found = (index, value)
                    break
        if found is None:
            break
        path.append(found[0])
        node = found[1]
    return path


def _problem_json(problem: Problem, root: yaml.Node | None) -> dict[str, Any]:
    return {
        # the field the rule names, else the deepest node at the position (a loader error's)
        "path": list(problem.loc) if problem.loc else path_at(root, problem.line, problem.column),
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint,
        # What the page prints: worded here, through the catalog, so the page's script holds no words.
        "text": page_text(problem),
        "beside": beside_text(problem),
    }


def page_text(problem: Problem) -> str:
    """The problem as the page's list shows it: the place in the text, then what and what to do
    (the file is the one open: its name is not repeated)."""
    return _("line {line}, column {column}: {said}").format(
        line=problem.line, column=problem.column, said=problem.said()
    )


def beside_text(problem: Problem) -> str:
    """The problem as it is printed beside its field: what and what to do, then its line."""
    return _("{said} (line {line})").format(said=problem.said(), line=problem.line)


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="workplan-serve-"))
