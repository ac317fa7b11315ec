"""The editor's JSON API: list, open, edit, render, save (with conflict and merge), export, diff.

The server keeps no editing session: the page holds the text it edits and sends it with each
request, so undo/redo is the page swapping texts, and a reload loses nothing that was saved.
Saving compares the SHA-256 of the file on disk with the one the page loaded; when they differ
the file is not written and the page gets the disk version, a three-way merge (``git merge-file``
over the loaded, the page's and the disk's text) and the diff between them.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..diff import diff_documents
from ..errors import InputError, os_reason
from ..i18n import _
from ..limits import read_input
from ..load import decode_plan, load_text
from ..output import OutputError, is_read_only, write_atomic
from ..render import render
from ..soffice import SofficeError
from ..writers.diff_html import render_diff_html
from .edits import EditError, apply_ops
from .fields import form_spec
from .pdf import PdfConverter
from .security import PathRefused, PlanGone, plan_file, plan_files
from .state import build_state, page_text
from .yaml_text import prepare

MAX_REQUEST = 4 * 1024 * 1024  # a plan is a few KiB; refuse anything that cannot be one


@dataclass
class Editor:
    """What the handlers share: the folder, a scratch folder, the PDF converter."""

    folder: Path
    scratch: Path
    pdf: PdfConverter = field(default_factory=PdfConverter)
    initial: str | None = None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _error(message: str, status: int = 400, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_REQUEST:
        raise ValueError(_("the request is too large"))
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:  # json's words are English ("Expecting value: line 1 column 1")
        raise ValueError(_("the request is not in the form the page sends")) from None
    if not isinstance(data, dict):
        raise ValueError(_("the request is not in the form the page sends"))
    return data


def _file(editor: Editor, name: object) -> Path:
    if not isinstance(name, str):
        raise PathRefused(_("the request names no file"))
    return plan_file(editor.folder, name)


def _text(data: dict[str, Any]) -> str:
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError(_("the request holds no text"))
    return text


async def files(request: Request) -> JSONResponse:
    editor: Editor = request.app.state.editor
    return JSONResponse(
        {
            "folder": editor.folder.name or str(editor.folder),
            "files": plan_files(editor.folder),
            "initial": editor.initial,
        }
    )


def _disk_bytes(path: Path) -> bytes:
    """A plan file's bytes through the CLI's input checks: a FIFO, a device or an oversized file in
    the served folder is refused (as OSError) instead of blocking or filling memory."""
    try:
        return read_input(path)
    except InputError as exc:
        raise OSError(exc.problems[0].message) from None


async def spec(request: Request) -> JSONResponse:
    return JSONResponse(form_spec())


async def open_file(request: Request) -> JSONResponse:
    editor: Editor = request.app.state.editor
    try:
        path = _file(editor, request.query_params.get("name"))
        text = decode_plan(_disk_bytes(path), path.name)
    except PathRefused as exc:
        return _error(str(exc), 403)
    except InputError as exc:  # GBK, UTF-16, a .docx named .yaml: the loader's words and position
        return _error(page_text(exc.problems[0]), 400)
    except OSError as exc:
        return _error(_("cannot read the file: {reason}").format(reason=os_reason(exc)), 400)
    name = request.query_params["name"]
    state = await asyncio.to_thread(build_state, text, name, editor.scratch)
    return JSONResponse(
        {
            "name": name,
            "text": text,
            "hash": digest(text),
            "read_only": is_read_only(path),
            "state": state.as_json(),
        },
        background=BackgroundTask(prepare, text),
    )


async def stat(request: Request) -> JSONResponse:
    """The hash of the file on disk now, so the page notices a change made elsewhere (and a file
    deleted or moved away, or made read-only, while it was open)."""
    editor: Editor = request.app.state.editor
    try:
        path = _file(editor, request.query_params.get("name"))
        text = _disk_bytes(path).decode("utf-8-sig", "replace")
    except PlanGone:
        return JSONResponse({"hash": None, "gone": True})
    except PathRefused as exc:
        return _error(str(exc), 403)
    except OSError as exc:
        return _error(_("cannot read the file: {reason}").format(reason=os_reason(exc)), 400)
    return JSONResponse({"hash": digest(text), "read_only": is_read_only(path)})


async def edit(request: Request) -> JSONResponse:
    """Apply the page's operations to its text; the new text and what to show for it."""
    editor: Editor = request.app.state.editor
    try:
        data = await _body(request)
        name = data.get("name")
        _file(editor, name)
        text = _text(data)
        ops = data.get("ops") or []
        if not isinstance(ops, list):
            raise ValueError(_("the request's `ops` must be a list"))
        new = apply_ops(text, ops)
    except PathRefused as exc:
        return _error(str(exc), 403)
    except EditError as exc:
        return _error(
            _(
                "this change cannot be made ({reason}). If the file has errors, correct them first as "
                "the messages say (or in “Advanced: edit the YAML source”); otherwise undo and try again."
            ).format(reason=exc),
            422,
        )
    except ValueError as exc:
        return _error(str(exc))
    state = await asyncio.to_thread(build_state, new, str(name), editor.scratch)
    return JSONResponse({"text": new, "state": state.as_json()}, background=BackgroundTask(prepare, new))


