"""The handover dossier of a place: what an incoming administration must know.

Why: in Quito a new team "discovered several sister city relationships
through ambassadors" after a complete staff turnover, and Krakow "had lost
all contact with the city government" (`004` §4.1). The dossier is the
transition process that was missing: every agreement of the place with its
status and history, who holds and carries each side, the people to call,
the last activities and the open commitments, and what went dormant when.

:func:`build_dossier` turns the plain records that
:func:`sistercities.analysis.load.dossier_record` reads into plain data, a
pure function like every analysis; :func:`render` turns that into
Markdown, a printable HTML page (CSS inline, no network assets) or PDF (with
``fpdf2``, a pure-Python engine from PyPI).

Personal data: actors' contact details are included only when asked for
*and* the session's user is an officer (the loader checks, with
:mod:`sistercities.registry.access`); otherwise they are not even read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from sistercities import messages
from sistercities.analysis.office import health as health_module
from sistercities.analysis.records import ActivityRec, DossierRec, PlaceRec, RelationshipRec
from sistercities.dates import format_partial, parse_partial
from sistercities.errors import InputError, PdfUnavailableError
from sistercities.messages import Joined, Message, Term, When

FORMATS = ("md", "html", "pdf")
LAST_ACTIVITIES = 5


def _when(date: dt.date | None, precision: str | None) -> str | None:
    return format_partial(date, precision)


def _activity(activity: ActivityRec) -> dict[str, Any]:
    return {
        "title": activity.title,
        "date": _when(activity.date, activity.date_precision),
        "layer": activity.layer,
        "area": activity.area,
    }


def _activities(
    rel: RelationshipRec, as_of: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The latest carried-out activities (newest first) and the open commitments."""
    done = [a for a in rel.activities if not a.planned and (a.date is None or a.date <= as_of)]
    done.sort(key=lambda a: (a.date is not None, a.date or dt.date.min, a.id), reverse=True)
    planned = sorted(
        (a for a in rel.activities if a.planned), key=lambda a: (a.date or dt.date.max, a.id)
    )
    return [_activity(a) for a in done[:LAST_ACTIVITIES]], [_activity(a) for a in planned]


def _people(rel: RelationshipRec, include_contacts: bool) -> list[dict[str, Any]]:
    """Everyone linked to the relationship, by side; contact details only when allowed."""
    names = {rel.a.id: rel.a.name, rel.b.id: rel.b.name}
    people = []
    for link in sorted(rel.links, key=lambda k: (k.side_place_id or 0, k.part, k.id or 0)):
        person: dict[str, Any] = {
            "side": names.get(link.side_place_id or -1, Message("either side")),
            "name": link.name,
            "role": link.role,
            "tier": link.tier,
            "part": link.part,
            "since": _when(link.start, link.start_precision),
            "until": _when(link.end, link.end_precision),
        }
        if include_contacts:
            person["contact"] = dict(link.contact or {})
        people.append(person)
    return people


def _history(rel: RelationshipRec) -> list[dict[str, Any]]:
    """Each change once, in date order, with its from-status (the loader's ``history``)."""
    return [
        {
            "from": step.from_status,
            "to": step.to_status,
            "date": step.date,
            "reason": step.reason,
            "recorded_by": step.recorded_by,
        }
        for step in rel.history
    ]


def _dormant_since(rel: RelationshipRec) -> str | None:
    """When a dormant relationship went dormant ("date not recorded" if unknown)."""
    if rel.status != "dormant":
        return None
    steps = [c for c in rel.status_changes if c.status == "dormant"]
    when = _when(steps[-1].date, steps[-1].precision) if steps else None
    return when or Message("date not recorded")


def _relationship(
    rel: RelationshipRec, place: PlaceRec, figures: health_module.Health, include_contacts: bool
) -> dict[str, Any]:
    partner = rel.b if rel.a.id == place.id else rel.a
    initiator = {"a": rel.a.name, "b": rel.b.name, "both": Message("both")}.get(
        rel.initiated_by or ""
    )
    last, commitments = _activities(rel, figures.as_of)
    return {
        "id": rel.id,
        "partner": {"name": partner.name, "country": partner.country},
        "kind": rel.kind,
        "status": rel.status,
        "start": _when(rel.start, rel.start_precision),
        "end": _when(rel.end, rel.end_precision),
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
            "missing": figures.missing,
        },
    }


def _administrations(records: DossierRec) -> list[dict[str, Any]]:
    return [
        {
            "office": a.office,
            "holder": a.holder,
            "start": _when(a.start, a.start_precision),
            "end": _when(a.end, a.end_precision),
        }
        for a in records.administrations
    ]


