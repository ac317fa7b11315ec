"""Shared paths: the real corpus lives in ../shared beside the checkout (as in CI)."""

from __future__ import annotations

import shutil
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
