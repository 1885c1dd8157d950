"""Charts of survey tables as PNG or SVG: bar, stacked bar, diverging Likert.

Matplotlib's object API (:class:`matplotlib.figure.Figure`) is used without
``pyplot``: no global state, no GUI backend, safe in a web worker. The output
is deterministic (no timestamps in the files, a fixed SVG id salt), so the
same table always gives the same bytes.

Every chart puts its base (n) in the title and marks categories of fewer than
``min_cell`` respondents with a dagger (†), like the tables.
"""

from __future__ import annotations

import io
import textwrap
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from sistercities.errors import InputError
from sistercities.research.survey.percent import format_percent
from sistercities.research.survey.questions import Question, QuestionType
from sistercities.research.survey.tables import (
    Crosstab,
    Frequencies,
    MultipleResponse,
    likert_groups,
)

FORMATS = ("png", "svg")
NEGATIVE = ("#b2182b", "#ef8a62", "#fddbc7")
POSITIVE = ("#d1e5f0", "#67a9cf", "#2166ac")
NEUTRAL = "#d9d9d9"
BAR = "#4878a8"


def _wrap(text: str, width: int = 60) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _whole(pct: Decimal | None) -> str:
    """A segment label: the percentage rounded half up to a whole number (as the tables do)."""
    return str((pct or Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _value(pct: Decimal | None) -> float:
    return float(pct) if pct is not None else 0.0


def _publishable(*tables: Frequencies | MultipleResponse | Crosstab) -> None:
    if any(t.identifying for t in tables):
        raise InputError("a question marked identifying is not charted")


def bar_chart(table: Frequencies | MultipleResponse) -> Figure:
    """Horizontal bars of valid percent (percent of cases for a multiple-response set)."""
    _publishable(table)
    if isinstance(table, MultipleResponse):
        labels = [r.label + ("†" if r.small else "") for r in table.rows]
        pcts = [r.percent_of_cases for r in table.rows]
        counts = [r.count for r in table.rows]
        axis = f"% of respondents who answered (n = {table.valid}); several answers possible"
    else:
        rows = [r for r in table.rows if not r.missing]
        labels = [r.label + ("†" if r.small else "") for r in rows]
        pcts = [r.valid_percent for r in rows]
        counts = [r.count for r in rows]
        axis = f"% of respondents who answered (valid n = {table.valid} of {table.total})"
    values = [_value(p) for p in pcts]
    figure = Figure(figsize=(7, 0.5 * len(labels) + 1.6))
    ax = figure.add_subplot()
    positions = range(len(labels))[::-1]
    ax.barh(list(positions), values, color=BAR)
    ax.set_yticks(list(positions), [_wrap(label, 30) for label in labels])
    for y, pct, count in zip(positions, pcts, counts, strict=True):
        ax.text(_value(pct) + 1, y, f"{format_percent(pct)} % ({count})", va="center", fontsize=8)
    ax.set_xlim(0, max([*values, 1.0]) * 1.25)
    ax.set_xlabel(axis, fontsize=8)
    ax.set_title(_wrap(table.text), fontsize=10, loc="left")
    _frame(ax)
    figure.tight_layout()
    return figure


def stacked_bar_chart(table: Crosstab) -> Figure:
    """One bar per row category, stacked by row percent over the column categories."""
    _publishable(table)
    figure = Figure(figsize=(8, 0.6 * len(table.rows) + 2.2))
    ax = figure.add_subplot()
    positions = list(range(len(table.rows)))[::-1]
    left = [0.0] * len(table.rows)
    colors = matplotlib.colormaps["tab10"]
    for j, (_, label) in enumerate(table.columns):
        widths = [_value(table.row_percent[i][j]) for i in range(len(table.rows))]
        ax.barh(positions, widths, left=left, color=colors(j % 10), label=_wrap(label, 25))
        for y, x0, w, i in zip(positions, left, widths, range(len(table.rows)), strict=True):
            if w >= 6:
                text = _whole(table.row_percent[i][j]) + ("†" if table.small[i][j] else "")
                ax.text(x0 + w / 2, y, text, ha="center", va="center", fontsize=7)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ticks = [
        f"{label} (n = {base})"
        for (_, label), base in zip(table.rows, table.row_bases, strict=True)
    ]
    ax.set_yticks(positions, [_wrap(t, 30) for t in ticks])
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"row % (n = {table.n} who answered both)", fontsize=8)
    ax.set_title(_wrap(f"{table.column_text} by {table.row_text}", 70), fontsize=10, loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=7, frameon=False)
    _frame(ax)
    figure.tight_layout()
    return figure


def diverging_likert_chart(tables: list[Frequencies]) -> Figure:
    """Likert items as bars centred on the neutral point: negative left, positive right.

    Each bar is the valid-percent distribution of one item; the neutral
    category (odd scales) is split half to each side, the usual convention
    (Robbins & Heiberger 2011), so the bar's middle sits on 0.
    """
    if not tables or any(t.type != "likert" for t in tables):
        raise InputError("a diverging chart needs Likert questions")
    _publishable(*tables)
    scales = {tuple(r.label for r in t.rows if not r.missing) for t in tables}
    if len(scales) > 1:
        raise InputError("the Likert questions of one diverging chart must share their scale")
    figure = Figure(figsize=(8, 0.7 * len(tables) + 2.2))
    ax = figure.add_subplot()
    for y, table in zip(range(len(tables))[::-1], tables, strict=True):
        _likert_bar(ax, y, table, legend=(y == len(tables) - 1))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(
        list(range(len(tables)))[::-1],
        [_wrap(f"{t.text} (n = {t.valid})", 35) for t in tables],
    )
    ax.set_xlim(-100, 100)
    ax.set_xticks(range(-100, 101, 25), [f"{abs(v)}" for v in range(-100, 101, 25)])
    ax.set_xlabel("% of respondents who answered", fontsize=8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=5, fontsize=7, frameon=False)
    _frame(ax)
    figure.tight_layout()
    return figure


def _likert_bar(ax: Axes, y: int, table: Frequencies, *, legend: bool) -> None:
    rows = {r.code: r for r in table.rows if not r.missing}
    scale = Question(table.question, table.text, QuestionType.LIKERT,
                     labels={c: rows[c].label for c in rows})  # fmt: skip
    groups = likert_groups(scale)
    neutral = sum(_value(rows[c].valid_percent) for c in groups["neutral"])
    start = -neutral / 2 - sum(_value(rows[c].valid_percent) for c in groups["negative"])
    colors = _palette(len(groups["negative"]), bool(groups["neutral"]))
    for code, color in zip(rows, colors, strict=True):
        width = _value(rows[code].valid_percent)
        label = rows[code].label if legend else None
        ax.barh(y, width, left=start, color=color, label=label)
        if width >= 6:
            text = _whole(rows[code].valid_percent) + ("†" if rows[code].small else "")
            ax.text(start + width / 2, y, text, ha="center", va="center", fontsize=7)
        start += width


def _palette(half: int, neutral: bool) -> list[str]:
    negative = list(NEGATIVE[-half:]) if half <= 3 else [NEGATIVE[0]] * (half - 3) + list(NEGATIVE)
    positive = list(POSITIVE[:half]) if half <= 3 else list(POSITIVE) + [POSITIVE[-1]] * (half - 3)
    return negative + ([NEUTRAL] if neutral else []) + positive


def _frame(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)


def render(figure: Figure, fmt: str, *, salt: str = "sistercities") -> bytes:
    """The chart as PNG or SVG bytes (deterministic: no dates; SVG ids hashed with ``salt``)."""
    if fmt not in FORMATS:
        raise InputError(f"charts are {' or '.join(FORMATS)}, not {fmt!r}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        figure.savefig(buffer, format=fmt, dpi=150, metadata=_metadata(fmt), bbox_inches="tight")
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, str | None]:
    if fmt == "svg":  # no date (deterministic), no RDF block naming remote vocabularies
        return {"Date": None, "Creator": None, "Format": None, "Type": None}
    return {"Software": "sistercities"}


def save(figure: Figure, path: str | Path) -> Path:
    """Write a chart; the format comes from the suffix (``.png`` or ``.svg``)."""
    path = Path(path)
    path.write_bytes(render(figure, path.suffix.lower().lstrip(".")))
    return path
