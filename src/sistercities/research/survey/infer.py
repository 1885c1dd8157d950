"""A question map inferred from the data, for a survey file that comes without one.

Why: most survey files a city office holds are a plain CSV or XLSX with a
header row and nothing else. Writing a question map by hand before seeing a
single table is a wall; so ``survey import FILE --name NAME`` without
``--map`` reads the cells, proposes a map, prints it for review and can write
it (``--write-map FILE``) for a person to correct and import again.

What can be read from cells alone, column by column (first rule that holds):

1. *identifying*: the name says e-mail, name, phone or IP address, or most
   cells hold an ``@``: never stored (a guess that errs on the side of privacy);
2. *respondent id*: the name says id / respondent / response / record and
   every row has a different, non-empty value (or, with no such name, the
   first column does);
3. *empty*: no cell filled: left out;
4. *multiple choice* in one column: cells join short options with ``;`` or
   ``|``, at most :data:`MAX_CATEGORIES` different options, and options that
   recur (at most three different ones, or no more than half the mentions);
5. *number*: every cell is a number and there are more than
   :data:`MAX_CATEGORIES` different values, or a value with decimals;
6. *single choice*: at most :data:`MAX_CATEGORIES` different values, none
   longer than :data:`MAX_LABEL`, and answers that repeat (at most three
   different ones, or no more different ones than half the answers); the
   codes are their own labels, in numeric order if all are numbers, else
   alphabetical;
7. *free text*: everything else.

What cells cannot tell, and the review must add: question texts (the
column name stands in), Likert scales (a 1-5 column is single choice until a
person says it is a scale and in which direction), value labels for codes,
and missing codes such as ``99`` "prefer not to say".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sistercities.research.survey.questions import Question, QuestionMap, QuestionType
from sistercities.research.survey.reader import RawTable

#: Most distinct answers a choice question has; more and it is a number or text.
MAX_CATEGORIES = 12
#: Longest answer still read as a category rather than free text.
MAX_LABEL = 60
#: Delimiters tried for multiple choice in one column (not commas: prose has them).
DELIMITERS = (";", "|")

_IDENTIFYING = re.compile(r"e ?mail|\bname\b|first ?name|last ?name|phone|\bip\b|ip ?address")
_ID_NAME = re.compile(r"(^|[^a-z])(id|respondent|response|record|case)([^a-z]|$)|^#$")


@dataclass(frozen=True)
class ColumnGuess:
    """What one column was taken to be, and why (printed for review)."""

    column: str
    kind: str  # a QuestionType value, "respondent_id", "identifying" or "empty"
    question_id: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "kind": self.kind,
            "question": self.question_id,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class InferredMap:
    """The proposed map and, per column, the guess behind it."""

    map: QuestionMap
    columns: tuple[ColumnGuess, ...]


def infer_map(table: RawTable) -> InferredMap:
    """Propose a question map for ``table`` (rules in the module docstring)."""
    cells = {name: [row[i] for row in table.rows] for i, name in enumerate(table.header)}
    identifying = [name for name in table.header if _is_identifying(name, cells[name])]
    respondent_id = _respondent_id(table.header, cells, set(identifying))
    guesses: list[ColumnGuess] = []
    questions: list[Question] = []
    ids: set[str] = set()
    for name in table.header:
        if name in identifying:
            guesses.append(ColumnGuess(name, "identifying", None, _why_identifying(name)))
            continue
        if name == respondent_id:
            guesses.append(ColumnGuess(name, "respondent_id", None, "a different value per row"))
            continue
        values = [v for v in cells[name] if v is not None]
        if not values:
            guesses.append(ColumnGuess(name, "empty", None, "no cell filled: left out"))
            continue
        question, reason = _question(_unique_id(name, ids), name, values)
        questions.append(question)
        guesses.append(ColumnGuess(name, question.type.value, question.id, reason))
    qmap = QuestionMap(tuple(questions), respondent_id, frozenset(identifying))
    return InferredMap(qmap, tuple(guesses))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("_", " ")


def _is_identifying(name: str, values: list[str | None]) -> bool:
    if _IDENTIFYING.search(_fold(name)):
        return True
    filled = [v for v in values if v]
    return bool(filled) and sum("@" in v for v in filled) > len(filled) / 2


def _why_identifying(name: str) -> str:
    if _IDENTIFYING.search(_fold(name)):
        return "its name suggests personal data: never stored"
    return "most cells hold an e-mail address: never stored"


def _respondent_id(
    header: tuple[str, ...], cells: dict[str, list[str | None]], identifying: set[str]
) -> str | None:
    def distinct(name: str) -> bool:
        values = cells[name]
        return bool(values) and None not in values and len(set(values)) == len(values)

    candidates = [n for n in header if n not in identifying]
    named = [n for n in candidates if _ID_NAME.search(_fold(n)) and distinct(n)]
    if named:
        return named[0]
    if candidates and len(cells[candidates[0]]) > 1 and distinct(candidates[0]):
        return candidates[0]
    return None


def _unique_id(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", _fold(name)).strip("_") or "q"
    if base[0].isdigit():
        base = f"q{base}"
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}_{n}", n + 1
    taken.add(qid)
    return qid


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _question(qid: str, column: str, values: list[str]) -> tuple[Question, str]:
    distinct = list(dict.fromkeys(values))
    multiple = _multiple(qid, column, values)
    if multiple is not None:
        return multiple
    numbers = [_number(v) for v in distinct]
    if all(n is not None for n in numbers):
        whole = all(n == n.to_integral_value() for n in numbers if n is not None)
        if len(distinct) > MAX_CATEGORIES or not whole:
            why = "decimals" if not whole else f"{len(distinct)} different values"
            return Question(qid, column, QuestionType.NUMBER, column), f"all numbers ({why})"
    repeated = len(distinct) <= 3 or len(distinct) <= len(values) / 2
    if len(distinct) <= MAX_CATEGORIES and repeated and all(len(v) <= MAX_LABEL for v in distinct):
        if all(n is not None for n in numbers):
            codes = sorted(distinct, key=lambda v: _number(v) or Decimal(0))
        else:
            codes = sorted(distinct, key=str.casefold)
        labels = {code: code for code in codes}
        question = Question(qid, column, QuestionType.SINGLE, column, labels)
        return question, f"{len(distinct)} different answers"
    return Question(qid, column, QuestionType.TEXT, column), "long or many different answers"


def _multiple(qid: str, column: str, values: list[str]) -> tuple[Question, str] | None:
    for delimiter in DELIMITERS:
        joined = [v for v in values if delimiter in v]
        if len(joined) < max(1, len(values) // 5):
            continue
        options = Counter(
            part.strip() for v in values for part in v.split(delimiter) if part.strip()
        )
        # options recur, as single-choice answers must: short prose that happens to
        # hold a ';' or '|' once per cell ("Good =cmd|x", "fine; thanks") is free text
        mentions = sum(options.values())
        recur = len(options) <= 3 or len(options) <= mentions / 2
        if len(options) <= MAX_CATEGORIES and recur and all(len(o) <= MAX_LABEL for o in options):
            labels = {code: code for code in sorted(options, key=str.casefold)}
            question = Question(qid, column, QuestionType.MULTIPLE, column, labels, {}, delimiter)
            return question, f"options joined with '{delimiter}' ({len(options)} options)"
    return None
