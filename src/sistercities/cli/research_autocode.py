"""``sistercities research autocode|suggestions|agreement``: automatic coding and agreement."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.cli.research_render import clip
from sistercities.errors import InputError
from sistercities.operations import research as ops


def _names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    return names or None


def _figure(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "undefined"
    return f"{100 * value:.1f} %" if percent else f"{value:.3f}"


def _render_run(out: Console, result: dict[str, Any]) -> None:
    evaluation = result["evaluation"]
    out.print(
        f"{result['suggestions']} suggestion(s) stored under {result['coder']!r} "
        f"(run {result['run']}, {result['method']}, by {result['unit']})."
    )
    out.print(f"Judged: {evaluation['method']}.")
    cuts = result.get("thresholds") or {}
    columns = ["code", "precision", "recall", "F1", "units", "human", "suggested"]
    table = Table(*columns, *(["cut"] if cuts else []))
    rows = [("overall", evaluation["overall"]), *evaluation["by_code"].items()]
    for name, s in rows:
        cells = [
            name,
            _figure(s["precision"]),
            _figure(s["recall"]),
            _figure(s["f1"]),
            str(s["units"]),
            str(s["human"]),
            str(s["suggested"]),
        ]
        if cuts:
            cells.append(_figure(cuts.get(name)) if name in cuts else "")
        table.add_row(*cells)
    out.print(table)
    if cuts:
        out.print(
            "cut: the probability a unit needs for the code, chosen on the training documents."
        )
    for name, s in rows:
        if s["verdict"] != "judged":
            out.print(f"  {name}: {s['verdict']}")
    for code, reason in result["not_learnt"].items():
        out.print(f"  not learnt: {code}: {reason}")


@click.command("autocode")
@click.argument("project_name", metavar="PROJECT")
@click.option("--by", type=click.Choice(["terms", "examples"]), required=True, help="The method.")
@click.option("--codebook", help="Code by this built-in codebook's terms (e.g. builtin:000).")
@click.option(
    "--unit",
    type=click.Choice(["sentence", "paragraph"]),
    default="sentence",
    show_default=True,
    help="What a suggestion covers.",
)
@click.option("--coder", help="Coder name of the suggestions (default: auto-terms, auto-examples).")
@click.option("--codes", help="Only these codes, comma-separated (names or paths).")
@click.option("--human", help="Judge and learn from these coders only, comma-separated.")
@click.option(
    "--features",
    type=click.Choice(["words", "embeddings"]),
    default="words",
    show_default=True,
    help="By examples: lemma TF-IDF, or sentence embeddings (sistercities[embeddings]).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the held-out draw.")
@json_option
@pass_app
def autocode_command(
    app: AppContext,
    project_name: str,
    by: str,
    codebook: str | None,
    unit: str,
    coder: str | None,
    codes: str | None,
    human: str | None,
    features: str,
    seed: int,
    as_json: bool,
) -> None:
    """Suggest codes automatically and say how well the method did against human coding.

    \b
    Example:
      sistercities research autocode twinning --by terms --codebook builtin:000
      sistercities research autocode twinning --by examples --codes Migration,Remittances --json
    """
    result = ops.autocode(
        app.registry(),
        project=project_name,
        by=by,
        codebook=codebook,
        unit=unit,
        coder=coder,
        codes=_names(codes),
        human=_names(human),
        features=features,
        seed=seed,
    )
    emit(result, as_json, lambda out: _render_run(out, result))


def _render_suggestions(out: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        out.print("No suggestions.")
        return
    table = Table("id", "document", "code", "span", "coder", "score", "status", "text")
    for r in rows:
        score = "" if r["score"] is None else f"{r['score']:.2f}"
        span = f"{r['start']}-{r['end']}"
        table.add_row(
            str(r["id"]), r["document"], r["code"], span, r["coder"], score, r["status"],
            clip(r["text"]),
        )  # fmt: skip
    out.print(table)


@click.command("suggestions")
@click.argument("project_name", metavar="PROJECT")
@click.argument("ids", nargs=-1, type=int)
@click.option("--accept", "action", flag_value="accept", help="Accept: code them as you.")
@click.option("--reject", "action", flag_value="reject", help="Reject them.")
@click.option("--code", help="The suggestions of this code (and the codes under it).")
@click.option("--document", help="The suggestions on this document.")
@click.option("--coder", help="The suggestions of this coder name (e.g. auto-terms).")
@click.option(
    "--status",
    type=click.Choice(["open", "accepted", "rejected", "all"]),
    default="open",
    show_default=True,
    help="Listing: which suggestions to show.",
)
@json_option
@pass_app
def suggestions_command(
    app: AppContext,
    project_name: str,
    ids: tuple[int, ...],
    action: str | None,
    code: str | None,
    document: str | None,
    coder: str | None,
    status: str,
    as_json: bool,
) -> None:
    """List suggestions, or accept or reject them by ID, code, document or coder.

    \b
    Example:
      sistercities research suggestions twinning
      sistercities research suggestions twinning --accept 12 13 14
      sistercities research suggestions twinning --reject --code Migration --document ID1.docx
    """
    registry = app.registry()
    if action is None:
        if ids:
            raise InputError("IDs are for --accept or --reject", field="ids")
        rows = ops.list_suggestions(
            registry,
            project=project_name,
            status=None if status == "all" else status,
            code=code,
            document=document,
            coder=coder,
        )
        emit(rows, as_json, lambda out: _render_suggestions(out, rows))
        return
    result = ops.decide_suggestions(
        registry,
        project=project_name,
        accept=action == "accept",
        ids=list(ids),
        code=code,
        document=document,
        coder=coder,
    )
    verb = "accepted" if action == "accept" else "rejected"

    def render(out: Console) -> None:
        out.print(f"{result[verb]} suggestion(s) {verb}, {len(result['skipped'])} skipped.")
        for row in result["skipped"]:
            out.print(f"  skipped #{row['id']}: {row['reason']}")

    emit(result, as_json, render)


def _render_agreement(out: Console, result: dict[str, Any]) -> None:
    unit = "characters" if result["level"] == "character" else "segments"
    kappa = "Cohen's kappa" if result["kappa"] == "cohen" else "Fleiss' kappa"
    out.print(
        f"Agreement of {', '.join(result['coders'])} at {result['level']} level"
        + (f" (overlap ≥ {result['threshold']:.0%})" if result["threshold"] else "")
        + f"; {kappa}, Krippendorff's alpha (nominal)."
    )
    table = Table("", "percent", "kappa", "alpha", unit, "percent*", "kappa*", "alpha*", f"{unit}*")
    rows = [("overall", result["overall"])]
    rows += [(f"code {k}", v) for k, v in result["by_code"].items()]
    rows += [(f"document {k}", v) for k, v in result["by_document"].items()]
    for name, r in rows:
        w = r["without_uncoded"]
        table.add_row(
            name,
            _figure(r["percent"], True), _figure(r["kappa"]), _figure(r["alpha"]), str(r[unit]),
            _figure(w["percent"], True), _figure(w["kappa"]), _figure(w["alpha"]), str(w[unit]),
        )  # fmt: skip
    out.print(table)
    out.print(
        "* without the text nobody coded. 'undefined': no variation to agree on "
        "(see --json for the reason)."
    )


@click.command("agreement")
@click.argument("project_name", metavar="PROJECT")
@click.option("--coders", required=True, help="Two or more coders, comma-separated: A,B[,C].")
@click.option("--code", help="Only this code (and the codes under it).")
@click.option("--document", help="Only this document.")
@click.option(
    "--level",
    type=click.Choice(["character", "segment"]),
    default="character",
    show_default=True,
    help="Compare characters, or segments matched by overlap.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.9,
    show_default=True,
    help="Segment level: the overlap (intersection over union) that makes two segments one.",
)
@json_option
@pass_app
def agreement_command(
    app: AppContext,
    project_name: str,
    coders: str,
    code: str | None,
    document: str | None,
    level: str,
    threshold: float,
    as_json: bool,
) -> None:
    """Inter-coder agreement: percent, kappa and Krippendorff's alpha per code, document, overall.

    \b
    Example:
      sistercities research agreement twinning --coders ana,ben --json
      sistercities research agreement twinning --coders ana,ben,eva --level segment
    """
    result = ops.agreement(
        app.registry(),
        project=project_name,
        coders=_names(coders) or [],
        code=code,
        document=document,
        level=level,
        threshold=threshold,
    )
    emit(result, as_json, lambda out: _render_agreement(out, result))


def register(group: click.Group) -> None:
    """Attach these commands to the ``research`` group."""
    for command in (autocode_command, suggestions_command, agreement_command):
        group.add_command(command)
