"""How fast `workplan serve` answers an edit: the server's part of the live preview.

Target (issue 14): an edit to the example re-renders the preview in ≤ 150 ms end to end. The
browser test (tests/test_serve_browser.py, run with -s) prints the whole figure — keystroke to
paginated A4 pages in Chromium — which was 67–102 ms, median 87 ms, on the 2-core machine. This
script times the server's share in-process: one heading edit on the bundled example through
/api/edit (splice into the YAML, re-read and check it, load, validate, number, render the HTML),
and a PDF download through the resident LibreOffice. Measured (machine loaded by other work, load
average ~6 on 2 cores): edit → state median 8–16 ms with the text's tree composed ahead (28 ms
more without); PDF first 3–5 s (LibreOffice starting), then 0.17–0.37 s each (docx render and
conversion).

Run: python benchmarks/bench_serve.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from generator.serve.app import Target, create_app
from generator.serve.edits import apply_ops
from generator.serve.state import build_state
from generator.serve.yaml_text import prepare

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-scratch-"))
    text = (REPO / "examples" / "example.yaml").read_text(encoding="utf-8")
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    app = create_app(Target(folder, None), token="t", hosts=["testserver"])
    headers = {"Origin": "http://testserver"}
    with TestClient(app, base_url="http://testserver", cookies={"workplan_token": "t"}) as client:
        times = []
        current = text
        for i in range(60):
            # As the page does: each edit is sent with the text the previous answer returned,
            # whose tree the server composed after answering (edits.prepare, a background task;
            # called here directly, since TestClient would count it in the request).
            prepare(current)
            op = {
                "op": "set",
                "path": ["plan", "sections", 0, "items", 0, "heading"],
                "value": f"落实核心制度{i}。",
            }
            start = time.perf_counter()
            new = apply_ops(current, [op])
            build_state(new, "example.yaml", scratch)
            times.append((time.perf_counter() - start) * 1000)
            current = new
        times = times[10:]
        median = statistics.median(times)
        print(f"edit → state (splice, check, load, validate, number, HTML): median {median:.1f} ms")
        pdf = []
        for _ in range(4):
            start = time.perf_counter()
            body = {"name": "example.yaml", "text": text, "format": "pdf"}
            response = client.post("/api/export", json=body, headers=headers)
            pdf.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        rest = statistics.median(pdf[1:])
        print(f"PDF download: first {pdf[0]:.0f} ms (starts LibreOffice), then {rest:.0f} ms")


if __name__ == "__main__":
    main()
