"""Benchmark: REFI-QDA import and export of the NVivo 12 sample, as the user waits.

Run from the project root::

    python benchmarks/bench_refi.py                 # SQLite, best of 5
    python benchmarks/bench_refi.py --repeat 3 --pg postgresql://user:pw@host/db

The sample (``../shared/refi-qda/samples/nvivo12-windows_oltas_teszt.qdpx``)
holds 2 text sources of about 600,000 characters each (1.2 million, 1,786
emoji), 152 codes, 330 codings and 3 users. Each measurement is one whole
command in a fresh process, start-up included, exactly what a person types:

(a) floor: ``python -c`` that opens the zip, parses ``project.qde`` with lxml
    and decodes both texts: the least any importer must do, in the same
    interpreter start-up;
(a') ``sistercities research --help``: the command line's own start-up;
(b) ``sistercities research import-qdpx FILE --name oltasN --json`` into a
    registry that already holds the previous imports (a fresh SQLite file per
    run, or a fresh PostgreSQL database with ``--pg``);
(c) ``sistercities research export oltas --qdpx OUT --json``.

Reported: wall seconds (best and median of ``--repeat``), CPU seconds and
peak resident memory of each child process (``wait4``). On a shared machine
wall time includes waiting for a core; CPU time is the work itself. Target: under 3 s
each for (b) and (c) on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "refi-qda" / "samples" / "nvivo12-windows_oltas_teszt.qdpx"
CLI = [sys.executable, "-m", "sistercities"]

FLOOR = f"""
import zipfile
from lxml import etree
with zipfile.ZipFile({str(SAMPLE)!r}) as z:
    root = etree.fromstring(z.read("project.qde"), etree.XMLParser(huge_tree=True))
    texts = [z.read(n).decode("utf-8-sig") for n in z.namelist() if n.endswith(".txt")]
print(len(root), sum(map(len, texts)))
"""


def measure(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run one command: wall time, and CPU time and peak memory of the child (``wait4``)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                             cwd=ROOT)
    out = child.stdout.read() if child.stdout else b""
    err = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()}")
    return {"seconds": seconds, "output": out.decode(), "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024}  # Linux reports KiB


def summary(runs: list[dict[str, Any]]) -> dict[str, float]:
    seconds = [r["seconds"] for r in runs]
    return {"best_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3),
            "cpu_s": round(statistics.median(r["cpu"] for r in runs), 3),
            "peak_mb": round(max(r["peak_mb"] for r in runs), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pg", help="PostgreSQL URL of an empty database to import into")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SISTERCITIES_USER="bench")
    with tempfile.TemporaryDirectory() as folder:
        db = args.pg or str(Path(folder) / "bench.sqlite")
        floor = [measure([sys.executable, "-c", FLOOR], env) for _ in range(args.repeat)]
        start_up = [measure([*CLI, "research", "--help"], env) for _ in range(args.repeat)]
        imports, exports = [], []
        for n in range(args.repeat):
            run = measure([*CLI, "--db", db, "research", "import-qdpx", str(SAMPLE),
                           "--name", f"oltas{n}", "--json"], env)
            imported = json.loads(run["output"])
            assert (imported["codings"], imported["codes"]) == (330, 152), imported
            imports.append(run)
        for n in range(args.repeat):
            out = Path(folder) / f"export{n}.qdpx"
            exports.append(measure([*CLI, "--db", db, "research", "export", "oltas0",
                                    "--qdpx", str(out), "--json"], env))
        results = {"backend": "postgresql" if args.pg else "sqlite", "repeat": args.repeat,
                   "floor (zip + lxml parse + decode)": summary(floor),
                   "start-up (research --help)": summary(start_up),
                   "import-qdpx": summary(imports), "export --qdpx": summary(exports)}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
