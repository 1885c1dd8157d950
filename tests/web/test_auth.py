"""Signing in, sessions in the registry, CSRF, the rate limit, tokens, security headers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from sistercities.errors import InputError
from sistercities.operations import accounts
from sistercities.registry.accounts import Account, WebSession
from sistercities.registry.models import AuditEntry
from tests.web.conftest import PASSWORD, Site, csrf_of, sign_in


def test_a_page_needs_sign_in_and_the_sign_in_leads_back(site: Site) -> None:
    first = site.client.get("/relationships?status=active", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=/relationships%3Fstatus%3Dactive"
    page = site.client.get("/login?next=/relationships")
    answer = site.client.post(
        "/login",
        data={"name": "officer", "password": PASSWORD, "csrf_token": csrf_of(page.text),
              "next": "/relationships"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/relationships"
    assert "officer" in site.client.get("/relationships").text


def test_wrong_password_is_refused_and_keeps_the_name(site: Site) -> None:
    page = site.client.get("/login")
    answer = site.client.post(
        "/login",
        data={"name": "officer", "password": "wrong password!", "csrf_token": csrf_of(page.text)},
    )
    assert answer.status_code == 401
    assert 'value="officer"' in answer.text
    assert "Wrong name or password" in answer.text


def test_sign_in_without_the_form_token_is_refused(site: Site) -> None:
    site.client.get("/login")
    answer = site.client.post("/login", data={"name": "officer", "password": PASSWORD,
                                               "csrf_token": "forged"})
    assert answer.status_code == 403
    assert site.client.get("/", follow_redirects=False).status_code == 303


def test_redirect_after_sign_in_stays_on_the_site(site: Site) -> None:
    page = site.client.get("/login")
    answer = site.client.post(
        "/login",
        data={"name": "officer", "password": PASSWORD, "csrf_token": csrf_of(page.text),
              "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"


def test_failed_sign_ins_are_limited_per_account_in_the_registry(site: Site) -> None:
    for _ in range(accounts.MAX_FAILURES):
        page = site.client.get("/login")
        site.client.post("/login", data={"name": "researcher", "password": "nope-nope-nope",
                                         "csrf_token": csrf_of(page.text)})
    page = site.client.get("/login")
    answer = site.client.post("/login", data={"name": "researcher", "password": PASSWORD,
                                              "csrf_token": csrf_of(page.text)})
    assert answer.status_code == 429
    assert int(answer.headers["retry-after"]) > 0
    # another worker (a second app over the same registry) sees the same count
    with pytest.raises(Exception, match="too many failed sign-ins"):
        accounts.sign_in(site.registry, name="researcher", password=PASSWORD, address="10.0.0.9")


def test_a_forged_csrf_token_changes_nothing(site: Site) -> None:
    sign_in(site.client, "officer")
    before = site.client.get(f"/relationships/{site.partner_relationship}").text
    answer = site.client.post(
        f"/relationships/{site.partner_relationship}/status",
        data={"status": "dormant", "date": "2020", "reason": "x", "csrf_token": "forged"},
    )
    assert answer.status_code == 403
    assert site.client.get(f"/relationships/{site.partner_relationship}").text == before


def test_an_expired_session_is_signed_out(site: Site) -> None:
    sign_in(site.client, "officer")
    with site.registry.session() as session:
        session.execute(update(WebSession).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    assert site.client.get("/", follow_redirects=False).status_code == 303
    assert site.client.get("/api/v1/me").status_code == 401


def test_sign_out_ends_the_session_everywhere(site: Site) -> None:
    token = sign_in(site.client, "officer")
    cookie = site.client.cookies.get("sc_session")
    site.client.post("/logout", data={"csrf_token": token})
    assert accounts.session_principal(site.registry, cookie=cookie) is None


def test_tokens_and_sessions_are_stored_hashed_and_passwords_never_audited(site: Site) -> None:
    sign_in(site.client, "officer")
    cookie = site.client.cookies.get("sc_session")
    with site.registry.session() as session:
        ids = set(session.scalars(select(WebSession.id)))
        hashes = list(session.scalars(select(Account.password_hash)))
        trail = [str(e.after) for e in session.scalars(select(AuditEntry))]
    assert cookie not in ids and len(ids) == 1
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(site.tokens["officer"] in t or "$argon2" in t for t in trail)


def test_a_disabled_accounts_token_and_session_stop_at_once(site: Site) -> None:
    sign_in(site.client, "researcher")
    headers = {"Authorization": f"Bearer {site.tokens['researcher']}"}
    assert site.client.get("/api/v1/me", headers=headers).json()["role"] == "researcher"
    accounts.disable_user(site.registry, name="researcher")
    assert site.client.get("/api/v1/me", headers=headers).status_code == 401
    assert site.client.get("/", follow_redirects=False).status_code == 303


def test_security_headers_and_no_inline_script(site: Site) -> None:
    sign_in(site.client, "officer")
    page = site.client.get(f"/relationships/{site.partner_relationship}")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text and "<script src=\"/static/app.js\"" in page.text


def test_account_input_is_checked(site: Site) -> None:
    with pytest.raises(InputError, match="password"):
        accounts.add_user(site.registry, name="x", role="officer", password="short")
    with pytest.raises(InputError, match="organisation"):
        accounts.add_user(site.registry, name="x", role="partner", password=PASSWORD)
    with pytest.raises(InputError, match="role"):
        accounts.add_user(site.registry, name="x", role="mayor", password=PASSWORD)
    with pytest.raises(InputError, match="exists"):
        accounts.add_user(site.registry, name="officer", role="officer", password=PASSWORD)
