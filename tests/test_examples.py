"""The rendered outputs committed beside examples/example.yaml are those of the current code.

They are there for a reader of the repository to look at without installing anything; this test
only keeps them from going stale (rebuild: `workplan render examples/example.yaml -o
examples/example.<fmt>` for txt, md, html, docx and pdf).
"""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest

from generator.load import load_document
from generator.render import render
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "example.yaml"


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_committed_text_outputs_are_current(fmt: str) -> None:
    committed = (EXAMPLES / f"example.{fmt}").read_text(encoding="utf-8")
    assert committed == render(load_document(EXAMPLE), fmt), f"re-render examples/example.{fmt}"


def test_committed_docx_says_what_the_writer_says_now() -> None:
    fresh = render(load_document(EXAMPLE), "docx")
    assert isinstance(fresh, bytes)

    def paragraphs(data: bytes) -> list[str]:
        return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]

    assert paragraphs((EXAMPLES / "example.docx").read_bytes()) == paragraphs(fresh)


def test_committed_pdf_has_the_documents_words() -> None:
    with pdfplumber.open(EXAMPLES / "example.pdf") as pdf:
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
    words = "".join(render(load_document(EXAMPLE), "txt").split())
    for line in ("关于印发《2025年云溪市医疗服务提升", "云卫医〔2025〕12号", "2025年2月18日印发", "—1—"):
        assert "".join(line.split()) in text
    assert len(text) >= 0.9 * len(words)