def _not_enough(relationships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agreements with nothing dated on record: no verdict, and what is missing."""
    return [
        {"partner": r["partner"]["name"], "status": r["status"], "missing": r["health"]["missing"]}
        for r in relationships
        if r["health"]["suggestion"] == health_module.NOT_ENOUGH
    ]


def _went_dormant(relationships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dormant relationships, and active ones that health finds dormant, with when and why."""
    return [
        {
            "partner": r["partner"]["name"],
            "status": r["status"],
            "suggestion": r["health"]["suggestion"],
            "since": r["dormant_since"],
            "why": Joined("; ", r["health"]["reasons"]),
        }
        for r in relationships
        if r["status"] == "dormant" or r["health"]["suggestion"] in ("dormant", "at_risk")
    ]


def build_dossier(
    records: DossierRec,
    *,
    as_of: dt.date | None = None,
    dormant_after_months: int = health_module.DORMANT_AFTER_MONTHS,
) -> dict[str, Any]:
    """The handover dossier of a place as plain data, from what the loader read.

    ``records`` comes from :func:`sistercities.analysis.load.dossier_record`
    (which checks that contacts go only to an officer); the dossier holds
    contact details exactly when ``records.include_contacts``.
    """
    as_of = as_of or dt.date.today()
    rels = sorted(records.relationships, key=lambda r: r.id)
    figures = {
        h.relationship_id: h
        for h in health_module.health_report(rels, as_of, dormant_after_months=dormant_after_months)
    }
    place, contacts = records.place, records.include_contacts
    relationships = [_relationship(r, place, figures[r.id], contacts) for r in rels]
    return {
        "place": {"id": place.id, "name": place.name, "country": place.country},
        "as_of": as_of.isoformat(),
        "prepared_by": records.prepared_by,
        "include_contacts": contacts,
        "administrations": _administrations(records),
        "summary": {
            "relationships": len(relationships),
            "by_status": dict(Counter(r["status"] for r in relationships).most_common()),
            "open_commitments": sum(len(r["open_commitments"]) for r in relationships),
        },
        "relationships": relationships,
        "went_dormant": _went_dormant(relationships),
        "not_enough_on_record": _not_enough(relationships),
    }


@pass_context
def _shown(context: Context, value: Any) -> Any:
    return messages.in_language(value, context.get("lang"))


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("sistercities.analysis.office", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )


def _local_date(text: Any, language: str) -> str:
    """A stored partial date (``1962``, ``2023-05``) as the reader's locale writes it."""
    if not text:
        return ""
    if isinstance(text, Message):  # "date not recorded"
        return text.localised(language)
    try:
        found = parse_partial(str(text))
    except InputError:
        return str(text)
    return When(found.date, found.precision).localised(language) if found else str(text)


def _words(language: str) -> dict[str, Any]:
    """The template's translation helpers for one language (English: as the library wrote)."""
    english = language == messages.ENGLISH
    return {
        "lang": language,
        "_": lambda text, **values: messages.gettext(text, language, **values),
        "ngettext": lambda one, other, n, **values: messages.ngettext(
            one, other, n, language, **values
        ),
        "term": lambda group, value: (
            Term(group, value).english() if english else Term(group, value).localised(language)
        ),
        "when": (lambda text: str(text or "")) if english else (lambda t: _local_date(t, language)),
        "joined": lambda items: Joined("; ", items),
    }


def render_markdown(dossier: dict[str, Any], language: str = messages.ENGLISH) -> str:
    """The dossier as Markdown, in ``language`` (English by default)."""
    template = _environment().get_template("dossier.md.j2")
    return template.render(d=dossier, **_words(language))


def render_html(
    dossier: dict[str, Any], *, for_pdf: bool = False, language: str = messages.ENGLISH
) -> str:
    """The dossier as one printable HTML page (or the plain HTML the PDF engine reads)."""
    template = _environment().get_template("dossier.html.j2")
    return template.render(d=dossier, for_pdf=for_pdf, **_words(language))


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


def render_pdf(dossier: dict[str, Any], language: str = messages.ENGLISH) -> bytes:
    """The dossier as PDF (needs ``fpdf2``; raises :class:`PdfUnavailableError` without it)."""
    try:
        from fpdf import FPDF
    except ImportError:
        raise PdfUnavailableError(
            Message(
                "no PDF engine: install fpdf2 (pip install fpdf2), "
                "or use --format html and print it"
            )
        ) from None
    pdf = FPDF(format="A4")
    pdf.set_title(
        messages.gettext("Handover dossier: %(place)s", language, place=dossier["place"]["name"])
    )
    pdf.add_page()
    fonts = _font_files()
    if fonts:
        for style, path in fonts.items():
            pdf.add_font("DejaVu", style, path)
        pdf.set_font("DejaVu", size=10)
    else:  # core fonts only know Latin-1
        pdf.set_font("Helvetica", size=10)
    html = render_html(dossier, for_pdf=True, language=language)
    if not fonts:
        html = html.encode("latin-1", "replace").decode("latin-1")
    pdf.write_html(html)
    return bytes(pdf.output())


def render(dossier: dict[str, Any], fmt: str, language: str = messages.ENGLISH) -> bytes:
    """The dossier in one of :data:`FORMATS`, as bytes ready to write, in ``language``."""
    if fmt == "md":
        return render_markdown(dossier, language).encode("utf-8")
    if fmt == "html":
        return render_html(dossier, language=language).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(dossier, language)
    raise InputError(
        Message("%(value)r is not one of: %(allowed)s", value=fmt, allowed=", ".join(FORMATS)),
        field="format",
    )
