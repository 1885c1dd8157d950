"""The registry's refusals, in the reader's language (issue 14, item 6), on SQLite and PostgreSQL.

The library raises each refusal as a :class:`~sistercities.messages.Message`:
a form shows it next to its field, the error page alone, and the API gives
it twice, ``message`` in English for scripts and ``shown`` in the request's
language. Each case is one a person meets: a country that is no code, a
kind or an initiator the registry does not know, a place it does not hold,
a step the account's role does not allow, a form without its token, a list
asked for with no room. Nothing is stored.
"""

from __future__ import annotations

import html
import re

import pytest

from sistercities import operations as ops
from tests.web.conftest import Site, sign_in
from tests.web.test_bad_input import trail
from tests.web.test_form_refusals import _field_error, _version

ES = {"Accept-Language": "es"}
EN = {"Accept-Language": "en"}


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _said(answer_text: str, name: str) -> str:
    return html.unescape(_field_error(answer_text, name))


CASES = {  # what each language says, case by case
    "es": {
        "country": "país desconocido 'XX'",
        "initiator": "debe ser a, b o ambos",
        "kind": "'twin' no es ninguno de estos valores: ciudad hermana, estado hermano",
        "place": "no hay ningún lugar llamado 'Atlantis'",
        "role": "una cuenta con el rol de organización socia no puede modificar el registro",
        "token": "falta el código de seguridad del formulario o no es correcto",
    },
    "en": {
        "country": "unknown country 'XX'",
        "initiator": "must be a, b or both",
        "kind": "'twin' is not one of: sister_city, sister_state",
        "place": "no place named 'Atlantis'",
        "role": "an account of the partner organisation role may not change the registry",
        "token": "the form's security token is missing or wrong; reload the page",
    },
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_refused_registry_form_says_why_in_the_readers_language(
    site: Site, language: str
) -> None:
    said = CASES[language]
    headers = {"Accept-Language": language}
    token = sign_in(site.client, "officer")
    before = trail(site)
    rel = site.other_relationship
    version = _version(site, rel)
    stored = ops.relationship_for_edit(site.registry, relationship_id=rel)
    new = site.client.post(
        "/relationships/new", headers=headers,
        data={"csrf_token": token, "place_a": "Loja", "country_a": "XX", "place_b": "Ossining",
              "country_b": "US"},
    )  # fmt: skip
    assert new.status_code == 422 and said["country"] in _said(new.text, "country_a")
    initiator = site.client.post(
        f"/relationships/{rel}/edit", headers=headers,
        data={"csrf_token": token, "version": str(version), "initiated_by": "c"},
    )  # fmt: skip
    assert initiator.status_code == 422
    assert said["initiator"] in _said(initiator.text, "initiated_by")
    kind = site.client.post(
        f"/relationships/{rel}/edit", headers=headers,
        data={"csrf_token": token, "version": str(version), "kind": "twin"},
    )  # fmt: skip
    assert kind.status_code == 422 and said["kind"] in _said(kind.text, "kind")
    office = site.client.post(
        "/administrations/new", headers=headers,
        data={"csrf_token": token, "place": "Atlantis", "office": "mayor", "holder": "X",
              "start": "2020"},
    )  # fmt: skip
    assert office.status_code in (404, 422) and said["place"] in _text(office.text)
    assert _version(site, rel) == version
    assert ops.relationship_for_edit(site.registry, relationship_id=rel) == stored
    assert trail(site) == before


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_step_the_role_does_not_allow_and_a_lost_token_say_why(
    site: Site, language: str
) -> None:
    said = CASES[language]
    headers = {"Accept-Language": language}
    before = trail(site)
    token = sign_in(site.client, "partner")
    refused = site.client.post(
        "/actors/new", headers=headers,
        data={"csrf_token": token, "name": "Ana", "role": "university"},
    )  # fmt: skip
    assert refused.status_code == 403 and said["role"] in _text(refused.text)
    forged = site.client.post(
        "/actors/new", headers=headers, data={"csrf_token": "forged", "name": "Ana"}
    )
    assert forged.status_code == 403 and said["token"] in _text(forged.text)
    assert trail(site) == before


def test_the_api_says_a_refusal_in_english_for_scripts_and_shown_in_the_readers_language(
    site: Site,
) -> None:
    sign_in(site.client, "officer")
    asked = {"country": "Narnia"}
    spanish = site.client.get("/api/v1/relationships", params=asked, headers=ES)
    english = site.client.get("/api/v1/relationships", params=asked, headers=EN)
    assert spanish.status_code == english.status_code == 422
    error_es, error_en = spanish.json()["error"], english.json()["error"]
    assert error_es["message"] == error_en["message"] == "country: unknown country 'Narnia'"
    assert error_es["shown"] == "country: país desconocido 'Narnia'"
    assert error_en["shown"] == error_en["message"] and error_es["field"] == "country"
    missing = site.client.get("/api/v1/relationships/999999", headers=ES).json()["error"]
    assert missing["message"] == "no relationship with id 999999"
    assert missing["shown"] == "no hay ninguna relación con el identificador 999999"
    # a bound FastAPI checks: its English for scripts, ours for the person
    bound = site.client.get("/api/v1/relationships", params={"limit": "0"}, headers=ES)
    assert bound.status_code == 422
    assert bound.json()["error"]["message"].startswith("limit: Input should be")
    assert bound.json()["error"]["shown"] == "limit: debe ser al menos 1"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "'abc' no es un número entero"), ("en", "'abc' is not a whole number")],
)
def test_an_address_with_a_bad_parameter_says_why_in_the_readers_language(
    site: Site, language: str, expected: str
) -> None:
    sign_in(site.client, "officer")
    page = site.client.get("/report", params={"year": "abc"}, headers={"Accept-Language": language})
    assert page.status_code == 422 and f"year : {expected}" in _text(page.text)
    assert "Input should be" not in page.text


def test_a_refusal_that_names_a_line_keeps_its_words_translatable() -> None:
    """A file's refusal (``line 3: name: …``) reads whole in Spanish, the CLI's line in English."""
    from sistercities.errors import InputError
    from sistercities.messages import Message
    from sistercities.web.errors import said

    refused = said(InputError(Message("must not be empty"), field="name", line=3))
    unnamed = said(InputError(Message("must not be empty"), line=4))
    assert isinstance(refused, Message) and isinstance(unnamed, Message)
    assert refused == "line 3: name: must not be empty"
    assert refused.localised("es") == "línea 3: name: no puede estar vacío"
    assert unnamed.localised("es") == "línea 4: no puede estar vacío"
