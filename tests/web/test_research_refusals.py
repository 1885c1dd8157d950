"""The workbench's refusals in the reader's language (issue 14, item 6), SQLite and PostgreSQL.

The workbench's pages act through the JSON API and show the error's
``shown``: the refusal in the browser's language. ``message`` stays the
English line scripts match. Each test makes the mistake a researcher makes
(a span past the end of the text, a code name taken, a reader who tries to
code, a document that is not there, a file that is not what it claims),
reads the refusal in Spanish and in English, and checks nothing was stored.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sistercities.operations import research as rops
from tests.web.conftest import Site

API = "/api/v1/research/projects"
ES, EN = {"accept-language": "es-EC,es;q=0.9"}, {"accept-language": "en-US,en;q=0.9"}
TEXT = "Quito y Louisville firmaron en 1962."


def as_(site: Site, role: str, language: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.tokens[role]}", **language}


@pytest.fixture
def project(site: Site, tmp_path: Path) -> dict[str, Any]:
    """A project of the researcher with one text and one code; the admin only reads it."""
    owner = site.registry.as_user("researcher")
    rops.create_project(owner, name="kin", title="Kinship")
    path = tmp_path / "carta.txt"
    path.write_text(TEXT, encoding="utf-8")
    imported = rops.import_documents(owner, project="kin", files=[path])["imported"][0]
    rops.add_code(owner, project="kin", name="Migration")
    rops.add_member(owner, project="kin", user="admin", role="reader")
    return {"document": str(imported["id"]), "name": imported["name"]}


def refusal(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    return error


def codings(site: Site) -> list[dict[str, Any]]:
    return rops.list_codings(site.registry.as_user("researcher"), project="kin")


def test_a_span_past_the_end_of_the_text_is_refused_in_the_readers_language(
    site: Site, project: dict[str, Any]
) -> None:
    body = {"document": project["document"], "start": 5, "end": 500, "code": "Migration"}
    es = refusal(site.client.post(f"{API}/kin/codings", headers=as_(site, "researcher", ES),
                                  json=body), 422)
    en = refusal(site.client.post(f"{API}/kin/codings", headers=as_(site, "researcher", EN),
                                  json=body), 422)
    length = len(TEXT)
    assert es["shown"] == f"end: el tramo 5-500 queda fuera del texto (0-{length} caracteres)"
    assert en["shown"] == f"end: the span 5-500 lies outside the text (0-{length} code points)"
    assert es["message"] == en["message"] == en["shown"]  # the API's line stays English
    assert es["field"] == "end"
    backwards = refusal(site.client.post(
        f"{API}/kin/codings", headers=as_(site, "researcher", ES),
        json=body | {"start": 9, "end": 3}), 422)
    assert backwards["shown"] == "end: el final (3) está antes del inicio (9)"
    assert codings(site) == []


def test_a_code_name_already_taken_is_refused_in_spanish_and_the_codebook_unchanged(
    site: Site, project: dict[str, Any]
) -> None:
    before = site.client.get(f"{API}/kin/codes", headers=as_(site, "researcher", EN)).json()
    es = refusal(site.client.post(f"{API}/kin/codes", headers=as_(site, "researcher", ES),
                                  json={"name": "Migration"}), 409)
    en = refusal(site.client.post(f"{API}/kin/codes", headers=as_(site, "researcher", EN),
                                  json={"name": "Migration"}), 409)
    assert es["shown"] == ("ya existe un código llamado 'Migration' en el nivel superior "
                           "del libro de códigos")
    assert en["shown"] == en["message"] == es["message"] == (
        "a code named 'Migration' already exists at the top of the codebook")
    slash = refusal(site.client.post(f"{API}/kin/codes", headers=as_(site, "researcher", ES),
                                     json={"name": "a/b"}), 422)
    assert "'a/b': '/' separa la ruta de un código y no puede estar en un nombre" in slash["shown"]
    after = site.client.get(f"{API}/kin/codes", headers=as_(site, "researcher", EN)).json()
    assert after == before


def test_a_reader_who_tries_to_code_is_told_the_role_by_its_spanish_name(
    site: Site, project: dict[str, Any]
) -> None:
    body = {"document": project["document"], "start": 0, "end": 5, "code": "Migration"}
    es = refusal(site.client.post(f"{API}/kin/codings", headers=as_(site, "admin", ES),
                                  json=body), 403)
    en = refusal(site.client.post(f"{API}/kin/codings", headers=as_(site, "admin", EN),
                                  json=body), 403)
    assert es["shown"] == ("'admin' es lector del proyecto 'kin'; "
                           "esto requiere el rol de codificador o superior")
    assert en["shown"] == en["message"] == es["message"] == (
        "'admin' is a reader of project 'kin'; this needs the coder role or above")
    assert codings(site) == []


def test_an_unknown_document_and_an_unknown_coding_are_not_found_in_spanish(
    site: Site, project: dict[str, Any]
) -> None:
    es = refusal(site.client.get(f"{API}/kin/documents/nope.txt/view",
                                 headers=as_(site, "researcher", ES)), 404)
    en = refusal(site.client.get(f"{API}/kin/documents/nope.txt/view",
                                 headers=as_(site, "researcher", EN)), 404)
    assert es["shown"] == "no hay ningún documento 'nope.txt' en el proyecto 'kin'"
    assert en["shown"] == en["message"] == "no document 'nope.txt' in project 'kin'"
    gone = refusal(site.client.patch(f"{API}/kin/codings/999",
                                     headers=as_(site, "researcher", ES),
                                     json={"start": 0, "end": 3}), 404)
    assert gone["shown"] == ("no hay ninguna codificación 999 en el proyecto 'kin'; puede que "
                             "alguien la haya eliminado: vuelva a cargar el documento")
    memo = refusal(site.client.post(f"{API}/kin/codings/999/memos",
                                    headers=as_(site, "researcher", ES),
                                    json={"text": "una nota"}), 404)
    assert "no hay ninguna codificación" in memo["shown"] and "999" in memo["shown"]
    unnamed = refusal(site.client.post(f"{API}/kin/suggestions/decide",
                                       headers=as_(site, "researcher", ES),
                                       json={"accept": True}), 422)
    assert unnamed["shown"] == "ids: indique las sugerencias: ids, un código o un documento"
    unknown = refusal(site.client.post(f"{API}/kin/suggestions/decide",
                                       headers=as_(site, "researcher", ES),
                                       json={"accept": True, "ids": [77]}), 404)
    assert unknown["shown"] == "no hay ninguna sugerencia 77 en el proyecto 'kin'"
    assert codings(site) == []


def test_a_qdc_that_is_a_zip_and_a_qdpx_that_is_not_are_refused_in_spanish(
    site: Site, project: dict[str, Any]
) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("project.qde", "<Project/>")
    codes = site.client.get(f"{API}/kin/codes", headers=as_(site, "researcher", EN)).json()
    es = refusal(site.client.post(
        f"{API}/kin/qdc", headers=as_(site, "researcher", ES),
        files={"file": ("libro.qdc", archive.getvalue(), "application/xml")}), 422)
    assert es["shown"] == ("libro.qdc: un archivo zip (¿un proyecto .qdpx?), "
                           "no un libro de códigos")
    assert es["message"] == "libro.qdc: a zip archive (a .qdpx project?), not a codebook"
    broken = refusal(site.client.post(
        f"{API}/kin/qdc", headers=as_(site, "researcher", ES),
        files={"file": ("roto.qdc", b"<CodeBook><Codes>", "application/xml")}), 422)
    assert broken["shown"].startswith("roto.qdc: el XML no está bien formado: ")
    assert site.client.get(f"{API}/kin/codes", headers=as_(site, "researcher", EN)).json() == codes
    projects = site.client.get(API, headers=as_(site, "researcher", EN)).json()
    for language, shown in ((ES, "falso.qdpx: no es un proyecto REFI-QDA (no es un archivo zip)"),
                            (EN, "falso.qdpx: not a REFI-QDA project (not a zip archive)")):
        answer = refusal(site.client.post(
            "/api/v1/research/qdpx", headers=as_(site, "researcher", language),
            files={"file": ("falso.qdpx", b"not a zip at all", "application/zip")}), 422)
        assert answer["shown"] == shown
        assert answer["message"] == "falso.qdpx: not a REFI-QDA project (not a zip archive)"
    assert site.client.get(API, headers=as_(site, "researcher", EN)).json() == projects
