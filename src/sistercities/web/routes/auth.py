"""Signing in and out, and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sistercities import operations as ops
from sistercities.errors import RateLimitedError, SignInError
from sistercities.operations.accounts import SESSION_LIFETIME
from sistercities.web import csrf, i18n
from sistercities.web.sessions import SESSION_COOKIE, registry_of
from sistercities.web.templating import render, translator

router = APIRouter(include_in_schema=False)


def local_target(target: str | None, default: str = "/") -> str:
    """Only a path on this site (no open redirect to another one)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _sign_in_page(
    request: Request, *, name: str = "", message: str | None = None, status: int = 200
) -> Response:
    token = csrf.sign_in_token(request)
    response = render(
        request,
        "login.html",
        {
            "login_token": token,
            "name": name,
            "message": message,
            "next": local_target(request.query_params.get("next")),
        },
        status,
    )
    secure = request.app.state.config.secure_cookies
    response.set_cookie(csrf.SIGN_IN_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response


@router.get("/login")
def sign_in_form(request: Request) -> Response:
    return _sign_in_page(request)


@router.post("/login")
async def sign_in(request: Request) -> Response:
    form = await request.form(max_part_size=csrf.MAX_FORM_FIELD)
    csrf.check_sign_in(request, form)
    name = str(form.get("name") or "")[:200]
    password = str(form.get("password") or "")
    address = request.client.host if request.client else "unknown"
    tr = translator(request)
    try:
        cookie, _principal = ops.sign_in(
            registry_of(request), name=name, password=password, address=address
        )
    except SignInError:
        message = tr.gettext("Wrong name or password, or the account is disabled.")
        return _sign_in_page(request, name=name, message=message, status=401)
    except RateLimitedError as exc:
        message = tr.gettext(
            "Too many failed sign-ins. Try again in %(minutes)s minutes.",
            minutes=exc.retry_after // 60 + 1,
        )
        response = _sign_in_page(request, name=name, message=message, status=429)
        response.headers["retry-after"] = str(exc.retry_after)
        return response
    target = local_target(str(form.get("next") or ""))
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        secure=request.app.state.config.secure_cookies,
        max_age=int(SESSION_LIFETIME.total_seconds()),
    )
    response.delete_cookie(csrf.SIGN_IN_COOKIE)
    return response


@router.post("/logout")
async def sign_out(request: Request) -> Response:
    await csrf.checked_form(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        ops.sign_out(registry_of(request), cookie=cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/language/{code}")
def switch_language(request: Request, code: str) -> Response:
    """Remember a language for this browser, and go back to the page."""
    target = local_target(request.query_params.get("next"))
    response = RedirectResponse(target, status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, code, samesite="lax", max_age=365 * 24 * 3600)
    return response