async def render_text(request: Request) -> JSONResponse:
    editor: Editor = request.app.state.editor
    try:
        data = await _body(request)
        _file(editor, data.get("name"))
        text = _text(data)
    except PathRefused as exc:
        return _error(str(exc), 403)
    except ValueError as exc:
        return _error(str(exc))
    state = await asyncio.to_thread(build_state, text, str(data["name"]), editor.scratch)
    return JSONResponse({"state": state.as_json()}, background=BackgroundTask(prepare, text))


def merge3(base: str, mine: str, theirs: str) -> tuple[str, bool] | None:
    """Three-way line merge with ``git merge-file``; (text, clean) or None without git."""
    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory(prefix="workplan-merge-") as tmp:
        paths = []
        for label, content in (("mine", mine), ("base", base), ("theirs", theirs)):
            p = Path(tmp) / label
            p.write_text(content, encoding="utf-8")
            paths.append(str(p))
        result = subprocess.run(
            [
                git,
                "merge-file",
                "-p",
                "-L",
                _("this page"),
                "-L",
                _("when opened"),
                "-L",
                _("on disk"),
                *paths,
            ],
            capture_output=True,
            check=False,
        )
    if result.returncode < 0 or result.returncode > 127:
        return None
    return result.stdout.decode("utf-8"), result.returncode == 0


def _diff_html(old_text: str, new_text: str, name: str) -> str | None:
    try:
        old = load_text(old_text, name)
        new = load_text(new_text, name)
    except InputError:
        return None
    return render_diff_html(diff_documents(old, new))


async def _plan_and_text(request: Request) -> tuple[dict[str, Any], Path, str] | JSONResponse:
    """The request's body, the plan file it names and the text it sends — or the refusal (403 for
    a path outside the folder, 400 for a malformed body)."""
    editor: Editor = request.app.state.editor
    try:
        data = await _body(request)
        path = _file(editor, data.get("name"))
        text = _text(data)
    except PathRefused as exc:
        return _error(str(exc), 403)
    except ValueError as exc:
        return _error(str(exc))
    return data, path, text


