"""The role matrix: every role against every API endpoint and every form.

The table below names what each route needs (an :class:`Action`); a route
missing from it fails the test, so a new endpoint cannot skip the matrix.
Allowed means anything but 401/403 (a write may still be refused for its
data); refused means 403; no credentials means 401 (API) or a redirect to
the sign-in page (pages). Partners are tried on their organisation's
relationship (allowed to record activities) and on another (refused).
"""

from __future__ import annotations

from typing import Any

from sistercities.registry.accounts import AccountRole
from sistercities.web.permissions import MATRIX, Action
from tests.web.conftest import ROLES, Site, csrf_of, sign_in

R, W, A, C, WB, P = (Action.READ, Action.WRITE_REGISTRY, Action.WRITE_ACTIVITY,
                     Action.READ_CONTACTS, Action.READ_WORKBENCH, Action.SWITCH_PORTAL)
API: dict[tuple[str, str], tuple[Action, dict[str, Any] | None]] = {
    ("GET", "/api/v1/me"): (R, None),
    ("GET", "/api/v1/stats"): (R, None),
    ("GET", "/api/v1/dashboard"): (R, None),
    ("GET", "/api/v1/relationships"): (R, None),
    ("POST", "/api/v1/relationships"): (W, {"place_a": "Loja", "country_a": "EC",
                                           "place_b": "Ossining", "country_b": "US"}),
    ("GET", "/api/v1/relationships/{relationship_id}"): (R, None),
    ("PATCH", "/api/v1/relationships/{relationship_id}"): (W, {"version": 1, "notes": "n"}),
    ("GET", "/api/v1/relationships/{relationship_id}/activities"): (R, None),
    ("POST", "/api/v1/relationships/{relationship_id}/activities"): (A, {"title": "Visit",
                                                                        "date": "2020"}),
    ("GET", "/api/v1/relationships/{relationship_id}/status-changes"): (R, None),
    ("POST", "/api/v1/relationships/{relationship_id}/status-changes"): (
        W, {"status": "dormant", "date": "2020", "reason": "no contact"}),
    ("GET", "/api/v1/relationships/{relationship_id}/asymmetry"): (R, None),
    ("GET", "/api/v1/relationships/{relationship_id}/phases"): (R, None),
    ("GET", "/api/v1/relationships/{relationship_id}/resilience"): (R, None),
    ("GET", "/api/v1/places"): (R, None),
    ("GET", "/api/v1/places/{place}"): (R, None),
    ("GET", "/api/v1/places/{place}/portal"): (R, None),
    ("PUT", "/api/v1/places/{place}/portal"): (P, {"enabled": True}),
    ("GET", "/api/v1/actors"): (R, None),
    ("POST", "/api/v1/actors"): (W, {"name": "Chamber", "role": "chamber_of_commerce"}),
    ("GET", "/api/v1/administrations"): (R, None),
    ("POST", "/api/v1/administrations"): (W, {"place": "Cuenca, EC", "office": "mayor",
                                             "holder": "A. Mayor", "start": "2019"}),
    ("GET", "/api/v1/activities"): (R, None),
    ("GET", "/api/v1/health"): (R, None),
    ("GET", "/api/v1/dossier/{place}"): (R, None),
    ("GET", "/api/v1/report"): (R, None),
    ("GET", "/api/v1/history"): (R, None),
    ("GET", "/api/v1/network"): (R, None),
    ("GET", "/api/v1/match/{place}"): (R, None),
    ("GET", "/api/v1/surveys"): (WB, None),
}
QUERY = {"/api/v1/places": "?name=cuenca", "/api/v1/report": "?year=2019"}
FORMS: dict[str, tuple[Action, dict[str, str]]] = {
    "/relationships/new": (W, {"place_a": "Loja", "country_a": "EC", "place_b": "Ossining",
                               "country_b": "US", "kind": "sister_city", "status": "active"}),
    "/relationships/{relationship_id}/edit": (W, {"version": "1", "notes": "n"}),
    "/relationships/{relationship_id}/status": (W, {"status": "dormant", "date": "2020",
                                                    "reason": "r"}),
    "/relationships/{relationship_id}/activities/new": (A, {"title": "Visit", "date": "2020"}),
    "/actors/new": (W, {"name": "Chamber", "role": "chamber_of_commerce"}),
    "/administrations/new": (W, {"place": "Cuenca, EC", "office": "mayor", "holder": "B"}),
}
PAGES = ["/", "/relationships", "/relationships/{relationship_id}", "/places/{place}",
         "/portals",
         "/dossier?place=Cuenca, EC", "/report?year=2019", "/history", "/network", "/surveys"]


