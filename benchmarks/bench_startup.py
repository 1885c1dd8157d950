"""Benchmark: what every ``sistercities`` command pays before it does anything.

Run from the project root::

    python benchmarks/bench_startup.py                        # best of 10
    python benchmarks/bench_startup.py --before /tmp/main/src   # and an older src/, same run

Each measurement is a whole process, the way a person runs a command; its CPU
time (user + system, from ``wait4``) and wall time are its own. In the same
run, alternating so that all see the same load:

- ``python -c pass``: the interpreter alone (the floor);
- ``python -c "import sqlalchemy.orm"``: the library every registry command needs;
- ``python -c "import sistercities.cli"``: the command line's module;
- ``sistercities --version``;
- ``sistercities --db EMPTY stats`` and ``... stats --json``: a registry
  command on an empty registry already at the current schema (made
  beforehand), so what is timed is start-up, the schema check and one
  small query;
- with ``--before SRC``: the module, ``--version`` and ``stats`` of an older
  ``src/`` tree (``git archive main src | tar -x -C /tmp/main``).

Commands run as ``python -m sistercities`` with ``PYTHONPATH`` set to the tree
under test. Bytecode: an installed package has its ``.pyc`` files (pip
compiles them); this machine sets ``PYTHONDONTWRITEBYTECODE=1``, which would
make every run compile our modules from source. Each tree is compiled once
before timing (``compileall``, as pip does); ``--source`` skips that and
times the compile-every-time case instead.
"""

from __future__ import annotations

import argparse
import compileall
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
SRC = ROOT / "src"


def timed(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``argv``; its wall time, CPU time (user + system) and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{stderr[-2000:]}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
    }


def empty_registry(folder: Path, env: dict[str, str]) -> Path:
    """An empty registry at the current schema, made by the tree under test (untimed)."""
    db = folder / f"registry-{time.monotonic_ns()}.sqlite"
    code = "import sys; from sistercities.registry import store; store.Registry.open(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, env=env)
    return db


def cases(folder: Path, before: Path | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Case name -> (argv, environment)."""
    python = sys.executable
    env = os.environ | {"PYTHONPATH": str(SRC)}
    db = str(empty_registry(folder, env))
    command = [python, "-m", "sistercities"]
    found = {
        "python -c pass": ([python, "-c", "pass"], env),
        "import sqlalchemy.orm": ([python, "-c", "import sqlalchemy.orm"], env),
        "import sistercities.cli": ([python, "-c", "import sistercities.cli"], env),
        "sistercities --version": ([*command, "--version"], env),
        "sistercities stats": ([*command, "--db", db, "stats"], env),
        "sistercities stats --json": ([*command, "--db", db, "stats", "--json"], env),
    }
    if before is not None:
        old_env = os.environ | {"PYTHONPATH": str(before)}
        old_db = str(empty_registry(folder, old_env))
        found["import sistercities.cli, before"] = (
            [python, "-c", "import sistercities.cli"],
            old_env,
        )
        found["sistercities --version, before"] = ([*command, "--version"], old_env)
        found["sistercities stats, before"] = ([*command, "--db", old_db, "stats"], old_env)
    return found


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    cpu = [run["cpu"] for run in runs]
    wall = [run["seconds"] for run in runs]
    return {
        "cpu_best": min(cpu),
        "cpu_median": statistics.median(cpu),
        "wall_best": min(wall),
        "wall_median": statistics.median(wall),
        "peak_mb": max(run["peak_mb"] for run in runs),
        "runs": len(runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs of each case (default 10)")
    parser.add_argument("--before", type=Path, help="an older src/ tree to time in the same run")
    parser.add_argument("--source", action="store_true", help="do not compile bytecode first")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if not args.source:
        for tree in [SRC] + ([args.before] if args.before else []):
            compileall.compile_dir(str(tree), quiet=1)
    with tempfile.TemporaryDirectory() as work:
        table = cases(Path(work), args.before)
        for argv, env in table.values():  # warm the file cache; untimed
            timed(argv, env)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in table}
        for _ in range(args.repeat):
            for name, (argv, env) in table.items():
                runs[name].append(timed(argv, env))
    load = os.getloadavg()
    results = {name: summary(found) for name, found in runs.items()}
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.repeat} runs each")
    print(f"{'case':34} {'CPU best':>9} {'CPU med':>8} {'wall best':>10} {'wall med':>9} {'MB':>5}")
    for name, row in results.items():
        print(
            f"{name:34} {row['cpu_best']:9.3f} {row['cpu_median']:8.3f} "
            f"{row['wall_best']:10.3f} {row['wall_median']:9.3f} {row['peak_mb']:5.0f}"
        )
    if args.json:
        args.json.write_text(json.dumps({"load": load, "results": results}, indent=2))


if __name__ == "__main__":
    main()
