"""The annual report: each figure against its definition, by relationship and by area."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from sistercities import operations
from sistercities.analysis.office import annual_report
from sistercities.errors import InputError
from sistercities.registry import memory
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry

TODAY = dt.date(2024, 6, 30)


def test_the_doctests_hold() -> None:
    assert doctest.testmod(annual_report).failed == 0


@pytest.fixture
def year_of_cuenca(registry: Registry) -> dict[str, int]:
    """Two relationships of Cuenca with activities in 2023, one in 2022, one commitment."""
    with registry.session() as session:
        cuenca = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        peekskill = get_or_add_place(session, PlaceInput("Peekskill", "US"))
        newark = get_or_add_place(session, PlaceInput("Newark", "US"))
        pk = add_relationship(session, cuenca, peekskill, status="active", start="2021").id
        nw = add_relationship(session, cuenca, newark, status="active", start="2021").id
        add = memory.add_activity
        add(
            session,
            memory.ActivityInput(
                pk,
                "Youth soccer tournament",
                "2023-07",
                area="sport",
                participants=40,
                volunteers=6,
                flows=[memory.FlowInput("Peekskill", "Cuenca", "personnel", 24, "people")],
            ),
            today=TODAY,
        )
        add(
            session,
            memory.ActivityInput(
                pk,
                "Artisan market",
                "2023",
                area="trade",
                volunteers=3,
                flows=[
                    memory.FlowInput("Cuenca", "Peekskill", "goods", 120, "pieces"),
                    memory.FlowInput("Peekskill", "Cuenca", "capital", 3500, "USD"),
                    memory.FlowInput("Cuenca", "Peekskill", "personnel"),
                ],
            ),
            today=TODAY,
        )
        add(
            session,
            memory.ActivityInput(
                nw,
                "Delegation visit",
                "2023-03-02",
                area="protocol",
                flows=[
                    memory.FlowInput("Cuenca", "Newark", "personnel", 5, "people"),
                    memory.FlowInput("Newark", "Cuenca", "capital", 1000, "USD"),
                    memory.FlowInput("Newark", "Cuenca", "capital", 200),
                ],
            ),
            today=TODAY,
        )
        add(
            session, memory.ActivityInput(nw, "Earlier visit", "2022", area="protocol"), today=TODAY
        )
        add(
            session,
            memory.ActivityInput(pk, "University exchange", "2023", planned=True, participants=99),
            today=TODAY,
        )
        return {"cuenca": cuenca.id, "peekskill": peekskill.id}


def _report(registry: Registry, year: int, place_id: int | None = None) -> dict:
    return operations.annual_report(registry, year=year, place=str(place_id) if place_id else None)


def test_totals_follow_the_definitions(registry: Registry, year_of_cuenca: dict[str, int]) -> None:
    totals = _report(registry, 2023)["totals"]
    assert totals == {
        "activities": 3,  # the 2022 visit and the commitment do not count
        "exchanges": 7,
        "exchanges_outbound": None,
        "exchanges_inbound": None,
        "people_carried": 29,
        "people_flows_without_count": 1,
        "participants": 40,
        "volunteers": 9,
        "money_moved": {"USD": 4500, "unspecified": 200},
        "flows_by_kind": {"personnel": 3, "goods": 1, "capital": 3},
    }


def test_by_relationship_by_area_and_directions(
    registry: Registry, year_of_cuenca: dict[str, int]
) -> None:
    report = _report(registry, 2023)
    peekskill = report["by_relationship"]["Cuenca (EC) – Peekskill (US)"]
    assert (peekskill["activities"], peekskill["people_carried"]) == (2, 24)
    assert report["by_area"]["trade"]["money_moved"] == {"USD": 3500}
    assert set(report["by_area"]) == {"sport", "trade", "protocol"}
    assert report["directions"]["Cuenca (EC) – Newark (US)"] == {
        "Cuenca → Newark": 1,
        "Newark → Cuenca": 2,
    }
    assert set(report["definitions"]) == set(report["totals"])


def test_inbound_and_outbound_from_a_home_place(
    registry: Registry, year_of_cuenca: dict[str, int]
) -> None:
    totals = _report(registry, 2023, year_of_cuenca["cuenca"])["totals"]
    assert (totals["exchanges_outbound"], totals["exchanges_inbound"]) == (3, 4)
    other = _report(registry, 2023, year_of_cuenca["peekskill"])
    assert other["totals"]["activities"] == 2 and other["place"] == "Peekskill (US)"


def test_an_empty_year_and_a_bad_year(registry: Registry, year_of_cuenca: dict[str, int]) -> None:
    assert _report(registry, 1999)["totals"]["activities"] == 0
    with pytest.raises(InputError) as info:
        _report(registry, 0)
    assert info.value.field == "year"


def test_two_agreements_between_the_same_places_are_not_counted_as_one() -> None:
    from sistercities.analysis.office.annual_report import annual_report
    from sistercities.analysis.records import ActivityRec

    label = "Cuenca (EC) – Peekskill (US)"
    other = "Quito (EC) – Louisville (US)"
    activities = [
        ActivityRec(1, "a", area="sport", participants=10, relationship_id=20, relationship=label),
        ActivityRec(2, "b", area="culture", participants=5, relationship_id=31, relationship=label),
        ActivityRec(3, "c", area="culture", relationship_id=7, relationship=other),
    ]
    report = annual_report(activities, 2023)
    assert report["by_relationship"][f"{label} #20"]["participants"] == 10
    assert report["by_relationship"][f"{label} #31"]["participants"] == 5
    assert "Quito (EC) – Louisville (US)" in report["by_relationship"]
