"""The handover dossier of a place: what an incoming administration must know.

Why: in Quito a new team "discovered several sister city relationships
through ambassadors" after a complete staff turnover, and Krakow "had lost
all contact with the city government" (`004` §4.1). The dossier is the
transition process that was missing: every agreement of the place with its
status and history, who holds and carries each side, the people to call,
the last activities and the open commitments, and what went dormant when.

:func:`build_dossier` gathers plain data; :func:`render` turns it into
Markdown, a printable HTML page (CSS inline, no network assets) or PDF (with
``fpdf2``, a pure-Python engine from PyPI).

Personal data: actors' contact details are included only when asked for
*and* the session's user is an officer (:mod:`sistercities.registry.access`);
otherwise they are not even read into the dossier.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sistercities.analysis import load
from sistercities.analysis.office import health as health_module
from sistercities.dates import format_partial
from sistercities.errors import InputError, PdfUnavailableError
from sistercities.registry import access
from sistercities.registry.models import Activity, Administration, Place, Relationship

FORMATS = ("md", "html", "pdf")
LAST_ACTIVITIES = 5


def _when(date: dt.date | None, precision: str | None) -> str | None:
    return format_partial(date, precision)


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "title": activity.title,
        "date": _when(activity.date, activity.date_precision),
        "layer": activity.layer,
        "area": activity.area,
    }


def _activities(
    rel: Relationship, as_of: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The latest carried-out activities (newest first) and the open commitments."""
    done = [a for a in rel.activities if not a.planned and (a.date is None or a.date <= as_of)]
    done.sort(key=lambda a: (a.date is not None, a.date or dt.date.min, a.id), reverse=True)
    planned = sorted(
        (a for a in rel.activities if a.planned), key=lambda a: (a.date or dt.date.max, a.id)
    )
    return [_activity(a) for a in done[:LAST_ACTIVITIES]], [_activity(a) for a in planned]


def _people(rel: Relationship, include_contacts: bool) -> list[dict[str, Any]]:
    """Everyone linked to the relationship, by side; contact details only when allowed."""
    names = {rel.place_a_id: rel.place_a.name, rel.place_b_id: rel.place_b.name}
    people = []
    for link in sorted(rel.actor_links, key=lambda k: (k.side_place_id or 0, k.role, k.id)):
        person: dict[str, Any] = {
            "side": names.get(link.side_place_id or -1, "either side"),
            "name": link.actor.name,
            "role": link.actor.role,
            "tier": link.actor.tier,
            "part": link.role,
            "since": _when(link.start_date, link.start_precision),
            "until": _when(link.end_date, link.end_precision),
        }
        if include_contacts:
            person["contact"] = dict(link.actor.contact or {})
        people.append(person)
    return people


def _history(rel: Relationship) -> list[dict[str, Any]]:
    return [
        {
            "from": c.from_status,
            "to": c.to_status,
            "date": _when(c.date, c.date_precision),
            "reason": c.reason,
            "recorded_by": c.recorded_by,
        }
        for c in rel.status_changes
    ]


def _dormant_since(rel: Relationship) -> str | None:
    """When a dormant relationship went dormant ("date not recorded" if unknown)."""
    if rel.status != "dormant":
        return None
    steps = [c for c in rel.status_changes if c.to_status == "dormant"]
    when = _when(steps[-1].date, steps[-1].date_precision) if steps else None
    return when or "date not recorded"


def _relationship(
    rel: Relationship, place: Place, figures: health_module.Health, include_contacts: bool
) -> dict[str, Any]:
    partner = rel.place_b if rel.place_a_id == place.id else rel.place_a
    initiator = {"a": rel.place_a.name, "b": rel.place_b.name, "both": "both"}.get(
        rel.initiated_by or ""
    )
    last, commitments = _activities(rel, figures.as_of)
    return {
        "id": rel.id,
        "partner": {"name": partner.name, "country": partner.country_code},
        "kind": rel.kind,
        "status": rel.status,
        "start": _when(rel.start_date, rel.start_precision),
        "end": _when(rel.end_date, rel.end_precision),
        "initiated_by": initiator,
        "initiated_by_note": rel.initiated_by_note,
        "notes": rel.notes,
        "status_history": _history(rel),
        "people": _people(rel, include_contacts),
        "last_activities": last,
        "open_commitments": commitments,
        "dormant_since": _dormant_since(rel),
        "health": {
            "suggestion": figures.suggestion,
            "last_activity": figures.last_activity,
            "months_since_contact": figures.months_since_contact,
            "non_government_carrier": figures.non_government_carrier,
            "government_only_sides": figures.government_only_sides,
            "reasons": figures.reasons,
        },
    }


