"""Apply a question map to an export: validated answers, one per respondent and question.

Everything that can be wrong with a survey file is found here, before anything
is stored: a question whose column is not in the file, a value outside the
value labels, text in a number column, a column that mixes numbers and text,
duplicate or blank respondent ids, an empty file. All problems found (up to
:data:`MAX_PROBLEMS`) are reported together in one :class:`InputError`, each
with its line, so a person can fix the file in one pass.

A cell matches a category by its code or, case-insensitively, by its label
(Google Forms exports labels, SPSS and Qualtrics export codes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sistercities.errors import InputError
from sistercities.research.survey.questions import (
    BLANK,
    SELECTED_VALUES,
    UNSELECTED_VALUES,
    Question,
    QuestionMap,
    QuestionType,
)
from sistercities.research.survey.reader import RawTable

MAX_PROBLEMS = 20

Value = str | tuple[str, ...] | Decimal
"""A code (single, Likert), the chosen codes (multiple), a number, or a text."""


@dataclass(frozen=True)
class Answer:
    """One respondent's answer to one question: a value, or a missing reason."""

    value: Value | None
    missing: str | None = None

    @property
    def is_missing(self) -> bool:
        return self.value is None


MISSING_BLANK = Answer(None, BLANK)


@dataclass(frozen=True)
class SurveyData:
    """A whole survey in memory: questions, respondents and their answers.

    ``answers[question_id][i]`` is the answer of respondent ``pseudonyms[i]``.
    Pseudonyms (``R001``, ``R002``, … in file order) stand for respondents in
    every table and export; the source ids stay in the import.
    """

    map: QuestionMap
    pseudonyms: tuple[str, ...]
    answers: dict[str, tuple[Answer, ...]]

    def question(self, question_id: str) -> Question:
        return self.map.get(question_id)

    def of(self, question_id: str) -> tuple[Answer, ...]:
        """The answers to one question, in respondent order."""
        self.map.get(question_id)
        return self.answers[question_id]

    @property
    def size(self) -> int:
        return len(self.pseudonyms)


