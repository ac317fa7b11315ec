"""What a rollover returns: the draft YAML text, the field changes, the year mentions and the review
items, with counts for the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import _
from .years import CLASS_NAMES, Mention


class RolloverError(Exception):
    """The draft would not be what the rollover promises (a bug: please report with the plan)."""


@dataclass(frozen=True)
class FieldChange:
    """A structured field changed by the rollover."""

    field: str
    line: int
    old: str
    new: str


@dataclass(frozen=True)
class LocatedMention:
    """A year mention placed in the source YAML (``line``) and in the draft (``draft_line``)."""

    mention: Mention
    field: str
    line: int
    draft_line: int | None
    sentence: str
    applied: bool
    structured: bool = False
    dropped: bool = False

    @property
    def cls(self) -> str:
        return self.mention.cls


@dataclass(frozen=True)
class ReviewItem:
    """Something an author must look at: kind is ``warning``, ``dropped``, ``kept``, ``targets``,
    ``proposal`` (a year left unchanged that may need to change) or ``future``."""

    kind: str
    field: str
    line: int
    text: str
    note: str


@dataclass(frozen=True)
class Summary:
    """Counts for the terminal."""

    old_year: int
    new_year: int
    fields: int
    mentions: dict[str, int]
    changed_mentions: int
    dropped_items: int
    review_items: int
    warnings: int

    def __str__(self) -> str:
        by_class = _(", ").join(
            f"{_(CLASS_NAMES.get(cls, cls))} {n}" for cls, n in self.mentions.items() if n
        )
        total = sum(self.mentions.values())
        mentions = (
            _("  year mentions: {total} ({by_class})") if by_class else _("  year mentions: {total}")
        ).format(total=total, by_class=by_class)
        return "\n".join(
            [
                _("rollover {old_year} → {new_year}").format(old_year=self.old_year, new_year=self.new_year),
                _("  fields changed: {count}").format(count=self.fields),
                mentions,
                _("  mentions changed: {count}").format(count=self.changed_mentions),
                _("  items dropped: {count}").format(count=self.dropped_items),
                _("  to review: {count} (warnings: {warnings})").format(
                    count=self.review_items, warnings=self.warnings
                ),
            ]
        )


@dataclass(frozen=True)
class RolloverResult:
    """The draft YAML text and everything the review report shows."""

    yaml_text: str
    mentions: list[LocatedMention]
    review: list[ReviewItem]
    summary: Summary
    changes: list[FieldChange] = field(default_factory=list)
    name: str = "<string>"
    old_year: int = 0
    new_year: int = 0
    removed_lines: list[tuple[int, int]] = field(default_factory=list)
    """(first, last) source lines of each item left out."""
