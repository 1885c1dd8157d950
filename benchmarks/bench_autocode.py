"""Benchmark: automatic coding and inter-coder agreement over 175 articles of 8,000 words.

Run from the project root:

    python benchmarks/bench_autocode.py [--db URL] [--repeat 1] [--seed 1] [--only PARTS]

Builds the corpus of the workbench benchmark (``bench_workbench.build_corpus``:
175 documents of about 8,000 words of real text from the seed papers and the
NVivo sample's comments, shuffled by paragraph, as text, DOCX, ODT, HTML and
Markdown), imports it into a fresh project, loads ``builtin:000``, and stores
three coders' codings (setup, not timed):

- ``ana`` codes 120 of the documents: every sentence with one of a code's
  indicative terms, missing a quarter of them and adding a wrong code to one
  sentence in twenty (a consistent but fallible human);
- ``A`` codes 10,000 random sentences with random codes; ``B`` repeats
  A's coding with 70 % the same span, 15 % a longer span, 10 % another
  code, 5 % left out (20,000 codings between them).

Timed, as the user waits: each command in its own process
(``sistercities research autocode|agreement``, start-up included, wall and
CPU seconds, peak memory), and the operation called in this process (start-up and
imports excluded, best of ``--repeat``). Baselines measured in the same run:
what a researcher would write by hand with the same libraries (plain regular
expressions; TF-IDF and logistic regression on naive sentences; NumPy
arrays per character), reading the same texts from the same database,
storing nothing and judging nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import insert, select  # noqa: E402

import bench_workbench  # noqa: E402  (its corpus builder)
from sistercities.operations import research as ops  # noqa: E402
from sistercities.registry.store import Registry  # noqa: E402
from sistercities.research.agreement.units import CodedSpan  # noqa: E402
from sistercities.research.autocode.evaluation import score, unit_labels  # noqa: E402
from sistercities.research.autocode.terms import TermIndex, match_units  # noqa: E402
from sistercities.research.autocode.texts import Text  # noqa: E402
from sistercities.research.autocode.units import split_units  # noqa: E402
from sistercities.research.codebook.models import Code  # noqa: E402
from sistercities.research.coding.models import Coding  # noqa: E402
from sistercities.research.coding.service import anchor_fields  # noqa: E402
from sistercities.research.corpus.models import Document, DocumentVersion  # noqa: E402
from sistercities.research.projects import ResearchProject  # noqa: E402

PROJECT = "bench"
HUMAN_DOCUMENTS = 120
AGREEMENT_CODINGS = 10_000


TIME = "/usr/bin/time"


def command(db: str, *args: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one ``sistercities`` command in its own process.

    Peak memory comes from GNU ``time`` when it is installed: a child forked
    from this process (hundreds of MB by now) starts with this process's
    peak, so ``wait4``'s figure for a direct child would be ours, not the
    command's. Without ``time`` the peak is ``None``.
    """
    argv = [sys.executable, "-m", "sistercities", "--db", db, "--user", "bench", *args]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        timed = os.path.exists(TIME)
        if timed:
            argv = [TIME, "-f", "%M", "-o", report.name, *argv]
        start = time.perf_counter()
        process = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if status != 0:
            said = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"{' '.join(args)} failed: {said[-500:]}")
        peak = int(report.read().split()[-1]) / 1024 if timed else None
    return wall, usage.ru_utime + usage.ru_stime, peak  # type: ignore[return-value]


def best_cpu(repeat: int, func: Callable[[], Any]) -> tuple[float, float, Any]:
    """Best wall and best CPU seconds of ``repeat`` calls in this process, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def ceiling(registry: Registry, run: dict[str, Any], rule: list[CodedSpan]) -> dict[str, Any]:
    """What the rule behind ``ana``'s coding, without its misses and noise, scores on the units
    the run judged: the best any method learning ``ana``'s coding could expect."""
    from sistercities.research.access import open_project
    from sistercities.research.autocode import service
    from sistercities.research.codebook.service import all_codes, code_paths

    with registry.session() as session:
        project = open_project(session, PROJECT)
        names = {d: n for d, (_v, n) in service.current_versions(session, project).items()}
        judged = {d for d, n in names.items() if n in set(run["judged_documents"])}
        texts = [t for t in service.project_texts(session, project) if t.document in judged]
        human = service.current_codings(session, project, ["ana"])
        paths = code_paths(all_codes(session, project))
    units = {t.document: split_units(t.document, t.text, "sentence", t.paragraphs) for t in texts}
    truth = unit_labels(units, [h for h in human if h.document in judged])
    predicted = unit_labels(units, [r for r in rule if r.document in judged])
    codes = sorted({h.code for h in human}, key=str)
    result = score(predicted, truth, codes, "the rule").to_dict()
    noise = sum(len(truth[k] - predicted.get(k, set())) for k in truth)
    result["noise"] = noise  # human codes the rule does not give: its random additions
    result["by_code"] = {paths[int(k)]: v for k, v in result["by_code"].items()}
    return result


