"""The workbench's pages and table endpoints in process (SQLite and PostgreSQL).

Queries, agreement with the disagreeing passages side by side, the hierarchy
chart, the cases table with a CSV import and a typed value refused by name,
the codebook edited through the API, and a REFI-QDA preview that stores nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sistercities.operations import research as rops
from tests.conftest import SHARED
from tests.web.conftest import Site, sign_in
from tests.web.test_research_api import API, bearer, project  # noqa: F401 (fixture)


def test_queries_and_agreement_pages_link_to_the_passages(
    site: Site, project: dict[str, Any]  # noqa: F811
) -> None:
    owner, other = site.registry.as_user("researcher"), site.registry.as_user("officer")
    rops.code_span(owner, project="kin", document=project["name"], start=0, end=4,
                   code="Migration")
    rops.code_span(other, project="kin", document=project["name"], start=0, end=12,
                   code="Migration")
    sign_in(site.client, "researcher")
    page = site.client.get("/research/kin/queries?q=twinning")
    assert page.status_code == 200
    assert f"/research/kin/documents/{project['name']}#s=" in page.text
    assert "Coding matrix" in page.text and "Code co-occurrence" in page.text
    agreement = site.client.get("/research/kin/agreement?coders=researcher,officer")
    assert agreement.status_code == 200
    assert "#s=0-4" in agreement.text and "#s=0-12" in agreement.text  # side by side
    # the figures in the reader's locale: a decimal point in English, a comma in Spanish
    overall = r"<th>%s</th><td>(\d+)[%s](\d)</td><td>(-?\d+[%s]\d{3}|—)</td>"
    english = re.search(overall % ("Overall", ".", "."), agreement.text)
    spanish = re.search(overall % ("En total", ",", ","), site.client.get(
        "/research/kin/agreement?coders=researcher,officer", headers={"accept-language": "es"}
    ).text)
    assert english and spanish
    assert english.group(1, 2) == spanish.group(1, 2)
    assert 50 <= int(english.group(1)) <= 100, "percent agreement as a percentage, as the CLI"
    assert english.group(3).replace(".", ",") == spanish.group(3)
    chart = site.client.get("/research/kin/chart.svg")
    assert chart.status_code == 200 and chart.text.lstrip().startswith(("<?xml", "<svg"))


def test_the_cases_table_imports_a_csv_and_refuses_a_value_of_the_wrong_type(
    site: Site, project: dict[str, Any], tmp_path: Path  # noqa: F811
) -> None:
    who = bearer(site, "researcher")
    table = tmp_path / "cases.csv"
    table.write_text("case,year,city\nLoja,2015,Loja\nCuenca,2019,Cuenca\n", encoding="utf-8")
    with table.open("rb") as handle:
        imported = site.client.post(f"{API}/kin/cases/import", headers=who,
                                    files={"file": ("cases.csv", handle, "text/csv")})
    assert imported.status_code == 200, imported.text
    assert imported.json()["rows"] == 2
    data = site.client.get(f"{API}/kin/cases", headers=who).json()
    assert {c["name"] for c in data["cases"]} == {"Loja", "Cuenca"}
    year = next(a for a in data["attributes"] if a["name"] == "year")
    assert year["type"] == "integer"
    refused = site.client.put(f"{API}/kin/cases/Loja/attributes/year", headers=who,
                              json={"value": "soon"})
    assert refused.status_code == 422 and "year" in refused.json()["error"]["message"]
    ok = site.client.put(f"{API}/kin/cases/Loja/attributes/year", headers=who,
                         json={"value": "2016"})
    assert ok.status_code == 200
    sign_in(site.client, "researcher")
    page = site.client.get("/research/kin/cases")
    assert page.status_code == 200 and 'value="2016"' in page.text


def test_the_codebook_is_edited_as_a_tree(site: Site, project: dict[str, Any]) -> None:  # noqa: F811
    who = bearer(site, "researcher")
    assert site.client.post(f"{API}/kin/codes", headers=who,
                            json={"name": "Themes", "codable": False}).status_code == 201
    assert site.client.post(f"{API}/kin/codes", headers=who,
                            json={"name": "Kinship", "parent": "Themes"}).status_code == 201
    moved = site.client.patch(f"{API}/kin/codes/Migration", headers=who,
                              json={"parent": "Themes"})
    assert moved.json()["path"] == "Themes/Migration"
    cycle = site.client.patch(f"{API}/kin/codes/Themes", headers=who,
                              json={"parent": "Themes/Kinship"})
    assert cycle.status_code == 422
    rops.code_span(site.registry.as_user("researcher"), project="kin",
                   document=project["name"], start=0, end=4, code="Themes/Kinship")
    merged = site.client.patch(f"{API}/kin/codes/Themes%2FKinship", headers=who,
                               json={"merge_into": "Themes/Migration"})
    assert merged.status_code == 200, merged.text
    tree = site.client.get(f"{API}/kin/codes", headers=who).json()
    themes = next(c for c in tree if c["name"] == "Themes")
    assert [c["name"] for c in themes["children"]] == ["Migration"]
    assert [c["code"] for c in site.client.get(f"{API}/kin/codings", headers=who).json()] == [
        "Themes/Migration"]
    assert site.client.post(f"{API}/kin/codebooks/004", headers=who).status_code == 201


def test_a_qdpx_preview_says_what_cannot_be_carried_and_stores_nothing(site: Site) -> None:
    who = bearer(site, "researcher")
    sample = SHARED / "refi-qda" / "samples" / "nvivo15-mac_codebook_project.qdpx"
    with sample.open("rb") as handle:
        preview = site.client.post("/api/v1/research/qdpx", headers=who,
                                   data={"preview": "true", "name": "mac"},
                                   files={"file": (sample.name, handle, "application/zip")})
    assert preview.status_code == 201, preview.text
    assert preview.json()["stored"] is False and "not_carried" in preview.json()
    assert site.client.get(API, headers=who).json() == []
    with sample.open("rb") as handle:
        stored = site.client.post("/api/v1/research/qdpx", headers=who, data={"name": "mac"},
                                  files={"file": (sample.name, handle, "application/zip")})
    assert stored.json()["codes"] == preview.json()["codes"]
    assert [p["name"] for p in site.client.get(API, headers=who).json()] == ["mac"]
    export = site.client.get(f"{API}/mac/export/qdc", headers=who)
    assert export.status_code == 200 and b"<CodeBook" in export.content


def test_the_document_page_speaks_spanish(site: Site, project: dict[str, Any]) -> None:  # noqa: F811
    sign_in(site.client, "researcher")
    page = site.client.get(f"/research/kin/documents/{project['document']}",
                           headers={"Accept-Language": "es"})
    assert page.status_code == 200
    assert "Codificar la selección" in page.text and "Code the selection" not in page.text
    import re

    scripts = re.findall(r"<script[^>]*>", page.text)
    assert scripts and all('src="/static/' in tag for tag in scripts)  # no inline script
