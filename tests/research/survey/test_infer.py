"""Surveys without a map: the map inferred from the cells, reviewed, corrected, re-imported.

And the bad survey files found by trying (issue 9): a binary file, a row cut
short, a row of only commas, answers that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sistercities.cli import cli
from sistercities.errors import InputError
from sistercities.registry.store import Registry
from sistercities.research.survey.export import write_answers_csv
from sistercities.research.survey.infer import infer_map
from sistercities.research.survey.questions import QuestionType, load_map, map_from_dict, write_map
from sistercities.research.survey.reader import read_table
from sistercities.research.survey.service import import_survey, load_survey
from sistercities.research.survey.tables import frequencies

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "cuenca-staff-survey"


def _kinds(path: Path) -> dict[str, str]:
    return {g.column: g.kind for g in infer_map(read_table(path)).columns}


def test_the_cuenca_file_without_its_map() -> None:
    assert _kinds(EXAMPLE / "responses.csv") == {
        "response_id": "respondent_id",
        "Q1": "single", "Q2": "single", "Q3": "single", "Q4": "single", "Q5": "single",
        "Q5b": "text",
        "Q6": "multiple",
        "Q7": "number",
        "Q8": "single",
        "email": "identifying",
    }  # fmt: skip
    qmap = infer_map(read_table(EXAMPLE / "responses.csv")).map
    q2 = qmap.get("q2")
    assert list(q2.labels) == ["1", "2", "99"]  # numeric order; 99 is for a person to mark
    assert qmap.get("q6").delimiter == ";"
    assert set(qmap.get("q6").labels) == {"phone", "social", "visits", "remit"}


def test_an_xlsx_without_a_map(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Respondent", "Edad", "Ciudad", "Comentario", "Correo"])
    towns = ["Cuenca", "Quito", "Loja"]
    for i in range(20):
        comment = f"Respuesta larga número {i}, distinta de las demás" if i % 2 else None
        sheet.append([f"A{i}", 20 + i * 1.5, towns[i % 3], comment, f"p{i}@x.ec"])
    path = tmp_path / "encuesta.xlsx"
    book.save(path)
    inferred = infer_map(read_table(path))
    assert {g.column: g.kind for g in inferred.columns} == {
        "Respondent": "respondent_id",
        "Edad": "number",
        "Ciudad": "single",
        "Comentario": "text",
        "Correo": "identifying",  # most cells are e-mail addresses
    }
    assert list(inferred.map.get("ciudad").labels) == ["Cuenca", "Loja", "Quito"]


def test_short_prose_with_a_separator_in_it_is_free_text(tmp_path: Path) -> None:
    """A '|' or ';' inside comments does not make them options: options recur."""
    path = tmp_path / "s.csv"
    comments = [
        "Good =cmd|x",
        "We met twice; it went well",
        "More visits please",
        "The market | the parade",
        "ok",
        "Too few exchanges; no budget",
    ]
    rows = "".join(f'{i},"{c}",{"a;b" if i % 2 else "b"}\n' for i, c in enumerate(comments))
    path.write_text("id,comment,channels\n" + rows, encoding="utf-8")
    kinds = _kinds(path)
    assert kinds["comment"] == "text"
    assert kinds["channels"] == "multiple"  # a and b recur: options


def test_a_column_with_nothing_filled_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,q,unused\n1,a,\n2,b,\n", encoding="utf-8")
    guesses = {g.column: (g.kind, g.question_id) for g in infer_map(read_table(path)).columns}
    assert guesses == {
        "id": ("respondent_id", None),
        "q": ("single", "q"),
        "unused": ("empty", None),
    }


def test_import_without_a_map_then_corrected_and_imported_again(
    registry: Registry, tmp_path: Path
) -> None:
    with registry.session() as session:
        first = import_survey(session, EXAMPLE / "responses.csv", None, name="draft")
    assert first.status == "created" and first.respondents == 131
    assert first.inferred is not None and first.map is not None
    written = write_map(map_from_dict(first.map), tmp_path / "draft-map.json")
    corrected = json.loads(written.read_text("utf-8"))
    for question in corrected["questions"]:
        if question["column"] == "Q2":  # what the review adds: texts and missing codes
            question["text"] = "Ties with Americans residing in Cuenca?"
            question["labels"] = [["1", "Yes"], ["2", "No"]]
            question["missing"] = {"99": "prefer not to say"}
    written.write_text(json.dumps(corrected), "utf-8")
    with registry.session() as session:
        again = import_survey(
            session, EXAMPLE / "responses.csv", load_map(written), name="draft", replace=True
        )
        assert again.status == "replaced" and again.inferred is None
    with registry.session() as session:
        table = frequencies(load_survey(session, "draft"), "q2")
    yes = next(row for row in table.rows if row.code == "1")
    assert (yes.label, str(yes.valid_percent), table.valid) == ("Yes", "40.8", 125)


def test_the_map_round_trips_through_csv_too(tmp_path: Path) -> None:
    qmap = infer_map(read_table(EXAMPLE / "responses.csv")).map
    back = load_map(write_map(qmap, tmp_path / "m.csv"))
    assert back == qmap
    assert load_map(write_map(qmap, tmp_path / "m.json")) == qmap
    with pytest.raises(InputError, match=r"\.json or \.csv"):
        write_map(qmap, tmp_path / "m.txt")


def test_cli_prints_the_inferred_map_and_writes_it(db_target: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out_map = tmp_path / "draft.json"
    args = ["--db", db_target, "survey", "import", str(EXAMPLE / "responses.csv"), "--name", "d"]
    result = runner.invoke(cli, [*args, "--write-map", str(out_map)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Question map inferred from the data" in result.output
    assert "options joined with ';'" in result.output
    assert "Columns not stored: email" in result.output
    again = runner.invoke(cli, [*args, "--json"])
    inferred = {g["column"]: g["kind"] for g in json.loads(again.output)["inferred"]}
    assert inferred["Q6"] == "multiple" and inferred["email"] == "identifying"
    assert load_map(out_map).get("q7").type is QuestionType.NUMBER
    both = runner.invoke(cli, [*args, "--map", str(out_map), "--write-map", str(out_map)])
    assert both.exit_code == 1 and "leave out --map" in both.output


def _import_file(registry: Registry, path: Path) -> None:
    with registry.session() as session:
        import_survey(session, path, None, name="s")


def test_a_binary_file_is_refused_in_one_line(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="not a text file: a NUL byte at byte 9"):
        _import_file(registry, path)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "r.sqlite"), "survey", "import",
                                      str(path), "--name", "s"])  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not a text file" in result.output


def test_a_row_cut_short_is_refused_naming_its_line(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,q1,q2\n1,a,b\n2,a\n3,b,a\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3: the row is cut short: 2 cells but the header"):
        _import_file(registry, path)


def test_a_row_of_only_commas_is_counted_and_set_aside(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,q1,q2\n1,a,b\n,,\n2,a,a\n\n", encoding="utf-8")
    with registry.session() as session:
        result = import_survey(session, path, None, name="s")
    assert (result.rows, result.respondents, result.blank_rows) == (3, 2, 1)
    assert result.blank_lines == (3,)


def test_export_leaves_no_formula_live(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    rows = [["id", "comment", "score"]]
    rows += [[str(i), f"plain answer number {i} of many", str(i - 10)] for i in range(14)]
    rows[1][1] = "=cmd|' /C calc'!A0"
    rows[2][1] = "@SUM(1+1)*cmd|' /C calc'!A0"
    rows[3][1] = "+1+1"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    with registry.session() as session:
        import_survey(session, path, None, name="s")
    with registry.session() as session:
        out = write_answers_csv(load_survey(session, "s"), tmp_path / "out.csv")
    cells = list(csv.reader(out.open(encoding="utf-8")))
    comments = [row[1] for row in cells[1:4]]
    assert comments == ["'=cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0", "'+1+1"]
    assert cells[1][2] == "-10"  # a negative number stays a number
