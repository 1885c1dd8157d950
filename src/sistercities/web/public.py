"""Rendering public pages: their language, their dates and numbers, and their cache.

The portal is read without signing in, so its pages never depend on who is
asking: no account, no CSRF token, no cookie but the language switch. That
makes them cacheable: a page is the same for everyone at the same registry
version (:func:`sistercities.operations.portal.version`), in the same
language, so its ETag is a hash of the three, a browser or a proxy that
holds it gets ``304 Not Modified``, and each worker keeps the last rendered
pages keyed by that ETag (a derived copy, never state: any worker renders
the same page from the registry).

Language of a portal page, in order: the switch (``sc_lang`` cookie); the
portal's own language when the browser accepts it at all (Cuenca's portal
reads in Spanish to anyone whose browser lists Spanish); the browser's
first supported language; English.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from sistercities import i18n as core_i18n
from sistercities.vocabulary import label
from sistercities.web import i18n
from sistercities.web.templating import ENV

CACHE_SIZE = 512
_CACHE: OrderedDict[str, bytes] = OrderedDict()


def accepted(accept_language: str | None) -> list[str]:
    """The supported languages a browser accepts (q > 0), best first."""
    found = []
    for item in (accept_language or "").split(","):
        tag, _, params = item.strip().partition(";")
        if params.strip() in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        language = core_i18n.normalise(tag)
        if language and language not in found:
            found.append(language)
    return found


def page_language(request: Request, preferred: str | None = None) -> str:
    """The language of a portal or council page (see the module's docstring)."""
    cookie = request.cookies.get(i18n.COOKIE)
    if cookie in i18n.LANGUAGES:
        return str(cookie)
    header = request.headers.get("accept-language")
    browser = accepted(header)
    if preferred in i18n.LANGUAGES and (preferred in browser or not header):
        return str(preferred)
    return core_i18n.negotiate(header) or (
        preferred if preferred in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    )


def partial_date(text: str | None, language: str) -> str:
    """A stored partial date in the reader's locale: ``2021``, ``julio de 2021``, ``20 jul``."""
    if not text:
        return ""
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            return format_skeleton(
                "yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=language
            )
        return format_date(dt.date.fromisoformat(text[:10]), "medium", locale=language)
    except ValueError:
        return text


def number(value: float | int | None, language: str, digits: int | None = None) -> str:
    """A number in the reader's locale (``1,250`` / ``1250``, ``2.5`` / ``2,5``).

    ``digits``: exactly that many decimal places (``num(0.5, 2)``: ``0.50`` /
    ``0,50``); without it, the locale's own pattern (up to three).
    """
    if value is None:
        return ""
    if digits is None:
        return format_decimal(value, locale=language)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, pattern, locale=language)


def helpers(language: str) -> dict[str, Any]:
    """What every public template gets for one language."""
    tr = i18n.Translator(language)
    return {
        "_": tr.gettext,
        "gettext": tr.gettext,
        "ngettext": tr.ngettext,
        "lang": language,
        "languages": i18n.LANGUAGES,
        "term": lambda group, value: label(group, value, language),
        "when": lambda text: partial_date(text, language),
        "num": lambda value, digits=None: number(value, language, digits),
    }


def etag_of(version: int, language: str, request: Request) -> str:
    """The ETag of a public page: the registry's version, the language, the address."""
    registry = getattr(request.app.state, "registry", None)
    where = getattr(registry, "url", "")
    key = f"{where}|{version}|{language}|{request.url.path}|{request.url.query}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def _not_modified(request: Request, etag: str) -> bool:
    given = request.headers.get("if-none-match", "")
    return etag in [tag.strip() for tag in given.split(",")] or given.strip() == "*"


def cached_page(
    request: Request,
    *,
    version: int,
    language: str,
    template: str,
    build: Callable[[], dict[str, Any]],
    status_code: int = 200,
) -> Response:
    """A public page: 304 when the browser holds it, else from the cache, else rendered."""
    etag = etag_of(version, language, request)
    headers = {
        "etag": etag,
        "cache-control": "public, max-age=0, must-revalidate",
        "vary": "Accept-Language, Cookie",
        "content-language": language,
    }
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    body = _CACHE.get(etag)
    if body is None:
        values = {"request": request, "path": request.url.path, **helpers(language), **build()}
        body = ENV.get_template(template).render(values).encode("utf-8")
        _CACHE[etag] = body
        if len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(etag)
    return HTMLResponse(body, status_code=status_code, headers=headers)
