"""Compare ``sistercities network --json`` outputs: two versions, and each against the exact one.

Run from the project root, on one registry (``bench_network_cli.py`` builds
one; any registry will do)::

    git archive main src | tar -x -C /tmp/main
    for v in before:/tmp/main/src after:src; do
      PYTHONPATH=${v#*:} python -m sistercities --db REGISTRY network --json > ${v%%:*}.json
      PYTHONPATH=${v#*:} python -m sistercities --db REGISTRY network --exact --json \\
        > ${v%%:*}-exact.json
    done
    python benchmarks/compare_network.py before.json after.json \\
      --exact before-exact.json after-exact.json

It prints every figure whose value differs between the two outputs (the
timings aside), and for each estimate (mean distance, the betweenness top
list) its distance from the exact value in standard errors. A figure
``--explain`` calls exact must agree between the versions' exact outputs
to rounding (``--tolerance``, relative); the script exits 1 when one does not.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

IGNORED = {"timings"}


def _close(a: Any, b: Any, tol: float) -> bool:
    """Equal, floats to ``tol`` relative, through lists and dicts."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol * 1e-3)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], tol) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, tol) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def differences(before: dict[str, Any], after: dict[str, Any], tol: float) -> list[str]:
    """Names of the figures that differ beyond ``tol`` (relative)."""
    keys = (before.keys() | after.keys()) - IGNORED
    return sorted(k for k in keys if not _close(before.get(k), after.get(k), tol))


def estimate_lines(label: str, estimate: dict[str, Any], exact: dict[str, Any]) -> list[str]:
    """Each estimate beside the exact value, and how many standard errors apart."""
    md, se, truth = estimate["mean_distance"], estimate["mean_distance_se"], exact["mean_distance"]
    lines = [
        f"{label}: mean distance {md:.5f} ± {se:.5f}, exact {truth:.5f}, "
        f"z = {(md - truth) / se if se else float('nan'):+.2f}"
    ]
    known = {row["key"]: row["score"] for row in exact["top_betweenness"]}
    for row in estimate["top_betweenness"]:
        value = known.get(row["key"])
        z = (row["score"] - value) / row["se"] if value is not None and row.get("se") else None
        shown = f"exact {value:.5f}, z = {z:+.2f}" if z is not None else "not in the exact top list"
        lines.append(f"  {row['name']}: {row['score']:.5f} ± {row.get('se', 0):.5f}, {shown}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--exact", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--tolerance", type=float, default=1e-7)
    args = parser.parse_args()
    before, after = (json.loads(p.read_text()) for p in (args.before, args.after))
    print("figures that differ (estimates):", ", ".join(differences(before, after, 0.0)) or "none")
    if args.exact is None:
        return 0
    exact_before, exact_after = (json.loads(p.read_text()) for p in args.exact)
    exact_names = set(after["accuracy"]["exact"]) & set(exact_after)
    beyond = differences(exact_before, exact_after, args.tolerance)
    changed = [k for k in beyond if k in exact_names]
    print(
        f"exact figures beyond {args.tolerance:g} relative between the versions: "
        + (", ".join(changed) or "none")
    )
    for label, data in (("before", before), ("after", after)):
        print("\n".join(estimate_lines(label, data, exact_after)))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
