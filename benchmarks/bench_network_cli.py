"""Benchmark: ``sistercities network`` on the imported Wikipedia registry, as the user waits.

Run from the project root::

    python benchmarks/bench_network_cli.py                         # best of 3
    python benchmarks/bench_network_cli.py --before /tmp/before/src   # and an older version

The raw Wikipedia file (26,114 rows) is imported once into a fresh SQLite
registry (untimed). Then, alternating so all see the same load, each a whole
process (interpreter start, imports, reading the registry, the report):

- ``sistercities --db REGISTRY network``: betweenness and mean distance
  estimated from sampled sources (the default);
- ``sistercities --db REGISTRY network --exact``: every node searched, the
  baseline in the same run;
- the same estimate with ``SISTERCITIES_KERNEL_CHILD=0``: the searches in the
  command's own process instead of a child started early (see
  ``analysis/network/searcher.py``), the other baseline;
- with ``--before SRC``: ``network`` of an older ``src/`` tree (e.g.
  ``git archive 8c5e846 src | tar -x -C /tmp/before``), on the same registry.

One untimed warm-up run of each compiles or loads numba's cached kernel (a
first run after installing compiles it, once). Each ``src/`` tree is compiled
to bytecode first, as an installed package is (``--source`` to skip; see
``bench_import.py``, "Bytecode"). The estimates are printed
beside the exact figures with their standard errors.

Data: Hekman/twincities (MIT licence), from Wikipedia's twin-town lists (CC BY-SA).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "twin_cities_wikipedia_raw.csv"
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import import best, compile_tree, env_for, fresh_registry, timed  # noqa: E402


def network(db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sistercities", "--db", str(db), "network", *extra]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", type=Path, help="an older src/ tree to measure alongside")
    parser.add_argument("--source", action="store_true", help="do not compile bytecode first")
    args = parser.parse_args()
    src = ROOT / "src"
    if not args.source:  # as installed: see bench_import's docstring, "Bytecode"
        for tree in [src] + ([args.before] if args.before else []):
            compile_tree(tree)
    with tempfile.TemporaryDirectory() as folder:
        db = fresh_registry(Path(folder), src)
        subprocess.run(
            [sys.executable, "-m", "sistercities", "--db", str(db), "import", "pairs", str(RAW),
             "--json"],
            check=True, capture_output=True, env=env_for(src),
        )  # fmt: skip
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "network (estimated)": (network(db, "--json"), env_for(src)),
            "network --exact": (network(db, "--exact", "--json"), env_for(src)),
            "network, searched in its own process": (
                network(db, "--json"),
                {**env_for(src), "SISTERCITIES_KERNEL_CHILD": "0"},
            ),
        }
        if args.before is not None:
            commands["network, before"] = (network(db, "--json"), env_for(args.before))
        for argv, env in commands.values():  # warm-up: numba's cache
            timed(argv, env)
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (argv, env) in commands.items():
                runs[name].append(timed(argv, env))
        results = {name: best(r) for name, r in runs.items()}
    print(
        f"# bench_network_cli, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| command | wall s (best) | wall s (each run) | CPU s (best) | peak MB |")
    print("|---|---:|---|---:|---:|")
    for name, r in results.items():
        each = ", ".join(f"{s:.2f}" for s in r["all_seconds"])
        print(
            f"| {name} | {r['seconds']:.2f} | {each} | {r['cpu_best']:.2f} | {r['peak_mb']:.0f} |"
        )
    estimate = json.loads(results["network (estimated)"]["stdout"])
    exact = json.loads(results["network --exact"]["stdout"])
    print(
        f"\nmean distance: estimated {estimate['mean_distance']:.4f} ± "
        f"{estimate['mean_distance_se']:.4f}, exact {exact['mean_distance']:.4f}"
    )
    truth = {row["key"]: row["score"] for row in exact["top_betweenness"]}
    for row in estimate["top_betweenness"]:
        known = truth.get(row["key"])
        shown = f"{known:.5f}" if known is not None else "(not in the exact top list)"
        print(f"  betweenness {row['name']}: {row['score']:.5f} ± {row['se']:.5f}, exact {shown}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
