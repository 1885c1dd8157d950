"""The analyses' sentences on the office's pages are in the reader's language (issue 14, item 6).

Health reasons and formulas, the asymmetry and phase explanations and the
handover dossier are written by the library (:mod:`sistercities.messages`),
not by the templates: a Spanish reader gets them in Spanish, an English one
in English, on SQLite and PostgreSQL. The last test renders every office
page of the demo in Spanish and looks for any library sentence left in
English.
"""

from __future__ import annotations

import html
import re
import runpy
from pathlib import Path

from sqlalchemy import select

from sistercities import operations as ops
from sistercities.registry.models import Place, Relationship
from tests.web.conftest import Site, sign_in

ROOT = Path(__file__).resolve().parents[2]
ES, EN = {"accept-language": "es-EC,es;q=0.9"}, {"accept-language": "en-US,en;q=0.9"}


def _relationship(site: Site, a: str, b: str) -> int:
    with site.registry.session() as session:
        for rel in session.scalars(select(Relationship)):
            if {rel.place_a.name, rel.place_b.name} == {a, b}:
                return rel.id
    raise AssertionError(f"no {a}–{b} in the demo")


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_a_relationship_page_reads_its_analyses_in_spanish_and_in_english(site: Site) -> None:
    sign_in(site.client, "officer")
    quito = _relationship(site, "Quito", "Louisville")  # dormant since the 1962 signing
    spanish = _text(site.client.get(f"/relationships/{quito}", headers=ES).text)
    english = _text(site.client.get(f"/relationships/{quito}", headers=EN).text)
    assert "registrada como inactiva (lo dice la fuente)" in spanish
    assert "recorded as dormant (the source says so), kept as recorded" in english
    assert "recorded as dormant" not in spanish
    # a figure's formula and range
    assert "meses completos desde el último día posible de la última actividad" in spanish
    assert "[0, ∞) o ninguno" in spanish and "[0, ∞) or none" in english
    # the asymmetry profile, its flows named in Spanish, and the phase's rule
    assert "Perfil de asimetría de la relación" in spanish
    assert "interdependencia (ciudad <-> ciudad extranjera):" in spanish
    assert "interdependence (city <-> foreign city):" in english
    cuenca = _relationship(site, "Cuenca", "Peekskill")
    spanish = _text(site.client.get(f"/relationships/{cuenca}", headers=ES).text)
    english = _text(site.client.get(f"/relationships/{cuenca}", headers=EN).text)
    assert "Capas y fase de la relación" in spanish
    assert re.search(r"económica: \d+ actividad", spanish), "the layer's name is Spanish too"
    assert re.search(r"economic: \d+ activit", english)
    # nothing economic on record: the associative rule, and the warning of `004`
    assert "fase: asociativa — actividades, pero sin capa económica" in spanish
    assert "phase: associative — activities, but no economic layer" in english
    assert "aviso: sin capa económica: las capas de Lecours son acumulativas" in spanish
    assert "Capas cubiertas: cooperación descentralizada, política" in spanish
    # no dated activity since the 2021 signing, but undated ones: not read as dormant
    assert "sin contacto registrado desde la firma de 2021" in spanish
    assert "no recorded contact since the 2021 signing" in english
    assert "actividades realizadas no tienen fecha y pueden ser más recientes" in spanish


def test_the_health_reason_of_a_silent_relationship_names_the_signing_in_spanish(
    site: Site,
) -> None:
    """Cuenca–Tempe: the reason counts from the signing, its date and number in Spanish."""
    sign_in(site.client, "officer")
    rel = _relationship(site, "Cuenca", "Tempe")
    spanish = _text(site.client.get(f"/relationships/{rel}", headers=ES).text)
    english = _text(site.client.get(f"/relationships/{rel}", headers=EN).text)
    found = re.search(r"no recorded contact since the (\S+) signing: (\d+) months", english)
    if found:  # the demo records Cuenca–Tempe's signing and nothing after it
        when, months = found.groups()
        assert f"sin contacto registrado desde la firma de {when}: {months} meses" in spanish
    else:
        assert "el estado «inactiva»" in spanish or "registrada como inactiva" in spanish


def test_the_handover_dossier_reads_in_the_readers_language(site: Site) -> None:
    sign_in(site.client, "officer")
    spanish = site.client.get("/dossier", params={"place": "Cuenca, EC"}, headers=ES).text
    english = site.client.get("/dossier", params={"place": "Cuenca, EC"}, headers=EN).text
    assert "Expediente de traspaso: Cuenca (EC)" in spanish
    assert "Handover dossier: Cuenca (EC)" in english
    assert "## Qué quedó inactivo, y cuándo" in spanish
    assert "## What went dormant, and when" in english
    assert "estado «inactiva»" in spanish and "status dormant" in english
    download = site.client.get(
        "/dossier/download", params={"place": "Cuenca, EC", "format": "html"}, headers=ES
    )
    assert '<html lang="es">' in download.text
    assert "Personas en ambos lados" in download.text


