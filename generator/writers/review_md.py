"""The rollover review report (审阅清单) as Markdown: what changed, what to check, every year mention."""

from __future__ import annotations

from ..rollover import RolloverResult
from ..rollover.years import CLASSES

_KIND_TITLES = {
    "warning": "Warnings",
    "future": "Later years now reached",
    "proposal": "Year changes proposed, not applied",
    "dropped": "Items left out (status done/dropped)",
    "kept": "Items kept although done/dropped",
    "targets": "Items with targets (指标)",
}


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks as spaces."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render_review(result: RolloverResult, draft: str = "draft") -> str:
    """The review report of ``result``; ``draft`` names the output file the draft lines refer to."""
    source = result.name
    s = result.summary
    out: list[str] = [
        f"# Rollover review: {source} → {draft} ({result.old_year} → {result.new_year})",
        "",
        "```",
        str(s),
        "```",
        "",
        "Lines: `source` is the input file"
        + (" (numbers are its paragraphs, as Word counts them)" if source.lower().endswith(".docx") else "")
        + ", `draft` the rolled-over file.",
        "",
        "## Changed fields",
        "",
    ]
    if result.changes:
        out += ["| field | source line | was | now |", "|---|---|---|---|"]
        for change in sorted(result.changes, key=lambda c: c.line):
            out.append(
                f"| {change.field} | {source}:{change.line} | {_cell(change.old)} | {_cell(change.new)} |"
            )
    else:
        out.append("None.")
    for kind, title in _KIND_TITLES.items():
        items = [r for r in result.review if r.kind == kind]
        if not items:
            continue
        out += ["", f"## {title} ({len(items)})", ""]
        for item in items:
            out.append(f"- `{source}:{item.line}` {item.field}: {item.note}")
            out.append(f"  > {_cell(item.text)}")
    out += ["", f"## Year mentions ({len(result.mentions)})", ""]
    out += ["Classes: " + "; ".join(f"`{cls}` {what}" for cls, what in CLASSES.items()) + ".", ""]
    if result.mentions:
        out += [
            "| source | draft | field | class | mention | proposal | action | sentence |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for m in result.mentions:
            if m.dropped:
                action = "item left out"
            elif m.applied:
                action = "changed" + (" (field)" if m.structured else "")
            elif m.mention.proposal is not None:
                action = "to review"
            else:
                action = "kept"
            if m.mention.warning:
                action += f"; ⚠ {m.mention.warning}"
            draft_line = f"{draft}:{m.draft_line}" if m.draft_line is not None else "—"
            out.append(
                f"| {source}:{m.line} | {draft_line} | {m.field} | {m.cls} | {_cell(m.mention.text)} "
                f"| {_cell(m.mention.proposal or '')} | {action} | {_cell(m.sentence)} |"
            )
    return "\n".join(out) + "\n"