def may(role: str, action: Action, own: bool) -> bool:
    allowed = AccountRole(role) in MATRIX[action]
    if role == "partner" and action is Action.WRITE_ACTIVITY:
        return own
    return allowed


def fill(path: str, relationship_id: int) -> str:
    return path.replace("{relationship_id}", str(relationship_id)).replace(
        "{place}", "Cuenca, EC")


def test_the_table_covers_every_api_route(site: Site) -> None:
    document = site.client.get("/api/v1/openapi.json").json()
    routes = {(method.upper(), path) for path, item in document["paths"].items()
              for method in item
              if "council" not in path  # council: tests/council/test_council_web.py
              and not path.startswith("/api/v1/research/")}  # tests/web/test_research_roles.py
    assert routes == set(API)


def test_every_role_on_every_api_endpoint(site: Site) -> None:
    for (method, path), (action, body) in API.items():
        targets = [(site.partner_relationship, True), (site.other_relationship, False)]
        if "{relationship_id}" not in path:
            targets = [(site.partner_relationship, action is not Action.WRITE_ACTIVITY)]
        for rel, own in targets:
            url = fill(path, rel) + QUERY.get(path, "")
            anonymous = site.client.request(method, url, json=body)
            assert anonymous.status_code == 401, (method, url)
            for role in ROLES:
                headers = {"Authorization": f"Bearer {site.tokens[role]}"}
                answer = site.client.request(method, url, json=body, headers=headers)
                expected_ok = may(role, action, own)
                if expected_ok:
                    assert answer.status_code not in (401, 403), (role, method, url, answer.text)
                    assert answer.status_code < 500, (role, method, url, answer.text)
                else:
                    assert answer.status_code == 403, (role, method, url, answer.text)


def test_contact_details_reach_officers_and_admins_only(site: Site) -> None:
    from sistercities import operations as ops

    ops.add_actor(site.registry, name="Ana Rivera", role="sister_city_association",
                    kind="person", email="ana@example.org")
    for role in ROLES:
        headers = {"Authorization": f"Bearer {site.tokens[role]}"}
        text = site.client.get("/api/v1/actors?limit=500", headers=headers).text
        assert ("ana@example.org" in text) == (role in ("admin", "officer")), role


def test_every_role_on_every_form_and_page(site: Site) -> None:
    for role in ROLES:
        site.client.cookies.clear()
        token = sign_in(site.client, role)
        for path in PAGES:
            answer = site.client.get(fill(path, site.partner_relationship))
            allowed = path != "/surveys" or may(role, Action.READ_WORKBENCH, True)
            assert answer.status_code == (200 if allowed else 403), (role, path)
        for path, (action, data) in FORMS.items():
            for rel, own in [(site.partner_relationship, True), (site.other_relationship, False)]:
                url = fill(path, rel)
                shown = site.client.get(url)
                sent = site.client.post(url, data={**data, "csrf_token": token},
                                        follow_redirects=False)
                if may(role, action, own):
                    assert shown.status_code == 200, (role, url)
                    assert csrf_of(shown.text) == token
                    assert sent.status_code not in (401, 403), (role, url, sent.text[:300])
                else:
                    assert shown.status_code == 403 and sent.status_code == 403, (role, url)
    site.client.cookies.clear()
    for path in [*PAGES, *FORMS]:
        answer = site.client.get(fill(path, site.partner_relationship), follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


#: Forms with no page of their own (a button on another page): POST only.
BUTTONS: dict[str, tuple[Action, dict[str, str]]] = {
    "/places/{place}/portal": (P, {"switch": "on"}),
    "/portals": (P, {"place": "Peekskill, US"}),
}


def test_every_role_on_every_button(site: Site) -> None:
    """The portal switch: admins and officers (the seeded officer is tied to no place, so
    of every place); partners and researchers 403; nobody signed in, to sign in."""
    for role in ROLES:
        site.client.cookies.clear()
        token = sign_in(site.client, role)
        for path, (action, data) in BUTTONS.items():
            sent = site.client.post(fill(path, site.partner_relationship),
                                    data={**data, "csrf_token": token}, follow_redirects=False)
            if may(role, action, True):
                assert sent.status_code == 303, (role, path, sent.text[:300])
            else:
                assert sent.status_code == 403, (role, path)
    site.client.cookies.clear()
    for path, (_, data) in BUTTONS.items():
        answer = site.client.post(fill(path, 0), data=data, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
