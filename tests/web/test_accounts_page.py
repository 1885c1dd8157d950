"""The accounts page, in process, on SQLite and PostgreSQL.

An admin lists the accounts (never a password hash or a token), adds an
officer for Peekskill with a one-time password shown once (who then signs
in with it and may switch Peekskill's portal, not Cuenca's), changes an
officer's cities, disables and enables an account. Bad input is refused with
a message next to the field, in Spanish or English, and changes nothing.
Every other role is refused (403) on every route. Each change is in the
audit trail under the admin's name.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from sqlalchemy import select

from sistercities.operations import accounts
from sistercities.operations import portal as portal_ops
from sistercities.registry.accounts import Account, ApiToken
from sistercities.registry.models import Actor, AuditEntry, Place
from tests.web.conftest import Site, csrf_of, sign_in

ES = {"accept-language": "es"}
EN = {"accept-language": "en"}


def _accounts(site: Site) -> dict[str, dict[str, Any]]:
    return {a["name"]: a for a in accounts.list_users(site.registry)}


def _add(site: Site, token: str, headers: dict[str, str] | None = None, **data: str) -> Any:
    return site.client.post(
        "/accounts", data={"csrf_token": token, **data}, headers=headers or {}
    )


def test_the_admin_lists_the_accounts_without_secrets(site: Site) -> None:
    sign_in(site.client, "admin")
    page = site.client.get("/accounts")
    assert page.status_code == 200 and 'href="/accounts"' in page.text
    for name in ("admin", "officer", "partner", "researcher"):
        assert f"<td>{name}</td>" in page.text
    with site.registry.session() as session:
        hashes = list(session.scalars(select(Account.password_hash)))
        token_hashes = list(session.scalars(select(ApiToken.token_hash)))
    assert hashes and token_hashes
    for secret in [*hashes, *token_hashes, *site.tokens.values()]:
        assert secret not in page.text
    assert "argon2" not in page.text and "sct_" not in page.text
    spanish = site.client.get("/accounts", headers=ES).text
    assert "Cuentas" in spanish and "Añadir una cuenta" in spanish and "Desactivar" in spanish


def test_the_admin_adds_an_officer_for_peekskill(site: Site) -> None:
    token = sign_in(site.client, "admin")
    added = _add(site, token, name="pete", role="officer", places="Peekskill, US\n")
    assert added.status_code == 200, added.text
    assert "Officer of: Peekskill (US)." in added.text
    password = added.text.split('<code id="one-time-password">')[1].split("</code>")[0]
    assert len(password) >= 12
    assert password not in site.client.get("/accounts").text
    assert _accounts(site)["pete"]["officer_of"] == "Peekskill (US)"
    with site.registry.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "accounts").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None and entry.user == "admin"
        assert password not in str(entry.after) and "argon2" not in str(entry.after)
    site.client.cookies.clear()
    pete = sign_in(site.client, "pete", password)
    done = site.client.post(
        "/places/Peekskill, US/portal", data={"csrf_token": pete, "switch": "on"}
    )
    assert done.status_code == 200
    assert portal_ops.portal_state(site.registry, place="Peekskill, US")["enabled"]
    refused = site.client.post(
        "/places/Cuenca, EC/portal", data={"csrf_token": pete, "switch": "on"}
    )
    assert refused.status_code == 403
    assert not portal_ops.portal_state(site.registry, place="Cuenca, EC")["enabled"]


def _said(page: str, anchor: str) -> str:
    """The message shown after ``anchor`` (a field's error, a row's alert), unescaped."""
    found = re.search(re.escape(anchor) + r"[^>]*>([^<]*)</p>", page)
    assert found, f"no message at {anchor!r}"
    return html.unescape(found.group(1))


@pytest.mark.parametrize(
    ("data", "field", "spanish", "english"),
    [
        ({"name": "officer", "role": "officer"}, "name",
         "ya existe una cuenta llamada 'officer'", "an account named 'officer' exists"),
        ({"name": " ", "role": "officer"}, "name",
         "escriba un nombre de 1 a 200 caracteres", "give a name of 1 to 200 characters"),
        ({"name": "x", "role": "mayor"}, "role",
         "'mayor' no es ninguno de estos valores: administrador, funcionario, "
         "organización socia, investigador",
         "'mayor' is not one of: admin, officer, partner, researcher"),
        ({"name": "x", "role": "officer", "places": "Peekskill, US\nAtlantis"}, "places",
         "ningún lugar coincide con «Atlantis» (escriba su nombre, con ', país' si hace falta)",
         "no place matches “Atlantis” (write its name, with ', country' if need be)"),
        ({"name": "x", "role": "researcher", "places": "Peekskill, US"}, "places",
         "solo una cuenta de funcionario se vincula a ciudades ('x' es investigador)",
         "only an officer account is tied to places ('x' is researcher)"),
        ({"name": "x", "role": "partner"}, "organisation",
         "una cuenta de organización socia habla en nombre de una organización; elíjala",
         "a partner account needs its organisation"),
        ({"name": "x", "role": "officer", "organisation": "1"}, "organisation",
         "solo una cuenta de organización socia habla en nombre de una organización",
         "only a partner account has an organisation"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    site: Site, data: dict[str, str], field: str, spanish: str, english: str
) -> None:
    """The reason is under the field (its label says which), once, in the reader's language."""
    before = _accounts(site)
    token = sign_in(site.client, "admin")
    for headers, expected in ((ES, spanish), (EN, english)):
        refused = _add(site, token, headers, **data)
        assert refused.status_code == 422
        assert f'aria-invalid="true" aria-describedby="e-{field}"' in refused.text
        assert _said(refused.text, f'id="e-{field}"') == expected
        assert "one-time-password" not in refused.text
    assert _accounts(site) == before


