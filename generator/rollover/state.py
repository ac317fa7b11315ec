"""One rollover's working state: the source text and node tree, the edits collected so far, and the
same changes made on a plain copy of the data (the plan the draft must load as)."""

from __future__ import annotations

from ruamel.yaml.nodes import MappingNode, SequenceNode

from ..model import Document
from ..model_tools import to_data
from .result import FieldChange, LocatedMention, ReviewItem
from .yaml_edits import Edit, Lines, Path_


class RolloverState:
    """What the steps (fields, done items, text years) read and add to."""

    def __init__(
        self,
        text: str,
        name: str,
        document: Document,
        root: MappingNode,
        year: int,
        bump: bool,
        keep_done: bool,
    ) -> None:
        self.text = text
        self.name = name
        self.document = document
        self.root = root
        self.old = document.plan.year
        self.new = year
        self.bump = bump
        self.keep_done = keep_done
        self.lines = Lines(text)
        # The expected result is built on a plain copy of the loaded model (the YAML's own keys).
        self.data = to_data(document)
        self.edits: list[Edit] = []
        self.changes: list[FieldChange] = []
        self.review: list[ReviewItem] = []
        self.mentions: list[LocatedMention] = []
        self.removed: list[tuple[int, int]] = []  # (first line, last line) of removed items
        self.deletions: list[tuple[Path_, int]] = []  # (list path, index) of removed items
        self.emptied: list[tuple[SequenceNode, Path_]] = []  # lists whose items were all removed

    def set_data(self, path: Path_, value: object) -> None:
        """Set ``path`` in the plain data; a string given for a list of paragraphs stays a string."""
        target: object = self.data
        for part in path[:-1]:
            target = target[part]  # type: ignore[index]
        target[path[-1]] = value  # type: ignore[index]

    def delete_removed_items(self) -> None:
        """Remove the left-out items from the plain data, last first: removing shifts later indices."""
        for path, index in sorted(self.deletions, reverse=True):
            target: object = self.data
            for part in path:
                target = target[part]  # type: ignore[index]
            assert isinstance(target, list)
            del target[index]
