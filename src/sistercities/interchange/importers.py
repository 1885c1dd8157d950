"""Importing lists of sister-city pairs: every row accounted for.

Each row of a file ends *imported* (it created a relationship), *merged* (the
same relationship was already there: a duplicate row, the pair listed from the
other side, possibly spelled differently, or a relationship already in the
registry) or *rejected* with a reason and its line. ``rows == imported +
merged + rejected`` always.

The work is split in two so that the slow, fallible part touches nothing:

1. :func:`~.planning.plan_import` resolves countries and places (once per distinct
   question) and folds rows into distinct places and relationships, in memory;
2. :func:`~.storing.store_plan` writes the plan with SQLAlchemy Core bulk inserts inside
   the caller's transaction, skipping what the registry already has, so the
   import commits whole or not at all and a second run changes nothing.

The plan they pass between them is :mod:`.plan`; planning and storing do not
import each other, and this module runs the two in turn.

Readers for the file formats live in :mod:`.readers` and :mod:`.wikidata`;
they yield :class:`~.readers.PairRow` and :class:`~.readers.Rejection`, which
is all an importer for another format needs to produce.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sistercities import taxonomy
from sistercities.interchange.plan import ImportReport, Progress
from sistercities.interchange.planning import finish_plan, plan_import
from sistercities.interchange.readers import (
    ColumnMap,
    PairRow,
    Rejection,
    open_text,
    read_pairs,
)
from sistercities.interchange.storing import store_plan
from sistercities.interchange.wikidata import WikidataColumns, read_wikidata
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.store import Registry

__all__ = [
    "READERS",
    "ImportReport",
    "Progress",
    "import_file",
    "import_pairs",
    "import_rows",
    "import_wikidata",
]


def import_rows(
    registry: Registry,
    rows: Iterable[PairRow | Rejection],
    *,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
    total: int | None = None,
) -> ImportReport:
    """Plan ``rows`` and store them in one transaction; return the report.

    The registry's writer lock is held only while storing: two imports at
    once resolve side by side, then the later one waits for the first to
    commit and merges with what it stored.
    """
    with _no_cycle_collection():  # the plan is gone before the collector is back
        return _plan_and_store(registry, rows, kind, source, gazetteer, progress, total)


def _plan_and_store(
    registry: Registry,
    rows: Iterable[PairRow | Rejection],
    kind: str,
    source: str | None,
    gazetteer: Gazetteer | None,
    progress: Progress | None,
    total: int | None,
) -> ImportReport:
    own = gazetteer is None
    gazetteer = gazetteer or Gazetteer.open()
    try:
        plan = plan_import(rows, gazetteer, kind=kind, progress=progress, total=total)
    finally:
        if own:
            gazetteer.close()
    finish_plan(plan.report, plan)
    # exclusive: a second import at the same time waits here, then merges with this one
    with registry.session(exclusive=True) as session:
        store_plan(session, plan, source=source, progress=progress)
    return plan.report


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an import runs.

    An import makes millions of small objects (rows, sides, planned places and
    relationships, parameter tuples) that mostly live until it ends; the
    collector would walk all of them again every few thousand allocations
    and find nothing to free, since they form no reference cycles: a quarter
    of a 200,000-row import's CPU time, a sixth of the Wikipedia list's.
    Reference counting still frees every object as before; the collector is
    switched back on (if it was on) when the import ends, however it ends,
    and after the plan is freed (switched on while the plan lives, its first
    pass would walk all of it once more).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Each file format: how its text becomes rows, and the citation credited by default.
READERS: dict[str, tuple[Callable[..., Iterable[PairRow | Rejection]], str]] = {
    "pairs": (read_pairs, "file {name}"),
    "wikidata": (read_wikidata, "Wikidata P190 export {name}"),
}


def import_file(
    registry: Registry,
    path: Path | str,
    *,
    format: str = "pairs",
    columns: ColumnMap | WikidataColumns | None = None,
    encoding: str | None = None,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a file of pairs: ``pairs`` or ``wikidata`` (see :data:`READERS`).

    Parameters
    ----------
    columns:
        Header names to read instead of the defaults (a :class:`ColumnMap` for
        pairs, :class:`WikidataColumns` for Wikidata).
    encoding:
        ``None`` for UTF-8 with or without BOM; ``latin-1`` on request.
    kind:
        The relationship kind of every row (``sister_city`` by default).
    source:
        The citation credited for every relationship (default: the file name).
    """
    reader, default_source = READERS[format]
    text = open_text(path, encoding)  # refused whole here if it is not text
    # pairs are read line by line; a Wikidata export may be one JSON document
    lines = text.lines() if format == "pairs" else text.data.decode(text.codec)
    rows = reader(lines, columns)
    source = source or default_source.format(name=os.path.basename(path))
    return import_rows(
        registry, rows, kind=kind, source=source, gazetteer=gazetteer, progress=progress,
        total=text.line_count(),
    )  # fmt: skip


def import_pairs(registry: Registry, path: Path | str, **options: Any) -> ImportReport:
    """Import a pairs CSV (``city1,country1,city2,country2`` [``lat1,lng1,...``])."""
    return import_file(registry, path, format="pairs", **options)


def import_wikidata(registry: Registry, path: Path | str, **options: Any) -> ImportReport:
    """Import a Wikidata P190 export (SPARQL JSON results or CSV), keeping QIDs."""
    return import_file(registry, path, format="wikidata", **options)
