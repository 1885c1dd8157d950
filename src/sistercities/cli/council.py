"""``sistercities council ...``: a relationship's community council from the command line.

Who acts is ``--user`` (the audit trail's name) with ``--organisation ACTOR``
(the organisation acted for): an officer when the registry lists the user as
one (``sistercities access grant NAME --role officer``), else a partner
organisation. Each command calls one function of
:mod:`sistercities.operations.council` and prints what it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from sistercities import taxonomy
from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.cli.memory import DATE_HELP, _parse_flow
from sistercities.operations import council as ops

F = TypeVar("F", bound=Callable[..., Any])


def organisation_option(func: F) -> F:
    """``--organisation``: the organisation (actor id) the user acts for."""
    return click.option(
        "--organisation",
        "organisation_id",
        type=int,
        help="The organisation (actor id) you act for; its side is your side.",
    )(func)


def version_option(func: F) -> F:
    return click.option(
        "--expect-version", type=int, help="The proposal's version you read; refused if it moved."
    )(func)


def _who(app: AppContext, organisation_id: int | None) -> dict[str, Any]:
    return ops.council_member(app.registry(), user=app.user, organisation_id=organisation_id)


def _parse_part(text: str) -> dict[str, Any]:
    """``SIDE:TASK[@DUE]`` → a part."""
    side, sep, rest = text.partition(":")
    task, _, due = rest.rpartition("@") if "@" in rest else (rest, "", "")
    if not sep or not side.strip() or not task.strip():
        raise click.BadParameter(
            f"{text!r}: use SIDE:TASK[@DUE], e.g. 'Cuenca:Host the players@2026-06'",
            param_hint="--part",
        )
    return {"side": side.strip(), "task": task.strip(), "due": due.strip() or None}


def _proposal_table(out: Console, proposal: dict[str, Any]) -> None:
    out.print(
        f"Proposal {proposal['id']}: {proposal['title']} [{proposal['status']}]"
        f" (version {proposal['version']})"
    )
    out.print(
        f"  proposed by {proposal['proposed_by']}"
        f" ({proposal['proposed_by_organisation'] or 'no organisation'})"
    )
    table = Table("part", "side", "task", "due", "committed")
    for part in proposal["parts"]:
        table.add_row(
            str(part["id"]),
            part["side"]["name"],
            part["task"],
            part["due"] or "",
            ", ".join(part["committed"]) or "nobody yet",
        )
    out.print(table)
    for note in proposal["comments"]:
        out.print(f"  {note['author']}: {note['body']}")


def _said(message: str) -> Callable[[Console], None]:
    return lambda out: out.print(message)


@click.group()
def council() -> None:
    """A relationship's community council: propose, commit, confirm, carry out."""


@council.command("list")
@organisation_option
@json_option
@pass_app
def list_councils(app: AppContext, organisation_id: int | None, as_json: bool) -> None:
    """The councils you sit on, with their open proposals.

    \b
    Example:
      sistercities --user ana council list --organisation 19
    """
    result = ops.my_councils(app.registry(), **_who(app, organisation_id))

    def render(out: Console) -> None:
        table = Table("relationship", "open proposals")
        for row in result:
            table.add_row(f"{row['relationship_id']} {row['label']}", str(row["open_proposals"]))
        out.print(table)

    emit(result, as_json, render)


@council.command("show")
@click.argument("relationship_id", metavar="REL", type=int)
@organisation_option
@json_option
@pass_app
def show(app: AppContext, relationship_id: int, organisation_id: int | None, as_json: bool) -> None:
    """A council: open proposals, late commitments, what each side carried.

    \b
    Example:
      sistercities --user ana council show 19 --organisation 19
    """
    page = ops.council_page(
        app.registry(), **_who(app, organisation_id), relationship_id=relationship_id
    )

    def render(out: Console) -> None:
        rel = page["relationship"]
        out.print(f"Council of {rel['a']['name']} – {rel['b']['name']}")
        for proposal in page["open"] + page["confirmed"]:
            _proposal_table(out, proposal)
        for late in page["late"]:
            out.print(
                f"LATE by {late['days_late']} days: {late['title']} — "
                f"{late['side']['name']}: {late['task']}"
            )
        for side in page["carried"]:
            out.print(
                f"{side['side']['name']}: {side['projects_carried']} projects carried, "
                f"{side['parts_carried']} parts, flows sent {side['flows_sent']}"
            )

    emit(page, as_json, render)


@council.command("proposal")
@click.argument("proposal_id", metavar="PROPOSAL", type=int)
@organisation_option
@json_option
@pass_app
def show_proposal(
    app: AppContext, proposal_id: int, organisation_id: int | None, as_json: bool
) -> None:
    """One proposal with its parts, answers and comments.

    \b
    Example:
      sistercities --user ana council proposal 3 --organisation 19
    """
    result = ops.council_proposal(
        app.registry(), **_who(app, organisation_id), proposal_id=proposal_id
    )
    emit(result, as_json, lambda out: _proposal_table(out, result))


