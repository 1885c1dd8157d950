"""Wikidata P190 ("twinned administrative body") exports, read into pair rows.

Two shapes come out of query.wikidata.org: the SPARQL JSON results document
(``{"head": {"vars": [...]}, "results": {"bindings": [...]}}``) and its CSV
download. Either way a row has the item and its twin (entity URIs or bare
QIDs), usually their labels, sometimes their countries and coordinates
(``Point(lng lat)``), and the statement's start (P580) and end (P582) time
qualifiers. Columns are found by the names such queries use (``item``,
``city``, ``twin``, ``itemLabel``, ``start``...) and can be named explicitly.

QIDs are kept: they identify a place better than any label, so two rows with
the same QIDs are the same relationship whatever the labels say.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sistercities.errors import InputError
from sistercities.interchange.readers import (
    PairRow,
    PartialDate,
    Rejection,
    Side,
    check_length,
    csv_records,
    parse_assignments,
)
from sistercities.taxonomy import DatePrecision

#: A bare QID, ``wd:Q64``, or Wikidata's own entity or page URL; no other host.
_QID = re.compile(
    r"^(?:https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/|wd:)?(Q[1-9][0-9]*)$",
    re.IGNORECASE,
)
#: How a SPARQL result writes an "unknown value" (a blank node): no date, not a bad one.
_BLANK = re.compile(r"^(?:_:)?t[0-9a-f]+$|/\.well-known/genid/", re.IGNORECASE)
_POINT = re.compile(r"^Point\(\s*(-?[0-9.eE+-]+)\s+(-?[0-9.eE+-]+)\s*\)$", re.IGNORECASE)
_TIME = re.compile(r"^([+-]?\d{1,4})-(\d{2})-(\d{2})")
#: Wikidata's wikibase:timePrecision values.
_PRECISIONS = {"9": DatePrecision.YEAR, "10": DatePrecision.MONTH, "11": DatePrecision.DAY}

_CANDIDATES: dict[str, tuple[str, ...]] = {
    "item": ("item", "city", "place", "subject", "entity"),
    "partner": ("twin", "partner", "sister", "twinnedCity", "twinned", "object", "value"),
    "start": ("start", "startTime", "start_time", "since", "P580"),
    "end": ("end", "endTime", "end_time", "until", "P582"),
    "statement": ("statement", "stmt", "claim"),
}


@dataclass(frozen=True, slots=True)
class WikidataColumns:
    """The variables (JSON) or columns (CSV) of a P190 export.

    ``None`` means: find it by the usual names. Labels, countries and
    coordinates default to ``<item>Label``, ``<item>CountryLabel`` (or
    ``<item>Country``) and ``<item>Coord``.
    """

    item: str | None = None
    partner: str | None = None
    start: str | None = None
    end: str | None = None
    statement: str | None = None

    @classmethod
    def parse(cls, text: str | None) -> WikidataColumns:
        """``item=city,partner=twin``: name some variables, find the others.

        >>> WikidataColumns.parse("item=city,partner=twin").partner
        'twin'
        """
        if not text:
            return cls()
        return cls(**parse_assignments(text, {f.name for f in fields(cls)}))


def qid(value: str) -> str | None:
    """``http://www.wikidata.org/entity/Q64`` or ``Q64`` -> ``Q64``.

    >>> qid("http://www.wikidata.org/entity/Q64")
    'Q64'
    >>> qid("Berlin") is None
    True
    >>> qid("http://evil.example/entity/Q64") is None
    True
    """
    match = _QID.match(value.strip())
    return match.group(1).upper() if match else None


def parse_time(value: str, precision: str | None = None) -> PartialDate | None:
    """A Wikidata time (``1991-01-01T00:00:00Z``) as a date and its precision.

    Without an explicit precision, ``-01-01`` is read as a year alone: that is
    how Wikidata writes a year-precision date, and it is by far the most
    common precision of P580 on P190 statements. An "unknown value" (a blank
    node) is ``None``; anything else that is not a date of the common era
    (``+1987-02-30``, ``yesterday``) raises ``ValueError`` saying why.
    """
    text = value.strip()
    if _BLANK.search(text):
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD...)")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise ValueError(f"{text!r} is not a date of the common era")
    known = _PRECISIONS.get((precision or "").strip())
    if known is None:
        known = DatePrecision.YEAR if (month, day) in ((1, 1), (0, 0)) else DatePrecision.DAY
    try:
        return PartialDate(date(year, max(month, 1), max(day, 1)), known)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date ({error})") from None


def parse_point(value: str) -> tuple[float | None, float | None]:
    """WKT ``Point(lng lat)`` -> (lat, lng); (None, None) when absent or bad."""
    match = _POINT.match(value.strip())
    if match is None:
        return None, None
    lng, lat = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None, None
    return lat, lng


def read_wikidata(
    text: str, columns: WikidataColumns | None = None
) -> Iterator[PairRow | Rejection]:
    """Rows of a P190 export, JSON results or CSV, told apart by the first character."""
    columns = columns or WikidataColumns()
    if text.lstrip().startswith("{"):
        variables, records = _json_records(text)
    else:
        header, numbered = csv_records(text)
        variables = header
        records = ((line, dict(zip(header, record, strict=False))) for line, record in numbered)
    names = _resolve_columns(variables, columns)
    for line, values in records:
        yield _row(line, values, names)


def _json_records(text: str) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Variables and bindings of a SPARQL JSON result; the "line" is the
    binding's 1-based position, the only address a JSON row has."""
    try:
        document = json.loads(text)
        variables = list(document["head"]["vars"])
        bindings = document["results"]["bindings"]
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", line=error.lineno) from None
    except (KeyError, TypeError):
        raise InputError(
            "not a SPARQL JSON result: expected head.vars and results.bindings"
        ) from None
    return variables, ((i, _flatten(b)) for i, b in enumerate(bindings, start=1))


