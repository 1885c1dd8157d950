"""One router per area; :data:`ROUTERS` is the one place they are registered."""

from __future__ import annotations

from fastapi import APIRouter

from sistercities.web.routes import (
    accounts,
    api,
    auth,
    council,
    council_api,
    forms,
    pages,
    portal,
    portal_office,
    reports,
    research_api,
    research_cases,
    research_pages,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    accounts.router,
    forms.router,  # before pages: /relationships/new is not /relationships/{id}
    pages.router,
    reports.router,
    api.router,
    portal.router,
    portal_office.pages,
    portal_office.api,
    council.router,
    council_api.router,
    research_api.router,
    research_cases.api,
    research_cases.pages,  # before research_pages: /{project}/cases
    research_pages.router,
]
