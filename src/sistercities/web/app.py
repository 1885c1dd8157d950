"""The app factory: one FastAPI app over one registry.

Why FastAPI: the JSON API must be described by OpenAPI, validated with
messages that name the field, and fuzzed by schemathesis; FastAPI derives all
three from the type hints of thin route functions, and Starlette (under it)
gives the pages, static files and an in-process test client.

The app keeps no state but the :class:`~sistercities.registry.store.Registry`
handle (a connection pool) and copies of answers that are dropped as soon as
the registry changes (:mod:`sistercities.web.fastpath`): sessions, CSRF
tokens and rate limits are rows in the registry, so several workers can
serve one registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sistercities.registry.store import Registry
from sistercities.web import errors
from sistercities.web.fastpath import FastPath
from sistercities.web.security import SecurityHeaders

API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class WebConfig:
    """How the app is run.

    Parameters
    ----------
    db:
        The registry: a SQLite path or a PostgreSQL URL.
    secure_cookies:
        Mark cookies ``Secure`` (behind HTTPS); off for plain loopback HTTP.
    fast_path:
        Answer the busiest reads again while the registry has not changed
        (:mod:`sistercities.web.fastpath`); off only to measure without it.
    """

    db: str
    secure_cookies: bool = False
    fast_path: bool = True


def create_app(config: WebConfig, *, registry: Registry | None = None) -> FastAPI:
    """Build the app; the registry is opened (and migrated) unless one is given."""
    from sistercities.web.routes import ROUTERS

    app = FastAPI(
        title="sistercities",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.registry = registry or Registry.open(config.db, user="web")
    static = resources.files("sistercities.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    errors.install(app)
    if config.fast_path:
        app.add_middleware(FastPath, registry=app.state.registry)
    app.add_middleware(SecurityHeaders, hsts=config.secure_cookies)  # outermost: every answer
    return app
