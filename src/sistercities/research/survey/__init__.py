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

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
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
        "association_test": "stats",
        "render_report": "report",
        "free_text_documents": "export",
        "write_answers_csv": "export",
        "percent": "percent",
    },
)

# ``percent`` is both a module and the function it exports: bound now (the module
# is light), or importing the module later would leave the module under the name.
from sistercities.research.survey.percent import percent as percent  # noqa: E402