def test_the_network_page_explains_its_figures_in_the_readers_language(site: Site) -> None:
    """The figures in the locale's numbers (a decimal comma in Spanish), the explanation too."""
    sign_in(site.client, "officer")
    spanish = _text(site.client.get("/network", headers=ES).text)
    english = _text(site.client.get("/network", headers=EN).text)
    mean_es = re.search(r"Grado medio\s+(\d+),(\d\d)\s", spanish)
    mean_en = re.search(r"Mean degree\s+(\d+)\.(\d\d)\s", english)
    assert mean_es and mean_en and mean_es.groups() == mean_en.groups()
    share = re.search(r"Proporción en el componente mayor\s+\d+,\d %", spanish)
    assert share and re.search(r"Share in the largest component\s+\d+\.\d %", english)
    explained_es = re.search(
        r"nodos (\d+), aristas (\d+), grado medio (\d+),(\d\d), grado máximo (\d+)", spanish
    )
    explained_en = re.search(
        r"nodes (\d+), edges (\d+), mean degree (\d+)\.(\d\d), max degree (\d+)", english
    )
    assert explained_es and explained_en and explained_es.groups() == explained_en.groups()
    assert explained_es.group(3, 4) == mean_es.groups()
    assert "Red de hermanamientos" in spanish and "Twinning network" in english
    assert "intermediación = suma sobre los pares s<t" in spanish
    assert "betweenness = sum over pairs s<t" in english
    assert "PageRank: amortiguación 0,85" in spanish and "PageRank: damping 0.85" in english
    assert re.search(r"comunidades \(Louvain, semilla 0\): \d+, modularidad (-?\d+,\d{3}|n/d)",
                     spanish)
    assert "mean degree = 2m / n" not in spanish and "formulas:" not in spanish


def _fragments() -> set[str]:
    """The English words of every library sentence, between its placeholders (4+ words).

    Four words or more: shorter pieces ("recorded as unknown") also occur in
    the stored data the demo imported, which is English and stays so.
    """
    catalog = runpy.run_path(str(ROOT / "tools" / "i18n_web.py"))["extracted"]()
    found = set()
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"%\(\w+\)s|[;:()\[\]]", msgid or ""):
                piece = piece.strip(" ,.—*")
                if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 4:
                    found.add(piece)
    return found


def _portal_pages(site: Site) -> list[str]:
    """Cuenca's and Peekskill's portals switched on: every page of both, and the overviews."""
    pages = ["/portal/", "/portal/overview", "/portal/search?q=Peekskill"]
    for place in ("Cuenca, EC", "Peekskill, US"):
        slug = ops.portal_enable(site.registry, place=place, user="admin")["slug"]
        pages.append(f"/portal/{slug}")
        other = "Peekskill" if place.startswith("Cuenca") else "Cuenca"
        pages.append(f"/portal/{slug}/{other.lower()}")  # the partner's readable slug
    return pages


def _office_pages(site: Site) -> list[str]:
    with site.registry.session() as session:
        rels = list(session.scalars(select(Relationship.id)))
        places = list(
            session.scalars(
                select(Place.id).where(
                    Place.id.in_(select(Relationship.place_a_id))
                    | Place.id.in_(select(Relationship.place_b_id))
                )
            )
        )
    return [
        "/",
        "/relationships",
        "/report?year=2023",
        *[f"/relationships/{r}" for r in rels],
        *[f"/places/{p}" for p in places],
        *[f"/dossier?place={p}" for p in places],
        "/council",
        *[f"/council/{r}" for r in rels],
        "/network",
    ]


def test_no_library_sentence_is_left_in_english_on_a_spanish_page(site: Site) -> None:
    """Every office page of the demo, its councils and two portals, read in Spanish."""
    sign_in(site.client, "officer")
    fragments = _fragments()
    left: dict[str, set[str]] = {}
    seen_in_english = set()
    for address in [*_office_pages(site), *_portal_pages(site)]:
        spanish = site.client.get(address, headers=ES)
        assert spanish.status_code == 200, address
        text = _text(spanish.text)
        english_left = {f for f in fragments if f in text}
        if english_left:
            left[address] = english_left
        if address.startswith(("/relationships/", "/report")):  # where most sentences are
            english = _text(site.client.get(address, headers=EN).text)
            seen_in_english |= {f for f in fragments if f in english}
    assert left == {}
    assert len(seen_in_english) > 40, "the check must see the English it looks for"
