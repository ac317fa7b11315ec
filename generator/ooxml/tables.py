"""Tables built whole as XML for docxtpl's ``{{p …}}`` (the paragraph holding the tag is replaced by
the table): the 重点任务分工表, its header row repeated on every page (``w:tblHeader``), no row split
across a page (``w:cantSplit``), section rows spanning the table (``w:gridSpan``)."""

from __future__ import annotations

from typing import Any, NamedTuple

from .elements import qn
from .fragments import Fragment, escape_text


class TableXml(Fragment):
    """A w:tbl for docxtpl's ``{{p value}}``."""


class CellSpec(NamedTuple):
    """One cell: its text, the w:styleId of its paragraph, and how many grid columns it spans."""

    text: str
    style: str
    span: int = 1


def _paragraph(cell: CellSpec, keep_next: bool) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    ppr = f'<w:pPr><w:pStyle w:val="{escape_text(cell.style)}"/>{keep}</w:pPr>'
    # each line break of the text is a w:br, so a cell prints its lines as given
    runs = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape_text(line)}</w:t>' for line in cell.text.split("\n")
    )
    body = f"<w:r>{runs}</w:r>" if cell.text else ""
    return f"<w:p>{ppr}{body}</w:p>"


def _row(cells: list[CellSpec], widths: list[int], *, header: bool, keep_next: bool) -> str:
    # w:trPr children in schema order: cantSplit before tblHeader
    trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    out, column = [], 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        column += cell.span
        span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
        tcpr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}<w:vAlign w:val="center"/></w:tcPr>'
        out.append(f"<w:tc>{tcpr}{_paragraph(cell, keep_next)}</w:tc>")
    return f"<w:tr>{trpr}{''.join(out)}</w:tr>"


def grid_table(
    header: list[CellSpec],
    rows: list[tuple[list[CellSpec], bool]],
    widths: list[int],
    *,
    border_eighths: int = 4,
    cell_margin: int = 57,
) -> TableXml:
    """A bordered, fixed-layout table of ``widths`` (twips), centred; ``header`` repeats on each
    page; ``rows`` are (cells, keep with the next row)."""
    line = f'w:val="single" w:sz="{border_eighths}" w:space="0" w:color="000000"'
    borders = "".join(
        f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body = [_row(header, widths, header=True, keep_next=False)]
    body += [_row(cells, widths, header=False, keep_next=keep) for cells, keep in rows]
    return TableXml(f"<w:tbl>{tblpr}{grid}{''.join(body)}</w:tbl>")


_TBL, _GRID, _GRID_COL, _TR, _TC = (qn(f"w:{t}") for t in ("tbl", "tblGrid", "gridCol", "tr", "tc"))
_SPAN, _SPAN_VAL = f"{qn('w:tcPr')}/{qn('w:gridSpan')}", qn("w:val")


def grids_fit(tree: Any) -> bool:
    """Does every table under ``tree`` have a w:tblGrid that fits its rows — as docxtpl's
    ``fix_tables`` would leave it: no row with more cells than the grid has columns, and the
    widest row, spans counted, as wide as the grid? (A template's {%tc%} loop can break that.)"""
    for table in tree.iter(_TBL):
        grid = table.find(_GRID)
        if grid is None:
            return False
        columns = len(grid.findall(_GRID_COL))
        widest = 0
        for row in table.iter(_TR):
            cells = row.findall(_TC)
            if len(cells) > columns:
                return False
            spans = [cell.find(_SPAN) for cell in cells]
            widest = max(widest, sum(int(s.get(_SPAN_VAL, "1")) if s is not None else 1 for s in spans))
        if widest < columns:
            return False
    return True
