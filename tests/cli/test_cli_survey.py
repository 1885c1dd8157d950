"""``sistercities survey`` through Click's runner, on SQLite and PostgreSQL.

The paper check: the printed tables of the synthetic Cuenca staff survey show
exactly the percentages `004` reports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.cli.conftest import Cli
from tests.research.survey import cuenca

Invoke = Callable[..., Result]


@pytest.fixture
def run(db_target: str) -> Invoke:
    def invoke(*args: str) -> Result:
        return Cli(db_target)("survey", *args, expect=None, user="tester")

    return invoke


@pytest.fixture
def imported(run: Invoke, tmp_path: Path) -> Invoke:
    data_path, map_path = cuenca.write(tmp_path / "cuenca")
    result = run("import", str(data_path), "--map", str(map_path), "--name", "cuenca-staff")
    assert result.exit_code == 0, result.output
    return run


def _row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if f" {label} " in line)
    return [cell.strip() for cell in line.strip("│ ").split("│")]


def test_paper_figures_are_printed(imported: Invoke) -> None:
    family = imported("freq", "cuenca-staff", "family_us").output
    assert _row(family, "Yes")[1:] == ["103", "78.6", "78.6"]
    assert "n = 131 respondents" in family

    americans = imported("freq", "cuenca-staff", "americans_cuenca").output
    assert _row(americans, "Yes")[3] == "40.8" and "valid n = 125" in americans

    aware = imported("freq", "cuenca-staff", "aware").output
    assert _row(aware, "No")[2] == "92.4"  # "92 per cent of respondents"
    assert _row(aware, "Yes: Newark and Peekskill")[2] == "6.1"  # "only 6 per cent"

    opinion = imported("freq", "cuenca-staff", "opinion").output
    # "43 per cent of all respondents": the base is all 131, not the 113 who answered
    assert (
        "Somewhat positive or Very positive (56): 42.7 % of all 131 respondents, "
        "49.6 % of the 113 who answered" in opinion
    )
    assert _row(opinion, "Neither good nor bad")[2] == "34.4"

    table = imported("crosstab", "cuenca-staff", "family_us", "strength", "--json")
    data = json.loads(table.output)
    strong = [c for c, _ in data["columns"]].index("4")
    assert (data["row_bases"][0], data["row_percent"][0][strong]) == (103, "30.1")
    assert (data["row_bases"][1], data["row_percent"][1][strong]) == (28, "32.1")


def test_crosstab_prints_test_expected_counts_and_fisher_notice(imported: Invoke) -> None:
    out = imported("crosstab", "cuenca-staff", "opinion", "family_us").output
    assert "Expected counts under independence" in out
    assert "Fisher's exact test: expected counts too small for chi-square" in out
    assert re.search(r"Cramér's V = 0\.\d{3}", out)
    assert "n = 113 respondents who answered both questions (18 left out" in out
    assert "†" in out


def test_identifying_question_tables_say_so(imported: Invoke) -> None:
    out = imported("freq", "cuenca-staff", "department").output
    assert "Marked identifying" in out


def test_questions_show_the_identifying_flag(imported: Invoke) -> None:
    out = imported("questions", "cuenca-staff").output
    line = next(line for line in out.splitlines() if line.startswith("department"))
    assert "[identifying: never exported]" in line


def test_question_texts_with_brackets_are_printed(run: Invoke, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("q1\n1\n2\n1\n", encoding="utf-8")
    question = {"id": "q1", "text": "Family abroad? [tick one]", "labels": {"1": "Yes", "2": "No"}}
    (tmp_path / "m.json").write_text(json.dumps({"questions": [question]}), encoding="utf-8")
    imported = run("import", str(tmp_path / "s.csv"), "--map", str(tmp_path / "m.json"),
                   "--name", "s")  # fmt: skip
    assert imported.exit_code == 0, imported.output
    assert "Family abroad? [tick one]" in run("freq", "s", "q1").output


def test_json_everywhere(imported: Invoke, tmp_path: Path) -> None:
    listed = json.loads(imported("list", "--json").output)
    assert listed[0]["respondents"] == 131
    questions = json.loads(imported("questions", "cuenca-staff", "--json").output)
    assert {q["id"] for q in questions if q["identifying"]} == {"department"}
    contact = json.loads(imported("freq", "cuenca-staff", "contact", "--json").output)
    assert contact["responses"] > contact["valid"] == 100
    chart = json.loads(imported("chart", "cuenca-staff", "aware", "--output",
                                str(tmp_path / "a.svg"), "--json").output)  # fmt: skip
    assert Path(chart["file"]).read_bytes().startswith(b"<?xml")


def test_charts_report_and_exports(imported: Invoke, tmp_path: Path) -> None:
    for args in (
        ("aware", "--output", str(tmp_path / "bar.png")),
        ("family_us", "strength", "--kind", "stacked", "--output", str(tmp_path / "s.svg")),
        ("opinion", "--kind", "likert", "--output", str(tmp_path / "l.png")),
    ):
        result = imported("chart", "cuenca-staff", *args)
        assert result.exit_code == 0, result.output
    report = tmp_path / "r.html"
    result = imported("report", "cuenca-staff", "--output", str(report),
                      "--crosstab", "family_us:strength")  # fmt: skip
    assert result.exit_code == 0 and "30.1" in report.read_text(encoding="utf-8")
    result = imported("export-text", "cuenca-staff", "--output", str(tmp_path / "t"),
                      "--attribute", "family_us")  # fmt: skip
    assert result.exit_code == 0
    text = (tmp_path / "t" / "cuenca-staff-opinion_why.txt").read_text(encoding="utf-8")
    assert "family_us: Yes" in text or "family_us: No" in text
    result = imported("export", "cuenca-staff", "--output", str(tmp_path / "a.csv"))
    assert "department" not in (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("freq", "cuenca-staff", "nope"), "no question 'nope' in this survey"),
        (("freq", "other", "aware"), "no survey named 'other'"),
        (
            ("crosstab", "cuenca-staff", "aware", "aware"),
            "cannot cross-tabulate a question with itself",
        ),
        (("freq", "cuenca-staff", "opinion_why"), "free-text question"),
        (
            ("export-text", "cuenca-staff", "--output", "x", "--attribute", "department"),
            "marked identifying",
        ),
        (
            ("chart", "cuenca-staff", "aware", "opinion", "--output", "x.png"),
            "a bar chart shows one question",
        ),
        (("report", "cuenca-staff", "--output", "r.html", "--crosstab", "aware"), "ROW:COLUMN"),
        (("chart", "cuenca-staff", "department", "-o", "d.png"), "identifying is not charted"),
    ],
)
def test_errors_are_one_line(imported: Invoke, args: tuple[str, ...], message: str) -> None:
    result = imported(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1


@pytest.mark.parametrize("command", ["report", "export", "chart"])
def test_an_output_file_that_cannot_be_written_is_a_one_line_error(
    imported: Invoke, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "no such folder" / "out.svg"
    extra = ("aware",) if command == "chart" else ()
    result = imported(command, "cuenca-staff", *extra, "--output", str(target))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
    assert str(target) in result.output


def test_refused_import_stores_nothing(run: Invoke, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("id,q1\na,1\nb,7\na,2\n", encoding="utf-8")
    questions = [{"id": "q1", "labels": {"1": "Yes", "2": "No"}}]
    (tmp_path / "m.json").write_text(json.dumps({"respondent_id": "id", "questions": questions}))
    result = run("import", str(tmp_path / "s.csv"), "--map", str(tmp_path / "m.json"),
                 "--name", "bad")  # fmt: skip
    assert result.exit_code == 1
    assert "2 problems in s.csv" in result.output
    assert "value '7' is not one of the value labels" in result.output
    assert "duplicate respondent id 'a'" in result.output
    assert json.loads(run("list", "--json").output) == []
