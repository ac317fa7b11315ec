"""Tables built whole as XML for docxtpl's ``{{p …}}`` (the paragraph holding the tag is replaced by
the table): the 重点任务分工表, its header row repeated on every page (``w:tblHeader``), no row split
across a page (``w:cantSplit``), section rows spanning the table (``w:gridSpan``); and borderless
tables that only place text side by side (the 署名 of a sealed joint notice)."""

from __future__ import annotations

from typing import Any, NamedTuple

from .elements import qn
from .fragments import Fragment, ParagraphXml, escape_text


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


class PlacedCell(NamedTuple):
    """One cell of a :func:`layout_table`: its paragraphs (built by :func:`.fragments.paragraph`),
    the grid columns it spans, and its left and right cell margins in twips (a cell cut short by
    the 版心's edge centres its text where it should stand by a margin on its long side)."""

    paragraphs: tuple[ParagraphXml, ...]
    span: int = 1
    margins: tuple[int, int] = (0, 0)


_NO_BORDERS = "".join(
    f'<w:{side} w:val="none" w:sz="0" w:space="0" w:color="auto"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def layout_table(rows: list[list[PlacedCell]], widths: list[int], *, indent: int = 0) -> TableXml:
    """A table that only places text: no borders, fixed columns of ``widths`` (twips), no cell
    margins but the cells' own, its left edge ``indent`` twips right of the text's; no row split
    across a page. Word, WPS and LibreOffice keep such a grid as it is when the text is edited,
    where tab stops or spaces shift with every character typed."""
    zero = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/>'
        f'<w:tblBorders>{_NO_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{zero}</w:tblCellMar></w:tblPr>"
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body = []
    for cells in rows:
        out, column = [], 0
        for cell in cells:
            width = sum(widths[column : column + cell.span])
            column += cell.span
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            left, right = cell.margins
            margins = (
                f'<w:tcMar><w:left w:w="{left}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/></w:tcMar>'
                if left or right
                else ""
            )
            tcpr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{margins}</w:tcPr>'
            out.append(f"<w:tc>{tcpr}{''.join(p.xml for p in cell.paragraphs)}</w:tc>")
        body.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(out)}</w:tr>")
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
