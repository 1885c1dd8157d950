"""The council of a relationship, step by step, on SQLite and PostgreSQL.

The story is issue 14's: a partner organisation in Peekskill proposes a
youth exchange, the Cuenca office commits its part and confirms it, it is
carried out, and the activity counts in health, co-production and the
annual report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from sistercities import operations
from sistercities.errors import ConflictError, InputError
from sistercities.operations import council as ops
from sistercities.registry.council.membership import NotAMemberError
from sistercities.registry.models import Activity, AuditEntry

from .conftest import Council

TODAY = dt.date(2026, 11, 30)


def corp(c: Council) -> dict[str, Any]:
    return {"user": "ana", "role": "partner", "organisation_id": c.peekskill_corp}


def cuenca_officer(c: Council) -> dict[str, Any]:
    return {"user": "lucia", "role": "officer", "organisation_id": c.cuenca_office}


def youth_exchange(c: Council, **overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "relationship_id": c.rel,
        "title": "Youth soccer exchange",
        "layer": "decentralised_cooperation",
        "area": "education_and_youth",
        "date": "2026-07",
        "flows": [
            {
                "from": "Peekskill",
                "to": "Cuenca",
                "kind": "personnel",
                "amount": 12,
                "unit": "people",
            },
            {"from": "Cuenca", "to": "Peekskill", "kind": "knowledge"},
        ],
        "parts": [
            {"side": "Peekskill", "task": "Send twelve players and two coaches"},
            {"side": "Cuenca", "task": "Host the players with families", "due": "2026-06"},
        ],
    }
    fields.update(overrides)
    return fields


def _proposed(c: Council) -> dict[str, Any]:
    return ops.council_propose(c.registry, **corp(c), **youth_exchange(c))


def _confirmed(c: Council) -> dict[str, Any]:
    proposal = _proposed(c)
    peek_part, cuenca_part = (p["id"] for p in proposal["parts"])
    ops.council_answer(c.registry, **corp(c), proposal_id=proposal["id"], part_id=peek_part)
    ops.council_answer(
        c.registry, **cuenca_officer(c), proposal_id=proposal["id"], part_id=cuenca_part
    )
    return ops.council_confirm(c.registry, **cuenca_officer(c), proposal_id=proposal["id"])


def test_a_proposal_confirmed_and_carried_out_counts_as_an_activity(council: Council) -> None:
    c = council
    confirmed = _confirmed(c)
    assert confirmed["status"] == "confirmed"
    assert confirmed["confirmed_by"] == "lucia"
    assert confirmed["confirmed_side_place_id"] == c.cuenca
    with c.registry.session() as session:
        planned = session.get(Activity, confirmed["activity_id"])
        assert planned.planned is True
        assert [(f.kind, f.amount) for f in planned.flows] == [
            ("personnel", 12),
            ("knowledge", None),
        ]
    assert operations.annual_report(c.registry, year=2026)["totals"]["activities"] == 0

    done = ops.council_carry_out(
        c.registry,
        **corp(c),
        proposal_id=confirmed["id"],
        date="2026-07-20",
        participants=14,
        today=TODAY,
    )
    assert done["status"] == "carried_out"
    report = operations.annual_report(c.registry, year=2026)
    assert report["totals"]["activities"] == 1
    assert report["totals"]["people_carried"] == 12
    profile = operations.asymmetry(c.registry, relationship=c.rel)
    assert done["activity_id"] in profile.co_produced_ids
    health = {h["relationship_id"]: h for h in operations.health(c.registry, as_of=TODAY)}[c.rel]
    assert health["last_activity"] == "2026-07-20"
    with c.registry.session() as session:
        activity = session.get(Activity, done["activity_id"])
        assert {link.actor_id for link in activity.actor_links} == {
            c.peekskill_corp,
            c.cuenca_office,
        }


def test_every_step_is_attributed_in_the_audit_trail(council: Council) -> None:
    c = council
    confirmed = _confirmed(c)
    ops.council_comment(c.registry, **corp(c), proposal_id=confirmed["id"], body="Buses booked.")
    ops.council_carry_out(
        c.registry, **cuenca_officer(c), proposal_id=confirmed["id"], date="2026-07-20", today=TODAY
    )
    with c.registry.session() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.entity.like("council_%"))).all()
    who = {(r.entity, r.action, r.user) for r in rows}
    assert ("council_proposals", "create", "ana") in who
    assert ("council_commitments", "create", "lucia") in who
    assert ("council_comments", "create", "ana") in who
    updates = [r for r in rows if r.entity == "council_proposals" and r.action == "update"]
    assert [(r.user, r.after.get("status")) for r in updates] == [
        ("lucia", "confirmed"),
        ("lucia", "carried_out"),
    ]


def test_confirming_needs_an_officer_and_every_part_committed(council: Council) -> None:
    c = council
    proposal = _proposed(c)
    peek_part = proposal["parts"][0]["id"]
    ops.council_answer(c.registry, **corp(c), proposal_id=proposal["id"], part_id=peek_part)
    with pytest.raises(NotAMemberError, match="only an officer"):
        ops.council_confirm(c.registry, **corp(c), proposal_id=proposal["id"])
    with pytest.raises(InputError, match=r"Cuenca: Host the players.*no organisation committed"):
        ops.council_confirm(c.registry, **cuenca_officer(c), proposal_id=proposal["id"])
    assert (
        ops.council_proposal(c.registry, **corp(c), proposal_id=proposal["id"])["status"] == "open"
    )


def test_one_side_cannot_answer_for_or_change_the_other_sides_part(council: Council) -> None:
    c = council
    proposal = _proposed(c)
    peek_part, cuenca_part = (p["id"] for p in proposal["parts"])
    ops.council_answer(
        c.registry, **cuenca_officer(c), proposal_id=proposal["id"], part_id=cuenca_part
    )
    for answer in ("committed", "declined"):
        with pytest.raises(NotAMemberError, match="other side"):
            ops.council_answer(
                c.registry,
                **corp(c),
                proposal_id=proposal["id"],
                part_id=cuenca_part,
                answer=answer,
            )
    with pytest.raises(NotAMemberError, match="other side"):
        ops.council_answer(
            c.registry, **cuenca_officer(c), proposal_id=proposal["id"], part_id=peek_part
        )
    part = ops.council_proposal(c.registry, **corp(c), proposal_id=proposal["id"])["parts"][1]
    assert part["committed"] == ["Office of International Relations and Cooperation of Cuenca"]


def test_an_organisation_of_another_relationship_is_not_on_the_council(council: Council) -> None:
    c = council
    boulder = {"user": "bo", "role": "partner", "organisation_id": c.boulder_project}
    with pytest.raises(NotAMemberError, match="not linked to relationship"):
        ops.council_page(c.registry, **boulder, relationship_id=c.rel)
    with pytest.raises(NotAMemberError, match="not linked"):
        ops.council_propose(c.registry, **boulder, **youth_exchange(c))
    proposal = _proposed(c)
    with pytest.raises(NotAMemberError):
        ops.council_proposal(c.registry, **boulder, proposal_id=proposal["id"])
    with pytest.raises(NotAMemberError, match="researcher"):
        ops.council_page(c.registry, user="rita", role="researcher", relationship_id=c.rel)
    councils = ops.my_councils(c.registry, **corp(c))
    assert [x["relationship_id"] for x in councils] == [c.rel]
    assert councils[0]["open_proposals"] == 1
    assert c.other_rel in [x["relationship_id"] for x in ops.my_councils(c.registry, **boulder)]


def test_the_council_page_lists_open_late_and_what_each_side_carried(council: Council) -> None:
    c = council
    confirmed = _confirmed(c)
    second = ops.council_propose(
        c.registry,
        **cuenca_officer(c),
        **youth_exchange(
            c, title="Artisan fair", parts=[{"side": "Cuenca", "task": "Bring ten artisans"}]
        ),
    )
    page = ops.council_page(c.registry, **corp(c), relationship_id=c.rel, today=TODAY)
    assert [p["id"] for p in page["open"]] == [second["id"]]
    assert [(x["proposal_id"], x["task"]) for x in page["late"]] == [
        (confirmed["id"], "Send twelve players and two coaches"),
        (confirmed["id"], "Host the players with families"),
    ]
    assert page["late"][1]["due"] == "2026-06-30"
    ops.council_carry_out(
        c.registry, **corp(c), proposal_id=confirmed["id"], date="2026-07-20", today=TODAY
    )
    page = ops.council_page(c.registry, **corp(c), relationship_id=c.rel, today=TODAY)
    assert page["late"] == []
    carried = {s["side"]["name"]: s for s in page["carried"]}
    assert carried["Peekskill"]["parts_carried"] == 1
    assert carried["Peekskill"]["flows_sent"] == {"personnel": 1}
    assert carried["Cuenca"]["flows_sent"] == {"knowledge": 1}
    assert carried["Cuenca"]["proposed"] == 1 and carried["Peekskill"]["proposed"] == 1


def test_carrying_out_is_refused_in_the_future_and_before_confirmation(council: Council) -> None:
    c = council
    proposal = _proposed(c)
    with pytest.raises(InputError, match="cannot record it carried out"):
        ops.council_carry_out(
            c.registry,
            **cuenca_officer(c),
            proposal_id=proposal["id"],
            date="2026-07-01",
            today=TODAY,
        )
    confirmed = _confirmed(c)
    with pytest.raises(InputError, match="participants: at most"):
        ops.council_carry_out(
            c.registry,
            **cuenca_officer(c),
            proposal_id=confirmed["id"],
            date="2026-07-01",
            participants=10**12,
            today=TODAY,
        )
    with pytest.raises(InputError, match=r"date: .*in the future"):
        ops.council_carry_out(
            c.registry,
            **cuenca_officer(c),
            proposal_id=confirmed["id"],
            date="2027-01-02",
            today=TODAY,
        )
    diaspora = {"user": "dora", "role": "partner", "organisation_id": c.peekskill_diaspora}
    with pytest.raises(NotAMemberError, match="committed to it"):
        ops.council_carry_out(
            c.registry, **diaspora, proposal_id=confirmed["id"], date="2026-07-01", today=TODAY
        )


def test_withdrawing_a_confirmed_proposal_removes_its_open_commitment(council: Council) -> None:
    c = council
    confirmed = _confirmed(c)
    diaspora = {"user": "dora", "role": "partner", "organisation_id": c.peekskill_diaspora}
    with pytest.raises(NotAMemberError, match="proposer or an officer"):
        ops.council_withdraw(c.registry, **diaspora, proposal_id=confirmed["id"])
    done = ops.council_withdraw(
        c.registry, **corp(c), proposal_id=confirmed["id"], reason="No buses"
    )
    assert done["status"] == "withdrawn" and done["activity_id"] is None
    assert done["comments"][-1]["body"] == "Withdrawn: No buses"
    with c.registry.session() as session:
        assert session.get(Activity, confirmed["activity_id"]) is None


def test_a_stale_version_is_told_and_changes_nothing(council: Council) -> None:
    c = council
    fresh = _proposed(c)
    ops.council_answer(
        c.registry, **corp(c), proposal_id=fresh["id"], part_id=fresh["parts"][0]["id"]
    )
    with pytest.raises(ConflictError, match="changed by someone else"):
        ops.council_confirm(
            c.registry,
            **cuenca_officer(c),
            proposal_id=fresh["id"],
            expect_version=fresh["version"] + 1,
        )


BAD_PROPOSALS: list[tuple[dict[str, Any], str]] = [
    ({"title": "  "}, "title"),
    ({"layer": "cultural"}, "layer"),
    ({"area": "space"}, "area"),
    ({"date": "2026-02-30"}, "date"),
    ({"description": "x" * 1_000_001}, "description"),
    ({"parts": []}, "parts"),
    ({"parts": [{"side": "Boulder", "task": "x"}]}, "parts[0].side"),
    ({"parts": [{"side": "Cuenca", "task": ""}]}, "parts[0].task"),
    ({"flows": [{"from": "Cuenca", "to": "Cuenca", "kind": "goods"}]}, "flows[0].to"),
    ({"flows": [{"from": "Cuenca", "to": "Peekskill", "kind": "love"}]}, "flows[0].kind"),
    (
        {"flows": [{"from": "Cuenca", "to": "Peekskill", "kind": "capital", "amount": -5}]},
        "flows[0].amount",
    ),
    ({"relationship_id": 999_999}, "relationship"),
    (
        {
            "flows": [
                {"from": "Cuenca", "to": "Peekskill", "kind": "capital", "amount": float("nan")}
            ]
        },
        "flows[0].amount",
    ),
]


def test_a_bad_proposal_names_the_field_and_stores_nothing(council: Council) -> None:
    c = council
    for overrides, field in BAD_PROPOSALS:
        with pytest.raises(InputError) as caught:
            ops.council_propose(c.registry, **corp(c), **youth_exchange(c, **overrides))
        assert caught.value.field == field, overrides
    assert ops.council_page(c.registry, **corp(c), relationship_id=c.rel)["counts"]["open"] == 0
