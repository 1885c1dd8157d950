"""Store and load surveys: the import that commits whole or not at all.

:func:`import_survey` reads the file, applies the question map and checks
every cell (:func:`~.responses.parse_responses`) *before* it writes anything,
so a refused file leaves the registry as it was. Importing the same file
with the same map again changes nothing (the SHA-256 of both is kept);
a different file under an existing name is refused unless ``replace``.

Respondents and answers are written in bulk (not through the ORM), with one
summary entry in the audit trail: the audit trail must not become a second
copy of the answers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.registry import audit
from sistercities.registry.models import Base
from sistercities.registry.queries import find_place
from sistercities.research.survey.infer import infer_map
from sistercities.research.survey.models import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRespondent,
)
from sistercities.research.survey.questions import (
    Question,
    QuestionMap,
    QuestionType,
    map_to_dict,
)
from sistercities.research.survey.reader import read_table
from sistercities.research.survey.responses import Answer, SurveyData, parse_responses


@dataclass(frozen=True)
class ImportResult:
    """What an import did: ``created``, ``replaced`` or ``unchanged``, with counts.

    ``not_stored`` lists the file's columns that were left out: those the map
    marks identifying and those no question reads. ``rows`` counts every data
    row of the file: ``respondents`` plus ``blank_rows`` (rows with no cell
    filled, set aside; their lines in ``blank_lines``). ``inferred`` is the
    guess behind each column when no map was given (:mod:`.infer`), and
    ``map`` the map the import used, in its JSON form.
    """

    survey: str
    status: str
    respondents: int
    questions: int
    answers: int
    missing_answers: int
    not_stored: tuple[str, ...]
    place: str | None
    rows: int | None = None
    blank_rows: int = 0
    blank_lines: tuple[int, ...] = ()
    inferred: tuple[dict[str, Any], ...] | None = None
    map: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def import_survey(
    session: Session,
    path: str | Path,
    qmap: QuestionMap | None,
    *,
    name: str,
    title: str | None = None,
    place: str | None = None,
    sheet: str | None = None,
    replace: bool = False,
    min_cell: int = 5,
) -> ImportResult:
    """Import a survey export under ``name`` (see the module docstring).

    Parameters
    ----------
    path:
        A CSV, XLSX or SPSS ``.sav`` export, one row per respondent.
    qmap:
        The question map (:func:`~.questions.load_map`), or ``None`` to infer
        one from the data (:func:`~.infer.infer_map`; one header row).
    place:
        The place surveyed: an id or ``"Name, CC"`` (must be in the registry).
    replace:
        Replace a survey of the same name imported from another file.
    """
    name = _check_name(name)
    path = Path(path)
    table, guesses = None, None
    if qmap is None:
        table = read_table(path, sheet=sheet)
        inferred = infer_map(table)
        qmap, guesses = inferred.map, tuple(g.to_dict() for g in inferred.columns)
    digest = _digest(path, qmap, [title, place, sheet, min_cell])
    extra: dict[str, Any] = {"inferred": guesses, "map": map_to_dict(qmap)}
    existing = session.scalar(select(Survey).where(Survey.name == name))
    if existing is not None and existing.source_sha256 == digest:
        return dataclasses.replace(_result(session, existing, "unchanged", ()), **extra)
    if existing is not None and not replace:
        raise InputError(
            f"a survey named {name!r} already exists (from {existing.source_file}); "
            "use --replace to replace it",
            field="name",
        )
    if table is None:
        table = read_table(path, sheet=sheet, header_rows=qmap.header_rows)
    data = parse_responses(table, qmap, source=path.name)
    place_row = find_place(session, place) if place else None
    if existing is not None:
        _delete(session, existing)
    survey = Survey(
        name=name,
        title=title,
        place_id=place_row.id if place_row else None,
        source_file=path.name,
        source_sha256=digest,
        respondent_count=data.size,
        min_cell=min_cell,
    )
    session.add(survey)
    _store(session, survey, data)
    used = {c for q in data.map.questions for c in q.columns} | {qmap.respondent_id}
    left_out = tuple(c for c in table.header if c not in used)
    status = "replaced" if existing is not None else "created"
    audit.record(
        session,
        action="import",
        entity="surveys",
        entity_id=survey.id,
        after={"respondents": data.size, "questions": len(data.map.questions)},
        note=f"survey {name!r} {status} from {path.name}",
    )
    counted: dict[str, Any] = {
        "rows": len(table.rows) + len(table.blank_lines),
        "blank_rows": len(table.blank_lines),
        "blank_lines": table.blank_lines,
    }
    return dataclasses.replace(_result(session, survey, status, left_out), **counted, **extra)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError("a survey needs a name", field="name")
    return name


def _digest(path: Path, qmap: QuestionMap, options: list[object]) -> str:
    """SHA-256 of the file, the map and the import options: equal means nothing to do."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", field=str(path)) from exc
    settings = [dataclasses.asdict(qmap), options]
    mapping = json.dumps(settings, sort_keys=True, default=sorted)
    return hashlib.sha256(content + b"\0" + mapping.encode()).hexdigest()


