"""Items with ``status: done`` or ``dropped`` are left out of the draft (their source lines removed)
unless ``keep_done``; items with ``targets`` (指标) are listed for review."""

from __future__ import annotations

from ruamel.yaml.nodes import MappingNode, SequenceNode

from ..i18n import N_, _
from ..numbering import number_plan
from .result import FieldChange, ReviewItem
from .state import RolloverState
from .yaml_edits import Edit, Path_, child, dotted, item_span, node_at, scalar, scalar_texts

# A status as the review names it: English the code itself, Chinese its word and the code.
_STATUS = {"done": N_("done"), "dropped": N_("dropped")}


def drop_done_items(state: RolloverState) -> list[tuple[int, int]]:
    """Remove done/dropped items; returns the removed source spans."""
    labels = {
        entry.path: entry.label for outline in number_plan(state.document.plan) for entry in outline.walk()
    }
    removed_spans: list[tuple[int, int]] = []
    sections = child(child(state.root, "plan"), "sections")
    if not isinstance(sections, SequenceNode):
        return removed_spans

    def visit(seq: SequenceNode, path: Path_, index_path: tuple[int, ...]) -> None:
        removed_here: list[int] = []
        for i, item in enumerate(seq.value):
            if not isinstance(item, MappingNode):
                continue
            node_path = (*path, i)
            where = dotted(node_path)
            line = state.lines.line(item.start_mark.index)
            heading = scalar(child(item, "heading")) or ""
            label = labels.get((*index_path, i), "")
            status = scalar(child(item, "status"))
            if status in ("done", "dropped"):
                shown = _(_STATUS[status])
                if state.keep_done or seq.flow_style:
                    note = (
                        _("status: {status}; kept")
                        if state.keep_done
                        else _("status: {status}; kept (flow-style list: remove it by hand)")
                    ).format(status=shown)
                    state.review.append(ReviewItem("kept", where, line, f"{label}{heading}", note))
                else:
                    span = item_span(state.text, state.lines, item)
                    removed_spans.append(span)
                    state.edits.append(Edit(*span, ""))
                    first, last = state.lines.line(span[0]), state.lines.line(span[1] - 1)
                    state.removed.append((first, last))
                    removed_here.append(i)
                    note = _("status: {status}; left out (source lines {first}–{last})").format(
                        status=shown, first=first, last=last
                    )
                    state.review.append(ReviewItem("dropped", where, line, f"{label}{heading}", note))
                    continue
            targets = child(item, "targets")
            if targets is not None and scalar_texts(targets):
                state.review.append(
                    ReviewItem(
                        "targets",
                        where,
                        line,
                        f"{label}{heading}",
                        _("指标 to review: {targets}").format(targets="；".join(scalar_texts(targets))),
                    )
                )
            children = child(item, "items")
            if isinstance(children, SequenceNode):
                visit(children, (*node_path, "items"), (*index_path, i))
        if removed_here and len(removed_here) == len(seq.value):
            state.emptied.append((seq, path))
        state.deletions.extend((path, i) for i in removed_here)

    visit(sections, ("plan", "sections"), ())
    return removed_spans


def mark_emptied_lists(state: RolloverState) -> None:
    """Every item of a list was removed: write ``[]`` after its key, or the key would read null."""
    for seq, path in state.emptied:
        parent = node_at(state.root, path[:-1])
        assert isinstance(parent, MappingNode)
        for key, value in parent.value:
            if value is seq:
                colon = state.text.index(":", key.end_mark.index)
                state.edits.append(Edit(colon + 1, colon + 1, " []"))
                state.set_data(path, [])
                line = state.lines.line(colon)
                state.changes.append(FieldChange(dotted(path), line, _("(all items left out)"), "[]"))