def _texts(registry: Registry) -> list[tuple[int, int, str]]:
    with registry.session() as session:
        rows = session.execute(
            select(Document.id, DocumentVersion.id, DocumentVersion.text)
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .order_by(Document.name)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def setup(registry: Registry, folder: Path, seed: int) -> dict[str, Any]:
    (folder / "corpus").mkdir()
    files = bench_workbench.build_corpus(folder / "corpus", seed)
    ops.create_project(registry, name=PROJECT)
    start = time.perf_counter()
    imported = ops.import_documents(registry, project=PROJECT, files=files)
    import_s = time.perf_counter() - start
    ops.load_codebook(registry, project=PROJECT, source="builtin:000")
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    rule: list[CodedSpan] = []  # what the rule codes before a quarter is missed and noise added
    with registry.session() as session:
        project = session.scalar(select(ResearchProject).where(ResearchProject.name == PROJECT))
        assert project is not None
        codes = [c for c in session.scalars(select(Code)) if c.codable]
        terms: dict[Hashable, list[str]] = {c.id: list(c.terms) for c in codes if c.terms}
        index = TermIndex.build(terms, "en")
        texts = _texts(registry)
        for d, (doc_id, version_id, text) in enumerate(texts):
            units = split_units(doc_id, text)
            base = {"project_id": project.id, "document_id": doc_id, "version_id": version_id}
            if d < HUMAN_DOCUMENTS:
                found = match_units(Text(doc_id, text, "en"), units, index)
                rule += [CodedSpan(doc_id, code, "rule", units[i].start, units[i].end)
                         for i, codes_found in found.items() for code in codes_found]  # fmt: skip
                for u in units:
                    chosen = [c for c in found.get(u.index, {}) if rng.random() >= 0.25]
                    if rng.random() < 0.05:
                        chosen.append(rng.choice(codes).id)
                    for code_id in set(chosen):
                        rows.append(base | {"code_id": code_id, "coder": "ana"}
                                    | anchor_fields(text, u.start, u.end))  # fmt: skip
            per_document = AGREEMENT_CODINGS // len(texts) + (d < AGREEMENT_CODINGS % len(texts))
            for u in rng.sample(units, min(per_document, len(units))):
                code_id = rng.choice(codes).id
                rows.append(base | {"code_id": code_id, "coder": "A"}
                            | anchor_fields(text, u.start, u.end))  # fmt: skip
                draw = rng.random()
                if draw < 0.95:
                    end = min(u.end + 40, len(text)) if 0.70 <= draw < 0.85 else u.end
                    other = rng.choice(codes).id if draw >= 0.85 else code_id
                    rows.append(base | {"code_id": other, "coder": "B"}
                                | anchor_fields(text, u.start, end))  # fmt: skip
        session.execute(insert(Coding), rows)
    counts = {c: sum(1 for r in rows if r["coder"] == c) for c in ("ana", "A", "B")}
    words = sum(len(t.split()) for _d, _v, t in texts)
    characters = sum(len(t) for _d, _v, t in texts)
    return {"import_s": import_s, "imported": len(imported["imported"]), "codings": counts,
            "words": words, "characters": characters, "terms": terms, "rule": rule}  # fmt: skip


def hand_terms(registry: Registry, terms: dict[int, list[str]]) -> int:
    """By hand: one regular expression per code, whole words, no lemmas, naive sentences."""
    patterns = {
        code: re.compile(r"\b(?:" + "|".join(re.escape(t.rstrip("*")) for t in ts) + r")\b", re.I)
        for code, ts in terms.items()
    }
    found = 0
    for _doc, _version, text in _texts(registry):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            found += sum(1 for p in patterns.values() if p.search(sentence))
    return found


def hand_examples(registry: Registry) -> int:
    """By hand: TF-IDF and a logistic regression (SGD) per code, naive sentences, nothing judged."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    with registry.session() as session:
        codings = session.execute(
            select(Coding.document_id, Coding.code_id, Coding.start).where(Coding.coder == "ana")
        ).all()
    texts = _texts(registry)
    coded_docs = {d for d, _c, _s in codings}
    labels: dict[tuple[int, int], set[int]] = {}
    for d, c, s in codings:
        labels.setdefault((d, s), set()).add(c)
    train, train_y, test = [], [], []
    for doc, _v, text in texts:
        at = 0
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            start = text.index(sentence, at)
            at = start + len(sentence)
            if doc in coded_docs:
                train.append(sentence)
                train_y.append(labels.get((doc, start), set()))
            else:
                test.append(sentence)
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train, x_test = vectoriser.fit_transform(train), vectoriser.transform(test)
    suggested = 0
    for code in sorted({c for _d, c, _s in codings}):
        y = [code in row for row in train_y]
        if sum(y) < 3:
            continue
        model = SGDClassifier(loss="log_loss", alpha=1e-5, class_weight="balanced").fit(x_train, y)
        suggested += int(model.predict(x_test).sum())
    return suggested


def hand_agreement(registry: Registry) -> float:
    """By hand: a NumPy array per coder per (document, code), counted into Cohen's kappa."""
    import numpy as np

    lengths = {d: len(t) for d, _v, t in _texts(registry)}
    with registry.session() as session:
        spans = session.execute(
            select(Coding.document_id, Coding.code_id, Coding.coder, Coding.start, Coding.end)
            .where(Coding.coder.in_(["A", "B"]))
        ).all()  # fmt: skip
    codes = sorted({c for _d, c, *_ in spans})
    by_cell: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
    for d, c, coder, s, e in spans:
        by_cell.setdefault((d, c), []).append((coder, s, e))
    table = np.zeros((2, 2))
    for d, n in lengths.items():
        for c in codes:
            a, b = np.zeros(n, bool), np.zeros(n, bool)
            for coder, s, e in by_cell.get((d, c), []):
                (a if coder == "A" else b)[s:e] = True
            table += [[np.sum(~a & ~b), np.sum(~a & b)], [np.sum(a & ~b), np.sum(a & b)]]
    total = table.sum()
    p_o = (table[0, 0] + table[1, 1]) / total
    p_e = (table[0].sum() * table[:, 0].sum() + table[1].sum() * table[:, 1].sum()) / total**2
    return float((p_o - p_e) / (1 - p_e))


def nvivo(folder: Path) -> None:
    """Coding by examples learnt from real human coding: the NVivo sample's 330 codings.

    One of its two documents is coded (by two coders, 80-odd codes), so the
    run is judged by k-fold over that document's units; the other document
    gets the suggestions.
    """
    from sistercities.operations import refi

    registry = Registry.open(str(folder / "nvivo.sqlite"), user="bench")
    refi.import_qdpx(registry, file=bench_workbench.SAMPLE, name="oltas")
    wall, cpu, run = best_cpu(1, lambda: ops.autocode(registry, project="oltas", by="examples"))
    print(f"NVivo sample, autocode --by examples: operation {wall:.2f} s wall, {cpu:.2f} s CPU")
    report_run("nvivo examples", run)
    registry.close()


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def report_run(name: str, run: dict[str, Any]) -> None:
    """The run's figures, overall and per code, as the README's table shows them."""
    evaluation = run["evaluation"]
    print(f"{name}: {run['suggestions']} suggestions; {evaluation['method']}; "
          f"trained on {run['trained_on']} units, judged on {run['held_out']}")  # fmt: skip
    for code, s in [("overall", evaluation["overall"]), *evaluation["by_code"].items()]:
        cut = run.get("thresholds", {}).get(code)
        print(f"  {code:<62} P {_f(s['precision'])} R {_f(s['recall'])} F1 {_f(s['f1'])} "
              f"human {s['human']:5d} suggested {s['suggested']:5d} units {s['units']}"
              + ("" if cut is None else f" cut {cut:.3f}")
              + ("" if s["verdict"] == "judged" else f" ({s['verdict']})"))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="registry URL (default: a fresh SQLite file)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only",
        default="terms,examples,nvivo,agreement",
        help="comma-separated parts to time",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or str(folder / "bench.sqlite")
        registry = Registry.open(db, user="bench")
        info = setup(registry, folder, args.seed)
        print(f"corpus: {info['imported']} documents, {info['words']:,} words, "
              f"{info['characters']:,} characters; import {info['import_s']:.1f} s")  # fmt: skip
        print(f"codings: {info['codings']}")
        rows = []

        startup = command(db, "research", "--help")
        print(f"start-up (research --help, own process): {startup[0]:.2f} s wall, "
              f"{startup[1]:.2f} s CPU")  # fmt: skip

        def measure(label: str, argv: list[str], operation: Callable[[], Any],
                    baseline: Callable[[], Any], target: float) -> Any:  # fmt: skip
            wall, cpu, peak = command(db, "research", *argv)
            seconds, op_cpu, result = best_cpu(args.repeat, operation)
            hand, hand_cpu, _ = best_cpu(args.repeat, baseline)
            rows.append((label, wall, cpu, peak, seconds, op_cpu, hand, hand_cpu, target))
            shown = "?" if peak is None else f"{peak:.0f}"
            print(f"{label:<34} command {wall:6.2f} s wall, {cpu:6.2f} s CPU "
                  f"(start-up {startup[1]:.2f}), {shown} MB; operation {seconds:6.2f} s wall, "
                  f"{op_cpu:6.2f} s CPU; by hand {hand:6.2f} s wall, {hand_cpu:6.2f} s CPU; "
                  f"target < {target:.0f} s", flush=True)  # fmt: skip
            return result

        only = set(args.only.split(","))
        runs: dict[str, Any] = {}
        if "terms" in only:
            runs["terms"] = measure(
                "autocode --by terms (builtin:000)",
                [
                    "autocode",
                    PROJECT,
                    "--by",
                    "terms",
                    "--codebook",
                    "builtin:000",
                    "--human",
                    "ana",
                    "--json",
                ],
                lambda: ops.autocode(
                    registry, project=PROJECT, by="terms", codebook="builtin:000", human=["ana"]
                ),
                lambda: hand_terms(registry, info["terms"]),
                20,
            )
        if "examples" in only:
            runs["examples"] = measure(
                "autocode --by examples (words)",
                ["autocode", PROJECT, "--by", "examples", "--human", "ana", "--json"],
                lambda: ops.autocode(registry, project=PROJECT, by="examples", human=["ana"]),
                lambda: hand_examples(registry),
                60,
            )
        for name, run in runs.items():
            report_run(name, run)
        if "examples" in runs:
            best_possible = ceiling(registry, runs["examples"], info["rule"])
            o = best_possible["overall"]
            print(f"ceiling (ana's rule itself, without misses and noise, on the same units): "
                  f"P {o['precision']:.3f}, R {o['recall']:.3f}, F1 {o['f1']:.3f}; "
                  f"{best_possible['noise']} of {o['human']} human codes are noise")  # fmt: skip
        if "nvivo" in only:
            nvivo(folder)
        if "agreement" not in only:
            registry.close()
            return 0
        character = measure(
            "agreement A,B (character level)",
            ["agreement", PROJECT, "--coders", "A,B", "--json"],
            lambda: ops.agreement(registry, project=PROJECT, coders=["A", "B"]),
            lambda: hand_agreement(registry),
            2,
        )
        segment = measure(
            "agreement A,B (segment level)",
            ["agreement", PROJECT, "--coders", "A,B", "--level", "segment", "--json"],
            lambda: ops.agreement(registry, project=PROJECT, coders=["A", "B"], level="segment"),
            lambda: hand_agreement(registry),
            2,
        )
        for name, result in (("character", character), ("segment", segment)):
            o = result["overall"]
            print(f"agreement {name}: percent {o['percent']:.4f} kappa {o['kappa']:.4f} "
                  f"alpha {o['alpha']:.4f}; without uncoded: kappa "
                  f"{o['without_uncoded']['kappa']:.4f}")  # fmt: skip
        print(f"by hand, character kappa: {hand_agreement(registry):.4f}")
        registry.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
