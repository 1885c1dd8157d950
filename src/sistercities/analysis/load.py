"""Read registry rows into the plain records the analyses take: the one loader.

The only module of ``analysis`` that reads the database: the analyses (the
handover dossier included) stay pure functions of what this returns, and none
of them writes.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import extract, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from sistercities.analysis.network.graph import NetEdge, NetNode, TwinGraph, build_graph
from sistercities.analysis.partners.matching import MigrationRec
from sistercities.analysis.records import (
    ActivityRec,
    ActorRec,
    AdministrationRec,
    CrisisRec,
    DossierRec,
    FlowRec,
    HistoryStepRec,
    LinkRec,
    PlaceRec,
    RelationshipRec,
    StatusRec,
)
from sistercities.errors import NotFoundError
from sistercities.registry import access, checks
from sistercities.registry.memory.status import status_history
from sistercities.registry.models import (
    Activity,
    ActivityActor,
    Actor,
    Administration,
    CrisisEvent,
    MigrationTie,
    Place,
    Relationship,
    RelationshipActor,
    StatusChange,
)


def place_rec(place: Place) -> PlaceRec:
    return PlaceRec(
        place.id, place.name, place.country_code, place.population, place.latitude, place.longitude
    )


def _actor(actor: Actor, place_id: int | None = None) -> ActorRec:
    return ActorRec(actor.id, actor.name, actor.tier, actor.role, place_id or actor.place_id)


def _activity(act: Activity) -> ActivityRec:
    rel = act.relationship
    names = {rel.place_a_id: rel.place_a.name, rel.place_b_id: rel.place_b.name}
    return ActivityRec(
        id=act.id,
        title=act.title,
        date=act.date,
        date_precision=act.date_precision,
        layer=act.layer,
        area=act.area,
        initiated_by_place_id=act.initiated_by_place_id,
        actors=tuple(_actor(link.actor) for link in act.actor_links),
        flows=tuple(
            FlowRec(
                f.id,
                act.id,
                f.from_place_id,
                f.to_place_id,
                f.kind,
                f.amount,
                f.unit,
                names.get(f.from_place_id, "?"),
                names.get(f.to_place_id, "?"),
            )
            for f in act.flows
        ),
        planned=act.planned,
        participants=act.participants,
        volunteers=act.volunteers,
        relationship_id=rel.id,
        relationship=rel.label(),
    )


def _link(link: RelationshipActor, contacts: bool = False) -> LinkRec:
    """An actor's part; the actor's contact details only when ``contacts`` (an officer asked)."""
    actor = link.actor
    return LinkRec(
        link.actor_id, actor.name, actor.tier, actor.role, link.role, link.side_place_id,
        link.end_date, link.end_precision, link.id, link.start_date, link.start_precision,
        dict(actor.contact or {}) if contacts else None,
    )  # fmt: skip


def _administration(a: Administration) -> AdministrationRec:
    return AdministrationRec(
        a.id, a.place_id, a.office, a.holder, a.start_date, a.end_date, a.end_precision,
        a.start_precision,
    )  # fmt: skip


def _status(c: StatusChange) -> StatusRec:
    return StatusRec(c.date, c.to_status, c.reason or "", c.date_precision, c.from_status)


def _history(rel: Relationship) -> tuple[HistoryStepRec, ...]:
    return tuple(
        HistoryStepRec(row["to"] or "", row["from"], row["date"], row["reason"], row["recorded_by"])
        for row in status_history(rel)
    )


def _relationship(
    rel: Relationship, admins: dict[int, list[Administration]] | None = None, contacts: bool = False
) -> RelationshipRec:
    """One relationship as a record; ``admins`` by place id, where administrations are read."""
    held = admins or {}
    return RelationshipRec(
        id=rel.id,
        a=place_rec(rel.place_a),
        b=place_rec(rel.place_b),
        kind=rel.kind,
        status=rel.status,
        start=rel.start_date,
        activities=tuple(_activity(a) for a in sorted(rel.activities, key=lambda a: a.id)),
        actors=tuple(_actor(link.actor, link.side_place_id) for link in rel.actor_links),
        status_changes=tuple(_status(c) for c in rel.status_changes),
        start_precision=rel.start_precision,
        links=tuple(_link(link, contacts) for link in rel.actor_links),
        administrations=tuple(
            _administration(a) for a in held.get(rel.place_a_id, []) + held.get(rel.place_b_id, [])
        ),
        label=rel.label(),
        end=rel.end_date,
        end_precision=rel.end_precision,
        initiated_by=rel.initiated_by,
        initiated_by_note=rel.initiated_by_note,
        notes=rel.notes,
        history=_history(rel),
    )


#: What every relationship record needs, read in a few queries rather than one per row.
_RELATIONSHIP_OPTIONS = (
    joinedload(Relationship.place_a),
    joinedload(Relationship.place_b),
    selectinload(Relationship.activities).selectinload(Activity.flows),
    selectinload(Relationship.activities)
    .selectinload(Activity.actor_links)
    .selectinload(ActivityActor.actor),
    selectinload(Relationship.actor_links).selectinload(RelationshipActor.actor),
    selectinload(Relationship.status_changes),
)


def relationship_record(session: Session, relationship_id: int) -> RelationshipRec:
    """One relationship with its activities, flows, actors and status history."""
    rel = session.scalars(
        select(Relationship)
        .where(Relationship.id == relationship_id)
        .options(*_RELATIONSHIP_OPTIONS)
    ).first()
    if rel is None:
        raise NotFoundError(checks.no_relationship(relationship_id))
    return _relationship(rel)


def crisis_records(session: Session) -> list[CrisisRec]:
    """Every recorded national crisis."""
    return [
        CrisisRec(
            c.id,
            c.name,
            (c.country_a, c.country_b),
            c.start_date,
            c.end_date,
            c.start_precision,
            c.end_precision,
        )
        for c in session.scalars(select(CrisisEvent).order_by(CrisisEvent.start_date))
    ]


def registry_graph(session: Session) -> TwinGraph:
    """The network of every relationship in the registry (start year where known).

    Reads columns, not ORM objects, through the session's connection (no ORM
    row processing) and the start year as the database computes it (no date
    parsing per row): the whole Wikipedia list (24,000 relationships) loads in
    a tenth of a second.
    """
    connection = session.connection()
    rels = connection.execute(
        select(
            Relationship.id,
            Relationship.place_a_id,
            Relationship.place_b_id,
            extract("year", Relationship.start_date),
        ).order_by(Relationship.id)
    ).all()
    used = {pid for _, a, b, _ in rels for pid in (a, b)}
    rows = connection.execute(
        select(
            Place.id,
            Place.name,
            Place.country_code,
            Place.country_text,
            Place.latitude,
            Place.longitude,
        ).order_by(Place.id)
    ).all()
    nodes = [
        NetNode(str(pid), name, code, text or "", lat, lng)
        for pid, name, code, text, lat, lng in rows
        if pid in used
    ]
    pairs = [
        NetEdge(str(a), str(b), None if year is None else int(year), str(rid))
        for rid, a, b, year in rels
    ]
    return build_graph(nodes, pairs, source="registry", credit="")


def all_places(session: Session) -> list[PlaceRec]:
    """Every place, as plain records (columns only)."""
    rows = session.execute(
        select(
            Place.id,
            Place.name,
            Place.country_code,
            Place.population,
            Place.latitude,
            Place.longitude,
        ).order_by(Place.id)
    ).all()
    return [
        PlaceRec(r.id, r.name, r.country_code, r.population, r.latitude, r.longitude) for r in rows
    ]


def relationship_pairs(session: Session) -> list[tuple[int, int]]:
    return [
        (a, b) for a, b in session.execute(select(Relationship.place_a_id, Relationship.place_b_id))
    ]


def migration_records(session: Session) -> list[MigrationRec]:
    return [
        MigrationRec(t.destination_place_id, t.people, t.origin_place_id, t.origin_country, t.id)
        for t in session.scalars(select(MigrationTie).order_by(MigrationTie.id))
    ]


#: Administrations in order of office: undated last on both backends (SQLite
#: sorts NULL first, PostgreSQL last).
_BY_START = (Administration.start_date.is_(None), Administration.start_date, Administration.id)


def health_records(
    session: Session,
    place: Place | None = None,
    *,
    ids: tuple[int, int] | None = None,
    contacts: bool = False,
) -> list[RelationshipRec]:
    """Read every relationship (or those of one place) as plain records, by id.

    ``ids`` (first, last) reads one window of ids only: a caller going through
    a large registry window by window holds one window in memory at a time.
    ``contacts`` reads the actors' contact details into the links: only
    :func:`dossier_record` asks, after checking that the user is an officer.
    """
    query = select(Relationship).options(*_RELATIONSHIP_OPTIONS).order_by(Relationship.id)
    if ids is not None:
        query = query.where(Relationship.id.between(*ids))
    if place is not None:
        query = query.where(
            or_(Relationship.place_a_id == place.id, Relationship.place_b_id == place.id)
        )
    admins: dict[int, list[Administration]] = defaultdict(list)
    for admin in session.scalars(select(Administration).order_by(*_BY_START)):
        admins[admin.place_id].append(admin)
    return [_relationship(rel, admins, contacts) for rel in session.scalars(query)]


def dossier_record(session: Session, place: Place, *, include_contacts: bool = False) -> DossierRec:
    """Everything the handover dossier of ``place`` reads, as one plain record.

    ``include_contacts`` requires the session's user to be an officer (raises
    :class:`~sistercities.errors.AccessDeniedError` before anything is read);
    without it the contact details are not even read.
    """
    if include_contacts:
        access.require_officer(session)
    administrations = session.scalars(
        select(Administration).where(Administration.place_id == place.id).order_by(*_BY_START)
    )
    return DossierRec(
        place=place_rec(place),
        relationships=tuple(health_records(session, place, contacts=include_contacts)),
        administrations=tuple(_administration(a) for a in administrations),
        prepared_by=access.current_user(session),
        include_contacts=include_contacts,
    )


def year_activities(session: Session, year: int, place: Place | None = None) -> list[ActivityRec]:
    """The carried-out activities dated in ``year`` (of one place's relationships if given)."""
    query = (
        select(Activity)
        .join(Relationship)
        .where(Activity.planned.is_(False), Activity.date.is_not(None))
        .where(extract("year", Activity.date) == year)
        .order_by(Activity.date, Activity.id)
        .options(
            joinedload(Activity.relationship).joinedload(Relationship.place_a),
            joinedload(Activity.relationship).joinedload(Relationship.place_b),
            selectinload(Activity.flows),
            selectinload(Activity.actor_links).selectinload(ActivityActor.actor),
        )
    )
    if place is not None:
        query = query.where(
            or_(Relationship.place_a_id == place.id, Relationship.place_b_id == place.id)
        )
    return [_activity(a) for a in session.scalars(query)]