def _store(session: Session, survey: Survey, data: SurveyData) -> None:
    questions = [_question_row(position, q) for position, q in enumerate(data.map.questions)]
    survey.questions = questions
    session.flush()
    session.execute(
        insert(_table(SurveyRespondent)),
        [
            {"survey_id": survey.id, "position": i, "pseudonym": p}
            for i, p in enumerate(data.pseudonyms)
        ],
    )
    ids = dict(
        session.execute(
            select(SurveyRespondent.position, SurveyRespondent.id).where(
                SurveyRespondent.survey_id == survey.id
            )
        ).all()
    )
    rows = [
        {"respondent_id": ids[i], "question_id": row.id, **_encode(q, answer)}
        for row, q in zip(questions, data.map.questions, strict=True)
        for i, answer in enumerate(data.answers[q.id])
    ]
    session.execute(insert(_table(SurveyAnswer)), rows)


def _table(model: type[Base]) -> Table:
    """The Core table of a model: bulk inserts through it skip the ORM's per-row work."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _question_row(position: int, question: Question) -> SurveyQuestion:
    return SurveyQuestion(
        position=position,
        key=question.id,
        text=question.text,
        type=question.type.value,
        source_column=question.column,
        labels=[[c, label] for c, label in question.labels.items()],
        missing=[[c, reason] for c, reason in question.missing.items()],
        options=[[c, column] for c, column in question.options.items()],
        delimiter=question.delimiter,
        identifying=question.identifying,
    )


def _encode(question: Question, answer: Answer) -> dict[str, str | None]:
    value = answer.value
    if value is None:
        return {"value": None, "missing": answer.missing}
    if isinstance(value, tuple):
        return {"value": json.dumps(list(value)), "missing": None}
    return {"value": str(value), "missing": None}


def _decode(question: Question, value: str | None, missing: str | None) -> Answer:
    if value is None:
        return Answer(None, missing)
    if question.type is QuestionType.MULTIPLE:
        return Answer(tuple(json.loads(value)))
    if question.type is QuestionType.NUMBER:
        return Answer(Decimal(value))
    return Answer(value)


def _delete(session: Session, survey: Survey) -> None:
    respondents = select(SurveyRespondent.id).where(SurveyRespondent.survey_id == survey.id)
    session.execute(delete(SurveyAnswer).where(SurveyAnswer.respondent_id.in_(respondents)))
    session.execute(delete(SurveyRespondent).where(SurveyRespondent.survey_id == survey.id))
    session.delete(survey)
    session.flush()


def _result(
    session: Session, survey: Survey, status: str, left_out: tuple[str, ...]
) -> ImportResult:
    answers = session.scalars(
        select(SurveyAnswer.missing)
        .join(SurveyQuestion, SurveyAnswer.question_id == SurveyQuestion.id)
        .where(SurveyQuestion.survey_id == survey.id)
    ).all()
    return ImportResult(
        survey.name,
        status,
        survey.respondent_count,
        len(survey.questions),
        len(answers),
        sum(1 for m in answers if m is not None),
        left_out,
        survey.place.label() if survey.place else None,
    )


def get_survey(session: Session, name: str) -> Survey:
    """The stored survey called ``name``; a clear error naming the surveys if absent."""
    survey = session.scalar(select(Survey).where(Survey.name == name))
    if survey is None:
        known = ", ".join(session.scalars(select(Survey.name).order_by(Survey.name))) or "none yet"
        raise NotFoundError(f"no survey named {name!r} (surveys: {known})")
    return survey


def question_map(survey: Survey) -> QuestionMap:
    """Rebuild the question map of a stored survey."""
    return QuestionMap(
        tuple(
            Question(
                id=row.key,
                text=row.text,
                type=QuestionType(row.type),
                column=row.source_column,
                labels={str(c): str(label) for c, label in row.labels},
                missing={str(c): str(r) for c, r in row.missing},
                delimiter=row.delimiter,
                options={str(c): str(col) for c, col in row.options},
                identifying=row.identifying,
            )
            for row in survey.questions
        )
    )


def load_survey(session: Session, name: str) -> SurveyData:
    """All answers of a stored survey, ready for :mod:`.tables`."""
    survey = get_survey(session, name)
    qmap = question_map(survey)
    pseudonyms = tuple(
        session.scalars(
            select(SurveyRespondent.pseudonym)
            .where(SurveyRespondent.survey_id == survey.id)
            .order_by(SurveyRespondent.position)
        )
    )
    by_id = {row.id: q for row, q in zip(survey.questions, qmap.questions, strict=True)}
    stored = session.execute(
        select(SurveyAnswer.question_id, SurveyAnswer.value, SurveyAnswer.missing)
        .join(SurveyRespondent, SurveyAnswer.respondent_id == SurveyRespondent.id)
        .where(SurveyRespondent.survey_id == survey.id)
        .order_by(SurveyAnswer.question_id, SurveyRespondent.position)
    )
    columns: dict[str, list[Answer]] = {q.id: [] for q in qmap.questions}
    for question_id, value, missing in stored:
        question = by_id[question_id]
        columns[question.id].append(_decode(question, value, missing))
    answers = {qid: tuple(values) for qid, values in columns.items()}
    return SurveyData(qmap, pseudonyms, answers)


def list_surveys(session: Session) -> list[dict[str, Any]]:
    """Every stored survey: name, title, place, respondents, questions, source file."""
    return [
        {
            "name": s.name,
            "title": s.title,
            "place": s.place.label() if s.place else None,
            "respondents": s.respondent_count,
            "questions": len(s.questions),
            "source_file": s.source_file,
            "min_cell": s.min_cell,
        }
        for s in session.scalars(select(Survey).order_by(Survey.name))
    ]
