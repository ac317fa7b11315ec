"""The rollover review report (审阅清单) as Markdown: what changed, what to check, every year mention."""

from __future__ import annotations

import html

from ..i18n import N_, _
from ..rollover import RolloverResult
from ..rollover.years import CLASS_NAMES, CLASSES

_KIND_TITLES = {
    "warning": N_("Warnings"),
    "future": N_("Later years now reached"),
    "proposal": N_("Year changes proposed, not applied"),
    "dropped": N_("Items left out (status done/dropped)"),
    "kept": N_("Items kept although done/dropped"),
    "targets": N_("Items with targets (指标)"),
}


def _text(text: object) -> str:
    """Plan text in Markdown: HTML escaped, so a ``<script>`` or ``<img onerror>`` in the plan is
    shown as typed by every Markdown viewer instead of run (Markdown passes raw HTML through)."""
    return html.escape(str(text), quote=False)


def _cell(text: str) -> str:
    """A Markdown table cell: HTML escaped, pipes escaped, line breaks as spaces."""
    return " ".join(_text(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span's content (raw HTML is not read inside one); a backtick would end it."""
    return str(text).replace("`", "'")


def render_review(result: RolloverResult, draft: str = "draft") -> str:
    """The review report of ``result``; ``draft`` names the output file the draft lines refer to."""
    source = result.name
    s = result.summary
    out: list[str] = [
        _("# Rollover review: {source} → {draft} ({old_year} → {new_year})").format(
            source=_text(source), draft=_text(draft), old_year=result.old_year, new_year=result.new_year
        ),
        "",
        "```",
        str(s),
        "```",
        "",
        _(
            "Lines: `source` is the input file (numbers are its paragraphs, as Word counts them), "
            "`draft` the rolled-over file."
        )
        if source.lower().endswith(".docx")
        else _("Lines: `source` is the input file, `draft` the rolled-over file."),
        "",
        _("## Changed fields"),
        "",
    ]
    if result.changes:
        out += [_("| field | source line | was | now |"), "|---|---|---|---|"]
        for change in sorted(result.changes, key=lambda c: c.line):
            where = f"{_cell(source)}:{change.line}"
            out.append(f"| {_cell(change.field)} | {where} | {_cell(change.old)} | {_cell(change.new)} |")
    else:
        out.append(_("None."))
    for kind, title in _KIND_TITLES.items():
        items = [r for r in result.review if r.kind == kind]
        if not items:
            continue
        out += ["", "## " + _("{title} ({count})").format(title=_(title), count=len(items)), ""]
        for item in items:
            out.append(f"- `{_code(source)}:{item.line}` {_text(item.field)}: {_text(item.note)}")
            out.append(f"  > {_cell(item.text)}")
    out += ["", _("## Year mentions ({count})").format(count=len(result.mentions)), ""]
    classes = _("; ").join(f"`{_(CLASS_NAMES[cls])}` {_(what)}" for cls, what in CLASSES.items())
    out += [_("Classes: {classes}.").format(classes=classes), ""]
    if result.mentions:
        out += [
            _("| source | draft | field | class | mention | proposal | action | sentence |"),
            "|---|---|---|---|---|---|---|---|",
        ]
        for m in result.mentions:
            if m.dropped:
                action = _("item left out")
            elif m.applied:
                action = _("changed (field)") if m.structured else _("changed")
            elif m.mention.proposal is not None:
                action = _("to review")
            else:
                action = _("kept")
            if m.mention.warning:
                action += f"; ⚠ {m.mention.warning}"
            draft_line = f"{_cell(draft)}:{m.draft_line}" if m.draft_line is not None else "—"
            cls = _(CLASS_NAMES.get(m.cls, m.cls))
            out.append(
                f"| {_cell(source)}:{m.line} | {draft_line} | {_cell(m.field)} | {cls} "
                f"| {_cell(m.mention.text)} "
                f"| {_cell(m.mention.proposal or '')} | {_cell(action)} | {_cell(m.sentence)} |"
            )
    return "\n".join(out) + "\n"
