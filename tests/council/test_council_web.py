"""The council's pages and JSON API in process, with real accounts, sessions and CSRF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from sistercities import operations
from sistercities.operations import accounts
from sistercities.web import WebConfig, create_app

from .conftest import Council

PASSWORD = "correct horse battery staple"


@dataclass
class Web:
    council: Council
    app: object
    tokens: dict[str, str]


@pytest.fixture
def web(council: Council) -> Iterator[Web]:
    c = council
    people = {
        "ana": ("partner", c.peekskill_corp),
        "lucia": ("officer", None),
        "bo": ("partner", c.boulder_project),
        "rita": ("researcher", None),
    }
    tokens = {}
    for name, (role, organisation) in people.items():
        accounts.add_user(
            c.registry, name=name, role=role, password=PASSWORD, organisation=organisation
        )
        tokens[name] = accounts.create_token(c.registry, name=name)["token"]
    app = create_app(WebConfig(db=c.registry.url), registry=c.registry)
    yield Web(c, app, tokens)


def _client(web: Web, name: str, language: str = "en") -> TestClient:
    client = TestClient(
        web.app,
        base_url="http://testserver",  # type: ignore[arg-type]
        headers={"accept-language": language},
    )
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    done = client.post(
        "/login",
        data={"name": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return client


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def test_a_youth_exchange_through_the_pages(web: Web) -> None:
    c = web.council
    ana = _client(web, "ana", "en-US,en;q=0.9")
    page = ana.get(f"/council/{c.rel}")
    assert page.status_code == 200 and page.headers["content-language"] == "en"
    made = ana.post(
        f"/council/{c.rel}/proposals",
        follow_redirects=False,
        data={
            "csrf_token": _csrf(page.text),
            "title": "Youth soccer exchange",
            "layer": "decentralised_cooperation",
            "area": "education_and_youth",
            "date": "2025-07",
            "part_b_task": "Send twelve players" if c.peekskill > c.cuenca else "",
            "part_a_task": "Send twelve players" if c.peekskill < c.cuenca else "",
            "flow_kind": "personnel",
            "flow_direction": "a>b" if c.peekskill < c.cuenca else "b>a",
            "flow_amount": "12",
            "flow_unit": "people",
        },
    )
    assert made.status_code == 303, made.text
    proposal = ana.get(f"/api/v1/councils/{c.rel}").json()["open"][0]
    part = proposal["parts"][0]["id"]
    page = ana.get(f"/council/{c.rel}")
    assert (
        ana.post(
            f"/council/{c.rel}/proposals/{proposal['id']}/answer",
            follow_redirects=False,
            data={"csrf_token": _csrf(page.text), "part_id": part, "answer": "committed"},
        ).status_code
        == 303
    )
    refused = ana.post(
        f"/council/{c.rel}/proposals/{proposal['id']}/confirm",
        data={"csrf_token": _csrf(page.text)},
    )
    assert refused.status_code == 403

    lucia = _client(web, "lucia", "es-EC,es;q=0.9")
    page = lucia.get(f"/council/{c.rel}")
    assert page.headers["content-language"] == "es"
    assert "Confirmar la propuesta" in page.text
    confirmed = lucia.post(
        f"/council/{c.rel}/proposals/{proposal['id']}/confirm",
        follow_redirects=False,
        data={"csrf_token": _csrf(page.text), "expect_version": proposal["version"]},
    )
    assert confirmed.status_code == 303
    page = ana.get(f"/council/{c.rel}")
    done = ana.post(
        f"/council/{c.rel}/proposals/{proposal['id']}/carried-out",
        follow_redirects=False,
        data={"csrf_token": _csrf(page.text), "date": "2025-07-20", "participants": "14"},
    )
    assert done.status_code == 303
    assert operations.annual_report(c.registry, year=2025)["totals"]["people_carried"] == 12
    timeline = lucia.get(f"/relationships/{c.rel}")
    assert "Youth soccer exchange" in timeline.text


def test_a_forged_form_and_a_bad_field_change_nothing(web: Web) -> None:
    c = web.council
    ana = _client(web, "ana")
    forged = ana.post(f"/council/{c.rel}/proposals", data={"csrf_token": "forged", "title": "x"})
    assert forged.status_code == 403
    page = ana.get(f"/council/{c.rel}")
    bad = ana.post(
        f"/council/{c.rel}/proposals",
        data={
            "csrf_token": _csrf(page.text),
            "title": "<script>alert(1)</script>",
            "date": "2025-02-30",
            "part_a_task": "x",
        },
    )
    assert bad.status_code == 422
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bad.text  # kept, and shown as text
    assert "<script>alert(1)" not in bad.text
    assert ana.get(f"/api/v1/councils/{c.rel}").json()["counts"]["open"] == 0


def test_another_relationships_organisation_and_a_researcher_are_refused(web: Web) -> None:
    c = web.council
    bo = _client(web, "bo")
    assert bo.get(f"/council/{c.rel}").status_code == 403
    assert bo.get(f"/council/{c.other_rel}").status_code == 200
    assert _client(web, "rita").get(f"/council/{c.rel}").status_code == 403
    for name, status in (("bo", 403), ("rita", 403), ("ana", 200), ("lucia", 200)):
        api = TestClient(web.app, headers={"authorization": f"Bearer {web.tokens[name]}"})  # type: ignore[arg-type]
        assert api.get(f"/api/v1/councils/{c.rel}").status_code == status, name


def test_the_api_carries_a_proposal_through(web: Web) -> None:
    c = web.council
    ana = TestClient(web.app, headers={"authorization": f"Bearer {web.tokens['ana']}"})  # type: ignore[arg-type]
    lucia = TestClient(web.app, headers={"authorization": f"Bearer {web.tokens['lucia']}"})  # type: ignore[arg-type]
    made = ana.post(
        f"/api/v1/councils/{c.rel}/proposals",
        json={
            "title": "Artisan fair",
            "layer": "economic",
            "area": "trade",
            "date": "2025-05",
            "parts": [{"side": "Peekskill", "task": "Host the fair"}],
            "flows": [{"from": "Cuenca", "to": "Peekskill", "kind": "goods"}],
        },
    )
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    bad = ana.post(
        f"/api/v1/councils/{c.rel}/proposals",
        json={"title": "x", "parts": [{"side": "Atlantis", "task": "y"}]},
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "parts[0].side"
    assert ana.post(f"/api/v1/council/proposals/{pid}/answers", json={}).status_code == 200
    stale = lucia.post(f"/api/v1/council/proposals/{pid}/confirm", json={"expect_version": 99})
    assert stale.status_code == 409
    assert lucia.post(f"/api/v1/council/proposals/{pid}/confirm").json()["status"] == "confirmed"
    done = ana.post(f"/api/v1/council/proposals/{pid}/carried-out", json={"date": "2025-05-03"})
    assert done.json()["status"] == "carried_out"
    assert lucia.get(f"/api/v1/council/proposals/{pid}").json()["activity_id"] is not None


COUNCIL_API = {
    ("GET", "/api/v1/councils"): None,
    ("GET", "/api/v1/councils/{relationship_id}"): None,
    ("POST", "/api/v1/councils/{relationship_id}/proposals"): {
        "title": "Visit",
        "parts": [{"side": "Peekskill", "task": "Host"}],
    },
    ("GET", "/api/v1/council/proposals/{proposal_id}"): None,
    ("POST", "/api/v1/council/proposals/{proposal_id}/comments"): {"body": "Good idea"},
    ("POST", "/api/v1/council/proposals/{proposal_id}/answers"): {},
    ("POST", "/api/v1/council/proposals/{proposal_id}/confirm"): {},
    ("POST", "/api/v1/council/proposals/{proposal_id}/carried-out"): {"date": "2025-01-02"},
    ("POST", "/api/v1/council/proposals/{proposal_id}/withdraw"): {},
}


#: Members refused a step by its rule: an officer of no organisation commits nobody, and
#: only an officer confirms.
MEMBERS_REFUSED = {("lucia", "answers"), ("ana", "confirm")}


def test_every_role_on_every_council_endpoint(web: Web) -> None:
    """Members (the partner of the relationship, an officer) are let in; others are not."""
    c = web.council
    anonymous = TestClient(web.app)  # type: ignore[arg-type]
    document = anonymous.get("/api/v1/openapi.json").json()
    routes = {
        (m.upper(), path)
        for path, item in document["paths"].items()
        for m in item
        if "council" in path
    }
    assert routes == set(COUNCIL_API)
    made = ops_propose(web)
    for (method, path), body in COUNCIL_API.items():
        url = path.replace("{relationship_id}", str(c.rel)).replace("{proposal_id}", str(made))
        assert anonymous.request(method, url, json=body).status_code == 401, url
        for name in ("bo", "rita"):
            if path == "/api/v1/councils":
                continue  # lists only the caller's own councils
            client = TestClient(
                web.app,
                headers={  # type: ignore[arg-type]
                    "authorization": f"Bearer {web.tokens[name]}"
                },
            )
            assert client.request(method, url, json=body).status_code == 403, (name, url)
        for name in ("ana", "lucia"):
            client = TestClient(
                web.app,
                headers={  # type: ignore[arg-type]
                    "authorization": f"Bearer {web.tokens[name]}"
                },
            )
            status = client.request(method, url, json=body).status_code
            if (name, path.rsplit("/", 1)[-1]) in MEMBERS_REFUSED:
                assert status == 403, (name, url, status)
            else:
                assert status not in (401, 403) and status < 500, (name, url, status)


def ops_propose(web: Web) -> int:
    from sistercities.operations import council as ops

    c = web.council
    made = ops.council_propose(
        c.registry,
        user="ana",
        role="partner",
        organisation_id=c.peekskill_corp,
        relationship_id=c.rel,
        title="Matrix",
        parts=[{"side": "Peekskill", "task": "Host"}],
    )
    return int(made["id"])
