"""Where the bundled templates live, installed or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def templates_dir() -> Path:
    """The ``templates/`` folder shipped as the ``generator.templates`` package."""
    try:
        found = Path(str(resources.files("generator.templates")))
        if (found / "plan.txt.j2").exists() or (found / "__init__.py").exists():
            return found
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "templates"