@council.command("propose")
@click.argument("relationship_id", metavar="REL", type=int)
@click.argument("title")
@click.option(
    "--part",
    "parts",
    multiple=True,
    required=True,
    help="SIDE:TASK[@DUE] — who would do what on which side; repeatable.",
)
@click.option("--flow", "flows", multiple=True, help="FROM>TO:KIND[:AMOUNT[:UNIT]], repeatable.")
@click.option("--layer", type=click.Choice(taxonomy.choices(taxonomy.Layer)))
@click.option("--area", type=click.Choice(taxonomy.choices(taxonomy.ActivityArea)))
@click.option("--date", help="When: " + DATE_HELP)
@click.option("--description")
@organisation_option
@json_option
@pass_app
def propose(
    app: AppContext,
    parts: tuple[str, ...],
    flows: tuple[str, ...],
    organisation_id: int | None,
    as_json: bool,
    **fields: Any,
) -> None:
    """Put a project to a relationship's council.

    \b
    Example:
      sistercities --user ana council propose 19 "Youth soccer exchange" --organisation 19 \\
        --layer decentralised_cooperation --area education_and_youth --date 2026-07 \\
        --part "Peekskill:Send twelve players" --part "Cuenca:Host the players@2026-06" \\
        --flow "Peekskill>Cuenca:personnel:12:people"
    """
    result = ops.council_propose(
        app.registry(),
        **_who(app, organisation_id),
        parts=[_parse_part(p) for p in parts],
        flows=[_parse_flow(f) for f in flows],
        **fields,
    )
    emit(
        result,
        as_json,
        _said(
            f"Proposed {result['id']}: parts "
            + ", ".join(str(p["id"]) for p in result["parts"])
            + "."
        ),
    )


@council.command("comment")
@click.argument("proposal_id", metavar="PROPOSAL", type=int)
@click.argument("body")
@organisation_option
@json_option
@pass_app
def comment(
    app: AppContext, proposal_id: int, body: str, organisation_id: int | None, as_json: bool
) -> None:
    """Comment on a proposal.

    \b
    Example:
      sistercities --user ana council comment 3 "The buses are booked." --organisation 19
    """
    result = ops.council_comment(
        app.registry(), **_who(app, organisation_id), proposal_id=proposal_id, body=body
    )
    emit(result, as_json, _said(f"Comment {result['id']} added."))


def _answer_command(name: str, answer: str, summary: str, example: str) -> click.Command:
    @click.argument("proposal_id", metavar="PROPOSAL", type=int)
    @click.option("--part", "part_id", type=int, help="The part (needed when there are several).")
    @click.option("--note")
    @organisation_option
    @version_option
    @json_option
    @pass_app
    def command(app: AppContext, organisation_id: int | None, as_json: bool, **fields: Any) -> None:
        result = ops.council_answer(
            app.registry(), **_who(app, organisation_id), answer=answer, **fields
        )
        emit(
            result,
            as_json,
            _said(
                f"{result['organisation']['name']}: {result['answer']} (part {result['part_id']})."
            ),
        )

    command.__doc__ = f"{summary}\n\n    \b\n    Example:\n      {example}\n"
    return council.command(name)(command)


_answer_command(
    "commit",
    "committed",
    "Commit your organisation to a part of your side.",
    "sistercities --user ana council commit 3 --part 5 --organisation 19",
)
_answer_command(
    "decline",
    "declined",
    "Decline a part of your side for your organisation.",
    "sistercities --user ana council decline 3 --part 5 --organisation 19 --note 'no coach free'",
)


@council.command("confirm")
@click.argument("proposal_id", metavar="PROPOSAL", type=int)
@organisation_option
@version_option
@json_option
@pass_app
def confirm(app: AppContext, organisation_id: int | None, as_json: bool, **fields: Any) -> None:
    """Confirm a proposal (an officer of either city): it becomes an open commitment.

    \b
    Example:
      sistercities --user lucia council confirm 3 --organisation 15
    """
    result = ops.council_confirm(app.registry(), **_who(app, organisation_id), **fields)
    emit(
        result,
        as_json,
        _said(f"Confirmed {result['id']}: open commitment {result['activity_id']}."),
    )


@council.command("carried-out")
@click.argument("proposal_id", metavar="PROPOSAL", type=int)
@click.option("--date", required=True, help="When it was carried out: " + DATE_HELP)
@click.option("--participants", type=int)
@click.option("--volunteers", type=int)
@organisation_option
@version_option
@json_option
@pass_app
def carried_out(app: AppContext, organisation_id: int | None, as_json: bool, **fields: Any) -> None:
    """Record a confirmed project carried out: it becomes an activity with its flows.

    \b
    Example:
      sistercities --user ana council carried-out 3 --date 2026-07-20 --participants 14 \\
        --organisation 19
    """
    result = ops.council_carry_out(app.registry(), **_who(app, organisation_id), **fields)
    emit(result, as_json, _said(f"Carried out {result['id']}: activity {result['activity_id']}."))


@council.command("withdraw")
@click.argument("proposal_id", metavar="PROPOSAL", type=int)
@click.option("--reason")
@organisation_option
@version_option
@json_option
@pass_app
def withdraw(app: AppContext, organisation_id: int | None, as_json: bool, **fields: Any) -> None:
    """Withdraw a proposal not yet carried out (its proposer, or an officer).

    \b
    Example:
      sistercities --user ana council withdraw 3 --reason "no buses" --organisation 19
    """
    result = ops.council_withdraw(app.registry(), **_who(app, organisation_id), **fields)
    emit(result, as_json, _said(f"Withdrew {result['id']}."))


commands: list[click.Command] = [council]