def _flatten(binding: Any) -> dict[str, str]:
    if not isinstance(binding, dict):
        return {}
    return {k: str(v.get("value", "")) for k, v in binding.items() if isinstance(v, dict)}


def _resolve_columns(variables: list[str], columns: WikidataColumns) -> dict[str, str | None]:
    """The name of each variable to read, refusing exports without the two entities."""
    present = set(variables)
    names: dict[str, str | None] = {}
    for key, candidates in _CANDIDATES.items():
        explicit = getattr(columns, key)
        if explicit is not None and explicit not in present:
            raise InputError(f"no column {explicit!r}; the export has: {', '.join(variables)}")
        names[key] = explicit or next((c for c in candidates if c in present), None)
    for key in ("item", "partner"):
        if names[key] is None:
            raise InputError(
                f"cannot find the {key} column (tried {', '.join(_CANDIDATES[key])}); "
                f"the export has: {', '.join(variables)}",
                line=1,
            )
    return names


def _row(line: int, values: dict[str, str], names: dict[str, str | None]) -> PairRow | Rejection:
    sides = []
    for key in ("item", "partner"):
        side = _side(values, str(names[key]))
        if isinstance(side, str):
            return Rejection(line, f"{names[key]}: {side}")
        sides.append(side)
    try:
        start = _time(values, names["start"])
        end = _time(values, names["end"])
    except ValueError as error:
        return Rejection(line, str(error))
    if start is not None and end is not None and end.value < start.value:
        return Rejection(line, f"start ({start.isoformat()}) is after its end ({end.isoformat()})")
    return PairRow(line, sides[0], sides[1], start, end, _statement(values, names["statement"]))


def _statement(values: dict[str, str], column: str | None) -> str | None:
    """``http://www.wikidata.org/entity/statement/Q64-5D2E…`` -> ``Q64-5D2E…``."""
    raw = values.get(column, "").strip() if column else ""
    statement = raw.rsplit("/", 1)[-1]
    return statement if statement and len(statement) <= 100 else None


def _side(values: dict[str, str], column: str) -> Side | str:
    """One entity of a row, or the reason it cannot be read."""
    raw = values.get(column, "").strip()
    entity = qid(raw)
    label = values.get(f"{column}Label", "").strip()
    if entity is None and not raw:
        return "empty"
    if entity is None:  # a property, a malformed id, a name, another site's URL
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        return f"{shown!r} is not a Wikidata item (Q and digits, or its wikidata.org URL)"
    country = values.get(f"{column}CountryLabel") or values.get(f"{column}Country") or ""
    if qid(country):  # a country entity without its label says nothing we can read
        country = ""
    too_long = check_length({"label": label, "country": country})
    if too_long:
        return too_long
    lat, lng = parse_point(values.get(f"{column}Coord", "") or values.get(f"{column}Coords", ""))
    return Side(label or entity or "", country.strip(), lat, lng, entity)


def _time(values: dict[str, str], column: str | None) -> PartialDate | None:
    """The date in ``column``; ``ValueError`` naming the column when it is not one."""
    if column is None or not values.get(column, "").strip():
        return None
    try:
        return parse_time(values[column], values.get(f"{column}Precision"))
    except ValueError as error:
        raise ValueError(f"{column}: {error}") from None
