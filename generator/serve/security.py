"""The editor's guards: a secret token, Host and Origin checks, and plan-file-only paths.

The server listens on the loopback interface, but any web page the clerk opens can send requests
to 127.0.0.1. So, as Jupyter does, every request must carry a random token (in the URL printed at
start, then in an HttpOnly SameSite=Strict cookie); the Host header must name this server (a
rebound DNS name pointing at 127.0.0.1 sends its own Host); a request that says where it comes
from (Origin, Sec-Fetch-Site) must come from this server's own page. Files are reached only by
name inside the served folder: no ``..``, no absolute path, no symlink that leads out, only
.yaml/.yml files.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..i18n import _

PLAN_SUFFIXES = (".yaml", ".yml")
TOKEN_PARAM = "token"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PathRefused(ValueError):
    """A file name the editor must not read or write."""


class PlanGone(PathRefused):
    """A plan file that was there when the page opened it and is not now (deleted, moved)."""


def plan_file(folder: Path, name: str, *, missing_ok: bool = False) -> Path:
    """The plan file ``name`` inside ``folder``, or :class:`PathRefused` (:class:`PlanGone` when
    it does not exist, unless ``missing_ok``: saving may create it again).

    ``name`` is relative with forward slashes; every part must be a plain name; the resolved file
    (symlinks followed) must still lie inside the resolved folder and be a .yaml/.yml file."""
    if not name or "\\" in name or "\x00" in name:
        raise PathRefused(_("not a valid file name"))
    pure = PurePosixPath(name)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        raise PathRefused(_("only files in the served folder can be opened"))
    if pure.suffix.lower() not in PLAN_SUFFIXES:
        raise PathRefused(_("only .yaml / .yml plan files can be opened"))
    base = folder.resolve()
    target = (base / pure).resolve()
    if not target.is_relative_to(base):
        raise PathRefused(_("the file links to a place outside the served folder: refused"))
    if target.suffix.lower() not in PLAN_SUFFIXES:
        raise PathRefused(_("only .yaml / .yml plan files can be opened"))
    if not target.parent.is_dir():
        raise PathRefused(_("the folder of the file does not exist"))
    if target.exists() and not target.is_file():
        raise PathRefused(_("this is not a file (a folder or a device)"))
    if missing_ok and not target.exists():
        return target
    if not target.is_file():
        raise PlanGone(_("the file is not there (deleted, moved or renamed?)"))
    return target


def plan_files(folder: Path) -> list[str]:
    """Names (relative, sorted) of the plan files directly in ``folder`` that :func:`plan_file` accepts."""
    names = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        try:
            plan_file(folder, entry.name)
        except PathRefused:
            continue
        names.append(entry.name)
    return names


class Guard:
    """ASGI middleware: refuse every request without the token, with a foreign Host or Origin."""

    def __init__(self, app: ASGIApp, *, token: str, hosts: Iterable[str], cookie: str) -> None:
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts}
        self.cookie = cookie

    def _host_ok(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.hosts

    def _origin_ok(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not self._host_ok(parts.netloc):
                return False
        site = headers.get("sec-fetch-site")
        return site is None or site in ("same-origin", "none")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            response = PlainTextResponse(_("not supported"), status_code=403)
            await response(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self._host_ok(headers.get("host")):
            await PlainTextResponse(
                _("refused: the host name is not this server’s (DNS rebinding)"), status_code=403
            )(scope, receive, send)
            return
        if not self._origin_ok(headers):
            await PlainTextResponse(_("refused: a request from another site"), status_code=403)(
                scope, receive, send
            )
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get(TOKEN_PARAM, [None])[0]
        if given is not None and hmac.compare_digest(given, self.token):
            if scope["method"] == "GET" and scope["path"] == "/":
                # Trade the token in the URL for a cookie, and drop it from the address bar.
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
                await response(scope, receive, send)
                return
            await self.app(scope, receive, _with_headers(send))
            return
        cookie = _cookie(headers, self.cookie)
        header = headers.get("x-workplan-token")
        if any(v is not None and hmac.compare_digest(v, self.token) for v in (cookie, header)):
            await self.app(scope, receive, _with_headers(send))
            return
        await PlainTextResponse(
            _(
                "no access token: open the full address `workplan serve` printed when it started "
                "(with ?token=…)"
            ),
            status_code=403,
        )(scope, receive, send)


def _cookie(headers: Headers, name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _sep, value = part.strip().partition("=")
        if key == name:
            return value
    return None


# The page loads only its own files; no other site may frame it (clickjacking) or sniff types.
# Inline styles stay allowed: the writer's diff page carries its own <style>.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        b"frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def _with_headers(send: Send) -> Send:
    async def wrapped(message: dict) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
        await send(message)

    return wrapped
