"""The question map: what each column of a survey export means.

A survey export is a table with one row per respondent and one column per
question (or per option of a multiple-choice question). The question map says,
for each question, its text, its type, its value labels (code → label, in
scale order for a Likert question) and the codes that mean "missing" (blank,
"prefer not to say", "don't know"). It also names the respondent-id column
and the columns that could identify a person (e-mail, IP address, name),
which are never stored and never exported.

Two file formats, so that the map can be written in a text editor or a
spreadsheet:

JSON::

    {"respondent_id": "id", "identifying": ["email"], "header_rows": 1,
     "missing": {"99": "prefer not to say"},
     "questions": [
       {"id": "family_us", "column": "Q1", "text": "Relatives or friends in the US?",
        "type": "single", "labels": {"1": "Yes", "2": "No"}},
       {"id": "media", "type": "multiple", "delimiter": ";",
        "labels": {"tv": "Television", "web": "Internet"}},
       {"id": "sources", "type": "multiple",
        "options": {"tv": "Q5_1", "web": "Q5_2"}, "labels": {"tv": "TV", "web": "Web"}}]}

CSV (one row per question; ``labels``, ``missing`` and ``options`` as
``code=label`` pairs separated by ``|``; rows of type ``respondent_id`` and
``identifying`` name those columns)::

    id,column,text,type,labels,missing,delimiter,options,identifying
    family_us,Q1,Relatives or friends in the US?,single,1=Yes|2=No,99=prefer not to say,,,
    ,id,,respondent_id,,,,,
    ,email,,identifying,,,,,
"""

from __future__ import annotations

import csv
import dataclasses
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sistercities.errors import InputError

BLANK = "blank"
"""The missing reason of an empty cell."""

SELECTED_VALUES = frozenset({"1", "y", "yes", "true", "x", "selected", "checked"})
"""Cell values that mean "chosen" in a multiple-choice column per option."""

UNSELECTED_VALUES = frozenset({"0", "n", "no", "false"})


class QuestionType(StrEnum):
    """The kinds of question a survey tool exports."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    LIKERT = "likert"
    NUMBER = "number"
    TEXT = "text"

    @property
    def categorical(self) -> bool:
        """Whether answers are codes with value labels (tabulated by category)."""
        return self in (QuestionType.SINGLE, QuestionType.LIKERT)


@dataclass(frozen=True)
class Question:
    """One question of a survey and where its answers are in the export.

    ``labels`` keeps its order: the order of categories in tables and charts,
    and for a Likert question the scale from most negative to most positive.
    ``missing`` maps a code to the reason it is missing; an empty cell is
    always missing with reason :data:`BLANK`.
    """

    id: str
    text: str
    type: QuestionType
    column: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    identifying: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """The export columns that hold this question's answers."""
        if self.options:
            return tuple(self.options.values())
        return (self.column or self.id,)

    def label(self, code: str) -> str:
        """The label of a code (the code itself when it has none)."""
        return self.labels.get(code, code)


@dataclass(frozen=True)
class QuestionMap:
    """All questions of a survey, its respondent-id column and identifying columns.

    ``header_rows``: how many rows of the export are headers (2 for SurveyMonkey).
    """

    questions: tuple[Question, ...]
    respondent_id: str | None = None
    identifying: frozenset[str] = frozenset()
    header_rows: int = 1

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise InputError(f"question id {question.id!r} appears twice", field="questions")
            seen.add(question.id)

    def get(self, question_id: str) -> Question:
        """The question with this id; a clear error naming the known ids if absent."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions) or "none"
        raise InputError(f"no question {question_id!r} in this survey (questions: {known})")


def load_map(path: str | Path) -> QuestionMap:
    """Read a question map from a ``.json`` or ``.csv`` file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read question map: {exc.strerror}", field=str(path)) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON: {exc.msg}", field=path.name, line=exc.lineno
            ) from exc
        return map_from_dict(data)
    if path.suffix.lower() == ".csv":
        return map_from_csv_rows(list(csv.DictReader(text.splitlines())))
    raise InputError("a question map is a .json or .csv file", field=path.name)


