"""Read a migration table (CSV) for partner matching, with rejections that add up.

Columns: ``origin_place`` or ``origin_country`` (one of them per row),
``destination_place``, ``people``; optional ``year`` and ``source``. A place
is a registry id or a name with an optional ``, COUNTRY``; ``resolve`` (given
by the caller) turns it into an id or says why it cannot.

Every row ends up in exactly one of: ``accepted``, ``duplicates`` (same origin,
destination and year as an earlier row with the same people: merged),
``rejected`` (with the line and a reason). ``rows == accepted + duplicates +
rejected`` always.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sistercities.analysis.partners.matching import MigrationRec
from sistercities.errors import InputError

#: resolve(text) -> place id; raises a SisterCitiesError with a reason when it cannot.
Resolver = Callable[[str], int]


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass
class MigrationImport:
    accepted: list[MigrationRec]
    years: list[int | None]
    sources: list[str | None]
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.accepted) + self.duplicates + len(self.rejected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "accepted": len(self.accepted),
            "duplicates": self.duplicates,
            "rejected": [dict(r.__dict__) for r in self.rejected],
        }

    def explain(self) -> str:
        lines = [
            f"{self.rows} rows = {len(self.accepted)} accepted + {self.duplicates} duplicates "
            f"+ {len(self.rejected)} rejected"
        ]
        lines += [f"  line {r.line}: {r.reason}" for r in self.rejected]
        return "\n".join(lines)


REQUIRED = ("destination_place", "people")


def parse_migration_csv(text: str, resolve: Resolver, *, countries: set[str]) -> MigrationImport:
    """Parse and check a migration table; nothing is stored here.

    Parameters
    ----------
    text : str
        The CSV text, with a header row.
    resolve : callable
        Place text -> id; raises :class:`~sistercities.errors.SisterCitiesError`
        (e.g. ``NotFoundError``) with a reason when the place is unknown.
    countries : set of str
        The ISO codes accepted as ``origin_country``.

    Examples
    --------
    >>> ids = {"Cuenca, EC": 2, "Peekskill, US": 1}
    >>> def resolve(t):
    ...     if t not in ids: raise InputError(f"no place named {t!r}")
    ...     return ids[t]
    >>> csv_text = ('origin_place,origin_country,destination_place,people\\n'
    ...             '"Cuenca, EC",,"Peekskill, US",5000\\n'
    ...             ',EC,"Peekskill, US",-3\\n')
    >>> r = parse_migration_csv(csv_text, resolve, countries={"EC", "US"})
    >>> r.rows, len(r.accepted), r.rejected[0].reason
    (2, 1, 'people: must be a whole number >= 0, got -3')
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing or not ({"origin_place", "origin_country"} & set(header)):
        need = missing or ["origin_place or origin_country"]
        raise InputError(f"missing columns: {', '.join(need)}", field="header", line=1)
    out = MigrationImport([], [], [])
    seen: dict[tuple[Any, ...], tuple[int, int]] = {}
    for line, row in enumerate(reader, start=2):
        try:
            rec, year = _row(row, resolve, countries)
        except (InputError, LookupError, ValueError) as exc:
            out.rejected.append(Rejection(line, str(exc)))
            continue
        key = (rec.origin_place_id, rec.origin_country, rec.destination_place_id, year)
        if key in seen:
            first, people = seen[key]
            if people == rec.people:
                out.duplicates += 1
            else:
                out.rejected.append(
                    Rejection(line, f"conflicts with line {first}: {rec.people} vs {people} people")
                )
            continue
        seen[key] = (line, rec.people)
        out.accepted.append(rec)
        out.years.append(year)
        out.sources.append((row.get("source") or "").strip() or None)
    return out


def _row(
    row: dict[str, Any], resolve: Resolver, countries: set[str]
) -> tuple[MigrationRec, int | None]:
    origin_place = (row.get("origin_place") or "").strip()
    origin_country = (row.get("origin_country") or "").strip().upper()
    destination = (row.get("destination_place") or "").strip()
    if not destination:
        raise InputError("empty", field="destination_place")
    if not origin_place and not origin_country:
        raise InputError("give origin_place or origin_country", field="origin")
    if origin_country and origin_country not in countries:
        raise InputError(f"unknown country code {origin_country!r}", field="origin_country")
    people = _people((row.get("people") or "").strip())
    year_text = (row.get("year") or "").strip()
    year = int(year_text) if year_text.isdigit() else None
    if year_text and year is None:
        raise InputError(f"not a year: {year_text!r}", field="year")
    dest_id = _resolve(resolve, destination, "destination_place")
    origin_id = _resolve(resolve, origin_place, "origin_place") if origin_place else None
    if origin_id is not None and origin_id == dest_id:
        raise InputError("origin and destination are the same place", field="origin_place")
    rec = MigrationRec(dest_id, people, origin_id, None if origin_id else origin_country or None)
    return rec, year


def _resolve(resolve: Resolver, text: str, column: str) -> int:
    try:
        return resolve(text)
    except (LookupError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        raise InputError(f"{text!r}: {reason}", field=column) from exc


def _people(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise InputError(f"must be a whole number >= 0, got {text or 'nothing'}", field="people")
    return value
