"""The template's style sheet: the font map and one named style per element and level ("WP Title",
"WP Section", "WP Item Heading" …), so an agency restyles in Word without code. The fonts sit in
five "WP Font …" base styles; every other style inherits its face from one of them.

:mod:`.docx_template` applies these to build ``templates/notice.docx``; an agency template is
checked against :data:`REQUIRED_STYLES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .docx_geometry import (
    FONT_MAP,  # noqa: F401 (the style sheet's fonts)
    IMPRINT_THICK,
    IMPRINT_THIN,
    RED,
    RULE_EIGHTHS,
    SMALL_ZI,
    TASK_LINE,
    TASK_PT,
    TEXT_WIDTH,
    ZI,
)


@dataclass
class StyleSpec:
    """A paragraph or character style of the template."""

    name: str
    kind: str = "paragraph"  # or "character"
    base: str | None = "Normal"
    font: str | None = None  # a FONT_MAP key, set only on the font base styles
    size: float | None = None
    color: str | None = None
    jc: str | None = None
    first_line: int | None = None
    hanging: int | None = None
    left: int | None = None
    right: int | None = None
    line: int | None = None  # exact line spacing, twips
    before: int | None = None
    snap: bool | None = None
    keep_next: bool = False
    widow_control: bool | None = None
    page_break_before: bool = False
    outline: int | None = None
    borders: dict[str, tuple[int, str, int]] = field(
        default_factory=dict
    )  # side → (eighths, color, space pt)
    tabs: list[tuple[str, int]] = field(default_factory=list)


def _unindented(name: str, **kw: object) -> StyleSpec:
    """A style with firstLine=0 written explicitly: Normal's 2字 indent must not leak (spec §1b)."""
    return StyleSpec(name, first_line=0, **kw)  # type: ignore[arg-type]


