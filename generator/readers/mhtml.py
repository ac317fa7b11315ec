"""A web page saved as one file (.mht / .mhtml: "网页，单个文件" in IE and Edge, "Webpage, Single File"
in Chrome): a MIME message whose first HTML part is the page, its images and styles beside it.

The page is taken out with its declared charset and read by the HTML reader, so a page kept this
way imports as the same page saved as .html does; line numbers are the page's own lines.
"""

from __future__ import annotations

import email
import email.policy
import re

from ..i18n import _

_MIME_HEAD = re.compile(rb"^(?:[\x21-\x39\x3b-\x7e]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){1,40}", re.S)
_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)


class NotMhtml(ValueError):
    """The file is a MIME message without a web page in it."""


def is_mhtml(head: bytes) -> bool:
    """A MIME message of related parts (what browsers save a single-file page as)."""
    block = _MIME_HEAD.match(head.lstrip(b"\xef\xbb\xbf"))
    return block is not None and _RELATED.search(block.group(0)) is not None


def mhtml_page(raw: bytes) -> bytes:
    """The saved page's HTML, as UTF-8 with a BOM (the part's declared charset honoured)."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            try:
                return b"\xef\xbb\xbf" + payload.decode(charset, errors="replace").encode("utf-8")
            except LookupError:  # an unknown charset name: the page's own <meta> or sniffing decide
                pass
        return payload
    raise NotMhtml(_("a web archive (.mht) without a web page in it"))
