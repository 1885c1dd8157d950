"""What a user can do: one function per action, for the CLI, the web app and scripts.

Every function takes the :class:`~sistercities.registry.store.Registry` first,
then keyword arguments of plain types (text, numbers, dates, paths), opens the
sessions it needs, calls the layers below and returns plain data: a dict, a
list of dicts, or a dataclass with ``to_dict()``. Errors are
:class:`~sistercities.errors.SisterCitiesError` subclasses, one line each.

>>> from sistercities.registry.store import Registry
>>> from sistercities import operations
>>> with Registry.open(tmp / "demo.sqlite") as registry:  # doctest: +SKIP
...     operations.load_demo(registry).overview["totals"]["relationships"]

The names load on first use (see :mod:`sistercities.lazy`).
"""

from __future__ import annotations

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
        # shared by the commands that take a date
        "as_of_date": "common",
        # the registry as a whole
        "load_demo": "demo",
        "overview": "demo",
        "stats": "demo",
        # relationships and places
        "list_relationships": "relationships",
        "search_places": "relationships",
        "show_relationship": "relationships",
        "show_place": "relationships",
        "add_relationship": "relationships",
        # files in and out
        "import_file": "files",
        "export_relationships": "files",
        # institutional memory
        "add_actor": "memory",
        "link_actor": "memory",
        "add_administration": "memory",
        "add_activity": "memory",
        "add_crisis": "memory",
        "set_status": "memory",
        "fulfil_commitment": "memory",
        "history": "memory",
        "grant_access": "memory",
        # what an office reads
        "health": "office",
        "dossier": "office",
        "annual_report": "office",
        # analyses
        "asymmetry": "analyses",
        "phases": "analyses",
        "resilience": "analyses",
        "network": "analyses",
        "match": "analyses",
        "import_migration": "analyses",
        # surveys
        "import_survey": "survey",
        "list_surveys": "survey",
        "survey_questions": "survey",
        "survey_frequencies": "survey",
        "survey_crosstab": "survey",
        "survey_chart": "survey",
        "survey_report": "survey",
        "survey_export_text": "survey",
        "survey_export_answers": "survey",
        # REFI-QDA exchange
        "import_qdpx": "refi",
        "import_qdc": "refi",
        "export_qdpx": "refi",
        "export_qdc": "refi",
    },
)
