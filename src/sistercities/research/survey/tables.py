"""Frequency tables, multiple-response tables, Likert distributions, cross-tabulations.

Pure functions over :class:`~.responses.SurveyData`. Every table states its
base: ``total`` (all respondents), ``valid`` (those who answered; the base of
valid percentages) and ``missing`` by reason. Percentages are rounded once,
half up, from exact counts (:mod:`.percent`).

Anonymity: a cell of fewer than ``min_cell`` respondents (default 5) but more
than none could point at a person in a small office; every table marks such
cells ``small`` so that a table meant for publication shows the flag. A table
of a question marked identifying says so (``identifying``): it may be looked
at, but charts, reports and exports refuse it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sistercities.errors import InputError
from sistercities.research.survey.percent import percent
from sistercities.research.survey.questions import Question, QuestionType
from sistercities.research.survey.responses import SurveyData
from sistercities.research.survey.stats import AssociationTest, association_test

DEFAULT_MIN_CELL = 5


def jsonable(value: Any) -> Any:
    """Tables as JSON-ready data: dataclasses to dicts, tuples to lists, decimals to text.

    Percentages stay text ("78.6") so that JSON shows the printed figure, not a float.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Table:
    """Shared by the table classes: ``to_dict`` for ``--json``."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = jsonable(self)
        return data


def is_small(count: int, min_cell: int) -> bool:
    """A count that could identify someone: ``0 < count < min_cell``.

    Empty cells are not flagged: nobody is in them.
    """
    return 0 < count < min_cell


@dataclass(frozen=True)
class FrequencyRow:
    """One category (or missing reason) of a frequency table.

    ``percent`` is of all respondents, ``valid_percent`` of those who answered
    (``None`` on missing rows).
    """

    code: str
    label: str
    count: int
    percent: Decimal | None
    valid_percent: Decimal | None
    missing: bool
    small: bool


@dataclass(frozen=True)
class Share:
    """A group of Likert categories (e.g. "very or somewhat positive"), from summed counts.

    ``percent`` is of all respondents (a paper's "43 per cent of all
    respondents"), ``valid_percent`` of those who answered the question.
    """

    name: str
    label: str
    codes: tuple[str, ...]
    count: int
    valid_percent: Decimal | None
    percent: Decimal | None = None


@dataclass(frozen=True)
class Frequencies(_Table):
    """Counts, percent and valid percent of one single-choice, Likert or number question."""

    question: str
    text: str
    type: str
    rows: tuple[FrequencyRow, ...]
    total: int
    valid: int
    missing: int
    min_cell: int
    shares: tuple[Share, ...] = ()
    identifying: bool = False

    @property
    def small_cells(self) -> tuple[str, ...]:
        return tuple(row.label for row in self.rows if row.small)


@dataclass(frozen=True)
class ResponseRow:
    """One option of a multiple-response set."""

    code: str
    label: str
    count: int
    percent_of_responses: Decimal | None
    percent_of_cases: Decimal | None
    small: bool


@dataclass(frozen=True)
class MultipleResponse(_Table):
    """A multiple-choice question tabulated as a multiple-response set.

    A respondent may choose several options, so the counts add up to
    ``responses`` (all choices made), not to the respondents. Two bases:
    percent of responses (``count / responses``) and percent of cases
    (``count / valid``, the respondents who answered the question), which
    can add up to more than 100.
    """

    question: str
    text: str
    rows: tuple[ResponseRow, ...]
    total: int
    valid: int
    missing: int
    responses: int
    min_cell: int
    missing_reasons: tuple[tuple[str, int], ...] = ()
    identifying: bool = False

    @property
    def small_cells(self) -> tuple[str, ...]:
        return tuple(row.label for row in self.rows if row.small)


def frequencies(
    data: SurveyData, question_id: str, *, min_cell: int = DEFAULT_MIN_CELL
) -> Frequencies | MultipleResponse:
    """The frequency table of a question (a multiple-response table for multiple choice)."""
    question = data.question(question_id)
    if question.type is QuestionType.TEXT:
        raise InputError(
            "free-text question: no frequency table; export its answers with "
            "'sistercities survey export-text'",
            field=question_id,
        )
    if question.type is QuestionType.MULTIPLE:
        return multiple_response(data, question_id, min_cell=min_cell)
    answers = data.of(question_id)
    counts = Counter(str(a.value) for a in answers if not a.is_missing)
    missing = Counter(a.missing or "" for a in answers if a.is_missing)
    total, valid = len(answers), sum(counts.values())
    rows = [
        FrequencyRow(
            code,
            question.label(code),
            counts[code],
            percent(counts[code], total),
            percent(counts[code], valid),
            False,
            is_small(counts[code], min_cell),
        )
        for code in _codes(question, counts)
    ]
    rows += [
        FrequencyRow(reason, reason, n, percent(n, total), None, True, False)
        for reason, n in sorted(missing.items())
    ]
    shares = (
        _likert_shares(question, counts, valid, total)
        if question.type is QuestionType.LIKERT
        else ()
    )
    return Frequencies(
        question.id, question.text, question.type.value, tuple(rows), total, valid,
        total - valid, min_cell, shares, question.identifying,
    )  # fmt: skip


def _codes(question: Question, counts: Counter[str]) -> list[str]:
    if question.type is QuestionType.NUMBER:
        return sorted(counts, key=Decimal)
    return list(question.labels)


def likert_groups(question: Question) -> dict[str, tuple[str, ...]]:
    """Split a scale into negative, neutral and positive codes.

    Labels run from most negative to most positive. With ``k`` points, the
    first ``k // 2`` are negative, the last ``k // 2`` positive, and the
    middle one (odd ``k``) neutral.
    """
    codes = tuple(question.labels)
    half = len(codes) // 2
    return {
        "negative": codes[:half],
        "neutral": codes[half : len(codes) - half],
        "positive": codes[len(codes) - half :],
    }


def _likert_shares(
    question: Question, counts: Counter[str], valid: int, total: int
) -> tuple[Share, ...]:
    shares = []
    for name, codes in likert_groups(question).items():
        if not codes:
            continue
        count = sum(counts[c] for c in codes)
        label = " or ".join(question.label(c) for c in codes)
        shares.append(
            Share(name, label, codes, count, percent(count, valid), percent(count, total))
        )
    return tuple(shares)


def multiple_response(
    data: SurveyData, question_id: str, *, min_cell: int = DEFAULT_MIN_CELL
) -> MultipleResponse:
    """Tabulate a multiple-choice question as a multiple-response set (see the class)."""
    question = data.question(question_id)
    if question.type is not QuestionType.MULTIPLE:
        raise InputError("not a multiple-choice question", field=question_id)
    answers = data.of(question_id)
    chosen = [a.value for a in answers if isinstance(a.value, tuple)]
    counts = Counter(code for codes in chosen for code in codes)
    responses, valid = sum(counts.values()), len(chosen)
    rows = tuple(
        ResponseRow(
            code,
            question.label(code),
            counts[code],
            percent(counts[code], responses),
            percent(counts[code], valid),
            is_small(counts[code], min_cell),
        )
        for code in question.labels
    )
    missing = Counter(a.missing or "" for a in answers if a.is_missing)
    return MultipleResponse(
        question.id, question.text, rows, len(answers), valid, len(answers) - valid,
        responses, min_cell, tuple(sorted(missing.items())), question.identifying,
    )  # fmt: skip


@dataclass(frozen=True)
class Crosstab(_Table):
    """Counts of a row question by a column question, with percentages and a test.

    ``n`` counts the respondents who answered both questions; ``excluded``
    those missing on either. ``row_bases[i]`` is the number of respondents in
    row ``i`` (the base of its row percentages) and ``column_bases[j]`` in
    column ``j``. For a multiple-response set a respondent can be in several
    rows (or columns), the bases are respondents, not sums of cells, and no
    chi-square test applies.
    """

    row_question: str
    row_text: str
    column_question: str
    column_text: str
    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    counts: tuple[tuple[int, ...], ...]
    row_bases: tuple[int, ...]
    column_bases: tuple[int, ...]
    n: int
    excluded: int
    row_percent: tuple[tuple[Decimal | None, ...], ...]
    column_percent: tuple[tuple[Decimal | None, ...], ...]
    small: tuple[tuple[bool, ...], ...]
    multiple_response: bool
    test: AssociationTest | None
    min_cell: int
    identifying: bool = False

    def cell(self, row_code: str, column_code: str) -> tuple[int, Decimal | None, Decimal | None]:
        """Count, row percent and column percent of one cell, by codes."""
        i = [c for c, _ in self.rows].index(row_code)
        j = [c for c, _ in self.columns].index(column_code)
        return self.counts[i][j], self.row_percent[i][j], self.column_percent[i][j]

    @property
    def has_small_cells(self) -> bool:
        return any(any(row) for row in self.small)


def crosstab(
    data: SurveyData,
    row_id: str,
    column_id: str,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    seed: int = 0,
) -> Crosstab:
    """Cross-tabulate two categorical or multiple-choice questions.

    Row percentages: ``count_ij / row_base_i``; column percentages:
    ``count_ij / column_base_j``. The association test (chi-square, or
    Fisher where expected counts are too small) is in ``test``; ``seed``
    only matters for a Monte Carlo Fisher estimate on a large table.
    """
    if row_id == column_id:
        raise InputError("cannot cross-tabulate a question with itself", field=row_id)
    row_q, col_q = _tabulable(data, row_id), _tabulable(data, column_id)
    pairs = [
        (r, c)
        for r, c in zip(_sets(data, row_q), _sets(data, col_q), strict=True)
        if r is not None and c is not None
    ]
    row_codes, col_codes = tuple(row_q.labels), tuple(col_q.labels)
    counts = tuple(
        tuple(sum(1 for r, c in pairs if rc in r and cc in c) for cc in col_codes)
        for rc in row_codes
    )
    row_bases = tuple(sum(1 for r, _ in pairs if rc in r) for rc in row_codes)
    col_bases = tuple(sum(1 for _, c in pairs if cc in c) for cc in col_codes)
    multiple = QuestionType.MULTIPLE in (row_q.type, col_q.type)
    return Crosstab(
        row_q.id, row_q.text, col_q.id, col_q.text,
        tuple((c, row_q.label(c)) for c in row_codes),
        tuple((c, col_q.label(c)) for c in col_codes),
        counts, row_bases, col_bases, len(pairs), data.size - len(pairs),
        _percents(counts, lambda i, j: row_bases[i]),
        _percents(counts, lambda i, j: col_bases[j]),
        tuple(tuple(is_small(v, min_cell) for v in row) for row in counts),
        multiple,
        None if multiple else association_test(counts, seed=seed),
        min_cell,
        row_q.identifying or col_q.identifying,
    )  # fmt: skip


def _tabulable(data: SurveyData, question_id: str) -> Question:
    question = data.question(question_id)
    if not (question.type.categorical or question.type is QuestionType.MULTIPLE):
        raise InputError(
            f"a {question.type.value} question has no categories to cross-tabulate",
            field=question_id,
        )
    return question


def _sets(data: SurveyData, question: Question) -> list[frozenset[str] | None]:
    out: list[frozenset[str] | None] = []
    for answer in data.of(question.id):
        if answer.value is None:
            out.append(None)
        elif isinstance(answer.value, tuple):
            out.append(frozenset(answer.value))
        else:
            out.append(frozenset({str(answer.value)}))
    return out


def _percents(
    counts: tuple[tuple[int, ...], ...], base: Callable[[int, int], int]
) -> tuple[tuple[Decimal | None, ...], ...]:
    return tuple(
        tuple(percent(v, base(i, j)) for j, v in enumerate(row)) for i, row in enumerate(counts)
    )


__all__ = [
    "DEFAULT_MIN_CELL",
    "Crosstab",
    "Frequencies",
    "FrequencyRow",
    "MultipleResponse",
    "ResponseRow",
    "Share",
    "crosstab",
    "frequencies",
    "is_small",
    "jsonable",
    "likert_groups",
    "multiple_response",
]
