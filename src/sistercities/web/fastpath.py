"""The fast path: the busiest reads answered again from this process while still current.

Why: the dashboard, the relationships list (page and API) and the public
portal are read far more often than the registry changes, and most of what a
request of them costs is the framework (routing, dependency resolution, a
thread for every step, validation, rendering), not the answer. This pure
ASGI layer sits in front of the app and, for the ``GET`` requests listed in
:data:`SIGNED_IN` and under :data:`PUBLIC_PREFIX`:

1. asks the registry, in one prepared query (:mod:`sistercities.operations.callers`),
   who is asking (bearer token or session cookie) and the registry's version
   (which every committed write moves on, in commit order). An unknown,
   revoked, disabled or expired caller goes on to the app, which refuses
   it as always (401 or the sign-in page): nothing is ever answered from
   here to someone the registry would not let in, and a revoked token or
   ended session is refused by the very next request, in every worker;
2. answers from a copy kept in this process when one was made for the same
   question, by the same kind of caller, at the same version: the key is
   the address (host, path, query), the registry's version, today's date,
   and who asks. A page shows the account's name and its CSRF token, so a
   page's key is the whole account and session (:class:`Principal`) and the
   language; an API answer depends only on what the role may see (contact
   details, a partner's organisation), so its key is the role and the
   organisation. A public page is the same for everyone: its key is the
   language inputs (the ``sc_lang`` cookie, ``Accept-Language``) and
   ``If-None-Match`` (a 304 is kept like a 200);
3. otherwise hands the request to the app with the caller already looked up
   (``request.state.principal``: no second query), and keeps the answer if it
   is a ``200`` (or a public ``304``) without ``Set-Cookie`` and, for public
   pages, marked ``Cache-Control: public`` by the app.

Requests that arrive for the same key while it is being made wait for that
one answer instead of each making it (the first dashboard after a change
reads the health of every relationship; the first portal page renders ~100
relationships), so a write never sets off a pile of identical work.

The kept copies are derived, never state: any worker builds the same answer
from the registry, and a copy made at an older version is never served once
the version has moved on. At most :data:`MAX_ENTRIES` answers and
:data:`MAX_BYTES` bytes are kept per process, the least recently used
dropped first.

The lookup runs on the event loop (no thread hop): it is one indexed read of
a few rows, cheaper than handing it to a thread.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sistercities.operations import callers
from sistercities.registry.store import Registry
from sistercities.web import i18n

#: Signed-in reads kept per caller: path -> what the key holds of the caller.
SIGNED_IN: dict[str, str] = {
    "/": "page",
    "/relationships": "page",
    "/api/v1/relationships": "api",
    "/api/v1/dashboard": "api",
}
#: Public pages (the portal): the same for everyone; kept only when the app says public.
PUBLIC_PREFIX = "/portal"
MAX_ENTRIES = 512
MAX_BYTES = 32 * 1024 * 1024  # well inside the 250 MB a worker may use
SESSION_COOKIE = b"sc_session"
_LANG_COOKIE = i18n.COOKIE.encode()
_LIMIT = 200  # longest token or cookie looked up (as the app does)


@dataclass(frozen=True)
class Kept:
    """An answer as the app sent it: status, headers, body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class AnswerCache:
    """Answers by key, least recently used dropped first; emptied when the version moves on."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[tuple[Any, ...], Kept] = OrderedDict()
        self.size = 0
        self.version = -1

    def get(self, key: tuple[Any, ...]) -> Kept | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def seen(self, version: int) -> None:
        """A request read ``version``: copies of older versions can never be served again."""
        if version > self.version:
            self.entries.clear()
            self.size = 0
            self.version = version

    def put(self, key: tuple[Any, ...], kept: Kept) -> None:
        if len(kept.body) > self.max_bytes // 8 or key[0] < self.version:
            return
        if key in self.entries:
            self.size -= len(self.entries.pop(key).body)
        self.entries[key] = kept
        self.size += len(kept.body)
        while len(self.entries) > self.max_entries or self.size > self.max_bytes:
            _, old = self.entries.popitem(last=False)
            self.size -= len(old.body)


@lru_cache(maxsize=256)
def _language(cookie: str | None, accept_language: str | None) -> str:
    return i18n.negotiate(cookie, accept_language)


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return dict(scope["headers"])


def _cookie(header: bytes, name: bytes) -> str | None:
    for part in header.split(b";"):
        key, _, value = part.strip().partition(b"=")
        if key == name:
            return value.decode("latin-1").strip('"')
    return None


def _bearer(headers: dict[bytes, bytes]) -> str | None:
    scheme, _, value = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class FastPath:
    """ASGI middleware: see the module's docstring."""

    def __init__(self, app: ASGIApp, *, registry: Registry):
        self.app = app
        self.registry = registry
        self.cache = AnswerCache()
        self.making: dict[tuple[Any, ...], asyncio.Future[Kept | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        kind = SIGNED_IN.get(path)
        if kind is None and not (path == PUBLIC_PREFIX or path.startswith(PUBLIC_PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        key = self._key(scope, headers, kind)
        if key is None:  # no one the registry lets in: the app refuses as always
            await self.app(scope, receive, send)
            return
        await self._answer(key, kind is None, scope, receive, send)

    def _key(
        self, scope: Scope, headers: dict[bytes, bytes], kind: str | None
    ) -> tuple[Any, ...] | None:
        """The question's key (version first), or ``None`` to leave it to the app."""
        cookies = headers.get(b"cookie", b"")
        address = (scope.get("scheme"), headers.get(b"host"), scope.get("root_path", ""),
                   scope["path"], scope["query_string"])
        if kind is None:
            version = callers.registry_version(self.registry)
            inputs = (_cookie(cookies, _LANG_COOKIE), headers.get(b"accept-language"),
                      headers.get(b"if-none-match"))
            return (version, "public", *address, inputs)
        token = _bearer(headers)
        session = None if token is not None else _cookie(cookies, SESSION_COOKIE)
        if token is not None:
            caller = callers.caller_by_token(self.registry, token=token[:_LIMIT])
        elif session:
            caller = callers.caller_by_session(self.registry, cookie=session[:_LIMIT])
        else:
            return None
        state = scope.setdefault("state", {})
        state["principal"], state["by_token"] = caller.principal, token is not None
        principal = caller.principal
        if principal is None or caller.version is None:
            return None
        today = dt.date.today().isoformat()
        if kind == "api":
            who: tuple[Any, ...] = (principal.role, principal.actor_id)
        else:
            accept = headers.get(b"accept-language", b"").decode("latin-1")
            language = _language(_cookie(cookies, _LANG_COOKIE), accept or None)
            who = (principal, language)
        return (caller.version, kind, *address, today, who)

    async def _answer(
        self, key: tuple[Any, ...], public: bool, scope: Scope, receive: Receive, send: Send
    ) -> None:
        self.cache.seen(key[0])
        kept = self.cache.get(key)
        pending = self.making.get(key) if kept is None else None
        if pending is not None:
            kept = await asyncio.shield(pending)
            if kept is None:  # that answer could not be kept: this one is made afresh
                await self.app(scope, receive, send)
                return
        if kept is not None:
            await send({"type": "http.response.start", "status": kept.status,
                        "headers": kept.headers})
            await send({"type": "http.response.body", "body": kept.body})
            return
        making: asyncio.Future[Kept | None] = asyncio.get_running_loop().create_future()
        self.making[key] = making
        try:
            made = await self._through(scope, receive, send, public)
            if made is not None:
                self.cache.put(key, made)
            making.set_result(made)
        except BaseException:
            making.set_result(None)
            raise
        finally:
            del self.making[key]

    async def _through(
        self, scope: Scope, receive: Receive, send: Send, public: bool
    ) -> Kept | None:
        """Let the app answer; a copy of its answer when it may be kept."""
        start: dict[str, Any] = {}
        body: list[bytes] = []
        complete = False

        async def keep(message: Message) -> None:
            nonlocal complete
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, keep)
        headers = list(start.get("headers", []))
        names = {name.lower() for name, _ in headers}
        control = dict(headers).get(b"cache-control", b"")
        status = start.get("status")
        keepable = (
            complete
            and b"set-cookie" not in names
            and (status == 200 or (public and status == 304))
            and (not public or control.startswith(b"public"))
        )
        return Kept(int(status or 0), headers, b"".join(body)) if keepable else None
