"""Benchmark: the network report on the Wikipedia pairs, against plain networkx.

Run from the project root:

    python benchmarks/bench_network.py [--raw ../shared/data/twin_cities_wikipedia_raw.csv]

Prints the figures of both runs side by side, their times and the ratio.
Data: Hekman/twincities (MIT), from Wikipedia's twin-town lists.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from network_reference import compare, reference_figures  # noqa: E402
from sistercities.analysis.network.report import KONECT_TWIN, network_report  # noqa: E402
from sistercities.analysis.network.text import summary_lines  # noqa: E402
from sistercities.analysis.network.wikipedia import CREDIT, load_wikipedia_pairs  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", default=str(DATA / "twin_cities_wikipedia_raw.csv"))
    parser.add_argument("--geocoded", default=str(DATA / "twin_cities_wikipedia_geocoded.csv"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--json", dest="json_out", help="also write the results here")
    args = parser.parse_args()

    start = time.perf_counter()
    graph = load_wikipedia_pairs(args.raw, args.geocoded)
    load_s = time.perf_counter() - start
    network_report(graph, seed=args.seed)  # warm-up: loads numba's compiled cache
    start = time.perf_counter()
    report = network_report(graph, seed=args.seed)
    fast_s = time.perf_counter() - start
    print(f"loaded {graph.counts} in {load_s:.2f} s")
    print(f"fast report ({report.engine}): {fast_s:.2f} s  {report.timings}")
    print("\n".join("  " + line for line in summary_lines(report)))
    result = {
        "load_s": load_s,
        "fast_s": fast_s,
        "fast_timings": report.timings,
        "figures": report.figures(),
        "konect": KONECT_TWIN,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "credit": CREDIT,
    }
    if not args.skip_networkx:
        start = time.perf_counter()
        ref = reference_figures(graph, seed=args.seed)
        plain_s = time.perf_counter() - start
        rows = compare(report, ref)
        print(f"networkx: {plain_s:.2f} s  {ref['timings']}")
        print(f"ratio networkx / fast: {plain_s / fast_s:.1f}x")
        for row in rows:
            print(
                f"  {row['figure']:<28} {row['fast']!s:<22} {row['networkx']!s:<22} "
                f"diff {row['abs_diff']}"
            )
        result |= {"networkx_s": plain_s, "ratio": plain_s / fast_s, "comparison": rows}
    print("KONECT twin (Wikidata 2017) for comparison:", KONECT_TWIN)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
