"""The import plan: what planning hands to storing, in a module of its own.

:mod:`.planning` resolves a file's rows into a :class:`Plan` (distinct places
and relationships, and the :class:`ImportReport` that accounts for every
row); :mod:`.storing` writes a plan. Both import these types and neither
imports the other (``tests/test_layers.py`` checks), so the slow, fallible
resolving and the transactional writing can change apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sistercities.interchange.readers import PartialDate, Rejection, Side
from sistercities.places.gazetteer import PlaceMatch

#: progress(stage, done, total): called while planning ("resolving") and storing.
Progress = Callable[[str, int, int], None]


@dataclass
class ImportReport:
    """What an import did; :meth:`to_dict` is the documented JSON shape.

    ``merged_reciprocal`` (rows that listed a pair already seen from the other
    side) and ``merged_existing`` (rows whose relationship was already in the
    registry) break ``merged`` down; ``methods`` counts places per resolution
    method. They are in :meth:`details`, not in the stable JSON.
    """

    rows: int = 0
    imported: int = 0
    merged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    #: Places left unresolved between homonyms nothing told apart, with the candidates.
    review: list[dict[str, Any]] = field(default_factory=list)
    resolved: int = 0
    unresolved: int = 0
    merged_reciprocal: int = 0
    merged_existing: int = 0
    methods: Counter[str] = field(default_factory=Counter)

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        self.rejections.append(Rejection(line, reason))

    def to_dict(self) -> dict[str, Any]:
        """``{"rows", "imported", "merged", "rejected", "rejections", "places"}``."""
        return {
            "rows": self.rows,
            "imported": self.imported,
            "merged": self.merged,
            "rejected": self.rejected,
            "rejections": [{"line": r.line, "reason": r.reason} for r in self.rejections],
            "places": {"resolved": self.resolved, "unresolved": self.unresolved},
            "review": self.review,
        }

    def details(self) -> dict[str, Any]:
        """The breakdowns a benchmark or a reviewer wants beside the totals."""
        return {
            "merged_reciprocal": self.merged_reciprocal,
            "merged_existing": self.merged_existing,
            "methods": dict(self.methods),
        }


@dataclass
class PlannedPlace:
    """A distinct place of the file, with how it was resolved."""

    key: str
    name: str
    original_name: str
    kind: str
    country_code: str | None
    country_text: str | None
    match: PlaceMatch
    latitude: float | None = None
    longitude: float | None = None
    wikidata_id: str | None = None

    def row(self) -> dict[str, Any]:
        """The ``places`` row to insert."""
        entry = self.match.entry
        return {
            "name": self.name,
            "original_name": self.original_name,
            "kind": self.kind,
            "country_code": self.country_code,
            "country_text": self.country_text,
            "admin1": entry.admin1 if entry else None,
            "population": entry.population if entry else None,
            "latitude": entry.lat if entry else self.latitude,
            "longitude": entry.lng if entry else self.longitude,
            "geonames_id": entry.geonames_id if entry else None,
            "wikidata_id": self.wikidata_id,
            "resolution": self.match.method.value,
            "resolution_score": self.match.score,
            "match_key": self.key,
        }


@dataclass(slots=True)
class PlannedRelationship:
    """A distinct relationship of the file and the lines that name it.

    Slotted and with the first line apart from any others: a 200,000-row file
    holds 200,000 of these at once.
    """

    a: str
    b: str
    line: int
    start: PartialDate | None = None
    end: PartialDate | None = None
    statement: str | None = None
    more_lines: list[int] | None = None

    @property
    def lines(self) -> list[int]:
        """Every line of the file that names this relationship, first one first."""
        return [self.line, *(self.more_lines or ())]

    def add_line(self, line: int) -> None:
        if self.more_lines is None:
            self.more_lines = []
        self.more_lines.append(line)


@dataclass
class Plan:
    """Distinct places and relationships of a file, ready to store."""

    kind: str
    places: dict[str, PlannedPlace] = field(default_factory=dict)
    relationships: dict[tuple[str, str], PlannedRelationship] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)
    #: Each distinct side as written, and the place it became (or why not).
    sides: dict[Side, PlannedPlace | str] = field(default_factory=dict)
