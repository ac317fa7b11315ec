"""The Starlette application of ``workplan serve`` and the function that runs it on uvicorn."""

from __future__ import annotations

import contextlib
import ipaddress
import re
import shutil
import socket
import threading
import webbrowser
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import os_reason
from ..i18n import _
from ..resources import templates_dir
from . import api
from .pdf import PdfConverter
from .security import Guard, PathRefused, new_token, plan_file
from .state import scratch_dir

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK = "127.0.0.1"


class ServeError(ValueError):
    """The folder or file given to ``workplan serve`` cannot be served."""


@dataclass(frozen=True)
class Target:
    folder: Path
    initial: str | None


def resolve_target(path: Path) -> Target:
    """The folder to serve and the file to open first, from ``serve PLAN.yaml`` or ``serve FOLDER``."""
    if path.is_dir():
        return Target(path.resolve(), None)
    if path.is_file():
        folder = path.resolve().parent
        try:
            plan_file(folder, path.name)
        except PathRefused as exc:
            raise ServeError(_("{path}: {reason}").format(path=path, reason=exc)) from None
        return Target(folder, path.name)
    raise ServeError(
        _("{path}: no such file or folder — give a plan .yaml or a folder of plans").format(path=path)
    )


async def _index(request: object) -> Response:
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})


async def _plan_css(request: object) -> Response:
    return FileResponse(templates_dir() / "plan.css", media_type="text/css")


_FONT_NAME = re.compile(r"^[A-Za-z0-9_-]+\.(otf|ttf)$")


def font_dirs() -> list[Path]:
    """The font folders templates/fonts.conf hands to LibreOffice (the Fandol fonts of
    texlive-lang-chinese lie outside fontconfig's paths), so the preview can use the same faces
    as the PDF and break its lines where the PDF does."""
    try:
        conf = (templates_dir() / "fonts.conf").read_text(encoding="utf-8")
    except OSError:
        return []
    return [Path(d.strip()) for d in re.findall(r"<dir>([^<]+)</dir>", conf)]


async def _font(request: Request) -> Response:
    name = request.path_params["name"]
    if _FONT_NAME.match(name):
        for folder in font_dirs():
            path = folder / name
            if path.is_file():
                return FileResponse(path, headers={"Cache-Control": "max-age=86400"})
    return Response(_("no such font"), status_code=404, media_type="text/plain; charset=utf-8")


def allowed_hosts(host: str, port: int) -> list[str]:
    """Host headers this server answers: the names it is reached by, with and without the port."""
    names = {host, "localhost", LOOPBACK} if host in (LOOPBACK, "localhost") else {host}
    if host in ("0.0.0.0", "::"):
        # Every interface: the machine's own name and addresses (as /etc/hosts or DNS give them).
        names = {"localhost", LOOPBACK, socket.gethostname()}
        with contextlib.suppress(OSError):
            names.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None))
    out = []
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        out.extend([shown, f"{shown}:{port}"])
    return out


class ChinesePage:
    """ASGI middleware: the page is Chinese, so every message the library writes for it (loader
    errors, validate warnings, the diff page) is rendered in Chinese, whatever the server's locale."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from .. import i18n

        with i18n.speaking("zh"):
            await self.app(scope, receive, send)


async def _internal_error(request: Request, exc: Exception) -> Response:
    """An exception no handler expected: the page still gets a sentence it can show (Starlette's
    own is "Internal Server Error"); the traceback goes to the terminal as ever. This runs outside
    the middleware, so it speaks Chinese itself."""
    from .. import i18n

    with i18n.speaking("zh"):
        message = _(
            "the editor failed on this request (an internal error, shown in the terminal that runs "
            "`workplan serve`); the page keeps its text — download it or save it, then reload the page"
        )
    return JSONResponse({"error": message}, status_code=500)


def create_app(
    target: Target,
    *,
    token: str,
    hosts: list[str],
    cookie: str = "workplan_token",
    pdf: PdfConverter | None = None,
    warm_pdf: bool = False,
) -> Starlette:
    """The editor for ``target``; every request passes :class:`~.security.Guard` first."""
    editor = api.Editor(folder=target.folder, scratch=scratch_dir(), initial=target.initial)
    if pdf is not None:
        editor.pdf = pdf

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm_pdf:
            # LibreOffice takes seconds to start: do it while the clerk is still reading the page.
            threading.Thread(target=_warm, args=(editor.pdf,), daemon=True).start()
        try:
            yield
        finally:
            editor.pdf.close()
            shutil.rmtree(editor.scratch, ignore_errors=True)

    routes = [
        Route("/", _index),
        Route("/plan.css", _plan_css),
        Route("/fonts/{name}", _font),
        Route("/api/files", api.files),
        Route("/api/spec", api.spec),
        Route("/api/file", api.open_file),
        Route("/api/stat", api.stat),
        Route("/api/edit", api.edit, methods=["POST"]),
        Route("/api/render", api.render_text, methods=["POST"]),
        Route("/api/save", api.save, methods=["POST"]),
        Route("/api/export", api.export, methods=["POST"]),
        Route("/api/diff", api.diff, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        # ChinesePage outermost: the Guard's refusals are the page's words too.
        middleware=[Middleware(ChinesePage), Middleware(Guard, token=token, hosts=hosts, cookie=cookie)],
        lifespan=lifespan,
        exception_handlers={Exception: _internal_error},
    )
    app.state.editor = editor
    return app


def _warm(pdf: PdfConverter) -> None:
    with contextlib.suppress(Exception):  # a missing LibreOffice is reported when a PDF is asked for
        pdf.start()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    path: Path,
    *,
    host: str = LOOPBACK,
    port: int = 8765,
    open_browser: bool = True,
    echo: Callable[[str], None] = print,
) -> None:
    """Run the editor until Ctrl-C. Prints the URL with its token (as Jupyter does)."""
    import uvicorn

    target = resolve_target(path)
    if not is_loopback(host):
        echo(
            _(
                "warning: the editor listens on {host}: other computers of the network can connect "
                "(they still need the token). Do this on a trusted network only; by default it "
                "listens on 127.0.0.1 alone."
            ).format(host=host)
        )
    # Bind first: a port in use is one clear message before any URL is printed; --port 0 picks one.
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # before the URL is printed: a browser that opens it at once waits, not refused
    except OSError as exc:
        sock.close()
        raise ServeError(
            _("cannot listen on {host}:{port}: {reason} — choose another --port").format(
                host=host, port=port, reason=os_reason(exc)
            )
        ) from None
    port = sock.getsockname()[1]
    token = new_token()
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = socket.gethostname()
    url = f"http://{shown if not is_loopback(host) else LOOPBACK}:{port}/?token={token}"
    app = create_app(
        target, token=token, hosts=allowed_hosts(host, port), cookie=f"workplan_token_{port}", warm_pdf=True
    )
    echo(_("workplan editor: {folder}").format(folder=target.folder))
    echo(_("open in the browser: {url}").format(url=url))
    echo(_("press Ctrl-C to stop."))
    if open_browser:
        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
