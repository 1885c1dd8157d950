"""Terminal rendering of survey tables (Rich): what ``sistercities survey`` prints.

Every table states its base (n) and marks cells of fewer than ``min_cell``
respondents with a dagger (†), explained under the table.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from sistercities.research.survey.percent import format_p, format_percent, percent

if TYPE_CHECKING:
    from sistercities.research.survey.stats import AssociationTest
    from sistercities.research.survey.tables import Crosstab, Frequencies, MultipleResponse

DAGGER = "†"


def _flag(text: str, small: bool) -> str:
    return f"{text}{DAGGER}" if small else text


def _pct(value: Decimal | None) -> str:
    return format_percent(value)


def _identifying_note(out: Console, identifying: bool) -> None:
    if identifying:
        out.print(
            "Marked identifying: for your eyes only; charts, reports and exports leave it out."
        )


def _small_note(out: Console, labels: tuple[str, ...] | bool, min_cell: int) -> None:
    if labels:
        out.print(
            f"{DAGGER} fewer than {min_cell} respondents: a cell that could identify someone; "
            "suppress or merge it before publishing."
        )


def frequencies(out: Console, table: Frequencies) -> None:
    """Counts, percent of all respondents and valid percent, with the bases."""
    grid = Table(title=f"{table.text} ({table.question})", title_justify="left")
    for name, justify in (("", "left"), ("count", "right"), ("percent", "right")):
        grid.add_column(name, justify=justify)  # type: ignore[arg-type]
    grid.add_column("valid percent", justify="right")
    for row in table.rows:
        if row.missing:
            continue
        grid.add_row(row.label, _flag(str(row.count), row.small), _pct(row.percent),
                     _pct(row.valid_percent))  # fmt: skip
    grid.add_row("Valid total", str(table.valid), _pct(percent(table.valid, table.total)),
                 _pct(percent(table.valid, table.valid)), end_section=True)  # fmt: skip
    for row in table.rows:
        if row.missing:
            grid.add_row(f"Missing: {row.label}", str(row.count), _pct(row.percent), "")
    grid.add_row("Total", str(table.total), _pct(percent(table.total, table.total)), "")
    out.print(grid)
    for share in table.shares:
        out.print(
            f"{share.label} ({share.count}): {_pct(share.percent)} % of all {table.total} "
            f"respondents, {_pct(share.valid_percent)} % of the {table.valid} who answered"
        )
    out.print(
        f"n = {table.total} respondents; valid n = {table.valid} (the base of valid percent); "
        f"missing {table.missing}."
    )
    _small_note(out, table.small_cells, table.min_cell)
    _identifying_note(out, table.identifying)


def multiple_response(out: Console, table: MultipleResponse) -> None:
    """A multiple-response set: percent of responses and percent of cases."""
    grid = Table(title=f"{table.text} ({table.question}, multiple response)", title_justify="left")
    grid.add_column("")
    for name in ("count", "% of responses", "% of cases"):
        grid.add_column(name, justify="right")
    for row in table.rows:
        grid.add_row(row.label, _flag(str(row.count), row.small),
                     _pct(row.percent_of_responses), _pct(row.percent_of_cases))  # fmt: skip
    grid.add_row("Total", str(table.responses), _pct(percent(table.responses, table.responses)),
                 _pct(percent(table.responses, table.valid)))  # fmt: skip
    out.print(grid)
    reasons = ", ".join(f"{reason} {n}" for reason, n in table.missing_reasons) or "none"
    out.print(
        f"n = {table.total} respondents; {table.valid} answered (the base of % of cases), "
        f"{table.responses} choices (the base of % of responses); missing: {reasons}. "
        "Percent of cases can add up to more than 100: a respondent may choose several."
    )
    _small_note(out, table.small_cells, table.min_cell)
    _identifying_note(out, table.identifying)


def crosstab(out: Console, table: Crosstab, *, expected: bool = True) -> None:
    """Counts with row and column percentages, then the test and its expected counts."""
    title = (
        f"{table.row_text} ({table.row_question}) by {table.column_text} ({table.column_question})"
    )
    grid = Table(title=title, title_justify="left", show_lines=True)
    grid.add_column("count\nrow %\ncolumn %")
    for _, label in table.columns:
        grid.add_column(label, justify="right")
    grid.add_column("Total", justify="right")
    for i, (_, label) in enumerate(table.rows):
        cells = [
            _flag(str(table.counts[i][j]), table.small[i][j])
            + f"\n{_pct(table.row_percent[i][j])}\n{_pct(table.column_percent[i][j])}"
            for j in range(len(table.columns))
        ]
        base = table.row_bases[i]
        grid.add_row(label, *cells, f"{base}\n100.0\n{_pct(percent(base, table.n))}")
    totals = [f"{b}\n{_pct(percent(b, table.n))}\n100.0" for b in table.column_bases]
    grid.add_row("Total", *totals, f"{table.n}\n100.0\n100.0")
    out.print(grid)
    out.print(
        f"n = {table.n} respondents who answered both questions "
        f"({table.excluded} left out: missing on either). Row % base: the row total; "
        "column % base: the column total."
    )
    if table.multiple_response:
        out.print(
            "Multiple-response set: a respondent can be counted in several cells, totals are "
            "respondents; no chi-square test applies."
        )
    if table.test is not None:
        _test(out, table, table.test, expected)
    _small_note(out, table.has_small_cells, table.min_cell)
    _identifying_note(out, table.identifying)


def _test(out: Console, table: Crosstab, test: AssociationTest, expected: bool) -> None:
    if expected and test.test != "none":
        grid = Table(title="Expected counts under independence", title_justify="left")
        grid.add_column("")
        for _, label in table.columns:
            grid.add_column(label, justify="right")
        for (_, label), row in zip(table.rows, test.expected, strict=True):
            grid.add_row(label, *(f"{v:.2f}" for v in row))
        out.print(grid)
    out.print(test.reason + ".")
    if test.test == "none":
        return
    p_label = "Fisher's exact p" if test.test == "fisher" else "p"
    out.print(
        f"Pearson chi-square = {test.chi_square:.3f}, df = {test.df}; "
        f"{p_label} = {format_p(test.p_value)} ({test.method}); Cramér's V = {test.cramers_v:.3f}."
    )


def inferred_map(
    out: Console, columns: Any, qmap: dict[str, Any], written: Path | None
) -> None:
    """The map inferred from the data, column by column, with the reason for each guess."""
    questions = {q["id"]: q for q in qmap.get("questions", [])}
    grid = Table(title="Question map inferred from the data (review it)", title_justify="left")
    for name in ("column", "taken as", "question", "answers", "why"):
        grid.add_column(name)
    for guess in columns:
        question = questions.get(guess["question"] or "", {})
        codes = [code for code, _ in question.get("labels", [])]
        shown = ", ".join(codes[:8]) + (" …" if len(codes) > 8 else "")
        grid.add_row(guess["column"], guess["kind"], guess["question"] or "", shown,
                     guess["reason"])  # fmt: skip
    out.print(grid)
    if written is not None:
        out.print(f"Map written to {written}: correct it, then import again with "
                  f"--map {written} --replace.")  # fmt: skip
    else:
        out.print(
            "Question texts, Likert scales and missing codes cannot be read from cells: "
            "write the map with --write-map FILE, correct it, import again with --map."
        )
