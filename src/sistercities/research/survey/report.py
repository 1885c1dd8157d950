"""An HTML report of a whole survey, self-contained and readable offline.

One file: styles inline, charts inline as SVG, no script, font or image
fetched from anywhere. For each question that is not identifying: its table
(with the base and the † flag of small cells) and its chart; Likert questions
that share a scale also get one diverging chart together; the cross-tabs
asked for follow, with their tests. Free-text answers are not printed (they
may name people): the report gives their number and the command that
exports them for coding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import Environment, select_autoescape
from markupsafe import Markup
from matplotlib.figure import Figure

from sistercities.research.survey import charts
from sistercities.research.survey.percent import format_p, format_percent, percent
from sistercities.research.survey.questions import QuestionType
from sistercities.research.survey.responses import SurveyData
from sistercities.research.survey.tables import (
    DEFAULT_MIN_CELL,
    Crosstab,
    Frequencies,
    MultipleResponse,
    crosstab,
    frequencies,
)


@dataclass(frozen=True)
class Section:
    """One block of the report: a question's table and chart, or a cross-tab."""

    kind: str
    title: str
    table: Frequencies | MultipleResponse | Crosstab | None
    chart: Markup | None
    note: str = ""


def svg(figure: Figure, key: str) -> Markup:
    """A chart as inline SVG markup (the XML prologue removed).

    ``key`` (unique in the report) salts the ids of the SVG's definitions, so
    that the charts of one page do not share clip paths. Marked safe because
    it is matplotlib's own output; the labels in it were escaped by
    matplotlib's SVG writer.
    """
    text = charts.render(figure, "svg", salt=key).decode("utf-8")
    return Markup(text[text.index("<svg") :])


def build_sections(
    data: SurveyData,
    *,
    crosstabs: list[tuple[str, str]] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
) -> list[Section]:
    """The report's sections, in question order, then the Likert overview and cross-tabs."""
    sections = [_question_section(data, q.id, min_cell) for q in data.map.questions]
    likert = [
        s.table
        for s in sections
        if isinstance(s.table, Frequencies) and s.table.type == QuestionType.LIKERT.value
    ]
    sections += _likert_overview(likert)
    for row_id, column_id in crosstabs or []:
        table = crosstab(data, row_id, column_id, min_cell=min_cell)
        title = f"{table.row_text} by {table.column_text}"
        chart = svg(charts.stacked_bar_chart(table), f"crosstab:{row_id}:{column_id}")
        sections.append(Section("crosstab", title, table, chart))
    return sections


def _question_section(data: SurveyData, question_id: str, min_cell: int) -> Section:
    question = data.question(question_id)
    if question.identifying:
        note = "Marked identifying: not reported."
        return Section("note", question.text, None, None, note)
    if question.type is QuestionType.TEXT:
        answered = sum(1 for a in data.of(question_id) if not a.is_missing)
        note = (
            f"Free text: {answered} answers, not printed here. Export them for coding with "
            f"'sistercities survey export-text'."
        )
        return Section("note", question.text, None, None, note)
    table = frequencies(data, question_id, min_cell=min_cell)
    if isinstance(table, Frequencies) and table.type == QuestionType.LIKERT.value:
        chart = svg(charts.diverging_likert_chart([table]), f"likert:{question_id}")
    else:
        chart = svg(charts.bar_chart(table), f"bar:{question_id}")
    kind = "multiple" if isinstance(table, MultipleResponse) else "frequencies"
    return Section(kind, question.text, table, chart)


def _likert_overview(tables: list[Frequencies]) -> list[Section]:
    by_scale: dict[tuple[str, ...], list[Frequencies]] = {}
    for table in tables:
        by_scale.setdefault(tuple(r.label for r in table.rows if not r.missing), []).append(table)
    return [
        Section("likert", "Likert items on the scale " + " / ".join(scale), None,
                svg(charts.diverging_likert_chart(group), "likert-scale:" + "/".join(scale)))
        for scale, group in by_scale.items()
        if len(group) > 1
    ]  # fmt: skip


