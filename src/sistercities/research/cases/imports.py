"""Case attributes from a table (CSV or XLSX, one row per case) or from a stored survey.

A table: the ``case_column`` names the case; every other column is an
attribute. A column's type is the one given in ``types``, else the type of
the attribute already declared, else the narrowest type all its values fit
(boolean, integer, float, date, then text). Every cell is checked before
anything is stored: one value of the wrong type refuses the whole file, with
its line and column, and the project stays as it was. An empty cell sets
nothing.

A survey: one case per respondent (its pseudonym, ``R001``...), each
answered question an attribute — numbers as float, the others as text (the
value label; chosen options joined by ``; ``). Questions marked identifying
are left out, as in every survey export.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.cases.models import ATTRIBUTE_TYPES, Attribute, Case
from sistercities.research.cases.service import add_case, define_attribute, put_value
from sistercities.research.cases.values import TYPE_NAMES, parse_value, unknown_type
from sistercities.research.projects import ResearchProject

INFERENCE_ORDER = ("boolean", "integer", "float", "date")


def import_table(
    session: Session,
    project: ResearchProject,
    path: str | os.PathLike[str],
    *,
    case_column: str = "case",
    types: dict[str, str],
    sheet: str | None = None,
    create_cases: bool = True,
) -> dict[str, Any]:
    """Read a CSV/XLSX of cases and set their attributes (see the module docstring)."""
    from sistercities.research.survey.reader import read_table

    table = read_table(Path(path), sheet=sheet)
    key = table.column(case_column)
    for column, kind in types.items():
        table.column(column)
        if kind not in ATTRIBUTE_TYPES:
            raise InputError(unknown_type(kind), field=column)
    declared = {
        a.name: a.type
        for a in session.scalars(select(Attribute).where(Attribute.project_id == project.id))
    }
    columns = [(i, name) for i, name in enumerate(table.header) if i != key]
    kinds = {
        name: types.get(name) or declared.get(name) or infer([row[i] for row in table.rows])
        for i, name in columns
    }
    existing = {
        c.name: c for c in session.scalars(select(Case).where(Case.project_id == project.id))
    }
    parsed: list[tuple[str, dict[str, str]]] = []
    seen: set[str] = set()
    for line, row in zip(table.lines, table.rows, strict=True):
        name = (row[key] or "").strip()
        if not name:
            raise InputError(Message("the case name is empty"), field=case_column, line=line)
        if name in seen:
            raise InputError(Message("case %(name)r appears twice", name=name), field=case_column,
                             line=line)
        seen.add(name)
        if name not in existing and not create_cases:
            raise InputError(Message("no case %(name)r in the project", name=name),
                             field=case_column, line=line)
        values: dict[str, str] = {}
        for i, column in columns:
            if row[i] is None or not str(row[i]).strip():
                continue
            try:
                values[column] = parse_value(kinds[column], row[i], attribute=column)
            except InputError as exc:
                raise InputError(
                    Message("%(reason)s (attribute %(column)r is %(type)s)", reason=exc.reason,
                            column=column, type=TYPE_NAMES.get(kinds[column], kinds[column])),
                    field=column,
                    line=line,
                ) from None
        parsed.append((name, values))
    attributes = {
        name: define_attribute(session, project, name, kinds[name]) for _, name in columns
    }
    created = 0
    for name, values in parsed:
        case = existing.get(name)
        if case is None:
            case = add_case(session, project, name)
            created += 1
        for column, stored in values.items():
            put_value(session, case.id, attributes[column].id, stored)
    return {
        "rows": len(parsed),
        "cases_created": created,
        "attributes": [{"name": n, "type": kinds[n]} for _, n in columns],
        "values": sum(len(v) for _, v in parsed),
    }


def infer(cells: list[str | None]) -> str:
    """The narrowest attribute type every non-empty cell fits (text if none)."""
    values = [c for c in cells if c is not None and str(c).strip()]
    if not values:
        return "text"
    for kind in INFERENCE_ORDER:
        try:
            for value in values:
                parse_value(kind, value, attribute="")
        except InputError:
            continue
        if kind == "boolean" and all(str(v).strip() in {"0", "1"} for v in values):
            return "integer"  # a column of 0/1 is a count as often as a flag
        return kind
    return "text"


def import_survey(
    session: Session,
    project: ResearchProject,
    survey: str,
    *,
    questions: list[str] | None = None,
) -> dict[str, Any]:
    """One case per respondent of a stored survey, answers as attributes (module docstring)."""
    from sistercities.research.survey.questions import QuestionType
    from sistercities.research.survey.service import load_survey

    data = load_survey(session, survey)
    chosen = [q for q in data.map.questions if not q.identifying]
    if questions:
        wanted = set(questions)
        unknown = wanted - {q.id for q in chosen}
        if unknown:
            raise InputError(
                Message("no question %(question)r in survey %(survey)r",
                        question=sorted(unknown)[0], survey=survey),
                field="question",
            )
        chosen = [q for q in chosen if q.id in wanted]
    existing = {
        c.name: c for c in session.scalars(select(Case).where(Case.project_id == project.id))
    }
    created = values = 0
    attributes = {}
    for question in chosen:
        kind = "float" if question.type == QuestionType.NUMBER else "text"
        attributes[question.id] = define_attribute(session, project, question.id, kind)
    for i, pseudonym in enumerate(data.pseudonyms):
        case = existing.get(pseudonym)
        if case is None:
            case = add_case(
                session, project, pseudonym, description=f"respondent of survey {survey}"
            )
            created += 1
        for question in chosen:
            answer = data.answers[question.id][i]
            if answer.value is None:
                continue
            if isinstance(answer.value, tuple):
                raw = "; ".join(question.label(c) for c in answer.value)
            elif question.type in (QuestionType.SINGLE, QuestionType.LIKERT):
                raw = question.label(str(answer.value))
            else:
                raw = str(answer.value)
            attr = attributes[question.id]
            put_value(session, case.id, attr.id, parse_value(attr.type, raw, attribute=attr.name))
            values += 1
    return {
        "survey": survey,
        "respondents": data.size,
        "cases_created": created,
        "attributes": [{"name": a.name, "type": a.type} for a in attributes.values()],
        "values": values,
    }
