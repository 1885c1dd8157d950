"""The demo registry holds what the papers state, no more (issue 9).

- `004` §4.2: Cuenca–Newark was "promoted by the Ecuadorian diaspora", without
  a side named, so no initiating side is recorded; the same for the 1984
  Burlington and 2023 Hoboken agreements, which the mayors "signed".
- `004` §4.2: Fabián Ledesma is "the former city council member" in 2024, so
  his part as carrier is over; "the city advisor for sister cities in Cuenca
  served in three administrations" and is on the dossier of every Cuenca pair.
- `004` §4.1: the administration before Pabel Muñoz ended in May 2023; Krakow
  approached a Quito professor in 2022.
- `001` (Human Rights Protection): New York suspended Beijing in 1989 and the
  exchanges were "not suspended indefinitely": two changes, each once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.analysis import load
from sistercities.analysis.office import dossier, health
from sistercities.analysis.relationship.phases import phase_report
from sistercities.analysis.relationship.resilience import resilience_report
from sistercities.interchange.demo import load_demo
from sistercities.registry.models import Activity, Actor, Place
from sistercities.registry.queries import find_place
from sistercities.registry.records import find_relationship
from sistercities.registry.store import Registry


@pytest.fixture
def demo(registry: Registry) -> Iterator[Session]:
    with registry.session() as session:
        load_demo(session)
    with registry.session() as session:
        yield session


def _people(session: Session, place: str, partner: str) -> list[dict[str, object]]:
    found = dossier.build_dossier(
        load.dossier_record(session, find_place(session, place)), as_of=dt.date(2025, 1, 1)
    )
    (rel,) = [r for r in found["relationships"] if r["partner"]["name"] == partner]
    return list(rel["people"])


def test_no_initiating_side_the_paper_does_not_name(demo: Session) -> None:
    newark = find_relationship(demo, find_place(demo, "Cuenca"), find_place(demo, "Newark"))
    assert newark is not None and newark.initiated_by is None
    assert "promoted by the Ecuadorian diaspora" in (newark.initiated_by_note or "")
    signed = demo.scalars(select(Activity).where(Activity.title.contains("Agreement"))).all()
    assert signed and all(a.initiated_by_place_id is None for a in signed)


def test_ledesma_is_a_former_carrier_and_the_advisor_carries_continuity(demo: Session) -> None:
    people = _people(demo, "Cuenca", "Peekskill")
    (ledesma,) = [p for p in people if p["name"] == "Fabián Ledesma"]
    assert (ledesma["part"], ledesma["until"]) == ("carrier", "2024")
    for partner in ("Peekskill", "Newark", "Tempe"):
        names = [p["name"] for p in _people(demo, "Cuenca", partner)]
        assert any(name.startswith("City advisor for sister cities") for name in names)
    staff = set(demo.scalars(select(Actor.name).where(Actor.role == "foreign_affairs_office")))
    assert {"Felipe Ochoa Mogrovejo", "Sofía Arce Bojorque", "Daniela Célleri"} <= staff


def test_quito_administrations_as_far_as_dated(demo: Session) -> None:
    found = dossier.build_dossier(
        load.dossier_record(demo, find_place(demo, "Quito")), as_of=dt.date(2024, 4, 30)
    )
    ends = {a["holder"]: a["end"] for a in found["administrations"]}
    assert ends["Pabel Muñoz"] is None
    assert "2023-05" in ends.values()
    assert len(found["administrations"]) == 3


def test_krakow_approach_is_a_dated_contact(demo: Session) -> None:
    rel = find_relationship(demo, find_place(demo, "Quito"), find_place(demo, "Krakow"))
    assert rel is not None
    assert [(a.date.year if a.date else None, a.planned) for a in rel.activities] == [(2022, False)]


def test_status_history_each_change_once_with_its_from_status(demo: Session) -> None:
    rel = find_relationship(demo, find_place(demo, "New York City"), find_place(demo, "Beijing"))
    assert rel is not None
    steps = [(c.from_status, c.to_status) for c in rel.status_changes]
    assert steps == [(None, "suspended"), ("suspended", "active")]
    assert not any((c.reason or "").startswith("recorded as") for c in rel.status_changes)


def test_the_places_and_actors_001_names(demo: Session) -> None:
    columbus = demo.scalar(select(Place).where(Place.name == "Columbus"))
    assert columbus is not None and columbus.admin1 == "Ohio"
    actors = {a.name: a for a in demo.scalars(select(Actor))}
    assert actors["Columbus Sister Cities International"].place_id == columbus.id
    # the paper does not describe these organisations: no tier is made up
    assert actors["Columbus Sister Cities International"].tier == "unknown"
    assert {"New Zealand-China Friendship Society", "Patrick Madden", "CPAFFC"} <= set(actors)


def test_no_kind_or_role_the_paper_does_not_give(demo: Session) -> None:
    kyoto = demo.scalar(select(Place).where(Place.name == "Kyoto"))
    assert kyoto is not None and kyoto.kind == "unknown"  # city or prefecture: not said
    cabinet = demo.scalar(select(Actor).where(Actor.name == "Charlotte International Cabinet"))
    assert cabinet is not None and (cabinet.role, cabinet.tier) == ("undescribed", "unknown")


# --- the analyses on the demo: no verdict from missing data (issue 9) ---

FIELDWORK_END = dt.date(2024, 4, 30)  # `004`: Cuenca, February-April 2024


def _verdicts(session: Session) -> dict[str, health.Health]:
    found = health.health_report(load.health_records(session), FIELDWORK_END)
    return {h.label: h for h in found}


def test_silence_is_not_dormancy(demo: Session) -> None:
    verdicts = _verdicts(demo)
    montreal = verdicts["Shanghai (CN) – Montreal (CA)"]
    assert (montreal.status, montreal.suggestion) == ("unknown", "not_enough_on_record")
    assert "a dated activity carried out" in montreal.missing
    assert "a source for its status (recorded as unknown)" in montreal.missing
    unknown = [h for h in verdicts.values() if h.status == "unknown"]
    assert len(unknown) == 7
    dormant = [h for h in verdicts.values() if h.suggestion == "dormant"]
    assert len(dormant) < 21 - 7  # no longer 21 of 22
    for verdict in dormant:  # every dormant verdict rests on something dated, or the source
        assert verdict.status == "dormant" or verdict.months_since_contact is not None


def test_new_york_beijing_resumed_on_a_date_not_on_record(demo: Session) -> None:
    """`001`: suspended in 1989, "not suspended indefinitely": no silence counted since 1989."""
    beijing = _verdicts(demo)["New York City (US) – Beijing (CN)"]
    assert (beijing.suggestion, beijing.months_since_contact) == ("not_enough_on_record", None)
    assert "resumed after the 1989 change to suspended on a date not on record" in beijing.reasons
    assert "the date it became active again after the 1989 change to suspended" in beijing.missing


def test_cuenca_peekskill_undated_advances_are_not_silence(demo: Session) -> None:
    """`004`: "Since 2021, the partnership has made modest early advances" (undated)."""
    peekskill = _verdicts(demo)["Cuenca (EC) – Peekskill (US)"]
    assert peekskill.suggestion == "not_enough_on_record"
    assert peekskill.reasons[0].startswith("no recorded contact since the 2021 signing")
    assert "the dates of 3 carried-out activities recorded without one" in peekskill.missing


def test_quito_louisville_counts_from_the_1962_signing_and_says_so(demo: Session) -> None:
    louisville = _verdicts(demo)["Quito (EC) – Louisville (US)"]
    assert louisville.suggestion == "dormant"  # the source says so: kept
    assert "no recorded contact since the 1962 signing: 735 months" in louisville.reasons


def test_cuenca_peekskill_lacks_the_economic_base_004_finds(demo: Session) -> None:
    rel = find_relationship(demo, find_place(demo, "Cuenca"), find_place(demo, "Peekskill"))
    assert rel is not None
    report = phase_report(load.relationship_record(demo, rel.id))
    assert report.phase != "commercial"
    assert any("without the essential economic base" in w for w in report.warnings)
    planned = [a.id for a in rel.activities if a.planned]
    assert report.commitments == planned and planned  # the university exchanges
    assert not any(set(planned) & set(ids) for ids in report.layers.values())


def test_boulder_lhasa_tiananmen_verdict_cannot_rest_on_a_letter(demo: Session) -> None:
    rel = find_relationship(demo, find_place(demo, "Boulder"), find_place(demo, "Lhasa"))
    assert rel is not None
    report = resilience_report(
        load.relationship_record(demo, rel.id), load.crisis_records(demo), as_of=FIELDWORK_END
    )
    (tiananmen,) = [c for c in report.crises if "Tiananmen" in c.name]
    assert tiananmen.verdict().startswith("cannot tell whether exchanges went on")
    assert "dated too coarsely" in tiananmen.verdict()
    # where the paper dates an exchange inside the window, the verdict stands
    rel = find_relationship(demo, find_place(demo, "Birmingham"), find_place(demo, "Anshan"))
    assert rel is not None
    report = resilience_report(
        load.relationship_record(demo, rel.id), load.crisis_records(demo), as_of=FIELDWORK_END
    )
    (ep3,) = [c for c in report.crises if "EP-3" in c.name]
    assert ep3.verdict() == "activity went on (1 activity in the window)"


def test_the_dossier_says_what_is_not_enough_on_record(demo: Session) -> None:
    found = dossier.build_dossier(
        load.dossier_record(demo, find_place(demo, "Shanghai")), as_of=FIELDWORK_END
    )
    assert [r["partner"] for r in found["not_enough_on_record"]] == ["Montreal"]
    assert "Montreal" not in [r["partner"] for r in found["went_dormant"]]
    text = dossier.render_markdown(found)
    assert "## Not enough on record to judge" in text
    assert "**Montreal** — status unknown; missing: a dated activity carried out" in text
