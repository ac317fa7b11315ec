"""The numbers of GB/T 9704-2012 as the Word template lays them out: page, 版心, line grid, type
sizes, rules, the turned landscape page (§5, §7, §8), in twips unless said otherwise; and the
standard's fonts of each element.

One place for the standard's geometry of the .docx: the style sheet (:mod:`.docx_styles`), the
template program (:mod:`.docx_template`) and the Word writer read it from here.
"""

from __future__ import annotations

from .. import ooxml as ox

PAGE_W, PAGE_H = 11906, 16838  # A4 in twips
MARGIN_TOP = ox.mm_to_twips(37)  # 天头 37 mm (§5.2.1)
MARGIN_BOTTOM = ox.mm_to_twips(35)  # 297 − 37 − 225
MARGIN_LEFT = ox.mm_to_twips(28)  # 订口 28 mm
MARGIN_RIGHT = ox.mm_to_twips(26)  # 210 − 28 − 156
TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 版心 156 mm
LINE_PITCH = 579  # 28.95 pt: 22 × 579 = 12738 ≤ 12756 twips (225 mm), spec §1b/§1c
BODY_PT = 16  # 3号
ZI = BODY_PT * 20  # 1字 of body text in twips
SMALL_ZI = 14 * 20  # 1字 of 4号 (版记, 页码)
CHAR_SPACING = -5  # −0.25 pt per glyph: 28 glyphs per 156 mm line as LibreOffice renders (§1c)
# Footer distance: puts the 一字线 of "— N —" 7 mm under the 版心 (§7.5), measured in LibreOffice.
FOOTER_DISTANCE = ox.mm_to_twips(23.5)
RED = "FF0000"
RULE_EIGHTHS = 12  # red separator 1.5 pt ≈ 0.53 mm (practice 0.35–0.5 mm; thickness not in the standard)
IMPRINT_THICK = 8  # 版记 first/last rule 1 pt ≈ 0.35 mm (§7.4.1)
TASK_PT = 14  # 4号: the 分工表's text
TASK_LINE = 400  # 20 pt exact lines in its cells
JOINT_SUFFIX_WIDTH = 6 * ZI  # column of 文件 right of joint issuers' names
IMPRINT_THIN = 6  # 版记 middle rule 0.75 pt ≈ 0.26 mm (§7.4.1 recommends 0.25 mm)

# GB/T 9704 §8: a landscape table page is printed on the portrait sheet turned head-left (its head
# toward the 订口 on odd pages, toward the 切口 on even ones), so its margins are the portrait
# page's turned: top = 订口 28, bottom = 切口 26, left = 下白边 35, right = 天头 37 mm.
LANDSCAPE_MARGINS = {
    "top": MARGIN_LEFT,
    "bottom": MARGIN_RIGHT,
    "left": MARGIN_BOTTOM,
    "right": MARGIN_TOP,
}
LANDSCAPE_TEXT_WIDTH = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm across the turned page

# The page number of a landscape page: 7 mm under the turned 版心 (landscape x = 297 − 269 mm),
# the em box centred there; along the 版心's 156 mm, the portrait footers' paragraph styles.
TURNED_NUMBER_X = ox.mm_to_twips(297 - 269)
TURNED_NUMBER_BOX = 14 * 20 + 60  # one 4号 line
TURNED_NUMBER_SHIFT = 108  # LibreOffice 7.4 sets the turned line 1.9 mm left of the box centre (measured)


# ---------------------------------------------------------------- the font map (one place)

FONT_MAP = {
    "fang": "仿宋_GB2312",  # 正文, default of every element (§5.2.2)
    "hei": "黑体",  # 一、 headings, 密级, 紧急程度, 附件 label
    "kai": "楷体_GB2312",  # （一） run-in headings, 签发人 names
    "xbs": "方正小标宋简体",  # 发文机关标志, 标题
    "song": "宋体",  # 页码 (§7.5)
}
