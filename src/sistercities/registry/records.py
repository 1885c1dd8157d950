"""Writing places and relationships one at a time, validated.

The rules every writer (CLI, web, importers, demo loader) shares live here:
how a place is keyed for deduplication, that a relationship's two places are
stored in a canonical order, and which values are acceptable. Bad input raises
:class:`~sistercities.errors.InputError` naming the field before anything is
written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.dates import parse_partial
from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message, Term, Terms
from sistercities.places.countries import country_name, is_country_code
from sistercities.places.country_profiles import registry_columns
from sistercities.places.names import fold
from sistercities.registry import checks
from sistercities.registry.models import Country, Place, Relationship, StatusChange

MAX_NAME = 500




def place_key(name: str, country: str | None) -> str:
    """The deduplication key of a place: folded name and country (code or text).

    The folding is the one rule of :func:`sistercities.places.names.fold`
    (accents, case, punctuation), the gazetteer's too.

    Two mentions with the same key are the same place; a resolved place is
    keyed by its GeoNames id instead (``geonames:<id>``), see :func:`geonames_key`.
    """
    return f"{fold(name)}|{fold(country or '')}"


def geonames_key(geonames_id: int) -> str:
    """The deduplication key of a place resolved to a GeoNames entry."""
    return f"geonames:{geonames_id}"


def check_choice(value: str | None, enum: type[taxonomy.StrEnum], field: str) -> str | None:
    """Return ``value`` if it is one of ``enum``'s values; else an error naming the field."""
    if value is None:
        return None
    allowed = taxonomy.choices(enum)
    if value not in allowed:
        raise InputError(
            Message(
                "%(value)r is not one of: %(allowed)s",
                value=value,
                allowed=Terms("", tuple(allowed)),
            ),
            field=field,
        )
    return value


def check_name(value: str | None, field: str) -> str:
    """A required, non-blank name of reasonable length."""
    return checks.short_text(value, field, MAX_NAME)


def missing_countries(session: Session, codes: set[str]) -> list[Country]:
    """New ``countries`` rows for the codes not yet stored, named from GeoNames (not added).

    The one way a country is written: places added by hand, actors, crises and
    imports all store a code and its name the same way (``XK`` for Kosovo
    included). A hand-made change adds these rows through the session (each is
    audited); a bulk import inserts them with its own summary entry.
    """
    if not codes:
        return []
    have = set(session.scalars(select(Country.code).where(Country.code.in_(sorted(codes)))))
    # income group and government system from the shipped, cited table
    return [
        Country(code=c, name=country_name(c), **registry_columns(c)) for c in sorted(codes - have)
    ]


def ensure_country(session: Session, code: str | None) -> str | None:
    """Make sure a country row exists for an ISO code; refuse a code that is none."""
    if code is None:
        return None
    code = code.upper()
    if not is_country_code(code):
        raise InputError(
            Message("%(code)r is not an ISO 3166-1 alpha-2 code", code=code), field="country"
        )
    new = missing_countries(session, {code})
    if new:
        session.add_all(new)
        session.flush()
    return code


@dataclass
class PlaceInput:
    """What a person gives to add a place by hand."""

    name: str
    country: str | None = None
    kind: str = "city"
    admin1: str | None = None
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    wikidata_id: str | None = None


def get_or_add_place(session: Session, data: PlaceInput) -> Place:
    """Find the place with the same key, or add it (resolution ``manual``)."""
    name = check_name(data.name, "name")
    check_choice(data.kind, taxonomy.PlaceKind, "kind")
    if data.population is not None and data.population < 0:
        raise InputError(Message("must not be negative"), field="population")
    code = ensure_country(session, data.country)
    key = geonames_key(data.geonames_id) if data.geonames_id else place_key(name, code)
    existing = session.scalar(select(Place).where(Place.match_key == key))
    if existing is None and not data.geonames_id:
        existing = _same_name_in_country(session, name, code)
    if existing is not None:
        return existing
    place = Place(
        name=name,
        original_name=name,
        kind=data.kind,
        country_code=code,
        country_text=data.country,
        admin1=data.admin1,
        population=data.population,
        latitude=data.latitude,
        longitude=data.longitude,
        geonames_id=data.geonames_id,
        wikidata_id=data.wikidata_id,
        resolution=taxonomy.ResolutionMethod.MANUAL
        if code
        else taxonomy.ResolutionMethod.UNRESOLVED,
        match_key=key,
    )
    session.add(place)
    session.flush()
    return place


