"""Dates on the office's pages follow the reader's locale, as on the portal (issue 14, item 6)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from sistercities import operations as ops
from tests.web.conftest import Site, sign_in


def test_dates_on_the_dashboard_and_a_timeline_follow_the_locale(site: Site) -> None:
    sign_in(site.client, "officer")
    today = dt.date.today()
    for language, header in (("es", "es-EC,es;q=0.9"), ("en", "en-US,en;q=0.9")):
        page = site.client.get("/", headers={"accept-language": header})
        assert page.headers["content-language"] == language
        assert format_date(today, "medium", locale=language) in page.text, language
    ops.add_activity(site.registry, relationship_id=site.partner_relationship,
                     title="Visit of the mayor", date="2019-07-20")
    page = site.client.get(f"/relationships/{site.partner_relationship}",
                           headers={"accept-language": "es"})
    assert "<strong>20 jul 2019</strong> — Visit of the mayor" in page.text  # the timeline
