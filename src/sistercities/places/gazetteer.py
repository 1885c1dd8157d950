"""Place names to GeoNames entries, saying how each was matched.

A registry keeps every place it is given; resolving one to a GeoNames entry
adds coordinates, population and an id that lets two spellings of the same
city become one place. A wrong match is worse than none (it merges distinct
places and puts them on the wrong side of the map), so each result records
its :class:`~sistercities.taxonomy.ResolutionMethod` and score for review,
and a match is accepted only within :data:`MAX_DISTANCE_KM` of coordinates
when the input has them.

Steps, for each name variant (see :mod:`sistercities.places.names`):

1. exact: the folded name is an entry's name (``exact``) or one of its
   alternate names (``alternate``) within the country (and within the region
   the country text named: ``Wales``); homonyms are told apart by the given
   coordinates, else by a region the text or a column names
   (``Abbeville (South Carolina)``, see :mod:`.regions`), else by a hint
   place the text names (``Kőbánya (Budapest)``), else by population when
   one is :data:`AMBIGUITY_RATIO` times the other, else the place stays
   unresolved rather than a coin toss, its candidates kept for review;
2. fuzzy: with coordinates, the closest name within :data:`NEAR_KM` by
   rapidfuzz ratio (at least :data:`FUZZY_THRESHOLD_NEAR`); without, the
   closest main name of the country with the same initial, at least
   :data:`FUZZY_THRESHOLD` (a typo, a transliteration);
3. coordinates: with coordinates only, the entry within :data:`NEAR_KM`
   whose name shares the words of the text (``Tokyo – Chūō`` is Chūō);
4. otherwise unresolved: the place keeps its text and country.

The thresholds were set on the Wikipedia lists (see ``benchmarks/README.md``):
no match with coordinates lies over 50 km from them.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from sistercities.places.geonames import BuildProgress, cells_around, ensure_index
from sistercities.places.names import Variant, fold, variants
from sistercities.taxonomy import ResolutionMethod

#: A match farther than this from the input's own coordinates is rejected.
MAX_DISTANCE_KM = 50.0
#: Radius of the coordinates step, and of a hint place's neighbourhood.
NEAR_KM = 15.0
HINT_KM = 40.0
#: Lowest rapidfuzz ratio accepted for a misspelt name, without / with coordinates.
FUZZY_THRESHOLD = 95.0
FUZZY_THRESHOLD_NEAR = 85.0
#: Without coordinates or a region, the larger of two homonyms is taken only
#: when it is at least this many times the other's population (a city and a
#: village of its name); otherwise the place stays unresolved, its candidates
#: listed for review. Measured on the geocoded Wikipedia list read without its
#: coordinates (``benchmarks/bench_import.py``, nocoords): at 2 the population
#: decided 1,073 texts, 215 of them wrongly (over 50 km off); at 10 it decides
#: 577, 69 wrongly; never, 451 of 14,108 resolved texts are still off, mostly
#: the file's own errors.
AMBIGUITY_RATIO = 10.0
#: Lowest token-set score of the coordinates step.
NEAR_THRESHOLD = 80.0

_CHUNK = 500
_FUZZY_MIN_LENGTH = math.ceil(FUZZY_THRESHOLD / (2 * (100 - FUZZY_THRESHOLD)))
_COLUMNS = "p.id, p.name, p.country, p.admin1, p.lat, p.lng, p.population, p.feature"


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer entry: one GeoNames place."""

    geonames_id: int
    name: str
    country: str
    admin1: str
    lat: float
    lng: float
    population: int
    feature: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry found under a key; ``alternate`` when the key is not its main name."""

    entry: Entry
    alternate: bool


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """The outcome of resolving one (name, country): always has a method.

    ``score`` is 100 for exact and alternate matches, the rapidfuzz score for
    fuzzy and coordinates matches, ``None`` when unresolved; ``distance_km``
    is the distance from the input's coordinates when it had some.
    """

    method: ResolutionMethod
    entry: Entry | None = None
    score: float | None = None
    distance_km: float | None = None
    #: Unresolved homonyms that nothing told apart, largest first, for review.
    candidates: tuple[Entry, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.entry is not None


UNRESOLVED = PlaceMatch(ResolutionMethod.UNRESOLVED)


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in kilometres (haversine; plenty for 50 km checks)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Resolves place names against one index file (see :mod:`.geonames`).

    Cheap to open; every distinct question is answered once per instance.
    Not shared across threads (it holds one SQLite connection).
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        self._choices: dict[str, tuple[list[str], list[int]]] = {}
        self._lookups: dict[tuple[str, str], list[Candidate]] = {}
        self.resolve = lru_cache(maxsize=None)(self._resolve)
        from sistercities.places.regions import Regions

        #: Region names to admin1 codes, checked against this index.
        self.regions = Regions(self)

    @classmethod
    def open(
        cls,
        cache_dir: Path | None = None,
        *,
        dump: Path | str | None = None,
        min_population: int = 500,
        progress: BuildProgress | None = None,
    ) -> Gazetteer:
        """Open the index of a GeoNames dump or of the bundled data, building it once
        (``progress`` hears how far the build is)."""
        path = ensure_index(cache_dir, dump=dump, min_population=min_population, progress=progress)
        return cls(path)

    def close(self) -> None:
        """Close the index and drop what was looked up (the resolve cache refers
        back to this instance, so only the cycle collector would free it)."""
        self._db.close()
        self.resolve.cache_clear()
        self._lookups.clear()
        self._choices.clear()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, key: str, country: str) -> list[Candidate]:
        """Entries whose folded name or alternate name is ``key`` in ``country``."""
        if (country, key) not in self._lookups:
            self.prefetch([(key, country)])
        return self._lookups[(country, key)]

    def prefetch(self, questions: Iterable[tuple[str, str]]) -> None:
        """Look up many (key, country) pairs at once: one query per country and
        chunk of keys instead of one per name, a third of an import's time."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for key, country in questions:
            if (country, key) not in self._lookups:
                wanted[country].add(key)
        for country, keys in wanted.items():
            ordered = sorted(keys)
            for start in range(0, len(ordered), _CHUNK):
                self._fetch(country, ordered[start : start + _CHUNK])
            for key in ordered:
                self._lookups.setdefault((country, key), [])

    def _fetch(self, country: str, keys: list[str]) -> None:
        marks = ",".join("?" * len(keys))  # placeholders only: values stay bound
        rows = self._db.execute(
            f"SELECT n.key, n.alt, {_COLUMNS} FROM name n JOIN place p ON p.id = n.id "
            f"WHERE n.country = ? AND n.key IN ({marks})",
            (country, *keys),
        ).fetchall()
        for row in rows:
            found = self._lookups.setdefault((country, row[0]), [])
            found.append(Candidate(Entry(*row[2:]), bool(row[1])))

    def admin1_codes(self, country: str) -> set[str]:
        """The admin1 codes the entries of a country carry."""
        rows = self._db.execute("SELECT DISTINCT admin1 FROM place WHERE country = ?", (country,))
        return {str(row[0]) for row in rows if row[0]}

    def get(self, geonames_id: int) -> Entry | None:
        """The entry with a GeoNames id, if the index has it."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM place p WHERE p.id = ?", (geonames_id,)
        ).fetchone()
        return Entry(*row) if row else None

    def _resolve(
        self,
        name: str,
        country: str | None,
        lat: float | None = None,
        lng: float | None = None,
        region: str | None = None,
    ) -> PlaceMatch:
        """Resolve ``name`` in ``country`` (alpha-2); see the module docstring.

        ``region`` is a GeoNames admin1 code the text named (``WLS`` for
        "Wales"): candidates inside it are preferred. Cached per instance, so
        call it freely with repeated arguments.
        """
        if not country or not name.strip():
            return UNRESOLVED
        point = (lat, lng) if lat is not None and lng is not None else None
        for variant in variants(name):
            match = self._by_key(variant, country, point, region)
            if match is not None:
                return match
        if point is not None:
            return self._by_neighbourhood(name, country, point) or UNRESOLVED
        return self._by_fuzzy(name, country) or UNRESOLVED

    def _by_key(
        self,
        variant: Variant,
        country: str,
        point: tuple[float, float] | None,
        region: str | None = None,
    ) -> PlaceMatch | None:
        candidates = self.lookup(variant.key, country)
        if variant.loose and point is None:
            # "Fulton County" is not the town of Fulton: only a division will do
            candidates = [c for c in candidates if c.entry.feature != "P"]
        if region is not None:
            candidates = [c for c in candidates if c.entry.admin1 == region] or candidates
        if not candidates:
            return None
        if point is not None:
            return self._nearest(candidates, point)
        named = self.regions.code(variant.hint, country)  # "Abbeville (South Carolina)"
        if named is not None:
            candidates = [c for c in candidates if c.entry.admin1 == named]
            if not candidates:
                return None
        else:
            anchor = self._anchor(variant.hint, country)
            if anchor is not None:
                near = self._nearest(candidates, anchor, HINT_KM)
                return None if near is None else PlaceMatch(near.method, near.entry, near.score)
        ranked = sorted(candidates, key=_rank, reverse=True)
        if _ambiguous(ranked):  # a coin toss between homonyms is not a resolution
            return PlaceMatch(
                ResolutionMethod.UNRESOLVED, candidates=tuple(c.entry for c in ranked[:5])
            )
        return PlaceMatch(_method(ranked[0]), ranked[0].entry, 100.0)

    def _nearest(
        self,
        candidates: list[Candidate],
        point: tuple[float, float],
        limit: float = MAX_DISTANCE_KM,
    ) -> PlaceMatch | None:
        """The candidate nearest ``point``, if within ``limit`` km."""
        scored = [(distance_km(*point, c.entry.lat, c.entry.lng), c) for c in candidates]
        far, best = min(scored, key=lambda item: (item[0], item[1].alternate))
        if far > limit:
            return None
        return PlaceMatch(_method(best), best.entry, 100.0, round(far, 1))

    def _anchor(self, hint: str | None, country: str) -> tuple[float, float] | None:
        """Coordinates of a hint place (``Budapest`` in ``Kőbánya (Budapest)``)."""
        if not hint:
            return None
        candidates = self.lookup(fold(hint), country)
        if not candidates:
            return None
        best = max(candidates, key=_rank).entry
        return best.lat, best.lng

    def _block(self, country: str, initial: str) -> tuple[list[str], list[int]]:
        """Main names of a country starting with ``initial``, and their entry ids.

        Fuzzy search without coordinates compares against these only: a typo
        rarely hits the first letter, and alternate names (transliterations)
        are already matched exactly; blocking makes it 20 times faster.
        """
        block = f"{country}:{initial}"
        if block not in self._choices:
            rows = self._db.execute(
                "SELECT key, id FROM name WHERE country = ? AND key >= ? AND key < ? AND alt = 0",
                (country, initial, initial + "\uffff"),
            ).fetchall()
            self._choices[block] = ([r[0] for r in rows], [r[1] for r in rows])
        return self._choices[block]

    def _by_fuzzy(self, name: str, country: str) -> PlaceMatch | None:
        """Without coordinates: the closest key in the country, if close enough."""
        key = fold(name)
        if len(key) < _FUZZY_MIN_LENGTH:  # no single edit of a shorter key can score enough
            return None
        keys, ids = self._block(country, key[0])
        found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if found is None:
            return None
        entry = self.get(ids[found[2]])
        return PlaceMatch(ResolutionMethod.FUZZY, entry, round(found[1], 1)) if entry else None

    def _by_neighbourhood(
        self, name: str, country: str, point: tuple[float, float]
    ) -> PlaceMatch | None:
        """With coordinates: a near entry with a close name (``fuzzy``), else a
        near one whose name shares the words of the text (``coordinates``)."""
        keys, ids = self._around(country, point, NEAR_KM)
        if not keys:
            return None
        key = fold(name)
        for method, scorer, cutoff in (
            (ResolutionMethod.FUZZY, fuzz.ratio, FUZZY_THRESHOLD_NEAR),
            (ResolutionMethod.COORDINATES, fuzz.token_set_ratio, NEAR_THRESHOLD),
        ):
            hits = process.extract(key, keys, scorer=scorer, score_cutoff=cutoff, limit=None)
            entries = [(score, self.get(ids[i])) for _, score, i in hits]
            best = _closest_best(point, [(score, e) for score, e in entries if e is not None])
            if best is not None:
                return _scored(method, best)
        return None

    def _around(
        self, country: str, point: tuple[float, float], km: float
    ) -> tuple[list[str], list[int]]:
        """Keys and ids of a country's entries in the grid cells around ``point``;
        entries are read only for the few whose names score (see ``get``)."""
        cells = cells_around(*point, km)
        marks = ",".join("?" * len(cells))  # placeholders only: values stay bound
        rows = self._db.execute(
            f"SELECT key, id FROM place WHERE country = ? AND cell IN ({marks})",
            (country, *cells),
        ).fetchall()
        return [row[0] for row in rows], [row[1] for row in rows]


def _closest_best(
    point: tuple[float, float], hits: list[tuple[float, Entry]]
) -> tuple[float, float, Entry] | None:
    """The best-scoring hit within NEAR_KM, the nearest among equals."""
    found = [(score, distance_km(*point, e.lat, e.lng), e) for score, e in hits]
    found = [hit for hit in found if hit[1] <= NEAR_KM]
    return max(found, key=lambda hit: (hit[0], -hit[1])) if found else None


def _scored(method: ResolutionMethod, found: tuple[float, float, Entry]) -> PlaceMatch:
    score, far, entry = found
    return PlaceMatch(method, entry, round(score, 1), round(far, 1))


def _rank(candidate: Candidate) -> tuple[int, int]:
    """Without coordinates: main names before alternate names, then the larger place."""
    return (not candidate.alternate, candidate.entry.population)


def _ambiguous(ranked: list[Candidate]) -> bool:
    """Two homonyms of the same standing, neither AMBIGUITY_RATIO times the other's size."""
    if len(ranked) < 2 or ranked[0].alternate != ranked[1].alternate:
        return False
    return ranked[0].entry.population < AMBIGUITY_RATIO * max(ranked[1].entry.population, 1)


def _method(candidate: Candidate) -> ResolutionMethod:
    return ResolutionMethod.ALTERNATE if candidate.alternate else ResolutionMethod.EXACT
