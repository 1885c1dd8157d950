"""Reading pair files into rows, before anything touches the registry.

A file is decoded and checked whole first, so that a file that is not what it
claims (Latin-1 read as UTF-8, not CSV at all, a column missing) is refused
with a reason naming the line or column and nothing is stored. Row-level
problems (an empty city, a field too long) do not stop the import: the row is
set aside as a :class:`Rejection` and the others go on.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from sistercities.errors import InputError
from sistercities.taxonomy import DatePrecision

#: Longest name or country text accepted; longer is not a place name.
MAX_FIELD_LENGTH = 200
#: csv's own limit is raised to this so a huge field is one rejected row,
#: not a crash in the middle of the file.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024


class Side(NamedTuple):
    """One side of a pair as the file wrote it.

    A named tuple, not a dataclass: an import hashes each side several times
    and a 200,000-row file has 400,000 of them; tuples hash in C.
    """

    name: str
    country: str
    lat: float | None = None
    lng: float | None = None
    wikidata: str | None = None
    #: The region the file names for the place (a ``region1`` column), if any.
    region: str | None = None


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date and how much of it is known (a year alone is common)."""

    value: date
    precision: DatePrecision

    def isoformat(self) -> str:
        """``1991``, ``1991-05`` or ``1991-05-12``, as much as is known."""
        text = self.value.isoformat()
        return {"year": text[:4], "month": text[:7]}.get(self.precision, text)


class PairRow(NamedTuple):
    """A well-formed row: two sides, optional dates, and its line in the file."""

    line: int
    a: Side
    b: Side
    start: PartialDate | None = None
    end: PartialDate | None = None
    #: The Wikidata statement (``Q64-…`` id of the P190 claim), when the export has it.
    statement: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """A row set aside, with a reason a person can read."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which header names hold which value; ``lat``/``lng`` ones are optional."""

    city1: str = "city1"
    country1: str = "country1"
    city2: str = "city2"
    country2: str = "country2"
    lat1: str = "lat1"
    lng1: str = "lng1"
    lat2: str = "lat2"
    lng2: str = "lng2"
    region1: str = "region1"
    region2: str = "region2"
    required: tuple[str, ...] = field(default=("city1", "country1", "city2", "country2"))

    @classmethod
    def parse(cls, text: str | None) -> ColumnMap:
        """``city1=Stadt,country1=Land``: rename some columns, keep the others.

        >>> ColumnMap.parse("city1=Stadt").city1
        'Stadt'
        """
        if not text:
            return cls()
        return cls(**parse_assignments(text, {f.name for f in fields(cls)} - {"required"}))


def parse_assignments(text: str, known: set[str]) -> dict[str, Any]:
    """``NAME=COLUMN,NAME=COLUMN`` into a dict, each NAME one of ``known``.

    >>> parse_assignments("city1=Stadt", {"city1", "city2"})
    {'city1': 'Stadt'}
    """
    mapping: dict[str, Any] = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in known or not value.strip():
            raise InputError(f"expected NAME=COLUMN with NAME one of {sorted(known)}: {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping


_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf16", "utf32")


@dataclass(frozen=True)
class TextFile:
    """A file's bytes, checked to decode whole with ``codec``.

    Kept as bytes and decoded again line by line while it is read: a
    200,000-row file is 8 MB of bytes but up to four times that as a string.
    """

    data: bytes
    codec: str

    def lines(self) -> Iterator[str]:
        """The decoded lines, line endings kept (what :mod:`csv` wants)."""
        return iter(io.TextIOWrapper(io.BytesIO(self.data), encoding=self.codec, newline=""))

    def line_count(self) -> int:
        return self.data.count(b"\n")


def check_text(data: bytes, encoding: str | None = None) -> TextFile:
    """Check that ``data`` is text in ``encoding`` (default UTF-8, BOM or not).

    A file that is not valid UTF-8 is refused naming the first bad line:
    guessing Latin-1 silently would store ``MÃ¼nchen`` for half the files
    that are really something else. A NUL character anywhere is refused too,
    naming its line: no name holds one, PostgreSQL cannot store one, and it
    is the mark of a binary or damaged file. UTF-16 is read by its BOM or on
    request (its NUL bytes are not NUL characters).
    """
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # spreadsheets' "Unicode text" export says so in its BOM
    codec = (encoding or "utf-8").lower().replace("_", "-")
    if codec in ("utf-8", "utf8"):
        codec = "utf-8-sig"
    wide = codec in _WIDE
    if not wide and b"\x00" in data[:4096]:
        raise InputError("this is not a text (CSV) file: it contains NUL bytes", line=1)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"not valid {encoding or 'UTF-8'} (byte 0x{data[error.start]:02x}); "
            "if the file is Latin-1, pass the encoding latin-1",
            line=line,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", field="encoding") from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputError(
            "contains a NUL character: this is not a text (CSV) file, or it is damaged", line=line
        )
    return TextFile(data, codec)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text, checked as :func:`check_text` says."""
    checked = check_text(data, encoding)
    return checked.data.decode(checked.codec)


def read_bytes(path: Path | str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None


def read_text(path: Path | str, encoding: str | None = None) -> str:
    """A file's decoded text (see :func:`check_text`)."""
    return decode(read_bytes(path), encoding)


