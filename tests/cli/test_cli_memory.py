"""The institutional-memory commands through click's runner: exit codes and JSON shapes."""

from __future__ import annotations

import json
from typing import Any

import click
import pytest
from click.testing import Result

from sistercities.cli import cli
from tests.cli.conftest import Cli


def run(db: str, *args: str, user: str = "tester") -> Result:
    return Cli(db)(*args, expect=None, user=user)


def run_json(db: str, *args: str, user: str = "tester") -> Any:
    return Cli(db).json(*args, user=user)




def _rel_id(db: str, place: str) -> int:
    rows = run_json(db, "relationships", "list", "--place", place)
    return int(rows[0]["id"])




def test_memory_commands_are_registered() -> None:
    context = click.Context(cli)
    assert isinstance(cli.get_command(context, "status"), click.Group)
    for name in ("actor", "link", "administration", "activity", "crisis"):
        assert name in cli.get_command(context, "add").commands  # type: ignore[union-attr]


def test_add_actor_link_and_activity(demo_db: str) -> None:
    rel = _rel_id(demo_db, "Peekskill")
    actor = run_json(
        demo_db,
        "add",
        "actor",
        "Universidad de Cuenca",
        "--role",
        "university",
        "--place",
        "Cuenca, EC",
        "--email",
        "rector@example.org",
    )
    assert actor["tier"] == "non_state" and "contact" not in actor
    link = run_json(
        demo_db,
        "add",
        "link",
        str(rel),
        str(actor["id"]),
        "--part",
        "carrier",
        "--side",
        "Cuenca",
        "--start",
        "2024",
    )
    assert link == {
        "id": link["id"],
        "relationship_id": rel,
        "actor_id": actor["id"],
        "part": "carrier",
        "side_place_id": actor["place_id"],
        "start": "2024",
        "end": None,
    }
    activity = run_json(
        demo_db,
        "add",
        "activity",
        str(rel),
        "Artisan market",
        "--date",
        "2023-11",
        "--layer",
        "economic",
        "--area",
        "trade",
        "--actor",
        f"{actor['id']}:organiser",
        "--flow",
        "Cuenca>Peekskill:goods:120:pieces",
        "--flow",
        "Peekskill>Cuenca:capital:3500:USD",
    )
    assert [f["kind"] for f in activity["flows"]] == ["goods", "capital"]
    assert activity["actors"] == [{"actor_id": actor["id"], "role": "organiser"}]
    planned = run_json(
        demo_db, "add", "activity", str(rel), "University exchange", "--planned", "--date", "2031"
    )
    assert planned["planned"] is True
    done = run_json(demo_db, "commitment", "done", str(planned["id"]), "--date", "2024-02")
    assert done["planned"] is False and done["date"] == "2024-02"


def test_add_administration_and_crisis(demo_db: str) -> None:
    admin = run_json(
        demo_db,
        "add",
        "administration",
        "Quito, EC",
        "--office",
        "mayor",
        "--holder",
        "Pabel Muñoz",
        "--start",
        "2023-05",
        "--end",
        "2027-05",
    )
    assert (admin["start"], admin["end"]) == ("2023-05", "2027-05")
    crisis = run_json(
        demo_db,
        "add",
        "crisis",
        "EP-3 incident",
        "--country",
        "US",
        "--country",
        "CN",
        "--start",
        "2001-04-01",
        "--end",
        "2001-04-11",
    )
    assert crisis["countries"] == ["CN", "US"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--flow", "Quito>Cuenca:goods"], "flows[0].from"),
        (["--flow", "Cuenca>Peekskill:capital:-5:USD"], "flows[0].amount"),
        (["--date", "2099"], "date"),
    ],
)
def test_bad_activity_exits_1_naming_the_field_and_stores_nothing(
    demo_db: str, args: list[str], field: str
) -> None:
    rel = _rel_id(demo_db, "Peekskill")
    before = run_json(demo_db, "stats")["activities"]
    result = run(demo_db, "add", "activity", str(rel), "Visit", *args)
    assert result.exit_code == 1
    assert f"Error: {field}:" in result.output
    assert run_json(demo_db, "stats")["activities"] == before


def test_malformed_flow_is_a_usage_error(demo_db: str) -> None:
    result = run(demo_db, "add", "activity", "1", "Visit", "--flow", "nonsense")
    assert result.exit_code == 2 and "FROM>TO:KIND" in result.output


def test_status_set_and_out_of_order(demo_db: str) -> None:
    rel = _rel_id(demo_db, "Peekskill")
    version = str(run_json(demo_db, "show", "relationship", str(rel))["version"])
    detail = run_json(
        demo_db,
        "status",
        "set",
        str(rel),
        "dormant",
        "--date",
        "2024-03",
        "--reason",
        "no activity since the elections",
        "--expect-version",
        version,
    )
    assert detail["status"] == "dormant"
    assert detail["status_history"][-1]["reason"] == "no activity since the elections"
    stale = run(
        demo_db,
        "status",
        "set",
        str(rel),
        "active",
        "--date",
        "2024-04",
        "--reason",
        "x",
        "--expect-version",
        version,
    )
    assert stale.exit_code == 1 and "version" in stale.output
    early = run(demo_db, "status", "set", str(rel), "active", "--date", "2020", "--reason", "x")
    assert early.exit_code == 1 and "Error: date:" in early.output


