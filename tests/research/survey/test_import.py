"""Importing survey files: formats, question maps, bad input refused with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from sistercities.errors import InputError, NotFoundError
from sistercities.registry.models import AuditEntry
from sistercities.registry.records import PlaceInput, get_or_add_place
from sistercities.registry.store import Registry
from sistercities.research.survey.models import Survey, SurveyAnswer, SurveyRespondent
from sistercities.research.survey.questions import load_map, map_from_dict
from sistercities.research.survey.reader import read_table
from sistercities.research.survey.service import (
    ImportResult,
    import_survey,
    list_surveys,
    load_survey,
)
from tests.research.survey.conftest import WriteSurvey

YES_NO = {"id": "q1", "text": "Yes or no?", "type": "single", "labels": {"1": "Yes", "2": "No"}}


def _stored(registry: Registry) -> tuple[int, int, int]:
    with registry.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Survey)) or 0,
            session.scalar(select(func.count()).select_from(SurveyRespondent)) or 0,
            session.scalar(select(func.count()).select_from(SurveyAnswer)) or 0,
        )


def _import(registry: Registry, data: Path, qmap: Path, name: str = "s", **kw: Any) -> ImportResult:
    with registry.session() as session:
        return import_survey(session, data, load_map(qmap), name=name, **kw)


def test_import_stores_pseudonyms_and_answers_and_leaves_identifying_columns_out(
    registry: Registry, cuenca_files: tuple[Path, Path]
) -> None:
    result = _import(registry, *cuenca_files, name="cuenca")
    assert result.status == "created"
    assert result.respondents == 131 and result.questions == 9
    assert "email" in result.not_stored
    with registry.session() as session:
        values = set(session.scalars(select(SurveyAnswer.value)))
        pseudonyms = list(session.scalars(select(SurveyRespondent.pseudonym)))
    assert not any(v and "@cuenca.example" in v for v in values)
    assert not any(v and v.startswith("R_1") for v in values)  # source ids are not stored
    assert sorted(pseudonyms)[:2] == ["R001", "R002"]


def test_import_twice_changes_nothing(registry: Registry, cuenca_files: tuple[Path, Path]) -> None:
    _import(registry, *cuenca_files, name="cuenca")
    before = _stored(registry)
    again = _import(registry, *cuenca_files, name="cuenca")
    assert again.status == "unchanged"
    assert _stored(registry) == before
    with pytest.raises(InputError, match="use --replace"):
        _import(registry, *cuenca_files, name="cuenca", title="Other options, other import")


def test_other_file_under_same_name_needs_replace(
    registry: Registry, cuenca_files: tuple[Path, Path], write_survey: WriteSurvey
) -> None:
    _import(registry, *cuenca_files, name="cuenca")
    other = write_survey([{"q1": "1"}, {"q1": "2"}], [YES_NO])
    with pytest.raises(InputError, match="already exists"):
        _import(registry, *other, name="cuenca")
    result = _import(registry, *other, name="cuenca", replace=True)
    assert result.status == "replaced"
    assert _stored(registry) == (1, 2, 2)


def test_survey_linked_to_a_place(registry: Registry, cuenca_files: tuple[Path, Path]) -> None:
    with registry.session() as session:
        get_or_add_place(session, PlaceInput("Cuenca", "EC"))
    result = _import(registry, *cuenca_files, name="cuenca", place="Cuenca, EC")
    assert result.place == "Cuenca (EC)"
    with registry.session() as session:
        assert list_surveys(session)[0]["place"] == "Cuenca (EC)"
    with pytest.raises(NotFoundError):
        _import(registry, *cuenca_files, name="other", place="Atlantis")
    assert _stored(registry)[0] == 1


def test_import_is_audited_once_not_per_answer(
    registry: Registry, write_survey: WriteSurvey
) -> None:
    _import(registry, *write_survey([{"q1": "1"}, {"q1": "2"}], [YES_NO]))
    with registry.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
    assert len(entries) == 1 and "survey 's' created" in (entries[0].note or "")


def test_xlsx_export_reads_like_csv(registry: Registry, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "q1", "age"])
    sheet.append(["a", 1, 34.0])
    sheet.append(["b", "No", 41])
    sheet.append(["c", None, 29.5])
    book.save(tmp_path / "s.xlsx")
    questions = [YES_NO, {"id": "age", "type": "number"}]
    (tmp_path / "m.json").write_text(json.dumps({"respondent_id": "id", "questions": questions}))
    _import(registry, tmp_path / "s.xlsx", tmp_path / "m.json")
    with registry.session() as session:
        data = load_survey(session, "s")
    assert [a.value for a in data.of("q1")] == ["1", "2", None]
    assert [str(a.value) for a in data.of("age")] == ["34", "41", "29.5"]


def test_csv_question_map(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("rid,Q1,Q2,mail\n1,1,a;b,x@y\n2,99,,\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "id,column,text,type,labels,missing,delimiter\n"
        "q1,Q1,Yes or no?,single,1=Yes|2=No,99=prefer not to say,\n"
        "q2,Q2,Which?,multiple,a=Alpha|b=Beta,,;\n"
        ",rid,,respondent_id,,,\n"
        ",mail,,identifying,,,\n",
        encoding="utf-8",
    )
    result = _import(registry, tmp_path / "s.csv", tmp_path / "m.csv")
    assert result.not_stored == ("mail",)
    with registry.session() as session:
        data = load_survey(session, "s")
    assert [a.missing for a in data.of("q1")] == [None, "prefer not to say"]
    assert [a.value for a in data.of("q2")] == [("a", "b"), None]


def test_multiple_choice_as_one_column_per_option(
    registry: Registry, write_survey: WriteSurvey
) -> None:
    cells = [("1", "0"), ("1", "1"), ("0", "0"), ("", ""), ("Television", "")]
    rows = [{"id": str(i), "tv": tv, "web": web} for i, (tv, web) in enumerate(cells)]
    question = {
        "id": "media",
        "type": "multiple",
        "options": {"tv": "tv", "web": "web"},
        "labels": {"tv": "Television", "web": "Internet"},
    }
    _import(registry, *write_survey(rows, [question], respondent_id="id"))
    with registry.session() as session:
        data = load_survey(session, "s")
    assert [a.value for a in data.of("media")] == [("tv",), ("tv", "web"), (), None, ("tv",)]


# --- bad input: a clear message, nothing stored -------------------------------------------


def _refused(registry: Registry, files: tuple[Path, Path], match: str) -> None:
    with pytest.raises(InputError, match=match):
        _import(registry, *files)
    assert _stored(registry) == (0, 0, 0)


def test_question_not_in_the_file(registry: Registry, write_survey: WriteSurvey) -> None:
    files = write_survey([{"q1": "1"}], [YES_NO, {"id": "q9", "type": "single"}])
    _refused(registry, files, "question 'q9' reads column 'q9', not in the file")


def test_value_outside_the_value_labels(registry: Registry, write_survey: WriteSurvey) -> None:
    files = write_survey([{"q1": "1"}, {"q1": "7"}], [YES_NO])
    _refused(
        registry, files, r"line 3: q1: value '7' is not one of the value labels \(1=Yes, 2=No\)"
    )


def test_text_in_a_number_column(registry: Registry, write_survey: WriteSurvey) -> None:
    files = write_survey([{"n": "3"}, {"n": "three"}], [{"id": "n", "type": "number"}])
    _refused(registry, files, "line 3: n: mixed types: 'three' in a number column")


def test_column_of_mixed_types(registry: Registry, write_survey: WriteSurvey) -> None:
    rows = [{"dept": "1"}, {"dept": "2"}, {"dept": "Culture"}]
    files = write_survey(rows, [{"id": "dept", "type": "single"}])
    _refused(registry, files, "mixed types: numbers and text in one column")


def test_empty_survey(registry: Registry, write_survey: WriteSurvey) -> None:
    files = write_survey([], [YES_NO], header=["q1"])
    _refused(registry, files, "the survey is empty")


def test_duplicate_respondent_ids(registry: Registry, write_survey: WriteSurvey) -> None:
    rows = [{"id": "a", "q1": "1"}, {"id": "b", "q1": "2"}, {"id": "a", "q1": "1"}]
    files = write_survey(rows, [YES_NO], respondent_id="id")
    _refused(registry, files, r"line 4: id: duplicate respondent id 'a' \(first on line 2\)")


def test_all_problems_are_reported_together(registry: Registry, write_survey: WriteSurvey) -> None:
    rows = [{"q1": "5", "n": "x"}, {"q1": "6", "n": "1"}]
    files = write_survey(rows, [YES_NO, {"id": "n", "type": "number"}])
    _refused(registry, files, "3 problems")


def test_unknown_file_type_and_missing_file(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps({"questions": [YES_NO]}))
    (tmp_path / "s.pdf").write_text("x")
    _refused(registry, (tmp_path / "s.pdf", tmp_path / "m.json"), "cannot read .pdf files")
    with pytest.raises(InputError, match="cannot read"):
        _import(registry, tmp_path / "none.csv", tmp_path / "m.json")


def test_bad_question_maps_are_refused() -> None:
    with pytest.raises(InputError, match="type must be one of"):
        map_from_dict({"questions": [{"id": "a", "type": "ranking"}]})
    with pytest.raises(InputError, match="needs 'options'"):
        map_from_dict({"questions": [{"id": "a", "type": "multiple"}]})
    with pytest.raises(InputError, match="needs its scale"):
        map_from_dict({"questions": [{"id": "a", "type": "likert"}]})
    with pytest.raises(InputError, match="appears twice"):
        map_from_dict({"questions": [{"id": "a"}, {"id": "a"}]})
    with pytest.raises(InputError, match="both a value label and a missing code"):
        map_from_dict({"questions": [{"id": "a", "labels": ["x"], "missing": {"x": "no"}}]})
    with pytest.raises(InputError, match="'questions' list"):
        map_from_dict([])


def test_spss_sav_with_its_value_labels(registry: Registry, tmp_path: Path) -> None:
    pytest.importorskip("pyreadstat")
    sav = Path(__file__).parent / "data" / "small.sav"
    questions = [
        {"id": "q1", "type": "single"},  # labels come from the .sav
        {"id": "age", "type": "number"},
        {"id": "why", "type": "text"},
    ]
    (tmp_path / "m.json").write_text(json.dumps({"respondent_id": "id", "questions": questions}))
    _import(registry, sav, tmp_path / "m.json")
    with registry.session() as session:
        data = load_survey(session, "s")
    assert data.question("q1").labels == {"1": "Yes", "2": "No"}
    assert data.question("q1").text == "Relatives in the US?"
    assert [a.value for a in data.of("q1")] == ["1", "2", "1", None]
    assert [str(a.value) for a in data.of("age")] == ["34", "41", "29.5", "50"]
    assert [a.value for a in data.of("why")][:2] == ["good", None]


def test_a_question_on_an_identifying_column_is_identifying() -> None:
    qmap = map_from_dict({"identifying": ["dept"], "questions": [{"id": "d", "column": "dept"}]})
    assert qmap.get("d").identifying


def test_surveymonkey_two_header_rows(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(
        "Respondent ID,Which media?,,Age\n,TV,Web,Response\n11,TV,,34\n12,TV,Web,41\n13,,,29\n",
        encoding="utf-8",
    )
    media = {"id": "media", "type": "multiple",
             "options": {"tv": "Which media? / TV", "web": "Which media? / Web"},
             "labels": {"tv": "TV", "web": "Web"}}  # fmt: skip
    age = {"id": "age", "column": "Age / Response", "type": "number"}
    qmap = {"respondent_id": "Respondent ID", "header_rows": 2, "questions": [media, age]}
    (tmp_path / "m.json").write_text(json.dumps(qmap))
    _import(registry, tmp_path / "s.csv", tmp_path / "m.json")
    with registry.session() as session:
        data = load_survey(session, "s")
    assert [a.value for a in data.of("media")] == [("tv",), ("tv", "web"), None]
    assert [str(a.value) for a in data.of("age")] == ["34", "41", "29"]


def test_qualtrics_extra_header_rows_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_text(
        "StartDate,ResponseId,Q1\n"
        "Start Date,Response ID,Yes or no?\n"
        '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"\n'
        "2024-03-01,R_1,1\n",
        encoding="utf-8",
    )
    table = read_table(tmp_path / "q.csv")
    assert table.header == ("StartDate", "ResponseId", "Q1")
    assert table.rows == (("2024-03-01", "R_1", "1"),) and table.lines == (4,)
