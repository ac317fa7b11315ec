"""`workplan serve`'s PDF download: one LibreOffice process serves every download (slow)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES
from starlette.testclient import TestClient

from generator.serve.app import Target, create_app
from generator.serve.pdf import PdfConverter, uno_python

pytestmark = pytest.mark.slow


def test_pdf_downloads_reuse_one_libreoffice(tmp_path: Path, soffice: str) -> None:
    if uno_python() is None:
        pytest.fail("python3-uno is not installed — run .ci/run (it installs python3-uno)")
    shutil.copy(EXAMPLES / "example.yaml", tmp_path / "example.yaml")
    text = (tmp_path / "example.yaml").read_text(encoding="utf-8")
    pdf = PdfConverter()
    app = create_app(Target(tmp_path, None), token="t", hosts=["testserver"], pdf=pdf)
    with TestClient(app, base_url="http://testserver", cookies={"workplan_token": "t"}) as client:
        pids = []
        for heading in ("推行医保移动支付。", "推行医保移动支付结算。"):
            body = {
                "name": "example.yaml",
                "text": text.replace("推行医保移动支付。", heading),
                "format": "pdf",
            }
            response = client.post("/api/export", json=body, headers={"Origin": "http://testserver"})
            assert response.status_code == 200 and response.content.startswith(b"%PDF-")
            pids.append(pdf.pid())
            out = tmp_path / "out.pdf"
            out.write_bytes(response.content)
            printed = subprocess.run(
                ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert heading in printed.replace(" ", "").replace("\n", "")
        assert pdf.mode == "resident" and pdf.conversions == 2
        assert pids[0] is not None and pids[0] == pids[1]  # the same LibreOffice worker both times
        worker = pids[0]
    assert pdf.pid() is None  # stopped with the server
    assert not Path(f"/proc/{worker}").exists() or "zombie" in Path(f"/proc/{worker}/status").read_text()
