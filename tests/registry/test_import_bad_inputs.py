"""Bad input found by trying the importers: each is refused with a reason that
names the field or line, or stored correctly, never a traceback; the registry
is left as it was when a file is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from sistercities.cli import cli
from sistercities.errors import InputError
from sistercities.interchange.importers import ImportReport, import_pairs, import_wikidata
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.models import Place, Relationship
from sistercities.registry.store import Registry

HEADER = "city1,country1,city2,country2\n"
ENTITY = "http://www.wikidata.org/entity/"


def adds_up(report: ImportReport) -> ImportReport:
    assert report.rows == report.imported + report.merged + report.rejected
    return report


def place_names(registry: Registry) -> set[str]:
    with registry.session() as session:
        return {p.name for p in session.scalars(select(Place))}


def relationship_count(registry: Registry) -> int:
    with registry.session() as session:
        return len(session.scalars(select(Relationship)).all())


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_a_utf16_file_imports_when_asked_for(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path, codec: str
) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes((HEADER + "Kraków,Poland,Berlin,Germany\n").encode(codec))
    report = adds_up(import_pairs(registry, path, gazetteer=gazetteer, encoding=codec))
    assert report.imported == 1
    assert place_names(registry) == {"Kraków", "Berlin"}


def test_a_nul_byte_deep_in_the_file_is_refused_naming_its_line(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    rows = "".join(f"Berlin,Germany,Paris {i},France\n" for i in range(300))  # past 4 KB
    path = tmp_path / "damaged.csv"
    path.write_bytes((HEADER + rows).encode() + b"Kra\x00kow,Poland,Berlin,Germany\n")
    with pytest.raises(InputError, match="NUL") as refused:
        import_pairs(registry, path, gazetteer=gazetteer)
    assert refused.value.line == 302
    assert place_names(registry) == set()


def wikidata_json(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    variables = ["item", "itemLabel", "itemCountryLabel", "twin", "twinLabel"]
    variables += ["twinCountryLabel", "start", "end"]
    bindings = [{k: {"type": "literal", "value": v} for k, v in row.items()} for row in rows]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    path = tmp_path / "p190.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def twin(item: str, partner: str, **extra: str) -> dict[str, str]:
    row = {"item": item, "itemLabel": "Berlin", "itemCountryLabel": "Germany"}
    return row | {"twin": partner, "twinLabel": "Paris", "twinCountryLabel": "France"} | extra


def import_json(registry: Registry, gazetteer: Gazetteer, path: Path) -> dict[int, str]:
    report = adds_up(import_wikidata(registry, path, gazetteer=gazetteer))
    return {r.line: r.reason for r in report.rejections}


@pytest.mark.parametrize(
    "partner", ["P190", "Q-5", "Paris", "http://evil.example/entity/Q90", ENTITY + "P190"]
)
def test_a_partner_that_is_not_a_wikidata_item_is_rejected_and_stores_nothing(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path, partner: str
) -> None:
    path = wikidata_json(tmp_path, [twin(ENTITY + "Q64", partner)])
    reasons = import_json(registry, gazetteer, path)
    assert "twin:" in reasons[1] and "is not a Wikidata item" in reasons[1]
    assert place_names(registry) == set()  # not Berlin either: the row added nothing


def test_another_sites_entity_url_is_not_taken_for_a_qid(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = wikidata_json(tmp_path, [twin("http://evil.example/entity/Q64", ENTITY + "Q90")])
    reasons = import_json(registry, gazetteer, path)
    assert reasons[1].startswith("item:")
    with registry.session() as session:
        assert session.scalars(select(Place).where(Place.wikidata_id == "Q64")).first() is None


@pytest.mark.parametrize(
    ("dates", "reason"),
    [
        ({"start": "+1987-02-30T00:00:00Z"}, "start: '+1987-02-30T00:00:00Z' is not a date"),
        ({"start": "yesterday"}, "start: 'yesterday' is not a date"),
        ({"end": "1990-13-01T00:00:00Z"}, "end: '1990-13-01T00:00:00Z' is not a date"),
        (
            {"start": "2001-05-01T00:00:00Z", "end": "1999-01-01T00:00:00Z"},
            "start (2001-05-01) is after its end (1999)",
        ),
    ],
)
def test_a_start_or_end_that_cannot_be_is_rejected_naming_it(
    registry: Registry,
    gazetteer: Gazetteer,
    tmp_path: Path,
    dates: dict[str, Any],
    reason: str,
) -> None:
    good = twin(ENTITY + "Q31487", ENTITY + "Q64", start="1991-06-17T00:00:00Z")
    good |= {"itemLabel": "Kraków", "itemCountryLabel": "Poland", "twinLabel": "Berlin"}
    good["twinCountryLabel"] = "Germany"
    path = wikidata_json(tmp_path, [twin(ENTITY + "Q64", ENTITY + "Q90", **dates), good])
    reasons = import_json(registry, gazetteer, path)
    assert list(reasons) == [1] and reasons[1].startswith(reason)
    assert relationship_count(registry) == 1
    assert place_names(registry) == {"Kraków", "Berlin"}


def test_an_unknown_value_is_no_date_not_a_bad_one(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = wikidata_json(tmp_path, [twin(ENTITY + "Q64", ENTITY + "Q90", start="t1529357098")])
    assert import_json(registry, gazetteer, path) == {}
    with registry.session() as session:
        assert session.scalars(select(Relationship)).one().start_date is None


def test_the_readmes_german_columns_example_imports(
    db_target: str, dump_file: Path, tmp_path: Path
) -> None:
    """``--encoding latin-1 --columns city1=Stadt,country1=Land,...`` with German country names."""
    text = "Stadt;Land;Partner;Partnerland\nBerlin;Deutschland;Paris;Frankreich\n"
    text += "Nienburg;Deutschland;Kraków;Polen\n"
    path = tmp_path / "partner.csv"
    path.write_bytes(text.encode("latin-1"))
    columns = "city1=Stadt,country1=Land,city2=Partner,country2=Partnerland"
    args = ["--db", db_target, "import", "pairs", str(path), "--encoding", "latin-1"]
    args += ["--columns", columns, "--gazetteer", str(dump_file)]
    args += ["--cache-dir", str(tmp_path / "cache"), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["imported"], report["rejected"]) == (2, 0)
    assert report["places"] == {"resolved": 4, "unresolved": 0}
