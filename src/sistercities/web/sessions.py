"""Who is asking: a session cookie (browsers) or a bearer token (scripts).

Nothing is kept in the process: the cookie and the token are looked up in the
registry on every request (:mod:`sistercities.operations.accounts`), so any
worker can answer and a disabled account is refused at once everywhere.
"""

from __future__ import annotations

from fastapi import Request

from sistercities.errors import SignInRequired, TokenRequired
from sistercities.operations import accounts
from sistercities.operations.accounts import Principal
from sistercities.registry.store import Registry

SESSION_COOKIE = "sc_session"


def registry_of(request: Request) -> Registry:
    """The registry the app was started on."""
    registry: Registry = request.app.state.registry
    return registry


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def principal_of(request: Request) -> Principal | None:
    """The account behind the request, looked up once per request."""
    if hasattr(request.state, "principal"):
        found: Principal | None = request.state.principal
        return found
    registry = registry_of(request)
    token = _bearer(request)
    principal = None
    request.state.by_token = token is not None
    if token is not None:
        principal = accounts.token_principal(registry, token=token[:200])
    elif cookie := request.cookies.get(SESSION_COOKIE):
        principal = accounts.session_principal(registry, cookie=cookie[:200])
    request.state.principal = principal
    return principal


def page_principal(request: Request) -> Principal:
    """Dependency of every page: the signed-in account, else a redirect to sign in."""
    principal = principal_of(request)
    if principal is None:
        raise SignInRequired("sign in to see this page")
    return principal


def api_principal(request: Request) -> Principal:
    """Dependency of every API endpoint: the account of the bearer token (or session)."""
    principal = principal_of(request)
    if principal is None:
        raise TokenRequired("give a valid API token: Authorization: Bearer TOKEN")
    return principal
