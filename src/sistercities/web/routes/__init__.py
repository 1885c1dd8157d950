"""One router per area; :data:`ROUTERS` is the one place they are registered."""

from __future__ import annotations

from fastapi import APIRouter

from sistercities.web.routes import api, auth, council, council_api, forms, pages, portal, reports

ROUTERS: list[APIRouter] = [
    auth.router,
    forms.router,  # before pages: /relationships/new is not /relationships/{id}
    pages.router,
    reports.router,
    api.router,
    portal.router,
    council.router,
    council_api.router,
]
