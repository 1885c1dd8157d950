"""Asymmetry, layers and phase, resilience: hand-built relationships, answers by hand."""

from __future__ import annotations

from datetime import date

import pytest

from sistercities.analysis.records import (
    ActivityRec,
    ActorRec,
    CrisisRec,
    FlowRec,
    PlaceRec,
    RelationshipRec,
    StatusRec,
)
from sistercities.analysis.relationship.asymmetry import asymmetry_profile, balance
from sistercities.analysis.relationship.phases import NO_ECONOMIC_BASE, phase_report
from sistercities.analysis.relationship.resilience import resilience_report

US = PlaceRec(1, "Rockford", "US", 150_000)
CN = PlaceRec(2, "Changzhou", "CN", 1_500_000)
MAYOR = ActorRec(10, "Mayor of Rockford", "sub_state", "mayor", 1)
ASSOC = ActorRec(11, "Rockford Sister Cities", "non_state", "sister_city_association", 1)
FAO = ActorRec(12, "Changzhou FAO", "sub_state", "foreign_affairs_office", 2)
MINISTRY = ActorRec(13, "Ministry", "state", "ministry", None)


def _rel(**kw):  # type: ignore[no-untyped-def]
    acts = (
        ActivityRec(
            1,
            "Police training",
            date(2005, 5, 1),
            area="governance_training",
            initiated_by_place_id=1,
            actors=(MAYOR, ASSOC),
            flows=(FlowRec(1, 1, 1, 2, "knowledge"), FlowRec(2, 1, 1, 2, "personnel", 4, "people")),
        ),
        ActivityRec(
            2,
            "Delegation",
            date(2006, 5, 1),
            area="protocol",
            initiated_by_place_id=2,
            actors=(FAO,),
            flows=(FlowRec(3, 2, 2, 1, "personnel", 6, "people"),),
        ),
        ActivityRec(
            3,
            "Trade fair",
            date(2007, 5, 1),
            area="trade",
            actors=(FAO, MINISTRY),
            flows=(FlowRec(4, 3, 2, 1, "capital", 1e6, "USD"),),
        ),
    )
    return RelationshipRec(5, US, CN, activities=kw.pop("activities", acts), **kw)


def test_balance() -> None:
    assert balance(1, 1) == 0 and balance(0, 0) is None and balance(2, 0) == 1


def test_asymmetry_profile_by_hand() -> None:
    p = asymmetry_profile(_rel())
    assert p.capability.log10_population_ratio == pytest.approx(-1.0)
    assert p.capability.tier_gap == 1  # high (4) - upper middle (3)
    assert (p.capability.government_a, p.capability.government_b) == ("federal", "unitary")
    flows = {f.kind: f for f in p.flows}
    assert (flows["knowledge"].a_to_b, flows["knowledge"].supplier) == (1, "a")
    assert flows["personnel"].balance == 0 and flows["personnel"].supplier == "both"
    assert flows["personnel"].amount_b_to_a == {"people": 6}
    assert flows["capital"].supplier == "b" and flows["goods"].supplier is None
    assert (p.initiated_by_a, p.initiated_by_b, p.initiative_unknown) == (1, 1, 1)
    assert p.initiative_balance == 0
    assert p.tiers_a == {"state": 0, "sub_state": 1, "non_state": 1}
    assert p.tiers_b == {"state": 0, "sub_state": 1, "non_state": 0}
    assert p.tiers_unplaced["state"] == 1
    assert p.co_produced_ids == (1,) and p.co_production_share == pytest.approx(1 / 3)
    assert "paradiplomacy" in p.explain() and p.to_dict()["source"]


def test_asymmetry_without_activities_or_population() -> None:
    rel = RelationshipRec(6, PlaceRec(1, "X", None), PlaceRec(2, "Y", "ZZ"))
    p = asymmetry_profile(rel)
    assert p.co_production_share is None and p.initiative_balance is None
    assert p.capability.log10_population_ratio is None and p.capability.tier_gap is None
    assert any("no carried-out activities" in n for n in p.notes)
    assert "unknown" in p.explain()


def test_asymmetry_counts_no_planned_flow_initiative_or_actor() -> None:
    """A planned activity is a commitment: the profile is the same with it, shown apart."""
    pledge = ActivityRec(
        9,
        "Investment fund (pledged)",
        date(2030, 1, 1),
        area="trade",
        initiated_by_place_id=1,
        actors=(ActorRec(14, "Rockford Chamber", "non_state", "business", 1),),
        flows=(FlowRec(9, 9, 1, 2, "capital", 5e6, "USD"), FlowRec(10, 9, 1, 2, "goods")),
        planned=True,
    )
    rel = _rel()
    with_pledge = _rel(activities=(*rel.activities, pledge))
    plain, p = asymmetry_profile(rel).to_dict(), asymmetry_profile(with_pledge).to_dict()
    for key in ("flows", "initiated_by_a", "activities", "co_produced", "tiers_a"):
        assert p[key] == plain[key], key
    flows = {f["kind"]: f for f in p["flows"]}
    assert flows["capital"]["supplier"] == "b" and flows["goods"]["supplier"] is None
    assert p["commitments"] == [9]
    planned = {f["kind"]: f for f in p["planned_flows"]}
    assert set(planned) == {"capital", "goods"}
    assert planned["capital"]["amount_a_to_b"] == {"USD": 5e6}
    text = asymmetry_profile(with_pledge).explain()
    assert "commitments (planned activities, not counted above): [9]" in text
    assert "planned capital: A->B 1, B->A 0; flows [9]" in text