def render_report(
    data: SurveyData,
    *,
    title: str,
    subtitle: str = "",
    crosstabs: list[tuple[str, str]] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
) -> str:
    """The whole report as one HTML document (a string)."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["pct"] = format_percent
    env.filters["p"] = format_p
    env.globals["percent"] = percent
    template = env.from_string(TEMPLATE)
    return template.render(
        title=title,
        subtitle=subtitle,
        respondents=data.size,
        sections=build_sections(data, crosstabs=crosstabs, min_cell=min_cell),
        min_cell=min_cell,
        made=dt.date.today().isoformat(),
    )


TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{{ title }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}
.missing td{color:#777}.small{background:#fff3cd}
.note{color:#555;font-size:.9rem}
section{margin:2rem 0;border-top:2px solid #eee}
svg{max-width:100%;height:auto}
</style></head><body>
<h1>{{ title }}</h1>
{% if subtitle %}<p>{{ subtitle }}</p>{% endif %}
<p class="note">{{ respondents }} respondents. Percentages are rounded half up to one decimal
from the exact counts; each table gives its base (n). † marks a cell of fewer than
{{ min_cell }} respondents, which could identify someone: suppress or merge it before
publishing. Made {{ made }} with sistercities.</p>
{% for s in sections %}<section>
<h2>{{ s.title }}</h2>
{% if s.kind == "frequencies" %}{% set t = s.table %}
<table><tr><th></th><th>count</th><th>percent</th><th>valid percent</th></tr>
{% for r in t.rows %}<tr class="{{ 'missing' if r.missing }}{{ ' small' if r.small }}">
<td>{{ 'Missing: ' if r.missing }}{{ r.label }}</td><td>{{ r.count }}{{ '†' if r.small }}</td>
<td>{{ r.percent|pct }}</td><td>{{ r.valid_percent|pct if not r.missing }}</td></tr>
{% endfor %}<tr><th>Total</th><th>{{ t.total }}</th><th>100.0</th><th></th></tr></table>
{% for sh in t.shares %}<p>{{ sh.label }} ({{ sh.count }}): {{ sh.percent|pct }} % of all
{{ t.total }} respondents, {{ sh.valid_percent|pct }} % of the {{ t.valid }} who answered</p>
{% endfor %}
<p class="note">n = {{ t.total }}; valid n = {{ t.valid }} (base of valid percent).</p>
{% elif s.kind == "multiple" %}{% set t = s.table %}
<table><tr><th></th><th>count</th><th>% of responses</th><th>% of cases</th></tr>
{% for r in t.rows %}<tr class="{{ 'small' if r.small }}"><td>{{ r.label }}</td>
<td>{{ r.count }}{{ '†' if r.small }}</td><td>{{ r.percent_of_responses|pct }}</td>
<td>{{ r.percent_of_cases|pct }}</td></tr>{% endfor %}</table>
<p class="note">Multiple response: {{ t.valid }} of {{ t.total }} respondents answered
(base of % of cases), {{ t.responses }} choices (base of % of responses).</p>
{% elif s.kind == "crosstab" %}{% set t = s.table %}
<table><tr><th>count / row % / column %</th>{% for c in t.columns %}<th>{{ c[1] }}</th>
{% endfor %}<th>Total</th></tr>
{% for r in t.rows %}{% set i = loop.index0 %}<tr><td>{{ r[1] }}</td>
{% for c in t.columns %}{% set j = loop.index0 %}<td class="{{ 'small' if t.small[i][j] }}">
{{ t.counts[i][j] }}{{ '†' if t.small[i][j] }}<br>{{ t.row_percent[i][j]|pct }}<br>
{{ t.column_percent[i][j]|pct }}</td>{% endfor %}<td>{{ t.row_bases[i] }}</td></tr>{% endfor %}
<tr><th>Total</th>{% for b in t.column_bases %}<th>{{ b }}</th>{% endfor %}<th>{{ t.n }}</th></tr>
</table>
<p class="note">n = {{ t.n }} who answered both ({{ t.excluded }} left out).
{% if t.test %}{{ t.test.reason }}.{% if t.test.test != "none" %} Chi-square =
{{ "%.3f"|format(t.test.chi_square) }}, df = {{ t.test.df }}, p =
{{ t.test.p_value|p }} ({{ t.test.method }}); Cramér's V =
{{ "%.3f"|format(t.test.cramers_v) }}.{% endif %}{% else %}Multiple-response set: no
chi-square test.{% endif %}</p>
{% endif %}
{% if s.note %}<p class="note">{{ s.note }}</p>{% endif %}
{% if s.chart %}<figure>{{ s.chart }}</figure>{% endif %}
</section>
{% endfor %}</body></html>
"""