def test_history_json_and_personal_data(demo_db: str) -> None:
    run_json(demo_db, "add", "actor", "Ramon", "--role", "council_member", "--phone", "+1 555")
    rows = run_json(demo_db, "history", "--entity", "actors", "--limit", "1")
    assert set(rows[0]) == {
        "id",
        "at",
        "user",
        "action",
        "entity",
        "entity_id",
        "before",
        "after",
        "note",
    }
    assert "+1 555" not in json.dumps(rows)
    denied = run(demo_db, "history", "--show-personal")
    assert denied.exit_code == 1 and "officer" in denied.output
    run_json(demo_db, "access", "grant", "ana", "--role", "officer", user="ana")
    shown = run_json(demo_db, "history", "--show-personal", "--limit", "5", user="ana")
    assert "+1 555" in json.dumps(shown)


def test_health_json_and_explain(demo_db: str) -> None:
    rows = run_json(
        demo_db,
        "health",
        "--place",
        "Quito, EC",
        "--as-of",
        "2024-04-30",
        "--explain",
        "--dormant-months",
        "24",
    )
    assert {row["label"] for row in rows} == {
        "Quito (EC) – Louisville (US)",
        "Quito (EC) – Coral Gables (US)",
        "Quito (EC) – Krakow (PL)",
    }
    first = rows[0]
    assert first["as_of"] == "2024-04-30" and first["suggestion"] == "dormant"
    assert {"formula", "range", "records", "value"} <= set(first["explain"]["months_since_contact"])
    text = run(demo_db, "health", "--as-of", "2024-04-30", "--explain")
    assert text.exit_code == 0 and "formula:" in text.output
    bad = run(demo_db, "health", "--as-of", "April")
    assert bad.exit_code == 1 and "as_of" in bad.output


def test_dossier_files_and_contacts(demo_db: str, tmp_path: Any) -> None:
    run_json(
        demo_db,
        "add",
        "actor",
        "Daniela Célleri",
        "--role",
        "foreign_affairs_office",
        "--kind",
        "person",
        "--place",
        "Quito, EC",
        "--email",
        "dc@example.org",
    )
    target = tmp_path / "quito.html"
    result = run(demo_db, "dossier", "Quito", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "Louisville" in target.read_text("utf-8")
    pdf = tmp_path / "quito.pdf"
    assert run(demo_db, "dossier", "Quito", "--format", "pdf", "--output", str(pdf)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    markdown = run(demo_db, "dossier", "Quito", "--as-of", "2024-04-30")
    assert markdown.output.startswith("# Handover dossier: Quito (EC)")
    assert run(demo_db, "dossier", "Quito", "--format", "pdf").exit_code == 2
    denied = run(demo_db, "dossier", "Quito", "--include-contacts")
    assert denied.exit_code == 1 and "officer" in denied.output
    data = run_json(demo_db, "dossier", "Quito")
    assert set(data) >= {"place", "relationships", "went_dormant", "administrations"}


def test_report_json_and_table(demo_db: str) -> None:
    data = run_json(demo_db, "report", "--year", "2001")
    assert set(data) == {
        "year",
        "place",
        "totals",
        "by_relationship",
        "by_area",
        "directions",
        "definitions",
        "without_activity",
    }
    assert list(data["by_relationship"]) == ["Birmingham (US) – Anshan (CN)"]
    assert data["by_area"]["trust_building"]["activities"] == 1
    # the pairs the year leaves out: silent in 2001, or nothing dated on record at all
    left_out = data["without_activity"]
    assert "Quito (EC) – Louisville (US)" in left_out["no_activity_recorded"]
    assert "Shanghai (CN) – Montreal (CA)" in left_out["not_enough_on_record"]
    # its undated exchanges may fall in 2001: not read as a silent year
    assert "Boulder (US) – Lhasa (CN)" in left_out["not_enough_on_record"]
    assert all("Birmingham (US) – Anshan (CN)" not in names for names in left_out.values())
    table = run(demo_db, "report", "--year", "2001", "--place", "Birmingham")
    assert table.exit_code == 0 and "By area" in table.output
    assert run(demo_db, "report").exit_code == 2


def test_dossier_in_spanish_with_lang(demo_db: str, tmp_path: Any) -> None:
    """``--lang es`` writes the dossier's text in Spanish; the default stays English."""
    spanish = run(demo_db, "dossier", "Cuenca, EC", "--as-of", "2024-04-30", "--lang", "es")
    assert spanish.exit_code == 0, spanish.output
    assert spanish.output.startswith("# Expediente de traspaso: Cuenca (EC)")
    assert "sin contacto registrado desde la firma de 2008" in spanish.output
    english = run(demo_db, "dossier", "Cuenca, EC", "--as-of", "2024-04-30")
    assert "no recorded contact since the 2008 signing" in english.output
    target = tmp_path / "cuenca.pdf"
    made = run(demo_db, "dossier", "Cuenca, EC", "--format", "pdf", "-o", str(target),
               "--lang", "es")  # fmt: skip
    assert made.exit_code == 0 and target.read_bytes().startswith(b"%PDF")


def test_dossier_into_a_missing_folder_is_a_one_line_error(demo_db: str, tmp_path: Any) -> None:
    target = tmp_path / "no such folder" / "quito.md"
    result = run(demo_db, "dossier", "Quito", "--output", str(target))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
    assert str(target) in result.output