def test_asymmetry_of_only_commitments_is_empty_and_says_so() -> None:
    pledge = ActivityRec(
        1, "Exchange (planned)", None, flows=(FlowRec(1, 1, 1, 2, "knowledge"),), planned=True
    )
    p = asymmetry_profile(_rel(activities=(pledge,)))
    assert p.activities == 0 and p.co_production_share is None
    assert all(f.supplier is None for f in p.flows)
    assert any("no carried-out activities" in n for n in p.notes)
    assert any("1 planned activity is a commitment" in n for n in p.notes)


def test_resilience_baseline_note_ignores_commitments() -> None:
    """Only a planned activity undated: the dated carried-out ones still give a baseline."""
    pledge = ActivityRec(4, "Future exchange", None, planned=True)
    rel = _rel()
    r = resilience_report(_rel(activities=(*rel.activities, pledge)), [], as_of=date(2010, 1, 1))
    assert not any("have no date" in n for n in r.notes)
    assert any("1 planned activity is a commitment" in n for n in r.notes)
    assert r.baseline_rate == resilience_report(rel, [], as_of=date(2010, 1, 1)).baseline_rate


def test_phase_commercial_reciprocal_associative_none() -> None:
    r = phase_report(_rel())
    assert r.covered == ["economic", "decentralised_cooperation", "political"]
    assert r.phase == "commercial" and not r.warnings
    no_trade = _rel().activities[:2]
    r = phase_report(_rel(activities=no_trade))
    assert r.phase == "reciprocal" and "both directions" in r.rule
    assert r.warnings == [NO_ECONOMIC_BASE]
    one_way = (ActivityRec(1, "Letter", area="protocol", initiated_by_place_id=1),)
    assert phase_report(_rel(activities=one_way)).phase == "associative"
    r = phase_report(_rel(activities=()))
    assert r.phase is None and "no activities" in r.warnings[0]
    assert phase_report(_rel(), min_economic=2).phase == "reciprocal"


TIANANMEN = CrisisRec(1, "Tiananmen", ("CN", "US"), date(1989, 6, 1), None, "month")
EP3 = CrisisRec(2, "EP-3", ("CN", "US"), date(2001, 4, 1), date(2001, 4, 11), "day", "day")
OTHER = CrisisRec(3, "Elsewhere", ("EC", "US"), date(2001, 1, 1))


def test_resilience_by_hand() -> None:
    acts = tuple(
        ActivityRec(i, f"visit {y}", date(y, 7, 1)) for i, y in enumerate(range(1990, 2000), 1)
    )
    acts += (ActivityRec(20, "exchange", date(2001, 4, 5)),)
    changes = (
        StatusRec(date(1989, 1, 1), "suspended", precision="year"),
        StatusRec(None, "active"),
    )
    rel = _rel(activities=acts, status_changes=changes, start=date(1985, 1, 1))
    r = resilience_report(rel, [TIANANMEN, EP3, OTHER], as_of=date(2004, 12, 31))
    assert [c.name for c in r.crises] == ["Tiananmen", "EP-3"]
    tian, ep3 = r.crises
    # Tiananmen window 1989-06-01..1990-06-01 holds the 1990-07 visit? no: it ends in June
    assert tian.observed == 0 and tian.suspended and tian.suspended_on == "1989"
    assert tian.resumed and tian.resumed_on is None
    assert ep3.observed == 1 and ep3.activity_ids == (20,)
    # baseline: the ten visits over 1985-01-01..2004-12-31 minus the two windows
    assert r.baseline_activities == 10
    assert r.baseline_rate == pytest.approx(10 / r.baseline_years)
    assert ep3.expected == pytest.approx(r.baseline_rate * 11 / 365.25)
    assert "activity went on" in ep3.verdict() and "suspended (1989)" in tian.verdict()


def test_resilience_without_activities_or_crises() -> None:
    r = resilience_report(_rel(activities=()), [], as_of=date(2020, 1, 1))
    assert r.crises == [] and r.baseline_rate is None
    assert any("no crisis" in n for n in r.notes) and "no dated" in r.explain()


def test_an_empty_window_with_undated_activities_cannot_tell() -> None:
    """Nothing dated in the window, but an undated exchange on record: no verdict of absence."""
    crisis = CrisisRec(1, "EP-3 incident", ("CN", "US"), date(2001, 4, 1), date(2001, 4, 11))
    dated = ActivityRec(1, "Visit", date(1995, 5, 1))
    undated = ActivityRec(2, "Exchanges", None)
    pledge = ActivityRec(3, "Planned fair", None, planned=True)
    report = resilience_report(_rel(activities=(dated, undated, pledge)), [crisis],
                               as_of=date(2005, 1, 1))  # fmt: skip
    (window,) = report.crises
    assert window.undated_ids == (2,)  # the commitment is no evidence either way
    assert window.verdict().startswith("cannot tell whether exchanges went on")
    assert "activities [2] have no date" in window.verdict()
    plain = resilience_report(_rel(activities=(dated,)), [crisis], as_of=date(2005, 1, 1))
    assert plain.crises[0].verdict().startswith("no activity in the window")
