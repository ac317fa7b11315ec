"""Where the bundled templates live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """The ``templates/`` folder shipped as the ``generator.templates`` package (its folder is read
    from the package itself: importlib.resources costs a render more than the lookup is worth)."""
    try:
        from . import templates
    except ImportError:
        templates = None
    for folder in getattr(templates, "__path__", []):
        found = Path(folder)
        if (found / "plan.txt.j2").exists() or (found / "__init__.py").exists():
            return found
    return Path(__file__).resolve().parent.parent / "templates"


NOTICE_TEMPLATE = "notice.docx"


def notice_template() -> Path:
    """The bundled Word template (built by ``writers/docx_template.py``)."""
    return templates_dir() / NOTICE_TEMPLATE
