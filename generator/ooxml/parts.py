"""Package-level parts Word and WPS read before any text: fontTable.xml, compatibility and language
settings, and the style sheet's cross-references.

Why these matter on another machine: most Chinese Windows installs have 仿宋 and 楷体 but not
仿宋_GB2312 / 楷体_GB2312. Word picks a substitute for a missing face from fontTable.xml — its
``w:altName`` first, then the ``w:charset`` (86 = GB2312) and family — so an entry per named face
keeps the 正文 in a 仿宋 rather than falling back to a Latin default. A compatibilityMode below 15
opens the file in Compatibility Mode, and a ja-JP ``themeFontLang`` makes Word pick Japanese glyph
forms for theme-font text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .elements import W_NS, parse_xml, qn, set_attrs, settings_child

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement


@dataclass(frozen=True)
class FontFace:
    """One w:font entry of fontTable.xml."""

    name: str
    alt_name: str | None
    charset: str  # "86" GB2312, "00" ANSI
    family: str  # auto | roman | swiss | modern | script | decorative
    pitch: str  # fixed | variable
    panose: str | None = None


FONT_FACES: dict[str, FontFace] = {
    face.name: face
    for face in (
        # alt names are the faces every Chinese Windows has; 小标宋 is a Song face, so 宋体 is the
        # closest universally installed substitute (华文中宋 ships only with Office).
        FontFace("仿宋_GB2312", "仿宋", "86", "modern", "fixed"),
        FontFace("楷体_GB2312", "楷体", "86", "modern", "fixed"),
        FontFace("方正小标宋简体", "宋体", "86", "script", "fixed"),
        FontFace("黑体", "SimHei", "86", "modern", "fixed", "02010609060101010101"),
        FontFace("宋体", "SimSun", "86", "auto", "variable", "02010600030101010101"),
        FontFace("仿宋", "FangSong", "86", "modern", "fixed", "02010609060101010101"),
        FontFace("楷体", "KaiTi", "86", "modern", "fixed", "02010609060101010101"),
        FontFace("Times New Roman", None, "00", "roman", "variable", "02020603050405020304"),
    )
}
"""Known faces; a named face not listed gets a GB2312 entry without an alt name."""


def font_table_xml(names: list[str]) -> bytes:
    """fontTable.xml naming exactly ``names`` (in that order), children in schema order
    (altName, panose1, charset, family, pitch)."""
    entries: list[str] = []
    for name in names:
        face = FONT_FACES.get(name) or FontFace(name, None, "86", "auto", "variable")
        parts = [f'<w:font w:name="{_attr(face.name)}">']
        if face.alt_name:
            parts.append(f'<w:altName w:val="{_attr(face.alt_name)}"/>')
        if face.panose:
            parts.append(f'<w:panose1 w:val="{face.panose}"/>')
        parts.append(f'<w:charset w:val="{face.charset}"/>')
        parts.append(f'<w:family w:val="{face.family}"/>')
        parts.append(f'<w:pitch w:val="{face.pitch}"/>')
        parts.append("</w:font>")
        entries.append("".join(parts))
    body = "".join(entries)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}">{body}</w:fonts>'
    ).encode()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def named_fonts(*roots: BaseOxmlElement) -> list[str]:
    """Every face named by a w:rFonts below ``roots``, in first-seen order."""
    seen: dict[str, None] = {}
    for root in roots:
        for fonts in root.iter(qn("w:rFonts")):
            for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                value = fonts.get(qn(f"w:{attr}"))
                if value:
                    seen.setdefault(value, None)
    return list(seen)


def set_compatibility_mode(settings: BaseOxmlElement, mode: int = 15) -> None:
    """w:compat/w:compatSetting compatibilityMode: 15 = Word 2013 and later (no Compatibility Mode)."""
    compat = settings_child(settings, "compat")
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            set_attrs(setting, val=mode)
            return
    setting = parse_xml(
        f'<w:compatSetting xmlns:w="{W_NS}" w:name="compatibilityMode" '
        f'w:uri="http://schemas.microsoft.com/office/word" w:val="{mode}"/>'
    )
    compat.append(setting)


def set_theme_font_lang(settings: BaseOxmlElement, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    """w:themeFontLang: the language Word uses to pick theme fonts' East Asian script (Hans)."""
    set_attrs(settings_child(settings, "themeFontLang"), val=latin, eastAsia=east_asia)


def drop_dangling_style_links(styles: BaseOxmlElement) -> list[str]:
    """Remove w:link (and w:basedOn / w:next) pointing at a style the sheet does not define
    (python-docx's Header → HeaderChar after pruning); returns what was removed."""
    ids = {style.get(qn("w:styleId")) for style in styles.iter(qn("w:style"))}
    removed: list[str] = []
    for style in styles.iter(qn("w:style")):
        for tag in ("link", "basedOn", "next"):
            ref = style.find(qn(f"w:{tag}"))
            if ref is not None and ref.get(qn("w:val")) not in ids:
                removed.append(f"{style.get(qn('w:styleId'))} {tag} {ref.get(qn('w:val'))}")
                style.remove(ref)
    return removed


def set_styles_language(styles: BaseOxmlElement, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    """The East Asian language of every w:lang in the style sheet (docDefaults included)."""
    for lang in styles.iter(qn("w:lang")):
        set_attrs(lang, val=latin, eastAsia=east_asia)