def _administrations(session: Session, place: Place) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Administration)
        .where(Administration.place_id == place.id)
        # undated last on both backends (SQLite sorts NULL first, PostgreSQL last)
        .order_by(Administration.start_date.is_(None), Administration.start_date, Administration.id)
    )
    return [
        {
            "office": a.office,
            "holder": a.holder,
            "start": _when(a.start_date, a.start_precision),
            "end": _when(a.end_date, a.end_precision),
        }
        for a in rows
    ]


def _went_dormant(relationships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dormant relationships, and active ones that health finds dormant, with when and why."""
    return [
        {
            "partner": r["partner"]["name"],
            "status": r["status"],
            "suggestion": r["health"]["suggestion"],
            "since": r["dormant_since"],
            "why": "; ".join(r["health"]["reasons"]),
        }
        for r in relationships
        if r["status"] == "dormant" or r["health"]["suggestion"] in ("dormant", "at_risk")
    ]


def build_dossier(
    session: Session,
    place: Place,
    *,
    as_of: dt.date | None = None,
    include_contacts: bool = False,
    dormant_after_months: int = health_module.DORMANT_AFTER_MONTHS,
) -> dict[str, Any]:
    """Gather the handover dossier of a place as plain data.

    ``include_contacts`` requires the session's user to be an officer
    (raises :class:`~sistercities.errors.AccessDeniedError`).
    """
    if include_contacts:
        access.require_officer(session)
    as_of = as_of or dt.date.today()
    rels = list(
        session.scalars(
            select(Relationship)
            .where(or_(Relationship.place_a_id == place.id, Relationship.place_b_id == place.id))
            .order_by(Relationship.id)
        )
    )
    figures = {
        h.relationship_id: h
        for h in health_module.health_report(
            load.health_records(session, place), as_of, dormant_after_months=dormant_after_months
        )
    }
    relationships = [_relationship(r, place, figures[r.id], include_contacts) for r in rels]
    return {
        "place": {"id": place.id, "name": place.name, "country": place.country_code},
        "as_of": as_of.isoformat(),
        "prepared_by": access.current_user(session),
        "include_contacts": include_contacts,
        "administrations": _administrations(session, place),
        "summary": {
            "relationships": len(relationships),
            "by_status": dict(Counter(r["status"] for r in relationships).most_common()),
            "open_commitments": sum(len(r["open_commitments"]) for r in relationships),
        },
        "relationships": relationships,
        "went_dormant": _went_dormant(relationships),
    }


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("sistercities.analysis.office", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_markdown(dossier: dict[str, Any]) -> str:
    """The dossier as Markdown."""
    return _environment().get_template("dossier.md.j2").render(d=dossier)


def render_html(dossier: dict[str, Any], *, for_pdf: bool = False) -> str:
    """The dossier as one printable HTML page (or the plain HTML the PDF engine reads)."""
    return _environment().get_template("dossier.html.j2").render(d=dossier, for_pdf=for_pdf)


def _font_files() -> dict[str, str] | None:
    """DejaVu Sans from matplotlib's data (a dependency): Unicode text without a download."""
    try:
        fonts = resources.files("matplotlib") / "mpl-data" / "fonts" / "ttf"
    except ModuleNotFoundError:
        return None
    files = {
        "": "DejaVuSans.ttf",
        "B": "DejaVuSans-Bold.ttf",
        "I": "DejaVuSans-Oblique.ttf",
        "BI": "DejaVuSans-BoldOblique.ttf",
    }
    paths = {style: fonts / name for style, name in files.items()}
    if not all(p.is_file() for p in paths.values()):
        return None
    return {style: str(p) for style, p in paths.items()}


def render_pdf(dossier: dict[str, Any]) -> bytes:
    """The dossier as PDF (needs ``fpdf2``; raises :class:`PdfUnavailableError` without it)."""
    try:
        from fpdf import FPDF
    except ImportError:
        raise PdfUnavailableError(
            "no PDF engine: install fpdf2 (pip install fpdf2), or use --format html and print it"
        ) from None
    pdf = FPDF(format="A4")
    pdf.set_title(f"Handover dossier: {dossier['place']['name']}")
    pdf.add_page()
    fonts = _font_files()
    if fonts:
        for style, path in fonts.items():
            pdf.add_font("DejaVu", style, path)
        pdf.set_font("DejaVu", size=10)
    else:  # core fonts only know Latin-1
        pdf.set_font("Helvetica", size=10)
    html = render_html(dossier, for_pdf=True)
    if not fonts:
        html = html.encode("latin-1", "replace").decode("latin-1")
    pdf.write_html(html)
    return bytes(pdf.output())


def render(dossier: dict[str, Any], fmt: str) -> bytes:
    """The dossier in one of :data:`FORMATS`, as bytes ready to write."""
    if fmt == "md":
        return render_markdown(dossier).encode("utf-8")
    if fmt == "html":
        return render_html(dossier).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(dossier)
    raise InputError(f"{fmt!r} is not one of: {', '.join(FORMATS)}", field="format")
