"""Surveys: import an export with its question map, tabulate, chart, report, export.

The statistics and charting stacks (SciPy, Matplotlib) load only when a
function that needs them is called.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sistercities.errors import InputError
from sistercities.registry.store import Registry
from sistercities.research.survey import export, service
from sistercities.research.survey.questions import load_map, map_from_dict, write_map

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from sistercities.research.survey.responses import SurveyData
    from sistercities.research.survey.tables import Crosstab, Frequencies, MultipleResponse

CHART_KINDS = ("bar", "stacked", "likert")


def import_survey(
    registry: Registry,
    *,
    file: str | Path,
    map_path: str | Path | None,
    name: str,
    title: str | None = None,
    place: str | None = None,
    sheet: str | None = None,
    replace: bool = False,
    min_cell: int = 5,
    write_map_path: str | Path | None = None,
) -> service.ImportResult:
    """Import a CSV, XLSX or SPSS export with its question map, whole or not at all.

    Without ``map_path`` the map is inferred from the data (``result.inferred``
    says how, column by column); ``write_map_path`` then writes it (.json or
    .csv) for a person to correct and import again with ``replace``.
    """
    if map_path is not None and write_map_path is not None:
        raise InputError("--write-map writes an inferred map: leave out --map", field="write-map")
    qmap = load_map(Path(map_path)) if map_path is not None else None
    with registry.session() as session:
        result = service.import_survey(
            session, Path(file), qmap, name=name, title=title, place=place, sheet=sheet,
            replace=replace, min_cell=min_cell,
        )  # fmt: skip
    if write_map_path is not None and result.map is not None:
        write_map(map_from_dict(result.map), Path(write_map_path))
    return result


def list_surveys(registry: Registry) -> list[dict[str, Any]]:
    """The stored surveys, with their place, respondents and questions."""
    with registry.session() as session:
        return service.list_surveys(session)


def survey_questions(registry: Registry, *, name: str) -> list[dict[str, Any]]:
    """The questions of a survey: id, type, text, value labels, identifying or not."""
    with registry.session() as session:
        qmap = service.question_map(service.get_survey(session, name))
    return [
        {"id": q.id, "type": q.type.value, "text": q.text, "labels": q.labels,
         "identifying": q.identifying}
        for q in qmap.questions
    ]  # fmt: skip


def _load(registry: Registry, name: str, min_cell: int | None) -> tuple[SurveyData, int, str]:
    """The survey's answers, its small-cell threshold and a title for charts and reports."""
    with registry.session() as session:
        stored = service.get_survey(session, name)
        title = stored.title or name
        if stored.place is not None:
            title += f" ({stored.place.label()})"
        return service.load_survey(session, name), min_cell or stored.min_cell, title


def survey_frequencies(
    registry: Registry, *, name: str, question: str, min_cell: int | None = None
) -> Frequencies | MultipleResponse:
    """Counts, percent and valid percent of a question (a multiple-response set for multiple)."""
    from sistercities.research.survey.tables import frequencies

    data, cell, _ = _load(registry, name, min_cell)
    return frequencies(data, question, min_cell=cell)


def survey_crosstab(
    registry: Registry,
    *,
    name: str,
    row_question: str,
    column_question: str,
    min_cell: int | None = None,
    seed: int = 0,
) -> Crosstab:
    """A cross-tabulation with its test of association (chi-square or Fisher) and Cramér's V."""
    from sistercities.research.survey.tables import crosstab

    data, cell, _ = _load(registry, name, min_cell)
    return crosstab(data, row_question, column_question, min_cell=cell, seed=seed)


def _figure(data: SurveyData, questions: list[str], kind: str, min_cell: int) -> Figure:
    """The chart of a kind: bar (one question), stacked (two), likert (one or more)."""
    from sistercities.research.survey import charts
    from sistercities.research.survey.tables import Frequencies, crosstab, frequencies

    if kind == "stacked":
        if len(questions) != 2:
            raise InputError("a stacked bar chart needs two questions: rows and columns")
        return charts.stacked_bar_chart(crosstab(data, *questions, min_cell=min_cell))
    tables = [frequencies(data, q, min_cell=min_cell) for q in questions]
    if kind == "likert":
        likert = [t for t in tables if isinstance(t, Frequencies)]
        return charts.diverging_likert_chart(likert if len(likert) == len(tables) else [])
    if len(tables) != 1:
        raise InputError("a bar chart shows one question")
    return charts.bar_chart(tables[0])


def survey_chart(
    registry: Registry,
    *,
    name: str,
    questions: list[str],
    output: str | Path,
    kind: str = "bar",
    min_cell: int | None = None,
) -> dict[str, Any]:
    """Draw a chart of questions as PNG or SVG (the suffix of ``output`` decides)."""
    from sistercities.research.survey import charts

    if kind not in CHART_KINDS:
        raise InputError(f"{kind!r} is not one of: {', '.join(CHART_KINDS)}", field="kind")
    data, cell, _ = _load(registry, name, min_cell)
    path = charts.save(_figure(data, list(questions), kind, cell), Path(output))
    return {"survey": name, "kind": kind, "questions": list(questions), "file": str(path)}


def survey_report(
    registry: Registry,
    *,
    name: str,
    output: str | Path,
    crosstabs: list[tuple[str, str]] | None = None,
    min_cell: int | None = None,
) -> dict[str, Any]:
    """Write the whole survey as one self-contained HTML file."""
    html = survey_report_html(registry, name=name, crosstabs=crosstabs, min_cell=min_cell)
    Path(output).write_text(html, encoding="utf-8")
    return {"survey": name, "file": str(output), "bytes": len(html.encode("utf-8"))}


def survey_report_html(
    registry: Registry,
    *,
    name: str,
    crosstabs: list[tuple[str, str]] | None = None,
    min_cell: int | None = None,
) -> str:
    """The whole survey as one self-contained HTML document (the web app shows it)."""
    from sistercities.research.survey import report

    data, cell, title = _load(registry, name, min_cell)
    return report.render_report(data, title=title, crosstabs=list(crosstabs or []), min_cell=cell)


def survey_export_text(
    registry: Registry,
    *,
    name: str,
    output: str | Path,
    questions: list[str] | None = None,
    attributes: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Free-text answers as documents to code, one per question, by pseudonym."""
    data, _, _ = _load(registry, name, None)
    documents = export.free_text_documents(
        data, name, questions=list(questions or []) or None, attributes=list(attributes or [])
    )
    paths = export.write_documents(documents, Path(output))
    return [
        {"question": d.question, "file": str(p), "answers": d.answers}
        for d, p in zip(documents, paths, strict=True)
    ]


def survey_export_answers(
    registry: Registry, *, name: str, output: str | Path, codes: bool = False
) -> dict[str, Any]:
    """The answers as CSV, one row per pseudonym, identifying questions left out."""
    data, _, _ = _load(registry, name, None)
    path = export.write_answers_csv(data, Path(output), labels=not codes)
    return {"survey": name, "file": str(path), "respondents": data.size}
