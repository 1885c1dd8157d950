"""The 200,000-row pairs file of the import benchmark, built from the real data.

Recipe (deterministic; the file is rebuilt identically on any machine):

1. every row of ``../shared/data/twin_cities_wikipedia_raw.csv`` (26,114 rows,
   17,820 distinct ``(city, country)`` texts), in file order;
2. then rows pairing two distinct texts of that file, drawn with
   ``random.Random(2026)`` from the list of its distinct texts in order of
   first appearance, skipping any pair already written (in either order),
   until the file has 200,000 data rows.

So the file has the real data's names, spellings, qualifiers and countries
(what resolution costs) and 200,000 distinct relationships among the same
17,820 texts (what storage costs), with the real file's duplicates and
reciprocal listings at its start. Columns ``city1,country1,city2,country2``.

    python benchmarks/big_pairs.py /tmp/pairs_200k.csv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "twin_cities_wikipedia_raw.csv"
ROWS = 200_000
SEED = 2026


def build(target: Path, rows: int = ROWS, source: Path = RAW) -> Path:
    """Write the benchmark file to ``target`` (see the module docstring)."""
    with source.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    texts: dict[tuple[str, str], None] = {}
    seen: set[frozenset[tuple[str, str]]] = set()
    out: list[tuple[str, str, str, str]] = []
    for r in records:
        a, b = (r["city1"], r["country1"]), (r["city2"], r["country2"])
        texts.setdefault(a)
        texts.setdefault(b)
        seen.add(frozenset((a, b)))
        out.append((*a, *b))
    ordered = list(texts)
    draw = random.Random(SEED)
    while len(out) < rows:
        a, b = draw.choice(ordered), draw.choice(ordered)
        pair = frozenset((a, b))
        if a == b or pair in seen:
            continue
        seen.add(pair)
        out.append((*a, *b))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["city1", "country1", "city2", "country2"])
        writer.writerows(out[:rows])
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pairs_200k.csv")))