class _Problems:
    """Collects problems so a person sees them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str, *, line: int | None = None, column: str | None = None) -> None:
        where = " ".join(p for p in (f"line {line}:" if line else "", column and f"{column}:") if p)
        self.items.append(f"{where} {message}".strip())

    def raise_if_any(self, source: str) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_PROBLEMS]
        more = len(self.items) - len(shown)
        tail = f"; and {more} more" if more > 0 else ""
        count = len(self.items)
        noun = "problem" if count == 1 else "problems"
        raise InputError(f"{count} {noun} in {source}: " + "; ".join(shown) + tail)


def parse_responses(table: RawTable, qmap: QuestionMap, *, source: str = "the file") -> SurveyData:
    """Check every cell against the question map and return the answers.

    Raises :class:`InputError` listing every problem; nothing is returned
    (and so nothing can be stored) unless the whole file is valid.
    """
    problems = _Problems()
    if not qmap.questions:
        problems.add("the question map has no questions")
    if not table.rows:
        problems.add("the survey is empty: no responses below the header")
    _check_columns(table, qmap, problems)
    problems.raise_if_any(source)
    pseudonyms = _respondents(table, qmap, problems)
    answers: dict[str, tuple[Answer, ...]] = {}
    questions = []
    for question in qmap.questions:
        parsed, question = _parse_question(table, question, problems)
        answers[question.id] = parsed
        questions.append(question)
    problems.raise_if_any(source)
    new_map = dataclasses.replace(qmap, questions=tuple(questions))
    return SurveyData(new_map, pseudonyms, answers)


def _check_columns(table: RawTable, qmap: QuestionMap, problems: _Problems) -> None:
    names = set(table.header)
    for question in qmap.questions:
        for column in question.columns:
            if column not in names:
                problems.add(f"question {question.id!r} reads column {column!r}, not in the file")
    if qmap.respondent_id and qmap.respondent_id not in names:
        problems.add(f"respondent id column {qmap.respondent_id!r} is not in the file")


def _respondents(table: RawTable, qmap: QuestionMap, problems: _Problems) -> tuple[str, ...]:
    width = max(3, len(str(len(table.rows))))
    pseudonyms = tuple(f"R{i:0{width}d}" for i in range(1, len(table.rows) + 1))
    if not qmap.respondent_id:
        return pseudonyms
    index = table.column(qmap.respondent_id)
    first_line: dict[str, int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        rid = row[index]
        if rid is None:
            problems.add("blank respondent id", line=line, column=qmap.respondent_id)
        elif rid in first_line:
            problems.add(
                f"duplicate respondent id {rid!r} (first on line {first_line[rid]})",
                line=line,
                column=qmap.respondent_id,
            )
        else:
            first_line[rid] = line
    return pseudonyms


def _cells(table: RawTable, column: str) -> Iterator[tuple[int, str | None]]:
    index = table.column(column)
    for row, line in zip(table.rows, table.lines, strict=True):
        yield line, row[index]


def _parse_question(
    table: RawTable, question: Question, problems: _Problems
) -> tuple[tuple[Answer, ...], Question]:
    if question.type is QuestionType.MULTIPLE and question.options:
        return _parse_dichotomies(table, question, problems), question
    column = question.columns[0]
    question = _from_file_metadata(table, question)
    if question.type.categorical and not question.labels:
        question = _infer_labels(table, question, problems)
    parse = _PARSERS[question.type]
    answers = []
    for line, cell in _cells(table, column):
        answer = _missing(question, cell)
        if answer is None:
            answer, problem = parse(question, cell or "")
            if problem:
                problems.add(problem, line=line, column=column)
        answers.append(answer)
    return tuple(answers), question


def _from_file_metadata(table: RawTable, question: Question) -> Question:
    """Value labels and question text from an SPSS file where the map gives none."""
    column = question.columns[0]
    file_labels = (table.labels or {}).get(column)
    if question.type.categorical and not question.labels and file_labels:
        question = dataclasses.replace(question, labels=dict(file_labels))
    file_text = (table.texts or {}).get(column)
    if question.text == question.id and file_text:
        question = dataclasses.replace(question, text=file_text)
    return question


def _missing(question: Question, cell: str | None) -> Answer | None:
    """The missing answer for a blank cell or a missing code, else ``None``."""
    if cell is None:
        return MISSING_BLANK
    reason = question.missing.get(cell)
    if reason is None:
        folded = cell.casefold()
        reason = next((r for c, r in question.missing.items() if r.casefold() == folded), None)
    return Answer(None, reason) if reason is not None else None


def _code(question: Question, text: str) -> str | None:
    if text in question.labels:
        return text
    folded = text.casefold()
    return next((c for c, label in question.labels.items() if label.casefold() == folded), None)


def _outside(question: Question, text: str) -> str:
    codes = ", ".join(f"{c}={label}" if c != label else c for c, label in question.labels.items())
    return f"value {text!r} is not one of the value labels ({codes}) nor a missing code"


def _parse_category(question: Question, text: str) -> tuple[Answer, str | None]:
    code = _code(question, text)
    if code is None:
        return MISSING_BLANK, _outside(question, text)
    return Answer(code), None


def _parse_number(question: Question, text: str) -> tuple[Answer, str | None]:
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return MISSING_BLANK, f"mixed types: {text!r} in a number column"
    return Answer(number), None


def _parse_text(question: Question, text: str) -> tuple[Answer, str | None]:
    return Answer(text), None


def _parse_delimited(question: Question, text: str) -> tuple[Answer, str | None]:
    assert question.delimiter is not None
    codes: set[str] = set()
    for part in (p.strip() for p in text.split(question.delimiter)):
        if not part:
            continue
        code = _code(question, part)
        if code is None:
            return MISSING_BLANK, _outside(question, part)
        codes.add(code)
    return Answer(tuple(c for c in question.labels if c in codes)), None


_PARSERS = {
    QuestionType.SINGLE: _parse_category,
    QuestionType.LIKERT: _parse_category,
    QuestionType.NUMBER: _parse_number,
    QuestionType.TEXT: _parse_text,
    QuestionType.MULTIPLE: _parse_delimited,
}


def _parse_dichotomies(
    table: RawTable, question: Question, problems: _Problems
) -> tuple[Answer, ...]:
    """One column per option: chosen (1, yes, x, the option's label), not chosen (0, no, blank)."""
    columns = {code: table.column(column) for code, column in question.options.items()}
    answers = []
    for row, line in zip(table.rows, table.lines, strict=True):
        chosen: list[str] = []
        reasons: list[str] = []
        answered = False
        for code, index in columns.items():
            state = _option_state(question, code, row[index])
            if state == "chosen":
                chosen.append(code)
            elif state.startswith("missing:"):
                reasons.append(state.removeprefix("missing:"))
            elif state not in ("not", "blank"):
                problems.add(state, line=line, column=question.options[code])
            answered = answered or state in ("chosen", "not")
        if chosen or (answered and not reasons):
            answers.append(Answer(tuple(chosen)))
        else:
            answers.append(Answer(None, reasons[0] if reasons else BLANK))
    return tuple(answers)


def _option_state(question: Question, code: str, cell: str | None) -> str:
    if cell is None:
        return "blank"
    folded = cell.casefold()
    if folded in SELECTED_VALUES or cell == code or folded == question.label(code).casefold():
        return "chosen"
    if folded in UNSELECTED_VALUES:
        return "not"
    missing = _missing(question, cell)
    if missing is not None:
        return f"missing:{missing.missing}"
    return f"value {cell!r} is neither chosen (1, yes, x, the label) nor not chosen (0, no, blank)"


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def _infer_labels(table: RawTable, question: Question, problems: _Problems) -> Question:
    """Labels for a single-choice question given without any: its distinct values.

    A column that mixes numbers and text is refused: it usually means codes and
    labels got mixed in the export, and guessing would miscount.
    """
    cells = {cell for _, cell in _cells(table, question.columns[0]) if cell is not None}
    values = {v for v in cells if _missing(question, v) is None}
    numeric = {v for v in values if _is_number(v)}
    if numeric and numeric != values:
        sample = sorted(values - numeric)[:3] + sorted(numeric)[:3]
        problems.add(
            f"mixed types: numbers and text in one column ({', '.join(map(repr, sample))}); "
            "give value labels in the question map",
            column=question.columns[0],
        )
    ordered = sorted(values, key=Decimal) if numeric == values else sorted(values)
    return dataclasses.replace(question, labels={v: v for v in ordered})
