"""The layout check's report: one row per rule (expected, measured, pass), and how it is shown —
JSON for scripts, a rich table for the terminal. The rules themselves are in layout.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


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
    table = Table(title=f"{escape(title)} — {'passed' if report.passed else 'FAILED'}", show_lines=False)
    for header in ("rule", "expected", "measured", "pass"):
        table.add_column(header, overflow="fold")
    for rule in report.rules:
        verdict = "[green]pass[/]" if rule.passed else "[bold red]FAIL[/]"
        table.add_row(escape(rule.rule), escape(rule.expected), escape(rule.measured), verdict)
    return table
