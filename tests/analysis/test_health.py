"""Relationship health: each figure against its documented formula."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from sistercities.analysis import load
from sistercities.analysis.office import health
from sistercities.analysis.office.health import relationship_health
from sistercities.analysis.records import (
    ActivityRec,
    AdministrationRec,
    LinkRec,
    PlaceRec,
    RelationshipRec,
    StatusRec,
)
from sistercities.registry import memory
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry

AS_OF = dt.date(2024, 6, 30)
CUENCA, PEEKSKILL = 1, 2


def _rel(**kw: object) -> RelationshipRec:
    values: dict[str, object] = {
        "id": 7,
        "label": "Cuenca (EC) – Peekskill (US)",
        "status": "active",
        "a": PlaceRec(CUENCA, "Cuenca", "EC"),
        "b": PlaceRec(PEEKSKILL, "Peekskill", "US"),
        "start": dt.date(2015, 1, 1),
        "start_precision": "year",
    }
    values.update(kw)
    return RelationshipRec(**values)  # type: ignore[arg-type]


def _act(
    ident: int, date: dt.date | None, precision: str = "day", planned: bool = False
) -> ActivityRec:
    return ActivityRec(ident, f"activity {ident}", date, date_precision=precision, planned=planned)


def test_the_doctests_hold() -> None:
    assert doctest.testmod(health).failed == 0


def test_months_between_and_add_months() -> None:
    assert health.months_between(dt.date(2023, 1, 31), dt.date(2023, 2, 28)) == 0
    assert health.months_between(dt.date(2023, 1, 31), dt.date(2023, 3, 1)) == 1
    assert health.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert health.add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)


@pytest.mark.parametrize(("dormant_after", "suggestion"), [(18, "active"), (17, "dormant")])
def test_dormant_after_n_months_is_configurable(dormant_after: int, suggestion: str) -> None:
    record = _rel(activities=(_act(1, dt.date(2022, 12, 31)),))
    result = relationship_health(record, AS_OF, dormant_after_months=dormant_after)
    assert result.months_since_contact == 17  # 31 Dec 2022 → 30 Jun 2024: not yet 18
    assert result.suggestion == suggestion


def test_last_activity_excludes_commitments_and_the_future_and_counts_partial_dates_late() -> None:
    record = _rel(
        activities=(
            _act(1, dt.date(2023, 1, 1), "year"),
            _act(2, dt.date(2024, 9, 1), "day"),  # after as_of
            _act(3, dt.date(2024, 6, 1), planned=True),  # a commitment
            _act(4, None),
        )
    )
    result = relationship_health(record, AS_OF)
    assert result.last_activity == "2023"
    assert result.months_since_contact == 5  # from 31 Dec 2023
    assert result.activities == 2 and result.undated_activities == 1
    assert result.open_commitments == 1
    assert result.activities_per_year == round(1 / ((AS_OF - dt.date(2015, 1, 1)).days / 365.25), 2)
    assert "1 undated activity cannot be placed in time" in result.reasons


def test_without_any_activity_contact_counts_from_the_signing_and_says_so() -> None:
    signed = StatusRec(dt.date(2021, 1, 1), "active", precision="year")
    result = relationship_health(
        _rel(start=dt.date(2021, 1, 1), status_changes=(signed,)), AS_OF
    )
    assert result.months_since_contact == 29  # from 31 Dec 2021
    assert result.activities_per_year == 0.0
    assert result.suggestion == "dormant"
    assert result.reasons[0].startswith("no recorded contact since the 2021 signing: 29 months")


def test_nothing_dated_on_record_is_not_enough_never_dormant() -> None:
    nothing = relationship_health(_rel(start=None), AS_OF)
    assert nothing.months_since_contact is None and nothing.activities_per_year is None
    assert nothing.suggestion == "not_enough_on_record"
    assert nothing.missing == [
        "a dated activity carried out",
        "a dated status change (a signing date, a suspension...)",
    ]
    # a pair from a list: a start year, but the status history dates nothing
    listed = _rel(status="unknown", status_changes=(StatusRec(None, "unknown"),))
    verdict = relationship_health(listed, AS_OF)
    assert verdict.suggestion == "not_enough_on_record"
    assert "a source for its status (recorded as unknown)" in verdict.missing
    # undated activities and a planned one are not evidence either
    undated = _rel(start=None, activities=(_act(1, None), _act(2, AS_OF, planned=True)))
    assert relationship_health(undated, AS_OF).suggestion == "not_enough_on_record"


def test_a_source_that_says_dormant_is_kept() -> None:
    recent = _rel(status="dormant", activities=(_act(1, dt.date(2024, 5, 1)),))
    verdict = relationship_health(recent, AS_OF)
    assert verdict.suggestion == "dormant"
    assert "recorded as dormant" in verdict.reasons[0]


def test_administrations_lived_and_survived_with_activity() -> None:
    record = _rel(
        activities=(_act(1, dt.date(2020, 3, 1)),),
        administrations=(
            AdministrationRec(1, CUENCA, "mayor", "A", dt.date(2014, 5, 1), dt.date(2019, 5, 1)),
            AdministrationRec(2, CUENCA, "mayor", "B", dt.date(2019, 5, 1), dt.date(2023, 5, 1)),
            AdministrationRec(3, CUENCA, "mayor", "C", dt.date(2023, 5, 1), None),
        ),
    )
    result = relationship_health(record, AS_OF)
    assert (result.administrations_lived, result.administrations_survived) == (2, 1)
    assert result.evidence["administrations_survived"][0].startswith("administration 2")


def _carriers(cuenca_tier: str) -> tuple[LinkRec, ...]:
    return (
        LinkRec(1, "Fabián Ledesma", cuenca_tier, "council_member", "carrier", CUENCA),
        LinkRec(
            2, "Sister City Corp", "non_state", "sister_city_association", "carrier", PEEKSKILL
        ),
        LinkRec(
            3, "Former contact", "non_state", "individual", "contact", CUENCA, dt.date(2020, 1, 1)
        ),
        LinkRec(4, "Diaspora", "non_state", "diaspora_organisation", "initiator", CUENCA),
    )


def test_at_risk_when_a_change_is_near_on_a_side_only_the_government_carries() -> None:
    ending = AdministrationRec(9, CUENCA, "mayor", "Z", dt.date(2023, 5, 1), dt.date(2024, 9, 1))
    record = _rel(
        activities=(_act(1, dt.date(2024, 3, 1)),),
        links=_carriers("sub_state"),
        administrations=(ending,),
    )
    result = relationship_health(record, AS_OF)
    assert result.non_government_carrier
    assert result.government_only_sides == ["Cuenca"]  # ended contacts and initiators don't carry
    assert result.carriers_by_side["Cuenca"] == [
        "Fabián Ledesma (council_member, sub_state, carrier)"
    ]
    assert result.at_risk and result.suggestion == "at_risk"
    later = relationship_health(record, AS_OF, change_within_months=1)
    assert not later.at_risk and later.suggestion == "active"
    carried = relationship_health(
        _rel(**{**record.__dict__, "links": _carriers("non_state")}), AS_OF
    )
    assert carried.government_only_sides == [] and carried.suggestion == "active"


@pytest.mark.parametrize("status", ["ended", "suspended", "proposed"])
def test_decided_statuses_are_kept(status: str) -> None:
    assert relationship_health(_rel(status=status), AS_OF).suggestion == status


def test_explain_gives_formula_range_and_records_for_every_figure() -> None:
    record = _rel(activities=(_act(1, dt.date(2024, 2, 1)), _act(2, dt.date(2023, 2, 1))))
    explained = health.explain(relationship_health(record, AS_OF))
    assert set(explained) == set(health.FIGURES)
    for item in explained.values():
        assert item["formula"] and item["range"]
    assert explained["last_activity"]["records"] == ["activity 1 (2024-02-01): activity 1"]
    assert len(explained["activities_per_year"]["records"]) == 2


def test_health_of_a_registry(registry: Registry) -> None:
    with registry.session() as session:
        cuenca = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        peekskill = get_or_add_place(session, PlaceInput("Peekskill", "US"))
        rel = add_relationship(session, cuenca, peekskill, status="active", start="2021")
        corp = memory.add_actor(session, memory.ActorInput("Corp", "sister_city_association"))
        memory.link_actor(session, memory.LinkInput(rel.id, corp.id, "manager", side="Peekskill"))
        memory.add_activity(
            session, memory.ActivityInput(rel.id, "Tournament", date="2023-07"), today=AS_OF
        )
        memory.add_administration(
            session, memory.AdministrationInput(cuenca.id, "mayor", "Z", "2023-05", "2024-09")
        )
        results = health.health_report(load.health_records(session, cuenca), AS_OF)
    (result,) = results
    assert result.last_activity == "2023-07"
    assert result.months_since_contact == 10  # from 31 July 2023
    assert (result.administrations_lived, result.administrations_survived) == (1, 1)
    assert result.non_government_carrier and result.government_only_sides == ["Cuenca"]
    assert result.suggestion == "at_risk"
    assert result.to_dict()["as_of"] == "2024-06-30"


def test_a_year_alone_is_later_contact_than_a_day_early_in_that_year() -> None:
    # "2022" may mean 31 December 2022: counting from 10 February would overstate the silence
    record = _rel(activities=(_act(1, dt.date(2022, 1, 1), "year"), _act(2, dt.date(2022, 2, 10))))
    result = relationship_health(record, dt.date(2023, 8, 15))
    assert result.months_since_contact == 7  # 31 Dec 2022 → 15 Aug 2023
    assert result.last_activity == "2022"
    assert result.suggestion == "active"


def test_partial_ends_count_while_any_day_they_mean_is_still_to_come() -> None:
    # a term ending "2024" may end in December: in June 2024 the change is near
    ending = AdministrationRec(
        9, CUENCA, "mayor", "Z", dt.date(2023, 5, 1), dt.date(2024, 1, 1), "year"
    )
    association = LinkRec(
        5, "Sister City Corp", "non_state", "sister_city_association", "carrier", PEEKSKILL,
        dt.date(2024, 1, 1), "year",
    )  # fmt: skip
    record = _rel(
        activities=(_act(1, dt.date(2024, 3, 1)),),
        links=(association,),
        administrations=(ending,),
    )
    result = relationship_health(record, AS_OF)
    assert result.administration_change_near == [ending.label]
    assert result.non_government_carrier and result.government_only_sides == ["Cuenca"]
    assert result.at_risk
    later = relationship_health(record, dt.date(2025, 1, 1))
    assert later.administration_change_near == [] and not later.non_government_carrier


def test_an_undated_resumption_after_a_dated_step_is_not_silence() -> None:
    """Suspended 1989, then active on a date not on record: months since contact unknown."""
    suspended = StatusRec(dt.date(1989, 6, 1), "suspended", precision="month", from_status="active")
    resumed = StatusRec(None, "active", from_status="suspended")
    record = _rel(start=None, status_changes=(suspended, resumed))
    result = relationship_health(record, AS_OF)
    assert (result.months_since_contact, result.suggestion) == (None, "not_enough_on_record")
    assert "the date it became active again after the 1989-06 change to suspended" in (
        result.missing
    )
    # a dated activity after the suspension dates the contact again
    later = relationship_health(
        _rel(start=None, status_changes=(suspended, resumed),
             activities=(_act(1, dt.date(2023, 3, 1)),)),
        AS_OF,
    )  # fmt: skip
    assert (later.months_since_contact, later.suggestion) == (15, "active")
    # an undated step to something other than active (a migration's unknown) is not contact
    relabelled = StatusRec(None, "dormant", from_status="suspended")
    quiet = relationship_health(_rel(start=None, status_changes=(suspended, relabelled)), AS_OF)
    assert quiet.months_since_contact == 420 and quiet.suggestion == "dormant"


def test_undated_contact_keeps_a_long_silence_from_reading_as_dormant() -> None:
    """Signed 2015, one activity dated 2016 and one undated: the undated one may be recent."""
    signed = StatusRec(dt.date(2015, 1, 1), "active", precision="year")
    dated, undated = _act(1, dt.date(2016, 3, 1)), _act(2, None)
    quiet = relationship_health(_rel(status_changes=(signed,), activities=(dated,)), AS_OF)
    assert quiet.suggestion == "dormant"
    result = relationship_health(_rel(status_changes=(signed,), activities=(dated, undated)), AS_OF)
    assert result.suggestion == "not_enough_on_record"
    assert result.months_since_contact == quiet.months_since_contact  # the figure stays
    assert "the date of 1 carried-out activity recorded without one" in result.missing
    assert "may be more recent: not read as dormant" in result.reasons[0]
    # a commitment without a date is no contact: the silence stands
    pledge = _act(3, None, planned=True)
    planned = relationship_health(_rel(status_changes=(signed,), activities=(dated, pledge)), AS_OF)
    assert planned.suggestion == "dormant"
    # recent dated contact is active whatever else is undated
    recent = _act(4, dt.date(2024, 1, 1))
    alive = relationship_health(_rel(activities=(recent, undated)), AS_OF)
    assert alive.suggestion == "active"
