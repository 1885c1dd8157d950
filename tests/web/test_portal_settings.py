"""The portal's address and language from the web app, in process, on SQLite and PostgreSQL.

The officer of Cuenca switches Cuenca's portal on at an address and in a
language she chooses, in Spanish, then moves it; a resident opens it at the
new address and not at the old one. Bad, taken and reserved addresses and an
unknown language are refused with a message next to the field, in the
reader's language, and change nothing; the officer of Peekskill cannot (403).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sistercities.operations import accounts
from sistercities.operations import portal as portal_ops
from sistercities.registry.models import AuditEntry, Place
from tests.web.conftest import PASSWORD, Site, sign_in

ES = {"accept-language": "es-EC,es;q=0.9"}


@dataclass
class Office:
    site: Site
    cuenca: int

    def state(self) -> dict[str, Any]:
        return portal_ops.portal_state(self.site.registry, place=str(self.cuenca))

    def post(self, token: str, headers: dict[str, str] | None = None, **data: str) -> Any:
        return self.site.client.post(
            f"/places/{self.cuenca}/portal/settings",
            data={"csrf_token": token, **data},
            headers=headers or {},
            follow_redirects=False,
        )


@pytest.fixture
def office(site: Site) -> Iterator[Office]:
    for name, place in (("lucia", "Cuenca, EC"), ("pete", "Peekskill, US")):
        accounts.add_user(
            site.registry, name=name, role="officer", password=PASSWORD, places=[place]
        )
    with site.registry.session() as session:
        query = select(Place.id).where(Place.name == "Cuenca", Place.country_code == "EC")
        cuenca = int(session.scalar(query))
    yield Office(site, cuenca)


def _resident(client: TestClient, url: str) -> int:
    client.cookies.clear()
    return client.get(url, headers=ES).status_code


def test_the_cuenca_officer_chooses_the_address_and_language_in_spanish(office: Office) -> None:
    client = office.site.client
    token = sign_in(client, "lucia")
    place = client.get(f"/places/{office.cuenca}", headers=ES).text
    assert f'href="/places/{office.cuenca}/portal"' in place and "Dirección e idioma" in place
    form = client.get(f"/places/{office.cuenca}/portal", headers=ES)
    assert form.status_code == 200 and "Portal público de Cuenca (EC)" in form.text
    assert "Idioma del portal" in form.text and "Encender el portal" in form.text
    sent = office.post(token, ES, slug="cuenca-centro", language="es", switch="on")
    assert sent.status_code == 303, sent.text
    done = client.get(sent.headers["location"], headers=ES).text
    assert "El portal de Cuenca (EC) está encendido" in done and "/portal/cuenca-centro" in done
    state = office.state()
    assert (state["enabled"], state["slug"], state["language"]) == (True, "cuenca-centro", "es")
    moved = office.post(token, ES, slug="Cuenca-Ecuador", language="en", switch="keep")
    assert moved.status_code == 303
    saved = client.get(moved.headers["location"], headers=ES).text
    assert "Guardado: el portal de Cuenca (EC) está en /portal/cuenca-ecuador, en inglés." in saved
    state = office.state()
    assert (state["enabled"], state["slug"], state["language"]) == (True, "cuenca-ecuador", "en")
    assert _resident(client, "/portal/cuenca-ecuador") == 200
    assert _resident(client, "/portal/cuenca-centro") == 404
    with office.site.registry.session() as session:
        users = set(
            session.scalars(select(AuditEntry.user).where(AuditEntry.entity == "portals"))
        )
    assert users == {"lucia"}


def _said(page: str, anchor: str) -> str:
    """The message shown after ``anchor`` (a field's error, the form's), unescaped."""
    found = re.search(re.escape(anchor) + r"[^>]*>([^<]*)</p>", page)
    assert found, f"no message at {anchor!r}"
    return html.unescape(found.group(1))


FORM = ("es", "letras minúsculas, cifras y guiones (sin espacios ni tildes, como mucho 120, "
        "sin guion al principio ni al final)")
FORMAT = "lower-case letters, digits and hyphens (at most 120, no hyphen first or last)"


@pytest.mark.parametrize(
    ("typed", "spanish", "english"),
    [
        ("Cuenca Centro!", f"'cuenca centro!': use {FORM[1]}", f"'cuenca centro!': use {FORMAT}"),
        ("-cuenca", f"'-cuenca': use {FORM[1]}", f"'-cuenca': use {FORMAT}"),
        ("cuenca" * 21, f"'{'cuenca' * 21}': use {FORM[1]}", f"'{'cuenca' * 21}': use {FORMAT}"),
        ("peekskill", "'peekskill' ya es el portal de Peekskill (US)",
         "'peekskill' is the portal of Peekskill (US)"),
        ("search", "'search' es la dirección de la página «search» del propio portal; elija otra",
         "'search' is the address of the portal's own search page; choose another"),
    ],
)
def test_a_bad_or_taken_address_is_refused_naming_the_field(
    office: Office, typed: str, spanish: str, english: str
) -> None:
    """The reason is under the address field (its label says which), in the reader's language."""
    portal_ops.portal_enable(office.site.registry, place="Peekskill, US", user="pete")
    portal_ops.portal_enable(office.site.registry, place=str(office.cuenca), user="lucia")
    before = office.state()
    token = sign_in(office.site.client, "lucia")
    for headers, expected in ((ES, spanish), ({"accept-language": "en"}, english)):
        refused = office.post(token, headers, slug=typed, language="es", switch="keep")
        assert refused.status_code == 422
        page = refused.text
        assert 'id="f-slug"' in page and 'aria-invalid="true" aria-describedby="e-slug"' in page
        assert _said(page, 'id="e-slug"') == expected
    assert office.state() == before
    assert _resident(office.site.client, "/portal/cuenca") == 200