async def save(request: Request) -> JSONResponse:
    editor: Editor = request.app.state.editor
    try:
        data = await _body(request)
        text = _text(data)
        # A file deleted or moved away while open: the page's text is all there is now, so the
        # clerk is asked, and may write it back (force) — never refused outright, never silently.
        path = plan_file(editor.folder, str(data.get("name") or ""), missing_ok=bool(data.get("force")))
    except PlanGone:
        return JSONResponse({"conflict": True, "gone": True}, status_code=409)
    except PathRefused as exc:
        return _error(str(exc), 403)
    except ValueError as exc:
        return _error(str(exc))
    if not path.exists():
        try:
            write_atomic(path, text)
        except OutputError as exc:
            return _error(_("not saved: {reason}").format(reason=exc), 500)
        return JSONResponse({"hash": digest(text)})
    if is_read_only(path):
        # Someone made the plan read-only: the rename of an atomic write would replace it anyway.
        return _error(
            _(
                "this file is read-only and was not saved. Make it writable (or ask the administrator "
                "for write permission), then save again; the changes stay on this page."
            ),
            403,
            read_only=True,
        )
    try:
        raw = _disk_bytes(path)
    except OSError as exc:
        return _error(
            _("cannot read the file on disk, not saved: {reason}").format(reason=os_reason(exc)), 400
        )
    disk = raw.decode("utf-8-sig", "replace")
    if digest(disk) != data.get("base_hash") and not data.get("force"):
        base = data.get("base_text") if isinstance(data.get("base_text"), str) else None
        merged = merge3(base, text, disk) if base is not None else None
        return JSONResponse(
            {
                "conflict": True,
                "disk_text": disk,
                "disk_hash": digest(disk),
                "merged": merged[0] if merged else None,
                "merge_clean": bool(merged and merged[1]),
                "diff_html": await asyncio.to_thread(_diff_html, disk, text, str(data["name"])),
            },
            status_code=409,
        )
    mode = path.stat().st_mode & 0o7777
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""  # kept, like every other byte
    try:
        write_atomic(path, bom + text)
        os.chmod(path, mode)  # a new file's mode would replace the plan's own (e.g. 0600)
    except OutputError as exc:
        return _error(_("not saved: {reason}").format(reason=exc), 500)
    except OSError:
        pass  # written; only its mode could not be restored
    return JSONResponse({"hash": digest(text)})


EXPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


async def export(request: Request) -> Response:
    editor: Editor = request.app.state.editor
    try:
        data = await _body(request)
        _file(editor, data.get("name"))
        text = _text(data)
        fmt = data.get("format")
        if fmt not in EXPORT_TYPES:
            raise ValueError(_("the format must be docx, pdf or html"))
        document = load_text(text, str(data["name"]))
    except PathRefused as exc:
        return _error(str(exc), 403)
    except InputError as exc:
        return _error(
            "\n".join([_("the file has errors; correct them first:"), *map(page_text, exc.problems)]), 422
        )
    except ValueError as exc:
        return _error(str(exc))

    def produce() -> bytes:
        if fmt == "pdf":
            docx = render(document, "docx")
            assert isinstance(docx, bytes)
            return editor.pdf.convert(docx)
        out = render(document, fmt)
        return out.encode("utf-8") if isinstance(out, str) else out

    try:
        payload = await asyncio.to_thread(produce)
    except SofficeError as exc:
        return _error(_("the PDF could not be made: {reason}").format(reason=exc), 500)
    filename = f"{Path(str(data['name'])).stem}.{fmt}"
    return Response(
        payload,
        media_type=EXPORT_TYPES[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


def git_head_text(path: Path) -> str | None:
    """The file as committed at git HEAD, or None (no git, not in a repository, not committed)."""
    git = shutil.which("git")
    if git is None:
        return None
    result = subprocess.run(
        [git, "show", f"HEAD:./{path.name}"], cwd=path.parent, capture_output=True, check=False, timeout=20
    )
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8-sig", "replace")


async def diff(request: Request) -> JSONResponse:
    asked = await _plan_and_text(request)
    if isinstance(asked, JSONResponse):
        return asked
    data, path, text = asked
    against = data.get("against", "disk")
    if against == "head":
        old = await asyncio.to_thread(git_head_text, path)
        if old is None:
            return _error(_("this file is not in a git repository, or is not committed yet"), 404)
    else:
        old = _disk_bytes(path).decode("utf-8-sig", "replace")
    html = await asyncio.to_thread(_diff_html, old, text, str(data["name"]))
    if html is None:
        return _error(
            _("one of the two versions does not load (it has errors), so they cannot be compared"), 422
        )
    return JSONResponse({"html": html, "same": old == text})
