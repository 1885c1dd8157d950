"""Charts, the HTML report and the exports: formats, self-containment, anonymity."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sistercities.errors import InputError
from sistercities.research.survey import charts
from sistercities.research.survey.export import (
    free_text_documents,
    write_answers_csv,
    write_documents,
)
from sistercities.research.survey.questions import load_map
from sistercities.research.survey.reader import read_table
from sistercities.research.survey.report import render_report
from sistercities.research.survey.responses import SurveyData, parse_responses
from sistercities.research.survey.tables import Frequencies, crosstab, frequencies


@pytest.fixture
def data(cuenca_files: tuple[Path, Path]) -> SurveyData:
    data_path, map_path = cuenca_files
    return parse_responses(read_table(data_path), load_map(map_path))


def _department_values(data: SurveyData) -> set[str]:
    question = data.question("department")
    return {question.label(str(a.value)) for a in data.of("department")}


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_every_chart_kind_in_both_formats(data: SurveyData, fmt: str, tmp_path: Path) -> None:
    opinion = frequencies(data, "opinion")
    assert isinstance(opinion, Frequencies)
    figures = [
        charts.bar_chart(frequencies(data, "aware")),
        charts.bar_chart(frequencies(data, "contact")),
        charts.stacked_bar_chart(crosstab(data, "family_us", "strength")),
        charts.diverging_likert_chart([opinion]),
    ]
    for i, figure in enumerate(figures):
        path = charts.save(figure, tmp_path / f"c{i}.{fmt}")
        head = path.read_bytes()[:8]
        assert head.startswith(b"\x89PNG") if fmt == "png" else b"<?xml" in head


def test_svg_charts_are_deterministic(data: SurveyData) -> None:
    table = frequencies(data, "aware")
    assert charts.render(charts.bar_chart(table), "svg") == charts.render(
        charts.bar_chart(table), "svg"
    )


def test_chart_refusals(data: SurveyData) -> None:
    with pytest.raises(InputError, match="png or svg"):
        charts.render(charts.bar_chart(frequencies(data, "aware")), "gif")
    with pytest.raises(InputError, match="Likert"):
        charts.diverging_likert_chart([frequencies(data, "aware")])  # type: ignore[list-item]
    strength, opinion = frequencies(data, "strength"), frequencies(data, "opinion")
    with pytest.raises(InputError, match="share their scale"):
        charts.diverging_likert_chart([strength, opinion])  # type: ignore[list-item]
    with pytest.raises(InputError, match="identifying is not charted"):
        charts.bar_chart(frequencies(data, "department"))
    with pytest.raises(InputError, match="identifying is not charted"):
        charts.stacked_bar_chart(crosstab(data, "department", "family_us"))


def test_report_is_self_contained_and_shows_the_paper_figures(data: SurveyData) -> None:
    html = render_report(data, title="Cuenca staff", crosstabs=[("family_us", "strength")])
    assert html.count("<svg") >= 7
    assert not re.search(r"<(script|link|img)\b", html)
    assert not re.search(r"(src|href)=\"https?:", html)
    for figure in ("78.6", "40.8", "92.4", "6.1", "42.7", "34.4", "30.1", "32.1"):
        assert figure in html
    assert "Marked identifying: not reported." in html
    assert not any(f">{value}<" in html for value in _department_values(data))
    assert "It would support Ecuadorians" not in html  # free text is not printed


def test_free_text_documents_carry_pseudonyms_and_attributes(
    data: SurveyData, tmp_path: Path
) -> None:
    documents = free_text_documents(data, "cuenca", attributes=["family_us", "strength"])
    assert [d.question for d in documents] == ["opinion_why"]
    text = documents[0].text
    answered = sum(1 for a in data.of("opinion_why") if not a.is_missing)
    assert documents[0].answers == answered == text.count("\n[R")
    assert re.search(r"^\[R\d{3}\] family_us: (Yes|No); strength: \w", text, re.MULTILINE)
    assert "@cuenca.example" not in text and "R_1" not in text
    paths = write_documents(documents, tmp_path / "texts")
    assert paths[0].name == "cuenca-opinion_why.txt"
    assert paths[0].read_text(encoding="utf-8") == text


def test_identifying_questions_are_never_exported(data: SurveyData, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="marked identifying"):
        free_text_documents(data, "cuenca", attributes=["department"])
    with pytest.raises(InputError, match="not a free-text question"):
        free_text_documents(data, "cuenca", questions=["aware"])
    with pytest.raises(InputError, match="cannot be an attribute"):
        free_text_documents(data, "cuenca", attributes=["opinion_why"])
    path = write_answers_csv(data, tmp_path / "answers.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert "department" not in rows[0] and "email" not in rows[0]
    assert rows[0][0] == "respondent" and rows[1][0] == "R001" and len(rows) == 132
