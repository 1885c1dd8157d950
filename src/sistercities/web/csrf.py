"""CSRF protection: every form carries a token that a forged request cannot know.

A signed-in session has its own token (stored with the session in the
registry, :class:`~sistercities.registry.accounts.WebSession`); every
``POST`` form sends it back in the hidden field ``csrf_token``. The sign-in
form, before any session exists, uses a double-submit token: a random value
in the ``sc_csrf`` cookie that the form must repeat. API calls with a bearer
token need none (a browser never adds that header by itself); an API write
carried by a session cookie must send the session's token in ``X-CSRF-Token``.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from starlette.datastructures import FormData

from sistercities.errors import CsrfError
from sistercities.messages import Message
from sistercities.web.sessions import principal_of

FIELD = "csrf_token"
HEADER = "x-csrf-token"
SIGN_IN_COOKIE = "sc_csrf"
MAX_FORM_FIELD = 4 * 1024 * 1024  # a bigger field is refused whole; smaller ones by name


def _same(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(str(given), str(expected))


WRONG_TOKEN = Message("the form's security token is missing or wrong; reload the page")


async def checked_form(request: Request) -> FormData:
    """The submitted form of a signed-in session, once its CSRF token is checked."""
    form = await request.form(max_part_size=MAX_FORM_FIELD)
    principal = principal_of(request)
    token = form.get(FIELD)
    if principal is None or not _same(
        token if isinstance(token, str) else None, principal.csrf_token
    ):
        raise CsrfError(WRONG_TOKEN)
    return form


def sign_in_token(request: Request) -> str:
    """The double-submit token of the sign-in form (a new one if the browser has none)."""
    return request.cookies.get(SIGN_IN_COOKIE) or secrets.token_urlsafe(32)


def check_sign_in(request: Request, form: FormData) -> None:
    """Refuse a sign-in form whose token does not repeat the cookie."""
    token = form.get(FIELD)
    if not _same(token if isinstance(token, str) else None, request.cookies.get(SIGN_IN_COOKIE)):
        raise CsrfError(WRONG_TOKEN)


def check_api_write(request: Request) -> None:
    """An API write by session cookie must repeat the session's token in a header."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    principal = principal_of(request)
    if principal is None or request.state.by_token:
        return  # a bearer token needs no CSRF token; no account at all: the endpoint answers 401
    if not _same(request.headers.get(HEADER), principal.csrf_token):
        raise CsrfError(
            Message("an API write from a browser session needs the X-CSRF-Token header")
        )
