"""The workbench's JSON API in process, on SQLite and PostgreSQL.

A coding made through the API has exactly the fields and offsets of
``sistercities research codings --json``; offsets are code points whatever
the text holds; a reader may read but not code; a researcher outside a
project sees nothing of it; two coders coding at once both keep their codings.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sistercities.cli import cli
from sistercities.operations import accounts
from sistercities.operations import research as rops
from tests.web.conftest import Site

API = "/api/v1/research/projects"
TRICKY = "Café\r\nBonjour 🇪🇨 e\u0301tude 👩‍👩‍👧 twinning\r\nend"
STORED = TRICKY.replace("\r\n", "\n")  # the importer stores line ends as one


def bearer(site: Site, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.tokens[role]}"}


@pytest.fixture
def project(site: Site, tmp_path: Path) -> dict[str, Any]:
    """A project owned by the researcher with one tricky text and one code; admin is a reader."""
    owner = site.registry.as_user("researcher")
    rops.create_project(owner, name="kin", title="Kinship")
    path = tmp_path / "tricky.txt"
    path.write_bytes(TRICKY.encode("utf-8"))
    imported = rops.import_documents(owner, project="kin", files=[path])["imported"][0]
    rops.add_code(owner, project="kin", name="Migration", colour="#2ca02c")
    rops.add_member(owner, project="kin", user="admin", role="reader")
    rops.add_member(owner, project="kin", user="officer", role="coder")
    return {"document": imported["id"], "name": imported["name"]}


def cli_codings(db: str, user: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["--db", db, "--user", user, "research", "codings", "kin",
                                      "--json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def test_a_coding_through_the_api_is_the_cli_coding_at_code_point_offsets(
    site: Site, project: dict[str, Any], seeded_target: str
) -> None:
    stored = site.client.get(f"{API}/kin/documents/{project['document']}",
                             headers=bearer(site, "researcher")).json()["text"]
    assert stored.replace("\n", "\r\n") == TRICKY  # the import keeps every character
    flag_start = stored.index("🇪🇨")
    end = stored.index("twinning") + len("twinning")
    response = site.client.post(f"{API}/kin/codings", headers=bearer(site, "researcher"), json={
        "document": str(project["document"]), "start": flag_start, "end": end,
        "code": "Migration"})
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["text"] == stored[flag_start:end]  # Python slices code points
    assert (made["start"], made["end"]) == (flag_start, end)
    listed = site.client.get(f"{API}/kin/codings", headers=bearer(site, "researcher")).json()
    from_cli = cli_codings(seeded_target, "researcher")
    assert listed == from_cli
    assert {k: made[k] for k in from_cli[0]} == from_cli[0]


def test_a_new_code_typed_while_coding_is_added_and_the_span_adjusted_and_uncoded(
    site: Site, project: dict[str, Any]
) -> None:
    who = bearer(site, "researcher")
    made = site.client.post(f"{API}/kin/codings", headers=who, json={
        "document": project["name"], "start": 0, "end": 4, "code": "Place names",
        "new_code": True, "memo": "the café"}).json()
    assert made["code"] == "Place names" and made["text"] == "Café"
    moved = site.client.patch(f"{API}/kin/codings/{made['id']}", headers=who,
                              json={"start": STORED.index("Bonjour"),
                                    "end": STORED.index("Bonjour") + 7})
    assert moved.status_code == 200, moved.text
    assert moved.json()["text"] == "Bonjour" and moved.json()["id"] == made["id"]
    outside = site.client.patch(f"{API}/kin/codings/{made['id']}", headers=who,
                                json={"start": 5, "end": 10_000})
    assert outside.status_code == 422 and outside.json()["error"]["field"] == "end"
    gone = site.client.delete(f"{API}/kin/codings/{made['id']}", headers=who)
    assert gone.status_code == 200
    assert site.client.get(f"{API}/kin/codings", headers=who).json() == []


def test_a_reader_reads_but_cannot_code(site: Site, project: dict[str, Any]) -> None:
    reader = bearer(site, "admin")
    assert site.client.get(f"{API}/kin/documents", headers=reader).status_code == 200
    refused = site.client.post(f"{API}/kin/codings", headers=reader, json={
        "document": project["name"], "start": 0, "end": 4, "code": "Migration"})
    assert refused.status_code == 403
    assert site.client.get(f"{API}/kin/codings", headers=reader).json() == []


def test_someone_outside_the_project_sees_nothing(site: Site, project: dict[str, Any]) -> None:
    accounts.add_user(site.registry, name="stranger", role="researcher", password="x" * 12)
    token = accounts.create_token(site.registry, name="stranger")["token"]
    outsider = {"Authorization": f"Bearer {token}"}
    assert site.client.get(f"{API}", headers=outsider).json() == []
    for path in ("/kin", "/kin/documents", f"/kin/documents/{project['document']}",
                 "/kin/codings", "/kin/codes"):
        answer = site.client.get(f"{API}{path}", headers=outsider)
        assert answer.status_code == 404, path
    missing = site.client.get(f"{API}/no-such-project/codings", headers=outsider)
    assert missing.json()["error"]["message"].replace("no-such-project", "kin") == \
        site.client.get(f"{API}/kin/codings", headers=outsider).json()["error"]["message"]
    assert site.client.get(f"{API}", headers=bearer(site, "partner")).status_code == 403


def test_two_coders_at_once_lose_nothing(site: Site, project: dict[str, Any]) -> None:
    app = site.client.app
    results: dict[str, list[int]] = {"researcher": [], "officer": []}

    def code(role: str, spans: list[tuple[int, int]]) -> None:
        with TestClient(app) as client:
            for start, end in spans:
                answer = client.post(f"{API}/kin/codings", headers=bearer(site, role), json={
                    "document": project["name"], "start": start, "end": end,
                    "code": "Migration"})
                assert answer.status_code == 201, answer.text
                results[role].append(answer.json()["id"])

    spans = [(i, i + 3) for i in range(0, 30, 2)]
    threads = [threading.Thread(target=code, args=(role, spans)) for role in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    listed = site.client.get(f"{API}/kin/codings", headers=bearer(site, "admin")).json()
    assert {(c["coder"], c["start"], c["end"]) for c in listed} == {
        (role, s, e) for role in results for s, e in spans}


def test_the_research_api_is_in_the_openapi_document(site: Site) -> None:
    paths = site.client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("documents", "codes", "codings", "suggestions", "queries/matrix", "agreement"):
        assert f"{API}/{{project}}/{path}" in paths, path


def test_many_documents_upload_at_once_with_reasons_for_those_refused(
    site: Site, project: dict[str, Any]
) -> None:
    files = [("files", ("one.md", b"# One\n\nLoja and Ossining.", "text/markdown")),
             ("files", ("two.html", '<meta charset="utf-8"><p>Cuenca 🇪🇨</p>'.encode(),
                       "text/html")),
             ("files", ("empty.txt", b"", "text/plain"))]
    answer = site.client.post(f"{API}/kin/documents", headers=bearer(site, "researcher"),
                              files=files,
                              data={"attach": f"relationship:{site.partner_relationship}"})
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert sorted(d["name"] for d in result["imported"]) == ["one.md", "two.html"]
    assert [r["file"].split("/")[-1] for r in result["rejected"]] == ["empty.txt"]
    assert result["rejected"][0]["reason"]
    listed = site.client.get(f"{API}/kin/documents", headers=bearer(site, "researcher")).json()
    assert {"one.md", "two.html", "tricky.txt"} == {d["name"] for d in listed}
    two = next(d for d in listed if d["name"] == "two.html")
    text = site.client.get(f"{API}/kin/documents/{two['id']}",
                           headers=bearer(site, "researcher")).json()["text"]
    assert "Cuenca 🇪🇨" in text