def test_a_person_is_not_a_partner_organisation(site: Site) -> None:
    with site.registry.session() as session:
        person = session.scalars(select(Actor.id).where(Actor.kind == "person")).first()
    assert person is not None
    token = sign_in(site.client, "admin")
    before = _accounts(site)
    for headers, expected in (
        (ES, f"el actor {person} es una persona; una cuenta de organización socia habla en "
             "nombre de una organización"),
        (EN, f"actor {person} is a person"),
    ):
        refused = _add(site, token, headers, name="x", role="partner", organisation=str(person))
        assert refused.status_code == 422
        assert _said(refused.text, 'id="e-organisation"') == expected
    assert _accounts(site) == before


def test_the_admin_changes_an_officers_cities_and_disables_and_enables(site: Site) -> None:
    client = site.client
    token = sign_in(client, "admin")
    sent = client.post(
        "/accounts/places",
        data={"csrf_token": token, "account": "officer", "add": "Cuenca, EC"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    page = client.get(sent.headers["location"], headers=ES).text
    assert "Se han guardado las ciudades de officer." in page
    officer = _accounts(site)["officer"]
    assert officer["officer_of"] == "Cuenca (EC)"
    cuenca = officer["places"][0]["id"]
    refused = client.post(
        "/accounts/places",
        data={"csrf_token": token, "account": "officer", "add": "Atlantis"},
        headers=ES,
    )
    assert refused.status_code == 422 and 'value="Atlantis"' in refused.text
    assert _said(refused.text, 'class="field-error" role="alert"') == (
        "ningún lugar coincide con «Atlantis» (escriba su nombre, con ', país' si hace falta)"
    )
    client.post("/accounts/places", data={"csrf_token": token, "account": "officer",
                                          "remove": str(cuenca)})
    assert _accounts(site)["officer"]["officer_of"] == "every place"
    officer_token = site.tokens["officer"]
    sent = client.post(
        "/accounts/disable", data={"csrf_token": token, "account": "officer"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and _accounts(site)["officer"]["disabled"]
    assert "officer is disabled" in client.get(sent.headers["location"]).text
    api = {"Authorization": f"Bearer {officer_token}"}
    assert client.get("/api/v1/me", headers=api).status_code == 401
    client.post("/accounts/enable", data={"csrf_token": token, "account": "officer"})
    assert not _accounts(site)["officer"]["disabled"]
    assert client.get("/api/v1/me", headers=api).status_code == 200
    with site.registry.session() as session:
        users = set(session.scalars(
            select(AuditEntry.user).where(AuditEntry.entity.in_(["accounts", "officer_places"]))
        ))
    assert "admin" in users and "officer" not in users


def test_the_last_admin_cannot_be_disabled(site: Site) -> None:
    token = sign_in(site.client, "admin")
    for headers, expected in (
        (ES, "'admin' es el último administrador: nadie podría ya gestionar las cuentas en la "
             "aplicación web; añada antes otro administrador"),
        (EN, "'admin' is the last admin: no one could manage accounts in the web app; "
             "add another admin first"),
    ):
        refused = site.client.post(
            "/accounts/disable", data={"csrf_token": token, "account": "admin"}, headers=headers
        )
        assert refused.status_code == 422
        assert _said(refused.text, 'class="field-error" role="alert"') == expected
    assert not _accounts(site)["admin"]["disabled"]
    unknown = site.client.post(
        "/accounts/disable", data={"csrf_token": token, "account": "nobody"}, headers=ES
    )
    assert unknown.status_code == 404 and "no hay ninguna cuenta llamada 'nobody'" in html.unescape(
        unknown.text
    )


def test_a_city_not_held_or_not_given_is_refused_in_the_readers_language(site: Site) -> None:
    with site.registry.session() as session:
        peekskill = session.scalar(select(Place.id).where(Place.name == "Peekskill"))
    token = sign_in(site.client, "admin")
    before = _accounts(site)
    cases = [
        ({"remove": str(peekskill)}, "'officer' no es funcionario de Peekskill (US)",
         "'officer' is not an officer of Peekskill (US)"),
        ({"add": ""}, "escriba la ciudad que quiere añadir", "give a city to add"),
        ({"add": "Atlantis"},
         "ningún lugar coincide con «Atlantis» (escriba su nombre, con ', país' si hace falta)",
         "no place matches “Atlantis” (write its name, with ', country' if need be)"),
    ]
    for data, spanish, english in cases:
        for headers, expected in ((ES, spanish), (EN, english)):
            refused = site.client.post(
                "/accounts/places",
                data={"csrf_token": token, "account": "officer", **data},
                headers=headers,
            )
            assert refused.status_code == 422
            assert _said(refused.text, 'class="field-error" role="alert"') == expected
    assert _accounts(site) == before


@pytest.mark.parametrize("role", ["officer", "partner", "researcher"])
def test_every_other_role_is_refused(site: Site, role: str) -> None:
    before = _accounts(site)
    token = sign_in(site.client, role)
    assert 'href="/accounts"' not in site.client.get("/").text
    assert site.client.get("/accounts").status_code == 403
    posts = [
        ("/accounts", {"name": "mallory", "role": "admin"}),
        ("/accounts/disable", {"account": "admin"}),
        ("/accounts/enable", {"account": "admin"}),
        ("/accounts/places", {"account": "officer", "add": "Cuenca, EC"}),
    ]
    for url, data in posts:
        assert site.client.post(url, data={"csrf_token": token, **data}).status_code == 403
    assert _accounts(site) == before


def test_forged_tokens_and_signed_out_visitors_change_nothing(site: Site) -> None:
    before = _accounts(site)
    sign_in(site.client, "admin")
    forged = _add(site, "forged", name="mallory", role="admin")
    assert forged.status_code == 403 and "security token" in forged.text
    site.client.cookies.clear()
    answer = site.client.get("/accounts", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    page = site.client.get("/login")
    answer = site.client.post(
        "/accounts",
        data={"csrf_token": csrf_of(page.text), "name": "m", "role": "admin"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert _accounts(site) == before