def test_an_unknown_language_or_switch_is_refused_and_nothing_changes(office: Office) -> None:
    token = sign_in(office.site.client, "lucia")
    en = {"accept-language": "en"}
    for headers, expected in (
        (ES, "'fr' no es ninguno de estos valores: en, es"),
        (en, "'fr' is not one of: en, es"),
    ):
        refused = office.post(token, headers, slug="cuenca", language="fr", switch="on")
        assert refused.status_code == 422
        assert 'aria-describedby="e-language"' in refused.text
        assert _said(refused.text, 'id="e-language"') == expected
    assert not office.state()["enabled"]
    for headers, expected in (
        (ES, "Cuenca (EC) no tiene portal todavía: enciéndalo (con su dirección y su idioma)"),
        (en, "Cuenca (EC) has no portal yet: switch it on (with its address and language)"),
    ):
        refused = office.post(token, headers, slug="cuenca", language="es", switch="keep")
        assert refused.status_code == 422
        assert _said(refused.text, '<p class="error" role="alert"') == expected
    for headers, expected in ((ES, "'maybe': indique on o keep"), (en, "'maybe': say on or keep")):
        refused = office.post(token, headers, slug="cuenca", switch="maybe")
        assert refused.status_code == 422
        assert _said(refused.text, '<p class="error" role="alert"') == expected
    assert office.state()["slug"] is None


def test_only_an_officer_of_the_place_and_a_valid_token(office: Office) -> None:
    client = office.site.client
    token = sign_in(client, "pete")
    page = client.get(f"/places/{office.cuenca}/portal")
    assert page.status_code == 200 and 'id="portal-settings"' not in page.text
    assert "Only an officer of Cuenca (EC)" in page.text
    refused = office.post(token, slug="cuenca-pete", switch="on")
    assert refused.status_code == 403 and "not of Cuenca (EC)" in refused.text
    refused = office.post(token, ES, slug="cuenca-pete", switch="on")
    assert refused.status_code == 403
    assert (
        "'pete' no puede encender el portal de este lugar: 'pete' es funcionario de "
        "Peekskill (US), no de Cuenca (EC)"
    ) in html.unescape(refused.text)
    client.cookies.clear()
    token = sign_in(client, "partner")
    assert client.get(f"/places/{office.cuenca}/portal").status_code == 403
    assert office.post(token, slug="cuenca-p", switch="on").status_code == 403
    client.cookies.clear()
    sign_in(client, "lucia")
    forged = office.post("forged", slug="cuenca-f", switch="on")
    assert forged.status_code == 403 and "security token" in forged.text
    assert office.state()["slug"] is None


def test_the_cli_configures_the_same(office: Office) -> None:
    from click.testing import CliRunner

    from sistercities.cli import cli

    portal_ops.portal_enable(office.site.registry, place=str(office.cuenca), user="lucia")
    db = office.site.registry.url
    runner = CliRunner()
    args = ["--db", db, "--user", "pete", "portal", "configure", "Cuenca, EC", "--slug", "x-y"]
    refused = runner.invoke(cli, args)
    assert refused.exit_code != 0 and "not of Cuenca (EC)" in refused.output
    args[3] = "lucia"
    done = runner.invoke(cli, [*args, "--language", "en", "--json"])
    assert done.exit_code == 0, done.output
    state = office.state()
    assert (state["enabled"], state["slug"], state["language"]) == (True, "x-y", "en")