# Every element and level of the document, by name (see the module docstring).
STYLES: list[StyleSpec] = [
    # font base styles: the font map. Paragraph and character twins are linked in Word's UI.
    StyleSpec("WP Font Hei", font="hei"),
    StyleSpec("WP Font Hei Char", kind="character", base=None, font="hei"),
    StyleSpec("WP Font Kai", font="kai"),
    StyleSpec("WP Font Kai Char", kind="character", base=None, font="kai"),
    StyleSpec("WP Font XBS", font="xbs"),
    StyleSpec("WP Font XBS Char", kind="character", base=None, font="xbs"),
    StyleSpec("WP Font Song", font="song"),
    # 版头
    _unindented("WP Header Field", jc="left"),
    StyleSpec("WP Copy Number", kind="character", base=None),
    StyleSpec("WP Classification", kind="character", base="WP Font Hei Char"),
    StyleSpec("WP Urgency", kind="character", base="WP Font Hei Char"),
    StyleSpec(
        "WP Issuer Mark",
        base="WP Font XBS",
        color=RED,
        jc="center",
        first_line=0,
        size=30,
        snap=False,
    ),
    StyleSpec("WP Issuer Joint", base="WP Font XBS", color=RED, jc="distribute", first_line=0, snap=False),
    StyleSpec("WP Issuer Suffix", base="WP Font XBS", color=RED, jc="center", first_line=0, snap=False),
    _unindented("WP Blank", jc="left"),
    _unindented("WP Doc Number", jc="center", borders={"bottom": (RULE_EIGHTHS, RED, 4)}),
    StyleSpec(
        "WP Doc Number Upward",
        jc="left",
        first_line=0,
        borders={"bottom": (RULE_EIGHTHS, RED, 4)},
        tabs=[("left", ZI), ("right", TEXT_WIDTH - ZI)],
    ),
    StyleSpec("WP Signers", jc="right", first_line=0, right=ZI),
    StyleSpec("WP Signer Label", kind="character", base=None),
    StyleSpec("WP Signer Name", kind="character", base="WP Font Kai Char"),
    # a 文号 under the title (a notice without 版头, as a web page or 公报 prints it): no red rule
    _unindented("WP Doc Number Under Title", jc="center"),
    # 主体
    # snapToGrid off: on a line grid LibreOffice gives a 22 pt line two grid lines (measured)
    StyleSpec("WP Title", base="WP Font XBS", size=22, jc="center", first_line=0, snap=False),
    _unindented("WP Recipients", jc="both"),
    StyleSpec("WP Body"),
    # The last 正文 paragraph stays with the 署名: no page with 署名 alone (§7.3.5, §7.3.5.5). Word
    # splits it, carrying (widow control) its last two lines over with the 署名; LibreOffice never
    # splits a keep-with-next paragraph (measured), so its PDF is split by writers/flow.py.
    StyleSpec("WP Body Last", base="WP Body", keep_next=True, widow_control=True),
    StyleSpec("WP Attachment", first_line=None, left=2 * ZI + 3 * ZI, hanging=3 * ZI, keep_next=True),
    StyleSpec("WP Attachment First", first_line=None, left=6 * ZI, hanging=4 * ZI, keep_next=True),
    StyleSpec("WP Attachment Next", first_line=None, left=6 * ZI, hanging=ZI, keep_next=True),
    _unindented("WP Signatory", jc="right", keep_next=True),
    _unindented("WP Date", jc="right"),
    StyleSpec("WP Note"),
    # 附件: the plan
    StyleSpec("WP Annex Label", base="WP Font Hei", first_line=0, jc="left", page_break_before=True),
    StyleSpec(
        "WP Annex Title", base="WP Font XBS", size=22, jc="center", first_line=0, keep_next=True, snap=False
    ),
    StyleSpec("WP Preamble"),
    StyleSpec("WP Section", base="WP Font Hei", keep_next=True, outline=0),
    StyleSpec("WP Item", outline=1),
    StyleSpec("WP Item Heading", kind="character", base="WP Font Kai Char"),
    StyleSpec("WP Level 3", outline=2),
    StyleSpec("WP Level 3 Heading", kind="character", base=None),
    StyleSpec("WP Level 4", outline=3),
    StyleSpec("WP Level 4 Heading", kind="character", base=None),
    StyleSpec("WP Level 5", outline=4),
    StyleSpec("WP Level 5 Heading", kind="character", base=None),
    StyleSpec("WP Tasks"),
    StyleSpec("WP Table Title", base="WP Font Hei", jc="center", first_line=0, keep_next=True),
    StyleSpec("WP Table Text", size=12, jc="left", first_line=0, line=360, snap=False),
    # 重点任务分工表: 4号, header 黑体, body 仿宋; exact lines off the grid so rows take their height
    StyleSpec(
        "WP Task Head",
        base="WP Font Hei",
        size=TASK_PT,
        jc="center",
        first_line=0,
        line=TASK_LINE,
        snap=False,
    ),
    StyleSpec(
        "WP Task Section",
        base="WP Font Hei",
        size=TASK_PT,
        jc="left",
        first_line=0,
        line=TASK_LINE,
        snap=False,
    ),
    StyleSpec("WP Task Text", size=TASK_PT, jc="left", first_line=0, line=TASK_LINE, snap=False),
    StyleSpec("WP Task Center", size=TASK_PT, jc="center", first_line=0, line=TASK_LINE, snap=False),
    # carries a section break (orientation change) and takes no room
    StyleSpec("WP Section Break", first_line=0, line=20, snap=False),
    # 版记 (§7.4): 4号, indented 1字 each side; rules full 版心 width, 0.35 / 0.25 / 0.35 mm, drawn as
    # borders of their own thin paragraphs so the text's 1字 indents do not shorten them.
    StyleSpec("WP Imprint Anchor", first_line=0, line=20, snap=False, keep_next=True),
    StyleSpec(
        "WP Imprint Rule Thick",
        first_line=0,
        line=20,
        snap=False,
        borders={"bottom": (IMPRINT_THICK, "000000", 0)},
    ),
    StyleSpec(
        "WP Imprint Rule Thin",
        first_line=0,
        line=20,
        snap=False,
        borders={"bottom": (IMPRINT_THIN, "000000", 0)},
    ),
    StyleSpec(
        "WP CC", size=14, first_line=None, left=SMALL_ZI + 3 * SMALL_ZI, hanging=3 * SMALL_ZI, right=SMALL_ZI
    ),
    StyleSpec(
        "WP Printer",
        size=14,
        first_line=0,
        left=SMALL_ZI,
        right=SMALL_ZI,
        jc="left",
        tabs=[("right", TEXT_WIDTH - SMALL_ZI)],  # tab stops count from the margin, not the indent
    ),
    # 页码 (§7.5): 4号宋体, odd right / even left with 1字 indent
    StyleSpec("WP Page Number Odd", base="WP Font Song", size=14, jc="right", first_line=0, right=SMALL_ZI),
    StyleSpec("WP Page Number Even", base="WP Font Song", size=14, jc="left", first_line=0, left=SMALL_ZI),
]

OPTIONAL_STYLES = frozenset({"WP Doc Number Under Title"})
"""Styles added after agencies made their templates: a template without them still renders."""
REQUIRED_STYLES = tuple(spec.name for spec in STYLES if spec.name not in OPTIONAL_STYLES)
