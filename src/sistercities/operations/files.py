"""Files in and out: import pairs or a Wikidata export, export the relationships."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from sistercities.errors import InputError
from sistercities.interchange import exporters, importers
from sistercities.interchange.readers import ColumnMap
from sistercities.interchange.wikidata import WikidataColumns
from sistercities.places.gazetteer import Gazetteer
from sistercities.places.geonames import default_cache_dir, index_ready
from sistercities.registry.store import Registry

Notify = Callable[[str], None]


def _gazetteer(
    dump: Path | None,
    cache_dir: Path | None,
    notify: Notify | None,
    progress: importers.Progress | None = None,
) -> Gazetteer:
    """Open the gazetteer index, saying so first when it must be built (about 20 s),
    and showing how far the build is on ``progress`` (stage ``gazetteer index``)."""
    cache_dir = cache_dir or default_cache_dir()
    if notify is not None and not index_ready(cache_dir, dump=dump):
        notify(f"Building the gazetteer index once, in {cache_dir} (about 20 s)...")
    built = None
    if progress is not None:
        report = progress

        def built(done: int, total: int) -> None:
            report("gazetteer index", done, total)

    return Gazetteer.open(cache_dir, dump=dump, progress=built)


#: How the ``columns`` text of each file format is read.
COLUMNS: dict[str, Callable[[str | None], ColumnMap | WikidataColumns]] = {
    "pairs": ColumnMap.parse,
    "wikidata": WikidataColumns.parse,
}


def import_file(
    registry: Registry,
    *,
    file: Path | str,
    format: str = "pairs",
    columns: str | None = None,
    encoding: str | None = None,
    kind: str = "sister_city",
    source: str | None = None,
    gazetteer_dump: Path | None = None,
    cache_dir: Path | None = None,
    progress: importers.Progress | None = None,
    notify: Notify | None = None,
) -> importers.ImportReport:
    """Import a file of pairs: ``pairs`` (CSV) or ``wikidata`` (P190 export: SPARQL JSON, CSV).

    Every row ends imported, merged or rejected with its line and a reason, in
    one transaction. ``columns`` renames headers (``city1=Stadt,...`` for
    pairs; ``item=...,partner=...`` for Wikidata); ``notify`` hears, once, that
    the gazetteer index is being built.
    """
    if format not in COLUMNS:
        raise InputError(f"{format!r} is not one of: {', '.join(COLUMNS)}", field="format")
    parsed = COLUMNS[format](columns)
    with _gazetteer(gazetteer_dump, cache_dir, notify, progress) as gazetteer:
        return importers.import_file(
            registry, Path(file), format=format, columns=parsed, encoding=encoding, kind=kind,
            source=source, gazetteer=gazetteer, progress=progress,
        )  # fmt: skip


def export_relationships(
    registry: Registry,
    *,
    format: str = "csv",
    kind: str | None = None,
    output: Path | str | None = None,
    stream: TextIO | None = None,
) -> dict[str, Any]:
    """Write relationships and their places (csv, json, geojson) to ``output`` or ``stream``.

    Returns how many were written, the format and the file (None for a stream).
    """
    with registry.session() as session:
        if output is None:
            if stream is None:
                raise ValueError("export_relationships needs an output file or a stream")
            count = exporters.export(session, stream, format, kind=kind)
            return {"exported": count, "format": format, "output": None}
        with open(output, "w", encoding="utf-8", newline="") as handle:
            count = exporters.export(session, handle, format, kind=kind)
    return {"exported": count, "format": format, "output": os.fspath(output)}