def map_from_dict(data: Any) -> QuestionMap:
    """Build a map from the JSON form (see the module docstring)."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise InputError("a question map is an object with a 'questions' list", field="map")
    shared_missing = _pairs(data.get("missing", {}), "missing")
    questions = tuple(
        _question(item, index, shared_missing) for index, item in enumerate(data["questions"])
    )
    identifying = data.get("identifying", [])
    if not isinstance(identifying, list) or not all(isinstance(c, str) for c in identifying):
        raise InputError("must be a list of column names", field="identifying")
    # a question that reads a column marked identifying is itself identifying
    questions = tuple(
        dataclasses.replace(q, identifying=True) if set(q.columns) & set(identifying) else q
        for q in questions
    )
    header_rows = data.get("header_rows", 1)
    if not isinstance(header_rows, int) or header_rows < 1:
        raise InputError("must be a whole number, 1 or more", field="header_rows")
    return QuestionMap(questions, data.get("respondent_id"), frozenset(identifying), header_rows)


def map_from_csv_rows(rows: list[dict[str, str]]) -> QuestionMap:
    """Build a map from the CSV form: one row per question (see the module docstring)."""
    respondent_id: str | None = None
    identifying: set[str] = set()
    items: list[dict[str, Any]] = []
    for row in rows:
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        kind = cells.get("type", "")
        if kind == "respondent_id":
            respondent_id = cells.get("column") or cells.get("id")
        elif kind == "identifying":
            identifying.add(cells.get("column") or cells.get("id", ""))
        else:
            items.append(_csv_item(cells))
    data = {"questions": items, "respondent_id": respondent_id, "identifying": sorted(identifying)}
    return map_from_dict(data)


def _csv_item(cells: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {k: v for k, v in cells.items() if v and k not in _PAIR_FIELDS}
    for name in _PAIR_FIELDS:
        if cells.get(name):
            item[name] = _split_pairs(cells[name])
    if "identifying" in item:
        item["identifying"] = item["identifying"].lower() in {"1", "yes", "true", "x"}
    return item


_PAIR_FIELDS = ("labels", "missing", "options")


def _split_pairs(text: str) -> list[list[str]]:
    pairs = []
    for part in text.split("|"):
        code, sep, label = part.partition("=")
        pairs.append([code.strip(), label.strip() if sep else code.strip()])
    return pairs


def _question(item: Any, index: int, shared_missing: dict[str, str]) -> Question:
    where = f"questions[{index}]"
    if not isinstance(item, dict) or not item.get("id"):
        raise InputError("each question needs an 'id'", field=where)
    qid = str(item["id"])
    try:
        qtype = QuestionType(str(item.get("type", "single")).lower())
    except ValueError:
        kinds = ", ".join(t.value for t in QuestionType)
        raise InputError(f"type must be one of {kinds}", field=qid) from None
    question = Question(
        id=qid,
        text=str(item.get("text") or qid),
        type=qtype,
        column=item.get("column"),
        labels=_pairs(item.get("labels", {}), qid),
        missing={**shared_missing, **_pairs(item.get("missing", {}), qid)},
        delimiter=item.get("delimiter"),
        options=_pairs(item.get("options", {}), qid),
        identifying=bool(item.get("identifying", False)),
    )
    _check_question(question)
    return question


def _pairs(value: Any, where: str) -> dict[str, str]:
    """Codes and labels from ``{"1": "Yes"}``, ``[["1", "Yes"]]`` or ``["Yes", "No"]``."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, list):
        out: dict[str, str] = {}
        for entry in value:
            if isinstance(entry, list | tuple) and len(entry) == 2:
                out[str(entry[0])] = str(entry[1])
            elif isinstance(entry, str | int | float):
                out[str(entry)] = str(entry)
            else:
                raise InputError(f"cannot read label entry {entry!r}", field=where)
        return out
    raise InputError("labels, missing codes and options are an object or a list", field=where)


def _check_question(question: Question) -> None:
    if question.type is QuestionType.MULTIPLE:
        if not question.options and not question.delimiter:
            raise InputError(
                "a multiple-choice question needs 'options' (one column per option) "
                "or a 'delimiter' (all choices in one column)",
                field=question.id,
            )
        if question.options and not question.labels:
            object.__setattr__(question, "labels", {code: code for code in question.options})
    elif question.options:
        raise InputError("only multiple-choice questions have 'options'", field=question.id)
    if question.type is QuestionType.LIKERT and len(question.labels) < 2:
        raise InputError("a Likert question needs its scale as labels", field=question.id)
    overlap = set(question.labels) & set(question.missing)
    if overlap:
        raise InputError(
            f"codes {sorted(overlap)} are both a value label and a missing code", field=question.id
        )


def map_to_dict(qmap: QuestionMap) -> dict[str, Any]:
    """The JSON form of a map (what :func:`map_from_dict` reads back)."""
    questions = []
    for q in qmap.questions:
        item: dict[str, Any] = {"id": q.id, "column": q.column, "text": q.text}
        item["type"] = q.type.value
        if q.labels:
            item["labels"] = [[code, label] for code, label in q.labels.items()]
        if q.missing:
            item["missing"] = dict(q.missing)
        if q.delimiter:
            item["delimiter"] = q.delimiter
        if q.options:
            item["options"] = dict(q.options)
        if q.identifying and not set(q.columns) & qmap.identifying:
            item["identifying"] = True
        questions.append(item)
    return {
        "respondent_id": qmap.respondent_id,
        "identifying": sorted(qmap.identifying),
        "header_rows": qmap.header_rows,
        "questions": questions,
    }


def write_map(qmap: QuestionMap, path: str | Path) -> Path:
    """Write a map as ``.json`` or ``.csv`` (by the suffix), for a person to correct."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        text = json.dumps(map_to_dict(qmap), indent=2, ensure_ascii=False) + "\n"
    elif suffix == ".csv":
        text = _map_csv(qmap)
    else:
        raise InputError("a question map is written as a .json or .csv file", field=path.name)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the question map: {exc.strerror}", field=str(path)) from exc
    return path


def _map_csv(qmap: QuestionMap) -> str:
    import io

    def pairs(mapping: dict[str, str]) -> str:
        return "|".join(f"{code}={label}" for code, label in mapping.items())

    out = io.StringIO()
    fields = ["id", "column", "text", "type", "labels", "missing", "delimiter", "options"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*fields, "identifying"])
    for q in qmap.questions:
        writer.writerow([q.id, q.column or "", q.text, q.type.value, pairs(q.labels),
                         pairs(q.missing), q.delimiter or "", pairs(q.options),
                         "yes" if q.identifying else ""])  # fmt: skip
    if qmap.respondent_id:
        writer.writerow(["", qmap.respondent_id, "", "respondent_id", "", "", "", "", ""])
    for column in sorted(qmap.identifying):
        writer.writerow(["", column, "", "identifying", "", "", "", "", ""])
    return out.getvalue()
