"""Bad input, through the API and the forms: a clear 4xx naming the field, nothing stored.

After each refused request the registry is exactly as it was (the audit
trail, which every write adds to, has not moved).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from sistercities.registry.models import AuditEntry
from tests.web.conftest import Site, sign_in

MEGABYTE = "x" * 1_000_000
CHOICES = {"role", "kind", "status", "flow_kind", "flow_direction", "layer", "area"}
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def trail(site: Site) -> int:
    with site.registry.session() as session:
        return int(session.scalar(select(func.count(AuditEntry.id))) or 0)


def refused(site: Site, method: str, path: str, body: Any, status: int, field: str | None
            ) -> None:
    before = trail(site)
    headers = {"Authorization": f"Bearer {site.tokens['officer']}"}
    answer = site.client.request(method, f"/api/v1{path}", json=body, headers=headers)
    assert answer.status_code == status, (path, body if len(str(body)) < 200 else "…",
                                          answer.text[:300])
    error = answer.json()["error"]
    assert error["message"]
    if field is not None:
        assert error["field"] == field, (path, error)
    assert trail(site) == before, path


def test_the_api_refuses_bad_input_naming_the_field(site: Site) -> None:
    rel = site.partner_relationship
    refused(site, "POST", "/relationships", {"place_b": "Quito"}, 422, "place_a")
    refused(site, "POST", "/relationships", {"place_a": "Loja", "place_b": 7, "country_a": 3},
            422, None)
    refused(site, "POST", f"/relationships/{rel}/activities",
            {"title": "Visit", "participants": "many"}, 422, "participants")
    refused(site, "POST", f"/relationships/{rel}/activities",
            {"title": "Visit", "date": "2023-02-30"}, 422, "date")
    refused(site, "POST", f"/relationships/{rel}/activities",
            {"title": "Visit", "flows": [{"from_place": 1, "to_place": 2, "kind": "love"}]},
            422, "flows.0.kind")
    refused(site, "POST", "/relationships/999999/activities", {"title": "Visit"}, 404, None)
    refused(site, "GET", "/relationships/999999", None, 404, None)
    refused(site, "GET", "/places/no such place anywhere", None, 404, None)
    refused(site, "POST", "/relationships", {"place_a": "Loja", "country_a": "EC",
                                             "place_b": "Ossining", "country_b": "US",
                                             "notes": MEGABYTE}, 422, "notes")
    refused(site, "POST", "/actors", {"name": MEGABYTE, "role": "university"}, 422, "name")
    refused(site, "POST", f"/relationships/{rel}/status-changes",
            {"status": "active", "date": "2020", "reason": "again"}, 422, "status")
    refused(site, "POST", f"/relationships/{rel}/status-changes",
            {"status": "dormant", "date": "2999", "reason": "later"}, 422, "date")
    refused(site, "PATCH", f"/relationships/{rel}", {"version": 99, "notes": "late"}, 409, None)
    refused(site, "PATCH", f"/relationships/{rel}", {"notes": "no version"}, 422, "version")
    refused(site, "PATCH", f"/relationships/{rel}", {"version": 1, "colour": "red"}, 422,
            "colour")
    refused(site, "GET", "/relationships?since=yesterday", None, 422, "since")
    refused(site, "GET", "/relationships?limit=0", None, 422, "limit")
    refused(site, "GET", "/relationships?status=asleep", None, 422, "status")


def test_a_browser_session_cannot_write_through_the_api_without_its_token(site: Site) -> None:
    token = sign_in(site.client, "officer")
    before = trail(site)
    body = {"title": "Visit", "date": "2020"}
    path = f"/api/v1/relationships/{site.partner_relationship}/activities"
    assert site.client.post(path, json=body).status_code == 403
    assert trail(site) == before
    assert site.client.post(path, json=body, headers={"X-CSRF-Token": token}).status_code == 201


def test_forms_refuse_bad_input_keep_what_was_typed_and_store_nothing(site: Site) -> None:
    token = sign_in(site.client, "officer")
    rel = site.partner_relationship
    cases = [
        (f"/relationships/{rel}/activities/new", {"title": "", "date": "2020"}, "title"),
        (f"/relationships/{rel}/activities/new", {"title": "Fair", "date": "2023-02-30"}, "date"),
        (f"/relationships/{rel}/activities/new", {"title": "Fair", "participants": "lots"},
         "participants"),
        (f"/relationships/{rel}/activities/new", {"title": "Fair", "flow_kind": "personnel",
                                                  "flow_direction": "a>b",
                                                  "flow_amount": "ten"}, "flow_amount"),
        ("/relationships/new", {"place_a": "Loja", "country_a": "Narnia", "place_b": "Quito"},
         "country_a"),
        ("/relationships/new", {"place_a": "Loja", "country_a": "EC", "place_b": "Ossining",
                                "country_b": "US", "notes": MEGABYTE}, "notes"),
        (f"/relationships/{rel}/status", {"status": "dormant", "date": "", "reason": "r"},
         "date"),
        ("/actors/new", {"name": "Ana", "role": "mayor-ish"}, "role"),
        ("/actors/new", {"name": "Ana", "role": "university", "email": "not-an-address"},
         "email"),
        ("/administrations/new", {"place": "Cuenca, EC", "office": "mayor", "holder": "X",
                                  "start": "2020", "end": "2010"}, "end"),
    ]
    for path, data, field in cases:
        before = trail(site)
        answer = site.client.post(path, data={**data, "csrf_token": token})
        assert answer.status_code == 422, (path, field, answer.status_code)
        assert f'id="e-{field}"' in answer.text, (path, field)
        for name, value in data.items():
            if name in CHOICES:
                continue  # a select keeps only the values it offers
            if value and len(value) < 1000:
                assert f'value="{value}"' in answer.text or f">{value}<" in answer.text, name
        assert trail(site) == before, path


def test_html_and_script_are_shown_as_text_everywhere(site: Site) -> None:
    token = sign_in(site.client, "officer")
    rel = site.partner_relationship
    site.client.post(f"/relationships/{rel}/activities/new",
                     data={"title": SCRIPT, "date": "2021", "description": SCRIPT,
                           "csrf_token": token})
    site.client.post("/actors/new", data={"name": SCRIPT, "role": "university",
                                          "notes": SCRIPT, "csrf_token": token})
    site.client.post(f"/relationships/{rel}/edit",
                     data={"version": str(site.client.get(f"/api/v1/relationships/{rel}",
                           headers={"Authorization": f"Bearer {site.tokens['officer']}"}
                           ).json()["version"]), "notes": SCRIPT, "initiated_by_note": SCRIPT,
                           "kind": "sister_city", "csrf_token": token})
    for page in (f"/relationships/{rel}", "/", "/history", f"/relationships/{rel}/edit"):
        html = site.client.get(page).text
        assert "<script>alert" not in html and "<img src=x" not in html, page
    assert "&lt;script&gt;alert" in site.client.get(f"/relationships/{rel}").text
