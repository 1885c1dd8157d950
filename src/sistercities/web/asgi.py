"""The entry point uvicorn's workers import: the app over ``SISTERCITIES_DB``.

Each worker builds its own app (its own connection pool) over the same
registry; nothing else is shared, nothing else is needed.
"""

from __future__ import annotations

from fastapi import FastAPI

from sistercities import settings
from sistercities.operations import accounts
from sistercities.registry.store import DEFAULT_DB
from sistercities.web.app import WebConfig, create_app


def build() -> FastAPI:
    """The app for ``uvicorn --factory sistercities.web.asgi:build``.

    ``SISTERCITIES_LOW_COST_HASHING=1`` (test suites only) makes password
    hashing cheap: see :func:`sistercities.operations.accounts.use_low_cost_hashing`.
    """
    if settings.read("low_cost_hashing") == "1":
        accounts.use_low_cost_hashing()
    return create_app(
        WebConfig(
            db=settings.read("db") or DEFAULT_DB,
            secure_cookies=settings.read("secure_cookies") == "1",
            fast_path=settings.read("fast_path") != "0",
        )
    )
