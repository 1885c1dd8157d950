"""Errors to status codes, in one place: routes raise, this answers.

The API answers ``{"error": {"status", "message", "field"}}``; pages answer
an error page in the request's language. A form route that can name a field
re-renders its own form instead (keeping what was typed), so this is the
fallback for everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sistercities.errors import (
    AccessDeniedError,
    ConflictError,
    ForbiddenError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    SignInError,
    SisterCitiesError,
    StorageError,
    reason_of,
)
from sistercities.messages import Message, translate
from sistercities.web.csrf import CsrfError
from sistercities.web.sessions import SignInRequired, TokenRequired
from sistercities.web.templating import render, translator

STATUS: list[tuple[type[Exception], int]] = [
    (InputError, 422),
    (NotFoundError, 404),
    (ConflictError, 409),
    (ForbiddenError, 403),
    (PermissionDeniedError, 403),
    (AccessDeniedError, 403),
    (CsrfError, 403),
    (SignInError, 401),
    (TokenRequired, 401),
    (RateLimitedError, 429),
    (StorageError, 503),
]


def status_of(exc: Exception) -> int:
    """The HTTP status of a library error (400 for any other deliberate error)."""
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 400


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def said(exc: Exception) -> str:
    """What the library said, for a page: a :class:`Message` whole, translated by the page.

    ``str(exc)`` is English (the CLI's and the API's line, the field in front);
    a page shows the field apart, so an input error gives its reason alone.
    """
    if isinstance(exc, InputError) and exc.line is not None:
        if not isinstance(exc.reason, Message):
            return str(exc)
        if exc.field is None:
            return Message("line %(line)s: %(reason)s", line=str(exc.line), reason=exc.reason)
        return Message(
            "line %(line)s: %(field)s: %(reason)s",
            line=str(exc.line),
            field=exc.field,
            reason=exc.reason,
        )
    return reason_of(exc)


def answer(
    request: Request, status: int, message: str, field: str | None = None, shown: str | None = None
) -> Response:
    """One error, as JSON for the API or as a page for a person.

    The API's ``message`` is English (what scripts match); ``shown`` is the same
    in the request's language, for the workbench's pages that show an API
    refusal to the person (``web/static/research.js``).
    """
    headers = {"cache-control": "no-store"}
    if status == 401 and is_api(request):
        headers["www-authenticate"] = "Bearer"
    if is_api(request):
        said_here = shown if shown is not None else message
        body = {"error": {"status": status, "message": message, "field": field, "shown": said_here}}
        return JSONResponse(body, status_code=status, headers=headers)
    response = render(
        request, "error.html", {"status": status, "message": message, "field": field}, status
    )
    response.headers.update(headers)
    return response


async def library_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, SignInRequired) and not is_api(request):
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)
    status = status_of(exc)
    field = getattr(exc, "field", None)
    if is_api(request):
        shown = translate(said(exc), translator(request).language)
        if isinstance(exc, InputError) and exc.line is None and field is not None:
            shown = f"{field}: {shown}"
        response = answer(request, status, str(exc), field, shown)
    else:
        response = answer(request, status, said(exc), field)
    if isinstance(exc, RateLimitedError):
        response.headers["retry-after"] = str(exc.retry_after)
    return response


def _field(location: Any) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "request"


#: FastAPI's checks of a bound: the bound's name in its context, and our words.
BOUNDS: dict[str, tuple[str, Callable[[Any], Message]]] = {
    "greater_than_equal": ("ge", lambda n: Message("must be at least %(limit)s", limit=n)),
    "less_than_equal": ("le", lambda n: Message("must be at most %(limit)s", limit=n)),
    "greater_than": ("gt", lambda n: Message("must be more than %(limit)s", limit=n)),
    "less_than": ("lt", lambda n: Message("must be less than %(limit)s", limit=n)),
}


def _limit(error: Any, key: str) -> Any:
    return (error.get("ctx") or {}).get(key)


def _reason(error: Any) -> Message:
    """A parameter the address refuses (FastAPI's check), in words we translate.

    FastAPI words its checks in English (``Input should be a valid integer``);
    the kinds a person meets by editing an address are said as the library
    says them, any other kind as one sentence.
    """
    kind, given = error.get("type"), error.get("input")
    if kind == "missing":
        return Message("must be given")
    if kind == "int_parsing":
        return Message("%(value)r is not a whole number", value=str(given))
    if kind == "float_parsing":
        return Message("%(value)r is not a number", value=str(given))
    if kind == "string_too_long":
        return Message("at most %(limit)s characters", limit=_limit(error, "max_length"))
    bound = BOUNDS.get(str(kind))
    if bound is not None:
        key, words = bound
        return words(_limit(error, key))
    return Message("is not a value this address accepts")


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = _field(first.get("loc", ()))
    message = f"{field}: {first.get('msg', 'invalid')}"
    reason = _reason(first)
    if is_api(request):
        shown = f"{field}: {translate(reason, translator(request).language)}"
        body = {
            "error": {"status": 422, "message": message, "field": field, "shown": shown},
            "fields": [
                {"field": _field(e.get("loc", ())), "message": e.get("msg")} for e in errors
            ],
        }
        return JSONResponse(body, status_code=422)
    return answer(request, 422, reason, field)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    tr = translator(request)
    message = str(exc.detail)
    if exc.status_code == 404:
        message = tr.gettext("There is no page at this address.")
    elif exc.status_code == 405:
        message = tr.gettext("This address does not take that kind of request.")
    response = answer(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def install(app: FastAPI) -> None:
    """Register the handlers on an app."""
    app.add_exception_handler(SisterCitiesError, library_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
