"""Benchmark: import, load and tabulate a large synthetic survey.

Run from the project root:

    python benchmarks/bench_survey.py [--respondents 5000] [--questions 40] [--db URL]

Writes a CSV export of RESPONDENTS rows with QUESTIONS questions (single
choice, Likert, multiple choice, number and free text in turn), then times
the import into a fresh registry (a SQLite file by default, or the
PostgreSQL URL given), loading the survey back, every frequency table and
one cross-tab per pair of the first five categorical questions.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sistercities.registry.store import Registry  # noqa: E402
from sistercities.research.survey.questions import load_map  # noqa: E402
from sistercities.research.survey.service import import_survey, load_survey  # noqa: E402
from sistercities.research.survey.tables import crosstab, frequencies  # noqa: E402

KINDS = ["single", "likert", "multiple", "number", "text"]


def _question(i: int) -> dict[str, Any]:
    kind = KINDS[i % len(KINDS)]
    question: dict[str, Any] = {"id": f"q{i}", "type": kind, "text": f"Question {i}"}
    if kind == "single":
        question["labels"] = {str(c): f"Option {c}" for c in range(1, 5)}
    elif kind == "likert":
        question["labels"] = [[str(c), f"Level {c}"] for c in range(1, 6)]
    elif kind == "multiple":
        question.update(delimiter=";", labels={c: c.upper() for c in "abcde"})
    return question


def _cell(question: dict[str, Any], rng: random.Random) -> str:
    if rng.random() < 0.05:
        return ""
    kind = question["type"]
    if kind in ("single", "likert"):
        labels = question["labels"]
        codes = list(labels) if isinstance(labels, dict) else [c for c, _ in labels]
        return rng.choice(codes)
    if kind == "multiple":
        return ";".join(c for c in "abcde" if rng.random() < 0.4)
    if kind == "number":
        return str(rng.randint(0, 60))
    return "Some words about sister cities." if rng.random() < 0.3 else ""


def write_survey(folder: Path, respondents: int, questions: int, seed: int) -> tuple[Path, Path]:
    rng = random.Random(seed)
    spec = [_question(i) for i in range(questions)]
    data_path, map_path = folder / "big.csv", folder / "big.json"
    with data_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", *(q["id"] for q in spec)])
        for r in range(respondents):
            writer.writerow([f"r{r}", *(_cell(q, rng) for q in spec)])
    map_path.write_text(json.dumps({"respondent_id": "id", "questions": spec}), encoding="utf-8")
    return data_path, map_path


def timed(label: str, func: Any) -> Any:
    start = time.perf_counter()
    result = func()
    print(f"{label:<28} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--db", help="registry URL (default: a fresh SQLite file)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data_path, map_path = write_survey(folder, args.respondents, args.questions, args.seed)
        cells = args.respondents * args.questions
        print(f"{args.respondents} respondents x {args.questions} questions = {cells} answers")
        registry = Registry.open(args.db or folder / "bench.sqlite", user="bench")

        def do_import() -> Any:
            with registry.session() as session:
                return import_survey(session, data_path, load_map(map_path), name="bench")

        def do_load() -> Any:
            with registry.session() as session:
                return load_survey(session, "bench")

        timed("import (check + store)", do_import)
        data = timed("load", do_load)
        tabulable = [q.id for q in data.map.questions if q.type.value != "text"]
        timed("every frequency table", lambda: [frequencies(data, q) for q in tabulable])
        categorical = [q.id for q in data.map.questions if q.type.categorical][:5]
        pairs = [(a, b) for a in categorical for b in categorical if a < b]
        timed(
            f"{len(pairs)} cross-tabs with tests", lambda: [crosstab(data, a, b) for a, b in pairs]
        )
        registry.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
