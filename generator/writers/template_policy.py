"""What a Word template's Jinja tags may do: print the placeholders workplan fills, nothing else.

An agency template travels between offices by mail; its tags are Jinja, and Jinja reaches Python
(``{{ cycler.__init__.__globals__.os.system(…) }}``). So templates are rendered in a sandbox
(:func:`sandboxed_environment`) that has no globals, calls nothing and reads only the attributes
the bundled template reads; and before rendering, :func:`policy_problems` refuses a template
whose tags name anything else, naming what it reached for.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n import N_, _

LOOP_ATTRIBUTES = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "previtem", "nextitem", "depth"}
)


def unknown_name_message(name: str) -> str:
    return _("the template's tags use `{name}`, which is not a placeholder workplan fills").format(name=name)


def attribute_message(attribute: str) -> str:
    return _("the template's tags reach for the attribute `.{attribute}`, which no placeholder has").format(
        attribute=attribute
    )


def call_message(what: str) -> str:
    return _("the template's tags call `{what}(…)`; templates may only print placeholders").format(what=what)


# Jinja's own reasons (English) for the slips made typing a tag in Word, said again in words.
_JINJA_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^[Uu]nexpected end of template"),
        N_("a tag is not closed: its opening braces lack the closing ones, or an if lacks its endif"),
    ),
    (re.compile(r"^Encountered unknown tag '(?P<what>[^']*)'"), N_("{what} is not a tag a template can use")),
    (
        re.compile(r"^expected token '(?P<wanted>[^']*)', got '(?P<what>[^']*)'"),
        N_("{what} stands where {wanted} belongs"),
    ),
    (re.compile(r"^unexpected char '(?P<what>.+?)' at \d+"), N_("an unexpected character {what} in a tag")),
    (re.compile(r"^unexpected '(?P<what>[^']*)'"), N_("an unexpected {what} in a tag")),
)


def parse_message(detail: str) -> str:
    for pattern, reason in _JINJA_REASONS:
        found = pattern.match(detail)
        if found:
            detail = _(reason).format(**found.groupdict())
            break
    return _("the template's tags do not parse: {detail}").format(detail=detail)


class PolicyEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox: no globals (no ``cycler``, ``range``, ``lipsum``), no calls, and only the
    attributes a template is given (:attr:`allowed_attributes`)."""

    allowed_attributes: frozenset[str] = LOOP_ATTRIBUTES

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return (
            not attr.startswith("_")
            and attr in self.allowed_attributes
            and not callable(value)
            and super().is_safe_attribute(obj, attr, value)
        )

    def is_safe_callable(self, obj: Any) -> bool:
        return False


def _called(node: nodes.Call) -> str:
    target = node.node
    parts: list[str] = []
    while isinstance(target, nodes.Getattr):
        parts.append(target.attr)
        target = target.node
    if isinstance(target, nodes.Name):
        parts.append(target.name)
    return ".".join(reversed(parts)) or "…"


def policy_problems(
    env: jinja2.Environment, sources: Iterable[str], names: frozenset[str], attributes: frozenset[str]
) -> list[str]:
    """Messages for every name, attribute or call in ``sources`` (Jinja template texts) outside
    ``names`` (the placeholders) and ``attributes``; empty for an acceptable template."""
    problems: list[str] = []
    for source in sources:
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(parse_message(exc.message or str(exc)))
            continue
        unknown = sorted(meta.find_undeclared_variables(tree) - names)
        problems += [unknown_name_message(name) for name in unknown]
        for call in tree.find_all(nodes.Call):
            problems.append(call_message(_called(call)))
        for node in tree.find_all(nodes.Getattr):
            if node.attr not in attributes or node.attr.startswith("_"):
                problems.append(attribute_message(node.attr))
        for node in tree.find_all(nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                problems.append(attribute_message(node.arg.value))
    return list(dict.fromkeys(problems))


def attributes_of(env: jinja2.Environment, sources: Iterable[str]) -> frozenset[str]:
    """The attributes the tags of ``sources`` read (those of the bundled template are allowed)."""
    found: set[str] = set()
    for source in sources:
        found.update(node.attr for node in env.parse(source).find_all(nodes.Getattr))
    return frozenset(found)


_TAG = re.compile(r"\{[{%](.*?)[}%]\}", re.S)
_ATTRIBUTE = re.compile(r"[\w\]\)]\s*\.\s*([A-Za-z_]\w*)")


def attributes_in_package(path: str) -> frozenset[str]:
    """The attributes read in the tags of a .docx's XML parts, found without python-docx or a
    Jinja parse (a few milliseconds, where :func:`attributes_of` over :func:`template_sources`
    costs tens — it runs on every start of a render). A superset of what the tags read, which is
    what the sandbox needs: attributes the bundled template itself reads."""
    found: set[str] = set()
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = re.sub(r"<[^>]*>", "", package.read(name).decode("utf-8"))
                for tag in _TAG.findall(xml):
                    found.update(_ATTRIBUTE.findall(tag))
    return frozenset(found)


def names_of(env: jinja2.Environment, sources: Iterable[str]) -> frozenset[str]:
    """The placeholders (free names) the tags of ``sources`` use."""
    found: set[str] = set()
    for source in sources:
        found.update(meta.find_undeclared_variables(env.parse(source)))
    return frozenset(found)


def template_sources(path: str) -> list[str]:
    """Every text of a .docx that docxtpl renders as Jinja: the body, headers and footers,
    footnotes, and the document properties (title, author, …)."""
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    template = DocxTemplate(path)
    template.init_docx()
    sources = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _key, part in template.get_headers_footers(uri):
            sources.append(template.patch_xml(template.get_part_xml(part)))
    for rel in template.docx._part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            xml = template.xml_to_string(parse_xml(rel.target_part.blob))
            sources.append(template.patch_xml(xml))
    props = template.docx.core_properties
    for prop in ("author", "comments", "identifier", "language", "subject", "title"):
        value = getattr(props, prop)
        if value:
            sources.append(value)
    return sources
