"""The registry as a whole: load the demo, the overview, the counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sistercities.interchange import demo as demo_module
from sistercities.registry import queries
from sistercities.registry.store import Registry


@dataclass
class DemoResult:
    """What loading the demo did (``loaded`` is None if it was there already) and the overview."""

    loaded: dict[str, int] | None
    overview: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"loaded": self.loaded, "overview": self.overview}


def load_demo(registry: Registry) -> DemoResult:
    """Load the demo registry (the seed papers' cases) into an empty registry.

    A registry that already holds the demo is left as it is; one that holds
    other data is refused (:class:`~sistercities.errors.InputError`).
    """
    loaded = None
    with registry.session() as session:
        if demo_module.is_empty(session):
            loaded = demo_module.load_demo(session)
        elif not demo_module.has_demo(session):
            demo_module.load_demo(session)  # raises: the registry holds other data
    return DemoResult(loaded=loaded, overview=overview(registry))


def overview(registry: Registry, *, top: int = 10) -> dict[str, Any]:
    """Totals, relationships by status, kind and country, and the most active ones.

    ``by_verdict`` counts the health verdicts as of today, ``verdicts_as_of``
    (the health rule: ``not_enough_on_record`` where nothing dated is on
    record, never dormant).
    """
    from sistercities.analysis import load
    from sistercities.analysis.office import health

    with registry.session() as session:
        data = queries.overview(session, top)
        records = load.health_records(session)
    today = dt.date.today()
    verdicts = Counter(h.suggestion for h in health.health_report(records, today))
    data["by_verdict"] = dict(verdicts.most_common())
    data["verdicts_as_of"] = today.isoformat()
    return data


def stats(registry: Registry) -> dict[str, Any]:
    """Counts of every kind of record, and how places were resolved."""
    with registry.session() as session:
        return queries.stats(session)
