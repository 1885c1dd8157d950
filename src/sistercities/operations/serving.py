"""Getting a registry ready to serve: the demo on an empty embedded registry, a first admin."""

from __future__ import annotations

import secrets
from typing import Any

from sistercities.interchange import demo
from sistercities.operations import accounts
from sistercities.registry.store import Registry

FIRST_ADMIN = "admin"


def prepare_to_serve(registry: Registry, *, load_demo: bool) -> dict[str, Any]:
    """Load the demo into an empty registry (when asked) and make the first admin.

    Returns what was done: ``demo`` (the counts loaded, or ``None``) and
    ``admin`` with its one-time password when no account existed (else ``None``).
    """
    loaded = None
    if load_demo:
        with registry.session() as session:
            if demo.is_empty(session):
                loaded = demo.load_demo(session)
    admin = None
    if not accounts.has_accounts(registry):
        password = secrets.token_urlsafe(12)
        accounts.add_user(registry, name=FIRST_ADMIN, role="admin", password=password)
        admin = {"name": FIRST_ADMIN, "password": password}
    return {"demo": loaded, "admin": admin}