def open_text(path: Path | str, encoding: str | None = None) -> TextFile:
    """A file, checked to be text, to read line by line (see :func:`check_text`)."""
    return check_text(read_bytes(path), encoding)


def _lines_of(text: str) -> Iterator[str]:
    """The lines of a string, endings kept, without copying it into a buffer."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end


def csv_records(
    text: str | Iterable[str],
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and (line number, fields) of each record of CSV text or lines.

    The delimiter is a comma unless the header has none and has semicolons or
    tabs (spreadsheets in many locales write ``;``).
    """
    lines = _lines_of(text) if isinstance(text, str) else iter(text)
    first = next(lines, "")
    delimiter = ","
    if "," not in first:
        delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        reader = csv.reader(chain([first], lines), delimiter=delimiter, strict=False)
        header = next(reader, None)
    finally:
        csv.field_size_limit(previous)
    if not header or not any(cell.strip() for cell in header):
        raise InputError("the file is empty: expected a header line", line=1)
    return [cell.strip() for cell in header], _numbered(reader)


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Records with the line each starts on (a quoted field may span lines)."""
    line = 2
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        for record in reader:
            start, line = line, reader.line_num + 1  # type: ignore[attr-defined]
            if record and "".join(record).strip():  # a row of blanks is no row
                yield start, record
    except csv.Error as error:
        raise InputError(f"this is not readable CSV: {error}", line=line) from None
    finally:
        csv.field_size_limit(previous)


def column_indexes(header: Sequence[str], columns: ColumnMap) -> dict[str, int]:
    """Where each mapped column is; refuses a header that lacks a required one."""
    position = {name.casefold(): i for i, name in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for key in (f.name for f in fields(columns) if f.name != "required"):
        column = getattr(columns, key).casefold()  # "City1" is city1
        if column in position:
            found[key] = position[column]
    missing = [getattr(columns, key) for key in columns.required if key not in found]
    if missing:
        shown = ",".join(header[:8]) + ("..." if len(header) > 8 else "")
        raise InputError(f"missing column(s) {', '.join(missing)}; the header has: {shown}", line=1)
    return found


def parse_coordinate(text: str, *, limit: float) -> float | None:
    """A latitude or longitude, ``None`` when empty; ``ValueError`` when bad."""
    text = text.strip()
    if not text:
        return None
    value = float(text)
    if not -limit <= value <= limit:
        raise ValueError(f"{value} is outside -{limit:g}..{limit:g}")
    return value


def check_length(values: dict[str, str]) -> str | None:
    """A reason when a field is too long to be a place or country name."""
    for name, value in values.items():
        if len(value) > MAX_FIELD_LENGTH:
            return f"{name} is {len(value)} characters long (at most {MAX_FIELD_LENGTH})"
    return None


def read_pairs(
    text: str | Iterable[str], columns: ColumnMap | None = None
) -> Iterator[PairRow | Rejection]:
    """Rows of a pairs CSV (``city1,country1,city2,country2`` [+ lat/lng])."""
    header, records = csv_records(text)
    where = column_indexes(header, columns or ColumnMap())
    width = len(header)
    sides = [_SideReader(where, n) for n in "12"]
    for line, record in records:
        if len(record) != width:
            yield Rejection(line, f"expected {width} fields as in the header, found {len(record)}")
            continue
        try:
            a, b = sides[0].read(record), sides[1].read(record)
        except ValueError as error:
            yield Rejection(line, str(error))
            continue
        yield _tuple(PairRow, (line, a, b, None, None, None))


#: ``tuple.__new__``: builds a named tuple without its Python-level ``__new__``
#: (a third of reading a 200,000-row file); the full field tuple must be given.
_tuple = tuple.__new__


class _SideReader:
    """Reads side ``n`` of a record; the columns are looked up once per file."""

    def __init__(self, where: dict[str, int], n: str):
        self.n = n
        self.city = where[f"city{n}"]
        self.country = where.get(f"country{n}")
        self.lat, self.lng = where.get(f"lat{n}"), where.get(f"lng{n}")
        self.region = where.get(f"region{n}")

    def read(self, record: list[str]) -> Side:
        """The side, or ``ValueError`` with the reason the row is set aside."""
        name = record[self.city].strip()
        if not name:
            raise ValueError(f"city{self.n} is empty")
        country = record[self.country].strip() if self.country is not None else ""
        if len(name) > MAX_FIELD_LENGTH or len(country) > MAX_FIELD_LENGTH:
            too_long = check_length({f"city{self.n}": name, f"country{self.n}": country})
            raise ValueError(too_long)
        region = record[self.region].strip() or None if self.region is not None else None
        if self.lat is None or self.lng is None:
            return _tuple(Side, (name, country, None, None, None, region))
        lat, lng = self._coordinates(record)
        return _tuple(Side, (name, country, lat, lng, None, region))

    def _coordinates(self, record: list[str]) -> tuple[float | None, float | None]:
        found = []
        for key, index, limit in (
            (f"lat{self.n}", self.lat, 90.0),
            (f"lng{self.n}", self.lng, 180.0),
        ):
            try:
                found.append(parse_coordinate(record[index], limit=limit))  # type: ignore[index]
            except ValueError:
                raise ValueError(f"{key} is not a valid coordinate: {record[index]!r}") from None  # type: ignore[index]
        lat, lng = found
        if (lat is None) != (lng is None):
            return None, None
        return lat, lng
