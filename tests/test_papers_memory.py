"""What the papers say, checked on the demo registry through the institutional-memory layer.

- `004` §4.1: Quito's relationships with Louisville (1962) and Coral Gables
  (1975) "remained dormant under the previous two municipal administrations".
- `004` §4.2: Peekskill–Cuenca was promoted by the Ecuadorian diaspora with a
  Peekskill council member, and "Cuenca's side of the relationship was
  primarily maintained by a single city council member".
- `001` (Conflict prevention; Human rights): Boulder's exchanges with Lhasa went
  on "over time" without political stir; after Tiananmen Boulder sent a letter
  of concern rather than suspending, while New York suspended Beijing.
- `001` (Conflict prevention): Birmingham's exchange with Anshan "proceeded
  without delays" through the 2001 EP-3 incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.analysis import load
from sistercities.analysis.office import dossier, health
from sistercities.dates import last_day
from sistercities.interchange.demo import load_demo
from sistercities.registry.models import CrisisEvent, Relationship
from sistercities.registry.queries import find_place
from sistercities.registry.records import find_relationship
from sistercities.registry.store import Registry

END_OF_FIELDWORK = dt.date(2024, 4, 30)  # `004`: Cuenca, February-April 2024


@pytest.fixture
def demo(registry: Registry) -> Iterator[Session]:
    with registry.session() as session:
        load_demo(session)
    with registry.session() as session:
        yield session


def _rel(session: Session, a: str, b: str) -> Relationship:
    rel = find_relationship(session, find_place(session, a), find_place(session, b))
    assert rel is not None, f"{a} – {b} is not in the demo registry"
    return rel


def _health(session: Session, rel: Relationship, as_of: dt.date) -> health.Health:
    (record,) = [r for r in load.health_records(session) if r.id == rel.id]
    return health.relationship_health(record, as_of)


def _crisis_window(session: Session, name: str) -> tuple[dt.date, dt.date]:
    crisis = session.scalar(select(CrisisEvent).where(CrisisEvent.name.contains(name)))
    assert crisis is not None
    end = crisis.end_date or crisis.start_date
    return crisis.start_date, last_day(end, crisis.end_precision or crisis.start_precision)


def _suspended(rel: Relationship) -> bool:
    return any(change.to_status == "suspended" for change in rel.status_changes)


def test_quitos_us_relationships_are_dormant(demo: Session) -> None:
    quito = find_place(demo, "Quito, EC")
    us_partners = [
        rel
        for rel in load.health_records(demo, quito)
        if any(name in ("Louisville", "Coral Gables") for _, name in rel.sides)
    ]
    assert len(us_partners) == 2
    for record in us_partners:
        assert record.status == "dormant"
        result = health.relationship_health(record, END_OF_FIELDWORK)
        assert result.suggestion == "dormant"
        assert result.last_activity is None  # nothing on record since the signing
        assert not result.non_government_carrier  # only the city's office holds them


def test_cuenca_peekskill_was_initiated_by_the_diaspora_and_one_council_member_carries_cuenca(
    demo: Session,
) -> None:
    rel = _rel(demo, "Cuenca, EC", "Peekskill, US")
    peekskill = find_place(demo, "Peekskill, US")
    initiator = rel.place_a if rel.initiated_by == "a" else rel.place_b
    assert initiator.id == peekskill.id
    initiators = [link.actor for link in rel.actor_links if link.role == "initiator"]
    assert any(a.role == "diaspora_organisation" and a.tier == "non_state" for a in initiators)

    result = _health(demo, rel, END_OF_FIELDWORK)
    cuenca_carriers = [c for c in result.carriers_by_side["Cuenca"] if c.endswith("carrier)")]
    assert cuenca_carriers == ["Fabián Ledesma (council_member, sub_state, carrier)"]
    assert result.government_only_sides == ["Cuenca"]  # no association was set up in Cuenca
    assert result.non_government_carrier  # the Peekskill & Cuenca Sister City Corporation


def test_boulder_lhasa_kept_its_exchanges_going(demo: Session) -> None:
    rel = _rel(demo, "Boulder, US", "Lhasa, CN")
    start, end = _crisis_window(demo, "Tiananmen")
    assert rel.status == "active" and not _suspended(rel)
    during = [a for a in rel.activities if a.date and start <= last_day(a.date, a.date_precision)]
    assert [a.area for a in during if a.date and a.date <= end] == ["human_rights"]  # the letter
    areas = {a.area for a in rel.activities if not a.planned}
    assert {"education_and_youth", "environment_and_climate"} <= areas
    assert _health(demo, rel, dt.date(2009, 10, 20)).non_government_carrier
    # the contrast the paper draws: New York suspended Beijing in 1989
    assert _suspended(_rel(demo, "New York City, US", "Beijing, CN"))


def test_birmingham_anshan_continued_through_the_2001_crisis(demo: Session) -> None:
    rel = _rel(demo, "Birmingham, US", "Anshan, CN")
    start, end = _crisis_window(demo, "EP-3")
    inside = [
        a
        for a in rel.activities
        if a.date and a.date <= end and last_day(a.date, a.date_precision) >= start
    ]
    assert [a.title for a in inside] == ["Major exchange during the EP-3 incident"]
    assert rel.status == "active" and not _suspended(rel)


def test_cuencas_dossier_keeps_the_planned_university_exchanges_open(demo: Session) -> None:
    """`004` §4.2: "with ongoing plans for university exchanges" — a commitment, not an activity."""
    records = load.dossier_record(demo, find_place(demo, "Cuenca, EC"))
    data = dossier.build_dossier(records, as_of=END_OF_FIELDWORK)
    (peekskill,) = [r for r in data["relationships"] if r["partner"]["name"] == "Peekskill"]
    assert [c["title"] for c in peekskill["open_commitments"]] == ["University exchanges (planned)"]
    assert "University exchanges (planned)" not in [
        a["title"] for a in peekskill["last_activities"]
    ]
    tempe = [r for r in data["went_dormant"] if r["partner"] == "Tempe"]
    assert tempe and tempe[0]["status"] == "dormant"
