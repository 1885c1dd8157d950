"""The fast path (answers kept per process) never outlives what the registry says.

Each test first makes the app keep an answer (the same request twice), then
changes the registry, and checks the very next request: a revoked token, a
disabled account, an expired or ended session is refused; a write is seen,
also by another worker (a second app over the same registry, with its own
kept answers); an account never gets a page kept for another.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from sistercities import operations as ops
from sistercities.operations import accounts, pages
from sistercities.registry.accounts import WebSession
from sistercities.web import WebConfig, create_app
from sistercities.web.fastpath import FastPath
from tests.web.conftest import PASSWORD, Site, csrf_of, sign_in

LIST = "/api/v1/relationships?country=EC&limit=5"


def bearer(site: Site, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.tokens[role]}"}


def kept(client: TestClient, url: str, **kwargs: object) -> httpx.Response:
    """The answer to a request made twice (the second from the kept copy)."""
    first = client.get(url, follow_redirects=False, **kwargs)  # type: ignore[arg-type]
    second = client.get(url, follow_redirects=False, **kwargs)  # type: ignore[arg-type]
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    return second


@pytest.fixture
def worker(site: Site) -> Iterator[TestClient]:
    """A second app over the same registry: another worker process, its own kept answers."""
    with TestClient(create_app(WebConfig(db=site.registry.url))) as other:
        yield other
    other.app.state.registry.close()  # type: ignore[attr-defined]


def test_the_kept_answers_come_from_the_fast_path(site: Site) -> None:
    layer = site.client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(layer, FastPath):
        layer = layer.app
    kept(site.client, LIST, headers=bearer(site, "officer"))
    assert len(layer.cache.entries) == 1


def test_a_revoked_token_is_refused_by_the_next_request(site: Site) -> None:
    kept(site.client, LIST, headers=bearer(site, "officer"))
    assert accounts.revoke_tokens(site.registry, name="officer") >= 1
    answer = site.client.get(LIST, headers=bearer(site, "officer"))
    assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"


def test_a_disabled_accounts_kept_answers_stop_at_once(site: Site) -> None:
    sign_in(site.client, "officer")
    kept(site.client, "/")
    kept(site.client, LIST, headers=bearer(site, "officer"))
    accounts.disable_user(site.registry, name="officer")
    assert site.client.get(LIST, headers=bearer(site, "officer")).status_code == 401
    page = site.client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_an_expired_session_is_refused_after_its_page_was_kept(site: Site) -> None:
    sign_in(site.client, "researcher")
    kept(site.client, "/")
    with site.registry.session() as session:
        session.execute(update(WebSession).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert site.client.get("/", follow_redirects=False).status_code == 303


def test_signing_out_in_one_worker_ends_the_kept_pages_of_another(
    site: Site, worker: TestClient
) -> None:
    token = sign_in(site.client, "officer")
    worker.cookies.update(dict(site.client.cookies))
    kept(worker, "/")
    kept(worker, "/relationships?country=EC")
    site.client.post("/logout", data={"csrf_token": token})
    assert worker.get("/", follow_redirects=False).status_code == 303
    assert worker.get("/relationships?country=EC", follow_redirects=False).status_code == 303


def test_a_write_in_one_worker_is_seen_by_the_next_request_in_another(
    site: Site, worker: TestClient
) -> None:
    before = kept(worker, LIST, headers=bearer(site, "researcher")).json()["total"]
    added = site.client.post("/api/v1/relationships", headers=bearer(site, "officer"), json={
        "place_a": "Loja", "country_a": "EC", "place_b": "Ossining", "country_b": "US",
        "start": "2015"})
    assert added.status_code == 201, added.text
    assert worker.get(LIST, headers=bearer(site, "researcher")).json()["total"] == before + 1


def test_an_expired_sessions_kept_api_answer_is_refused(site: Site) -> None:
    sign_in(site.client, "partner")
    kept(site.client, LIST)
    with site.registry.session() as session:  # sessions are bookkeeping: no audit entry
        session.execute(update(WebSession).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert site.client.get(LIST).status_code == 401


def test_two_people_of_one_role_and_two_browsers_of_one_person_get_their_own_pages(
    site: Site,
) -> None:
    accounts.add_user(site.registry, name="ana", role="officer", password=PASSWORD)
    app = site.client.app
    with TestClient(app) as ana, TestClient(app) as laptop:
        tokens = {"officer": sign_in(site.client, "officer"), "ana": sign_in(ana, "ana"),
                  "laptop": sign_in(laptop, "officer")}
        seen = {"officer": kept(site.client, "/").text, "ana": kept(ana, "/").text,
                "laptop": kept(laptop, "/").text}
    assert {who: csrf_of(page) for who, page in seen.items()} == tokens
    assert "ana (" in seen["ana"] and "ana (" not in seen["officer"]


def test_each_role_gets_its_own_rights(site: Site) -> None:
    officer_csrf = sign_in(site.client, "officer")
    as_officer = kept(site.client, "/relationships").text
    with TestClient(site.client.app, base_url="http://testserver") as other:
        researcher_csrf = sign_in(other, "researcher")
        as_researcher = kept(other, "/relationships").text
    assert csrf_of(as_officer) == officer_csrf and csrf_of(as_researcher) == researcher_csrf
    assert "officer (" in as_officer and "officer (" not in as_researcher
    assert 'href="/relationships/new"' in as_officer
    assert 'href="/relationships/new"' not in as_researcher


def test_the_kept_page_follows_the_language(site: Site) -> None:
    sign_in(site.client, "officer")
    english = kept(site.client, "/", headers={"Accept-Language": "en"})
    spanish = kept(site.client, "/", headers={"Accept-Language": "es-EC,es;q=0.9"})
    assert english.headers["content-language"] == "en"
    assert spanish.headers["content-language"] == "es" and "Relaciones" in spanish.text


def test_a_wrong_token_gets_no_kept_answer(site: Site) -> None:
    kept(site.client, LIST, headers=bearer(site, "officer"))
    wrong = site.client.get(LIST, headers={"Authorization": "Bearer sct_not-a-token"})
    assert wrong.status_code == 401
    assert site.client.get(LIST).status_code == 401


def test_kept_answers_carry_the_security_headers(site: Site) -> None:
    answer = kept(site.client, LIST, headers=bearer(site, "officer"))
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"


def test_requests_arriving_together_make_the_dashboard_once(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[dt.date] = []
    real = pages._dashboard

    def counted(registry: object, when: dt.date) -> object:
        made.append(when)
        return real(registry, when)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "_dashboard", counted)
    app = site.client.app
    cookie, _ = ops.sign_in(site.registry, name="officer", password=PASSWORD, address="test")

    async def together() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                     cookies={"sc_session": cookie}) as client:
            return await asyncio.gather(*(client.get("/") for _ in range(6)))

    with ThreadPoolExecutor(1) as thread:  # its own event loop (Playwright may run one here)
        answers = thread.submit(asyncio.run, together()).result()
    assert [a.status_code for a in answers] == [200] * 6
    assert len({a.text for a in answers}) == 1
    assert len(made) == 1


def test_the_prepared_reads_give_what_sqlalchemy_gives(site: Site) -> None:
    from sistercities.operations import callers

    cookie, _ = ops.sign_in(site.registry, name="partner", password=PASSWORD, address="test")
    cases = [(callers.BY_SESSION, callers.digest(cookie)),
             (callers.BY_TOKEN, callers.digest(site.tokens["partner"]))]
    for statement, secret in cases:
        with site.registry.engine.connect() as connection:
            expected = tuple(connection.execute(statement, {"digest": secret}).one())
        got = callers.PreparedRead(statement).first(site.registry.engine, digest=secret)
        assert got == expected and got[2] == "partner"
        assert [type(v) for v in got] == [type(v) for v in expected]
        assert callers.PreparedRead(statement).first(site.registry.engine, digest="0" * 64) is None
