"""Exports that leave the registry: free-text documents to code, and the answers table.

Anonymity rules, enforced here for every export:

- a question the map marks identifying is never written, neither as a
  column nor as an attribute; asking for it is an error, not a silent drop;
- respondents appear only under their pseudonyms (``R001``…); the file's
  respondent ids and identifying columns were never stored to begin with.

Free text can still name a person; that is for the coder to see, which is
why it goes out as documents to code and not into published tables.

Each free-text question becomes one plain UTF-8 document that the research
workbench takes as it is: a heading, then each answer preceded by a line with
the respondent's pseudonym and the chosen attributes::

    [R007] family_us: Yes; strength: Strong
    It would support Ecuadorians living in the US …
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from sistercities.errors import InputError
from sistercities.research.survey.questions import Question, QuestionType
from sistercities.research.survey.responses import Answer, SurveyData


@dataclass(frozen=True)
class TextDocument:
    """One free-text question as a document: file name, text, number of answers."""

    question: str
    filename: str
    text: str
    answers: int


def _exportable(data: SurveyData, question_id: str, what: str) -> Question:
    question = data.question(question_id)
    if question.identifying:
        raise InputError(
            f"question {question_id!r} is marked identifying and is never exported", field=what
        )
    return question


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "survey"


def _display(question: Question, answer: Answer) -> str:
    if answer.value is None:
        return f"({answer.missing or 'missing'})"
    if isinstance(answer.value, tuple):
        return ", ".join(question.label(c) for c in answer.value) or "(none)"
    return question.label(str(answer.value))


def free_text_documents(
    data: SurveyData,
    survey_name: str,
    *,
    questions: list[str] | None = None,
    attributes: list[str] | None = None,
) -> list[TextDocument]:
    """One document per free-text question (all that are not identifying by default).

    ``attributes`` are other questions whose answers mark each text (a
    respondent's family ties, department size…); identifying questions and
    free-text questions cannot be attributes.
    """
    chosen = questions or [
        q.id for q in data.map.questions if q.type is QuestionType.TEXT and not q.identifying
    ]
    texts = [_exportable(data, qid, "questions") for qid in chosen]
    for question in texts:
        if question.type is not QuestionType.TEXT:
            raise InputError(f"{question.id!r} is not a free-text question", field="questions")
    marks = [_exportable(data, qid, "attributes") for qid in attributes or []]
    for mark in marks:
        if mark.type is QuestionType.TEXT:
            raise InputError(f"free-text question {mark.id!r} cannot be an attribute",
                             field="attributes")  # fmt: skip
    return [_document(data, survey_name, question, marks) for question in texts]


def _document(
    data: SurveyData, survey_name: str, question: Question, marks: list[Question]
) -> TextDocument:
    lines = [f"# {question.text}", f"survey: {survey_name}; question: {question.id}", ""]
    count = 0
    for i, answer in enumerate(data.of(question.id)):
        if answer.value is None:
            continue
        count += 1
        tags = "; ".join(f"{m.id}: {_display(m, data.of(m.id)[i])}" for m in marks)
        lines.append(f"[{data.pseudonyms[i]}]" + (f" {tags}" if tags else ""))
        lines.extend([str(answer.value), ""])
    filename = f"{_slug(survey_name)}-{_slug(question.id)}.txt"
    return TextDocument(question.id, filename, "\n".join(lines), count)


def write_documents(documents: list[TextDocument], folder: str | Path) -> list[Path]:
    """Write the documents into ``folder`` (created if needed); returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in documents:
        path = folder / document.filename
        path.write_text(document.text, encoding="utf-8")
        paths.append(path)
    return paths


def write_answers_csv(data: SurveyData, path: str | Path, *, labels: bool = True) -> Path:
    """All answers by pseudonym, one column per question that is not identifying.

    Missing answers are written as empty cells; multiple choice as the chosen
    labels (or codes) joined with ``;``.
    """
    columns = [q for q in data.map.questions if not q.identifying]
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", *(spreadsheet_safe(q.id) for q in columns)])
        for i, pseudonym in enumerate(data.pseudonyms):
            writer.writerow([pseudonym, *(_cell(q, data.of(q.id)[i], labels) for q in columns)])
    return path


#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text: ``=cmd|' /C calc'!A0`` gets a leading ``'``.

    Why: an answer typed into a survey form is written into a CSV that an
    office opens in Excel or LibreOffice, which would run a cell starting with
    ``=``, ``+``, ``-`` or ``@`` as a formula. Numbers (``-5``) are left alone.
    """
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def _cell(question: Question, answer: Answer, labels: bool) -> str:
    value = answer.value
    if value is None:
        return ""
    if isinstance(value, tuple):
        return spreadsheet_safe(";".join(question.label(c) if labels else c for c in value))
    if question.type.categorical and labels:
        return spreadsheet_safe(question.label(str(value)))
    return spreadsheet_safe(str(value))
