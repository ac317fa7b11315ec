"""The layout check's report: one row per rule (expected, measured, pass), and how it is shown —
JSON for scripts, a rich table for the terminal. The rules themselves are in layout.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..i18n import N_, _

# The rule names layout.py gives, translated in the table only: JSON keeps them as they are, so a
# script's rule names do not change with the locale. (A name missing here is shown as it is.)
RULE_NAMES = frozenset(
    {
        N_("page size"),
        N_("body text"),
        N_("版心 margins (measured text)"),
        N_("版心 margins (docx page setup)"),
        N_("lines per page"),
        N_("characters per line"),
        N_("body glyph size"),
        N_("发文机关标志"),
        N_("红色分隔线"),
        N_("标题"),
        N_("页码"),
        N_("版记"),
        N_("numbering"),
        N_("正文 on page 1"),
        N_("成文日期 with 正文"),
        N_("版记 page"),
        N_("blank page"),
        N_("text in the 版心"),
    }
)


@dataclass(frozen=True)
class Rule:
    """One GB/T 9704 rule: what it expects, what was measured, and whether that passes."""

    rule: str
    expected: str
    measured: str
    passed: bool

    def as_json(self) -> dict[str, str | bool]:
        return {"rule": self.rule, "expected": self.expected, "measured": self.measured, "pass": self.passed}


@dataclass
class CheckReport:
    """A document's rules, in the order the report lists them."""

    rules: list[Rule] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(rule.passed for rule in self.rules)

    def failed(self) -> list[Rule]:
        return [rule for rule in self.rules if not rule.passed]

    def as_json(self) -> dict[str, object]:
        return {"passed": self.passed, "rules": [rule.as_json() for rule in self.rules]}


def reports_json(reports: list[CheckReport], *, as_list: bool) -> str:
    """The reports as JSON text: a list when several files were checked, else the one report."""
    data: object = [r.as_json() for r in reports] if as_list else reports[0].as_json()
    return json.dumps(data, ensure_ascii=False, indent=2)


def report_table(report: CheckReport, *, title: str = "") -> object:
    """A rich Table: rule | expected | measured | pass."""
    from rich.markup import escape
    from rich.table import Table

    # A file name or a measured text may hold "[/]" or "[bold]": shown as typed, never as markup.
    verdict = _("passed") if report.passed else _("FAILED")
    table = Table(title=f"{escape(title)} — {verdict}", show_lines=False)
    for header in (_("rule"), _("expected"), _("measured"), _("pass")):
        table.add_column(header, overflow="fold")
    for rule in report.rules:
        mark = f"[green]{_('pass')}[/]" if rule.passed else "[bold red]" + _("FAIL") + "[/]"
        name = _(rule.rule) if rule.rule in RULE_NAMES else rule.rule
        table.add_row(escape(name), escape(rule.expected), escape(rule.measured), mark)
    return table