def _same_name_in_country(session: Session, name: str, code: str | None) -> Place | None:
    """A stored place of this country with the same folded name or original text.

    Imported places are keyed by their GeoNames id, not their name, so a place
    typed by hand must also be looked up by name, or it would be stored twice.
    More than one candidate (homonyms in one country) is no match: the caller
    adds a new place rather than guess.
    """
    if code is None:
        return None
    wanted = fold(name)
    candidates = [
        place
        for place in session.scalars(select(Place).where(Place.country_code == code))
        if wanted in (fold(place.name), fold(place.original_name))
    ]
    return candidates[0] if len(candidates) == 1 else None


def canonical_pair(a_id: int, b_id: int) -> tuple[int, int, bool]:
    """Order two place ids; the flag says whether they were swapped."""
    return (a_id, b_id, False) if a_id < b_id else (b_id, a_id, True)


def find_relationship(
    session: Session, a: Place, b: Place, kind: str = "sister_city"
) -> Relationship | None:
    """The relationship of a kind between two places, in either order."""
    low, high, _ = canonical_pair(a.id, b.id)
    return session.scalar(
        select(Relationship).where(
            Relationship.place_a_id == low,
            Relationship.place_b_id == high,
            Relationship.kind == kind,
        )
    )


def add_relationship(
    session: Session,
    a: Place,
    b: Place,
    *,
    kind: str = "sister_city",
    status: str = "unknown",
    start: str | None = None,
    end: str | None = None,
    initiated_by: str | None = None,
    notes: str | None = None,
) -> Relationship:
    """Add a relationship between two different places (refused if it exists).

    ``initiated_by`` is ``"a"``, ``"b"`` or ``"both"`` in the order the places
    are given; it is flipped if the canonical order swaps them. ``status``
    defaults to ``unknown``: a relationship recorded without a source that
    describes it is neither active nor dormant until someone says so.
    """
    if a.id == b.id:
        raise InputError(Message("a relationship needs two different places"), field="place")
    check_choice(kind, taxonomy.RelationshipKind, "kind")
    check_choice(status, taxonomy.RelationshipStatus, "status")
    if initiated_by not in (None, "a", "b", "both"):
        raise InputError(Message("must be a, b or both"), field="initiated_by")
    started = parse_partial(start, field="start")
    ended = parse_partial(end, field="end")
    if started and started.date > dt.date.today():
        raise InputError(
            Message(
                "%(start)s is in the future: a relationship starts when it is signed "
                "(record a proposed relationship without a start)",
                start=str(started),
            ),
            field="start",
        )
    if started and ended and ended.last_day < started.date:
        raise InputError(checks.ends_before(started, ended), field="end")
    if find_relationship(session, a, b, kind) is not None:
        raise InputError(
            Message(
                "%(a)s and %(b)s already have a %(kind)s",
                a=a.label(),
                b=b.label(),
                kind=Term("kind", kind),
            ),
            field="place",
        )
    low, high, swapped = canonical_pair(a.id, b.id)
    if swapped and initiated_by in ("a", "b"):
        initiated_by = "b" if initiated_by == "a" else "a"
    rel = Relationship(
        place_a_id=low,
        place_b_id=high,
        kind=kind,
        status=status,
        start_date=started.date if started else None,
        start_precision=started.precision if started else None,
        end_date=ended.date if ended else None,
        end_precision=ended.precision if ended else None,
        initiated_by=initiated_by,
        notes=notes,
    )
    session.add(rel)
    session.flush()
    session.add(_first_status(rel, session.info.get("user")))
    return rel


def _first_status(rel: Relationship, user: str | None) -> StatusChange:
    """The first step of the history: the status the relationship was recorded with.

    Only a proposed or active status is dated by the signing; a relationship
    recorded as already dormant, suspended or ended did not start that way, so
    the date of that status stays unknown rather than being set to the signing.
    """
    dated = rel.status in (taxonomy.RelationshipStatus.PROPOSED, taxonomy.RelationshipStatus.ACTIVE)
    return StatusChange(
        relationship_id=rel.id,
        from_status=None,
        to_status=rel.status,
        date=rel.start_date if dated else None,
        date_precision=rel.start_precision if dated else None,
        reason=f"recorded as {rel.status}",
        recorded_by=user,
    )


def get_relationship(session: Session, relationship_id: int) -> Relationship:
    rel = session.get(Relationship, relationship_id)
    if rel is None:
        raise NotFoundError(checks.no_relationship(relationship_id))
    return rel


def get_place(session: Session, place_id: int) -> Place:
    place = session.get(Place, place_id)
    if place is None:
        raise NotFoundError(checks.no_place(place_id))
    return place
