"""Surveys: import an export with its question map, tabulate, test, chart, report, export.

The public API, re-exported here (loaded on first use, so that opening a
registry does not load SciPy and Matplotlib):

- reading: :func:`load_map`, :func:`read_table`, :func:`parse_responses`;
- storing: :func:`import_survey`, :func:`load_survey`, :func:`list_surveys`;
- tables: :func:`frequencies`, :func:`multiple_response`, :func:`crosstab`,
  :func:`percent`;
- statistics: :func:`association_test`;
- output: :mod:`.charts`, :func:`render_report`, :func:`free_text_documents`,
  :func:`write_answers_csv`.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "QuestionMap": "questions",
    "Question": "questions",
    "QuestionType": "questions",
    "load_map": "questions",
    "read_table": "reader",
    "parse_responses": "responses",
    "SurveyData": "responses",
    "import_survey": "service",
    "load_survey": "service",
    "list_surveys": "service",
    "frequencies": "tables",
    "multiple_response": "tables",
    "crosstab": "tables",
    "percent": "percent",
    "association_test": "stats",
    "render_report": "report",
    "free_text_documents": "export",
    "write_answers_csv": "export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
