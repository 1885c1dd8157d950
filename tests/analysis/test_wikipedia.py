from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.analysis.network.wikipedia import load_wikipedia_pairs, normalise_city
from sistercities.errors import InputError


def test_light_normalisation() -> None:
    assert normalise_city("Siegen-Wittgenstein (district)") == "siegen-wittgenstein"
    assert normalise_city("Bérat") != normalise_city("Berat")


def test_countries_resolve_as_the_import_resolves_them(tmp_path: Path) -> None:
    """The loader uses the import's resolver: one place, whatever the country text says.

    ``Northern Cyprus`` is CY and ``Kazakstan`` KZ (a misspelling) for both the import
    and the network; the loader's old resolver left them as texts of their own, so the
    same town counted as two places in the raw Wikipedia network.
    """
    csv = tmp_path / "p.csv"
    csv.write_text(
        "city1,country1,city2,country2\n"
        "Kyrenia,Northern Cyprus,Lefka,Cyprus\n"
        "Kyrenia,Cyprus,Almaty,Kazakstan\n"
        "Almaty,Kazakhstan,Glasgow,\"Scotland, United Kingdom\"\n"
        "Glasgow,United Kingdom,Fermo,in Italy\n"
        "Narnia,Narnia,Fermo,Italy\n",
        encoding="utf-8",
    )
    g = load_wikipedia_pairs(csv)
    countries = {node.name: node.country for node in g.nodes}
    assert countries == {
        "Kyrenia": "CY", "Lefka": "CY", "Almaty": "KZ", "Glasgow": "GB", "Fermo": "IT",
        "Narnia": None,
    }  # fmt: skip
    assert len(g.nodes) == 6 and g.counts["edges"] == 5


def test_loader_counts_add_up(tmp_path: Path) -> None:
    csv = tmp_path / "p.csv"
    csv.write_text(
        "city1,country1,city2,country2\n"
        "Berat,Albania,Fermo,Italy\n"
        "Fermo,in Italy,Berat,Albania\n"
        "Berat,Albania,Berat (town),Albania\n"
        ",Albania,Fermo,Italy\n",
        encoding="utf-8",
    )
    g = load_wikipedia_pairs(csv)
    assert g.counts == {"rows": 4, "self_pairs": 1, "duplicates": 1, "edges": 1, "blank": 1}
    assert len(g.nodes) == 2


def test_loader_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns"):
        load_wikipedia_pairs(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_wikipedia_pairs(tmp_path / "nope.csv")
