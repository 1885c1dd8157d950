"""The office's edit and status forms when refused, in process, on SQLite and PostgreSQL.

A stale version (someone saved first) answers 409 with what was typed next
to what is stored now and the stored version to save over knowingly; bad
input answers 422 with the message next to its field. Neither stores
anything. (The add forms' refusals: ``test_bad_input.py``.)
"""

from __future__ import annotations

import re

import pytest

from sistercities import operations as ops
from tests.web.conftest import Site, sign_in
from tests.web.test_bad_input import trail


def _version(site: Site, rel: int) -> int:
    return int(ops.relationship_for_edit(site.registry, relationship_id=rel)["version"])


def test_a_stale_edit_or_status_change_is_a_conflict_that_keeps_what_was_typed(
    site: Site,
) -> None:
    token = sign_in(site.client, "officer")
    rel = site.other_relationship
    stale = _version(site, rel)
    saved = site.client.post(
        f"/relationships/{rel}/edit",
        data={"csrf_token": token, "version": str(stale), "notes": "Saved first"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    current = _version(site, rel)
    late = site.client.post(
        f"/relationships/{rel}/edit",
        data={"csrf_token": token, "version": str(stale), "notes": "Typed late"},
    )
    assert late.status_code == 409 and 'id="conflict"' in late.text
    assert "Typed late" in late.text and "Saved first" in late.text
    assert f'name="version" value="{current}"' in late.text
    status = site.client.post(
        f"/relationships/{rel}/status",
        data={"csrf_token": token, "version": str(stale), "status": "dormant",
              "date": "2021", "reason": "Typed late too"},
    )
    assert status.status_code == 409 and 'id="conflict"' in status.text
    assert "Typed late too" in status.text
    assert f'name="version" value="{current}"' in status.text
    assert _version(site, rel) == current
    stored = ops.relationship_for_edit(site.registry, relationship_id=rel)
    assert stored["notes"] == "Saved first"


def test_a_bad_edit_names_its_field_and_stores_nothing(site: Site) -> None:
    token = sign_in(site.client, "officer")
    rel = site.other_relationship
    version = _version(site, rel)
    bad = site.client.post(
        f"/relationships/{rel}/edit",
        data={"csrf_token": token, "version": str(version), "start": "2020-13",
              "notes": "Kept as typed"},
    )
    assert bad.status_code == 422 and 'id="e-start"' in bad.text
    assert 'value="2020-13"' in bad.text and "Kept as typed" in bad.text
    lost = site.client.post(
        f"/relationships/{rel}/edit", data={"csrf_token": token, "notes": "No version"}
    )
    assert lost.status_code == 422 and "lost the version" in lost.text
    assert _version(site, rel) == version


def _field_error(html: str, name: str) -> str:
    found = re.search(rf'<p class="field-error" id="e-{name}" role="alert">(.*?)</p>', html, re.S)
    assert found, f"no message next to {name}"
    return found.group(1)


LANGUAGES = {  # a bad date, a missing date, a period backwards, a start to come, an address
    "es": ("no es una fecha válida", "indique la fecha del cambio",
           "termina (2019) antes de empezar (2020)", "2999 está en el futuro",
           "no es una dirección de correo electrónico"),
    "en": ("is not a valid date", "give the date of the change",
           "ends (2019) before it starts (2020)", "2999 is in the future",
           "is not an e-mail address"),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_refused_form_says_why_in_the_readers_language(site: Site, language: str) -> None:
    bad_date, no_date, backwards, to_come, not_an_address = LANGUAGES[language]
    headers = {"Accept-Language": language}
    token = sign_in(site.client, "officer")
    before = trail(site)
    rel = site.other_relationship
    version = _version(site, rel)
    stored = ops.relationship_for_edit(site.registry, relationship_id=rel)
    edit = site.client.post(
        f"/relationships/{rel}/edit", headers=headers,
        data={"csrf_token": token, "version": str(version), "start": "2020-13"},
    )
    assert edit.status_code == 422 and bad_date in _field_error(edit.text, "start")
    period = site.client.post(
        f"/relationships/{rel}/edit", headers=headers,
        data={"csrf_token": token, "version": str(version), "start": "2020", "end": "2019"},
    )
    assert period.status_code == 422 and backwards in _field_error(period.text, "end")
    status = site.client.post(
        f"/relationships/{rel}/status", headers=headers,
        data={"csrf_token": token, "version": str(version), "status": "active",
              "reason": "Kept as typed"},
    )
    assert status.status_code == 422 and no_date in _field_error(status.text, "date")
    assert "Kept as typed" in status.text
    new = site.client.post(
        "/relationships/new", headers=headers,
        data={"csrf_token": token, "place_a": "Loja", "country_a": "EC", "place_b": "Ossining",
              "country_b": "US", "start": "2999"},
    )
    assert new.status_code == 422 and to_come in _field_error(new.text, "start")
    office = site.client.post(
        "/administrations/new", headers=headers,
        data={"csrf_token": token, "place": "Cuenca, EC", "office": "mayor", "holder": "X",
              "start": "2020", "end": "2019"},
    )
    assert office.status_code == 422 and backwards in _field_error(office.text, "end")
    actor = site.client.post(
        "/actors/new", headers=headers,
        data={"csrf_token": token, "name": "Ana", "role": "university", "email": "not-an-address"},
    )
    assert actor.status_code == 422 and not_an_address in _field_error(actor.text, "email")
    assert _version(site, rel) == version
    assert ops.relationship_for_edit(site.registry, relationship_id=rel) == stored
    assert trail(site) == before
