"""``sistercities council ...`` through click's runner: the youth exchange, end to end."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from sistercities.cli import cli
from sistercities.registry.models import Actor
from sistercities.registry.store import Registry

COUNCIL_COMMANDS = [
    "list",
    "show",
    "proposal",
    "propose",
    "comment",
    "commit",
    "decline",
    "confirm",
    "carried-out",
    "withdraw",
]


def run(db: str, user: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--user", user, *args])


def run_json(db: str, user: str, *args: str) -> Any:
    result = run(db, user, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", COUNCIL_COMMANDS)
def test_every_council_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, ["council", name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def _ids(db: str) -> dict[str, int]:
    with Registry.open(db) as registry, registry.session() as session:
        names = {
            "corp": "Peekskill & Cuenca Sister City Corporation",
            "office": "Office of International Relations and Cooperation of Cuenca",
            "boulder": "Boulder-Lhasa Sister City Project",
        }
        return {
            k: session.scalar(select(Actor.id).where(Actor.name == v)) for k, v in names.items()
        }


def test_a_youth_exchange_from_proposal_to_the_annual_report(db_target: str) -> None:
    db = db_target
    assert run(db, "admin", "demo").exit_code == 0
    assert run(db, "admin", "access", "grant", "lucia", "--role", "officer").exit_code == 0
    ids = _ids(db)
    rel = run_json(db, "ana", "relationships", "list", "--place", "Peekskill")[0]["id"]
    corp, office = ["--organisation", str(ids["corp"])], ["--organisation", str(ids["office"])]
    proposal = run_json(
        db,
        "ana",
        "council",
        "propose",
        str(rel),
        "Youth soccer exchange",
        *corp,
        "--layer",
        "decentralised_cooperation",
        "--area",
        "education_and_youth",
        "--date",
        "2025-07",
        "--part",
        "Peekskill:Send twelve players",
        "--part",
        "Cuenca:Host the players@2025-06",
        "--flow",
        "Peekskill>Cuenca:personnel:12:people",
    )
    peek, cuenca = (str(p["id"]) for p in proposal["parts"])
    pid = str(proposal["id"])
    assert run_json(db, "ana", "council", "commit", pid, "--part", peek, *corp)["answer"] == (
        "committed"
    )
    refused = run(db, "ana", "council", "commit", pid, "--part", cuenca, *corp)
    assert refused.exit_code == 1
    assert "other side" in refused.output and "Traceback" not in refused.output
    run_json(db, "lucia", "council", "commit", pid, "--part", cuenca, *office)
    not_officer = run(db, "ana", "council", "confirm", pid, *corp)
    assert not_officer.exit_code == 1 and "only an officer" in not_officer.output
    confirmed = run_json(db, "lucia", "council", "confirm", pid, *office)
    assert confirmed["status"] == "confirmed"
    done = run_json(
        db,
        "ana",
        "council",
        "carried-out",
        pid,
        "--date",
        "2025-07-20",
        "--participants",
        "14",
        *corp,
    )
    assert done["status"] == "carried_out"
    report = run_json(db, "lucia", "report", "--year", "2025")
    assert report["totals"]["activities"] == 1
    assert report["totals"]["people_carried"] == 12
    page = run_json(db, "ana", "council", "show", str(rel), *corp)
    assert page["carried"][0]["parts_carried"] + page["carried"][1]["parts_carried"] == 2


def test_an_organisation_of_another_relationship_cannot_open_the_council(db_target: str) -> None:
    db = db_target
    assert run(db, "admin", "demo").exit_code == 0
    ids = _ids(db)
    rel = run_json(db, "bo", "relationships", "list", "--place", "Peekskill")[0]["id"]
    result = run(db, "bo", "council", "show", str(rel), "--organisation", str(ids["boulder"]))
    assert result.exit_code == 1
    assert "is not linked to relationship" in result.output
    bad_part = run(db, "bo", "council", "propose", str(rel), "x", "--part", "no colon")
    assert bad_part.exit_code == 2 and "SIDE:TASK" in bad_part.output


PORTAL_COMMANDS = [
    ["enable"],
    ["disable"],
    ["list"],
    ["show"],
    ["search"],
    ["overview"],
    ["contact", "add"],
    ["contact", "remove"],
    ["hide"],
    ["unhide"],
]


@pytest.mark.parametrize("words", PORTAL_COMMANDS, ids=" ".join)
def test_every_portal_command_has_help_with_an_example(words: list[str]) -> None:
    result = CliRunner().invoke(cli, ["portal", *words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_portal_enable_and_show_in_the_places_language(tmp_path: Any) -> None:
    db = str(tmp_path / "p.sqlite")
    assert run(db, "lucia", "demo").exit_code == 0
    refused = run(db, "lucia", "portal", "enable", "Cuenca, EC")
    assert refused.exit_code == 1 and "only an officer" in refused.output
    assert run(db, "lucia", "access", "grant", "lucia", "--role", "officer").exit_code == 0
    enabled = run_json(db, "lucia", "portal", "enable", "Cuenca, EC")
    assert (enabled["slug"], enabled["language"]) == ("cuenca", "es")
    text = run(db, "anyone", "portal", "show", "cuenca", "peekskill").output
    assert "Cooperación descentralizada" in text
    english = run(db, "anyone", "portal", "show", "cuenca", "peekskill", "--lang", "en").output
    assert "Decentralised cooperation" in english
    missing = run(db, "anyone", "portal", "show", "nowhere")
    assert missing.exit_code == 1 and "no portal 'nowhere'" in missing.output
