"""Benchmark: the research workbench on 175 documents and 20,000 codings, as the user waits.

Run from the project root::

    python benchmarks/bench_workbench.py                 # SQLite, best of 5 for the queries
    python benchmarks/bench_workbench.py --db postgresql://user:pw@host/db   # an empty database

The corpus is built from real text, shuffled by paragraph with a fixed seed:
the paragraphs of the three seed papers (``../shared/seeds``) and of the
comment exports in the NVivo sample project
(``../shared/refi-qda/samples/nvivo12-windows_oltas_teszt.qdpx``, Hungarian
YouTube comments), drawn until each document has about 8,000 words. The 175
files are written as plain text (115), DOCX (30, python-docx), ODT (15,
odfdo), HTML (10) and Markdown (5).

Each step is timed as the user waits for it, in the same run as a baseline:

1. **import**: the whole command ``sistercities research documents import P
   FILE x 175 --json`` as a subprocess (start-up, reading every format,
   language detection, storage); baseline: reading the same files with the
   format libraries alone, storing nothing.
2. **20,000 codings** are then written in bulk (as automatic coding would):
   30 codes of the three built-in codebooks on spans of 40-600 characters.
3. **matrix** (codes x cases, codes x documents, codes x an attribute) and
   **co-occurrence** (overlap, paragraph, document): the operation a web
   request or the CLI calls, from opening the session to the JSON text;
   baseline: the same matrix by one SQL ``COUNT`` per cell, and overlap by
   comparing every pair of codings of a document. The whole CLI command is
   timed too (Python start-up included).
4. **text search** with keywords in context over the 175 documents; baseline:
   the same regular expression over the files on disk.
5. **re-anchor**: a real 600,000-character text (the NVivo sample's first
   source) with 2,000 codings, edited (paragraphs inserted, deleted, moved,
   words changed), stored as a new version with every coding carried over:
   the whole ``research documents edit ... --json`` command and the operation;
   baseline: a character-level ``difflib`` diff of the two texts alone,
   stopped after 60 s.

Peak memory: each CLI command's own high-water mark of resident memory
(``VmHWM``; ``ru_maxrss`` would report the forking parent's); the in-process
steps report this process's peak. CPU seconds are given beside wall seconds:
on the shared machine the wall time depends on what else is running.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "refi-qda" / "samples" / "nvivo12-windows_oltas_teszt.qdpx"
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import func, insert, select  # noqa: E402

from sistercities.operations import research as ops  # noqa: E402
from sistercities.registry.store import Registry  # noqa: E402

DOCUMENTS = 175
WORDS = 8000
CODINGS = 20_000
BIG_CODINGS = 2_000
TARGETS = {"import": 30.0, "matrix": 0.2, "cooccurrence": 0.2, "reanchor": 2.0}
FORMATS = ["txt"] * 115 + ["docx"] * 30 + ["odt"] * 15 + ["html"] * 10 + ["md"] * 5


def sample_texts() -> list[str]:
    with zipfile.ZipFile(SAMPLE) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".txt"))
        return [archive.read(n).decode("utf-8-sig") for n in names]


def paragraphs() -> list[str]:
    """Every paragraph of the real texts (blocks between blank lines; comment lines)."""
    out: list[str] = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        out += [
            p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 5
        ]
    for text in sample_texts():
        out += [line.strip() for line in text.splitlines() if len(line.split()) > 5]
    return out


def build_corpus(folder: Path, seed: int) -> list[Path]:
    """175 files of about 8,000 words each, paragraphs drawn at random (see the docstring)."""
    import docx
    import lxml.html
    from lxml.html import builder as E
    from odfdo import Document, Paragraph

    rng = random.Random(seed)
    pool = paragraphs()
    formats = FORMATS[:]
    rng.shuffle(formats)
    files = []
    for i, fmt in enumerate(formats):
        chosen, words = [], 0
        while words < WORDS:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            words += len(paragraph.split())
        path = folder / f"doc{i:03d}.{fmt}"
        if fmt == "txt":
            path.write_text("\n\n".join(chosen), encoding="utf-8")
        elif fmt == "md":
            path.write_text("\n\n".join(p.replace("*", "") for p in chosen), encoding="utf-8")
        elif fmt == "docx":
            document = docx.Document()
            for p in chosen:
                document.add_paragraph(p)
            document.save(str(path))
        elif fmt == "odt":
            odt = Document("text")
            odt.body.clear()
            for p in chosen:
                odt.body.append(Paragraph(p))
            odt.save(str(path))
        else:
            page = E.HTML(E.HEAD(E.META(charset="utf-8")), E.BODY(*[E.P(p) for p in chosen]))
            path.write_bytes(lxml.html.tostring(page, encoding="utf-8"))
        files.append(path)
    return files


WRAP = (
    "import re, sys\n"
    "from sistercities.cli import cli\n"
    "try:\n"
    "    cli.main(args=sys.argv[1:], prog_name='sistercities')\n"
    "finally:\n"
    "    status = open('/proc/self/status').read()\n"  # VmHWM: this program's own peak
    "    print('PEAK_KB', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
)


def run_cli(db: str, *args: str) -> tuple[float, float, float, str]:
    """The whole command as a user runs it: wall seconds, CPU seconds, peak MB, stdout."""
    command = [sys.executable, "-c", WRAP, "--db", db, "--user", "bench", "research", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed: {done.stderr.strip()}")
    found = re.search(r"PEAK_KB (\d+)", done.stderr)
    peak = int(found.group(1)) / 1024 if found else float("nan")
    return wall, cpu, peak, done.stdout


def best(func: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best wall and best CPU seconds of ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_only(files: list[Path]) -> float:
    from sistercities.research.corpus.readers import read_document

    start = time.perf_counter()
    for path in files:
        read_document(path)
    return time.perf_counter() - start


def pdf_rate(folder: Path) -> dict[str, float]:
    """Pages a second that the PDF reader reads: seed paper 004 written by fpdf2."""
    import matplotlib
    from fpdf import FPDF

    from sistercities.research.corpus.readers import read_document

    text = (SHARED / "seeds" / "004_e3451a6d175650e6.txt").read_text(encoding="utf-8")
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            pdf.multi_cell(0, 5, paragraph.strip(), align="L")
            pdf.ln(2)
    path = folder / "004.pdf"
    pdf.output(str(path))
    start, cpu = time.perf_counter(), time.process_time()
    read = read_document(path)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "pages": len(read.pages),
        "wall_s": wall,
        "cpu_s": cpu,
        "pages_per_cpu_s": len(read.pages) / cpu,
    }


def leaves(tree: list[dict[str, Any]]) -> list[int]:
    out: list[int] = []
    for node in tree:
        if node["codable"]:
            out.append(node["id"])
        out += leaves(node["children"])
    return out


def bulk_codings(
    registry: Registry, project: str, count: int, seed: int, document: str | None = None
) -> int:
    """Insert ``count`` codings on random spans, as automatic coding would (one audit entry)."""
    from sistercities.registry import audit
    from sistercities.research.access import open_project
    from sistercities.research.coding.models import Coding
    from sistercities.research.coding.service import anchor_fields
    from sistercities.research.corpus.models import Document, DocumentVersion

    rng = random.Random(seed)
    codes = leaves(ops.list_codes(registry, project=project))
    with registry.session() as session:
        proj = open_project(session, project)
        query = (
            select(Document.id, DocumentVersion.id, DocumentVersion.text)
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .where(Document.project_id == proj.id)
        )
        if document:
            query = query.where(Document.name == document)
        versions = session.execute(query).all()
        rows = []
        for i in range(count):
            doc_id, version_id, text = versions[i % len(versions)]
            start = rng.randrange(0, max(1, len(text) - 700))
            end = start + rng.randint(40, 600)
            rows.append(
                {
                    "project_id": proj.id,
                    "document_id": doc_id,
                    "version_id": version_id,
                    "code_id": rng.choice(codes),
                    "coder": "bench",
                    "anchor": "coded",
                    **anchor_fields(text, start, end),
                }
            )
        for chunk in range(0, len(rows), 5000):
            session.execute(insert(Coding), rows[chunk : chunk + 5000])
        audit.record(session, action="import", entity="research_codings", note=f"{count} codings")
        return session.scalar(select(func.count()).select_from(Coding)) or 0


def matrix_by_sql(registry: Registry, project: str) -> list[list[int]]:
    """Baseline: one COUNT query per cell (codes x cases)."""
    from sistercities.research.access import open_project
    from sistercities.research.cases.models import Case, CaseDocument
    from sistercities.research.codebook.models import Code
    from sistercities.research.coding.models import Coding

    with registry.session() as session:
        proj = open_project(session, project)
        codes = session.scalars(select(Code.id).where(Code.project_id == proj.id)).all()
        cases = session.scalars(select(Case.id).where(Case.project_id == proj.id)).all()
        return [
            [
                session.scalar(
                    select(func.count())
                    .select_from(Coding)
                    .join(CaseDocument, CaseDocument.document_id == Coding.document_id)
                    .where(Coding.code_id == code, CaseDocument.case_id == case)
                )
                or 0
                for case in cases
            ]
            for code in codes
        ]


def overlap_pairwise(registry: Registry, project: str) -> int:
    """Baseline: compare every pair of codings of each document."""
    from sistercities.research.access import open_project
    from sistercities.research.coding.models import Coding

    with registry.session() as session:
        proj = open_project(session, project)
        rows = session.execute(
            select(Coding.document_id, Coding.code_id, Coding.start, Coding.end).where(
                Coding.project_id == proj.id
            )
        ).all()
    by_doc: dict[int, list[Any]] = {}
    for row in rows:
        by_doc.setdefault(row[0], []).append(row)
    pairs = 0
    for items in by_doc.values():
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a[1] != b[1] and a[2] < b[3] and b[2] < a[3]:
                    pairs += 1
    return pairs


def edited(text: str, seed: int) -> str:
    """A realistic edit of a long text: paragraphs inserted, deleted, moved; words changed."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(40):  # a word changed in a line
        i = rng.randrange(len(lines))
        words = lines[i].split(" ")
        if len(words) > 3:
            words[rng.randrange(len(words))] = "[javítva]"
            lines[i] = " ".join(words)
    for _ in range(30):  # lines deleted
        del lines[rng.randrange(len(lines))]
    for _ in range(30):  # lines inserted
        lines.insert(
            rng.randrange(len(lines)), "Megjegyzés a kutatótól: ez a rész később került be."
        )
    block = lines[1000:1200]  # a block moved to the end
    del lines[1000:1200]
    lines += block
    return "\n".join(lines)


def char_diff_baseline(old: str, new: str, limit: float) -> str:
    """Character-level difflib on the whole texts, in a child process stopped after ``limit`` s."""
    code = (
        "import difflib,sys,time;a=open(sys.argv[1],encoding='utf-8').read();"
        "b=open(sys.argv[2],encoding='utf-8').read();t=time.perf_counter();"
        "difflib.SequenceMatcher(None,a,b,autojunk=False).get_opcodes();"
        "print(time.perf_counter()-t)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        a.write_text(old, encoding="utf-8")
        b.write_text(new, encoding="utf-8")
        try:
            done = subprocess.run(
                [sys.executable, "-c", code, str(a), str(b)],
                capture_output=True,
                text=True,
                timeout=limit,
                check=True,
            )
            return f"{float(done.stdout):.1f} s"
        except subprocess.TimeoutExpired:
            return f"> {limit:.0f} s (stopped)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty registry URL (default: a fresh SQLite file)")
    parser.add_argument("--repeat", type=int, default=5, help="best of N for the queries")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-limit", type=float, default=60.0)
    args = parser.parse_args()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or str(folder / "bench.sqlite")
        corpus = folder / "corpus"
        corpus.mkdir()
        files = build_corpus(corpus, args.seed)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB on disk")
        registry = Registry.open(db, user="bench")
        ops.create_project(registry, name="bench")

        wall, cpu, peak, out = run_cli(
            db, "documents", "import", "bench", *map(str, files), "--json"
        )
        imported = json.loads(out)
        characters = sum(d["characters"] for d in imported["imported"])
        report["import"] = {
            "wall_s": wall,
            "cpu_s": cpu,
            "peak_mb": peak,
            "documents": len(imported["imported"]),
            "rejected": len(imported["rejected"]),
            "characters": characters,
            "baseline_read_only_s": read_only(files),
        }
        words = (
            sum(
                len(
                    re.findall(
                        r"\w+",
                        ops.document_text(registry, project="bench", document=d["name"])["text"],
                    )
                )
                for d in imported["imported"][:10]
            )
            / 10
        )
        print(
            f"import: {wall:.1f} s (CPU {cpu:.1f} s), {peak:.0f} MB, {characters:,} characters "
            f"(~{words:,.0f} words a document)"
        )

        for key in ("000", "001", "004"):
            ops.load_codebook(registry, project="bench", source=f"builtin:{key}")
        names = [d["name"] for d in imported["imported"]]
        for c in range(25):
            ops.add_case(registry, project="bench", name=f"case{c:02d}", documents=names[c::25])
        ops.define_attribute(registry, project="bench", name="region", type="text")
        for c in range(25):
            ops.set_attribute(
                registry,
                project="bench",
                case=f"case{c:02d}",
                attribute="region",
                value=["north", "south", "east", "west", "centre"][c % 5],
            )
        start = time.perf_counter()
        total = bulk_codings(registry, "bench", CODINGS, args.seed)
        report["codings"] = {"count": total, "bulk_insert_s": time.perf_counter() - start}
        print(f"codings: {total} in {report['codings']['bulk_insert_s']:.1f} s")

        def query(name: str, func: Callable[[], Any], cli: list[str]) -> None:
            seconds, cpu, result = best(lambda: json.dumps(func()), args.repeat)
            cli_wall, cli_cpu, cli_peak, _ = run_cli(db, *cli)
            report[name] = {
                "operation_s": seconds,
                "operation_cpu_s": cpu,
                "cli_wall_s": cli_wall,
                "cli_cpu_s": cli_cpu,
                "cli_peak_mb": cli_peak,
                "json_kb": len(result) / 1024,
            }
            print(
                f"{name}: {seconds * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms); "
                f"CLI {cli_wall:.2f} s (CPU {cli_cpu:.2f} s), {cli_peak:.0f} MB"
            )

        query(
            "matrix_cases",
            lambda: ops.matrix(registry, project="bench", cols="cases"),
            ["matrix", "bench", "--cols", "cases", "--json"],
        )
        query(
            "matrix_documents",
            lambda: ops.matrix(registry, project="bench", cols="documents"),
            ["matrix", "bench", "--cols", "documents", "--json"],
        )
        query(
            "matrix_attribute",
            lambda: ops.matrix(registry, project="bench", cols="region"),
            ["matrix", "bench", "--cols", "region", "--json"],
        )
        for mode in ("overlap", "paragraph", "document"):
            query(
                f"cooccurrence_{mode}",
                functools.partial(ops.cooccurrence, registry, project="bench", mode=mode),
                ["cooccurrence", "bench", "--mode", mode, "--json"],
            )
        query(
            "text_search",
            lambda: ops.text_search(registry, project="bench", query="sister cities", limit=200),
            ["search", "bench", "sister cities", "--limit", "200", "--json"],
        )
        report["baselines"] = {
            "matrix_cases_sql_per_cell_s": best(lambda: matrix_by_sql(registry, "bench"), 1)[0],
            "overlap_pairwise_s": best(lambda: overlap_pairwise(registry, "bench"), 1)[0],
            "search_files_on_disk_s": best(
                lambda: sum(
                    len(
                        re.findall(
                            r"(?<!\w)sister\s+cities(?!\w)",
                            p.read_text(encoding="utf-8", errors="ignore"),
                            re.I,
                        )
                    )
                    for p in files
                ),
                1,
            )[0],
        }
        print("baselines:", {k: f"{v:.2f} s" for k, v in report["baselines"].items()})

        big = sample_texts()[0]
        big_path = folder / "comments.txt"
        big_path.write_text(big, encoding="utf-8")
        ops.create_project(registry, name="big")
        ops.import_documents(registry, project="big", files=[big_path])
        ops.load_codebook(registry, project="big", source="builtin:004")
        bulk_codings(registry, "big", BIG_CODINGS, args.seed, document="comments.txt")
        new_text = edited(big, args.seed)
        v2, v3 = folder / "v2.txt", folder / "v3.txt"
        v2.write_text(new_text, encoding="utf-8")
        v3.write_text(edited(new_text, args.seed + 1), encoding="utf-8")
        wall, cli_cpu, peak, out = run_cli(
            db, "documents", "edit", "big", "comments.txt", str(v2), "--json"
        )
        carried = json.loads(out)
        start, started_cpu = time.perf_counter(), time.process_time()
        again = ops.edit_document(registry, project="big", document="comments.txt", file=v3)
        operation, operation_cpu = time.perf_counter() - start, time.process_time() - started_cpu
        report["reanchor"] = {
            "characters": len(big),
            "codings": carried["codings"],
            "cli_wall_s": wall,
            "cli_cpu_s": cli_cpu,
            "cli_peak_mb": peak,
            "operation_s": operation,
            "operation_cpu_s": operation_cpu,
            "moved": carried["moved"],
            "refound": carried["refound"],
            "flagged": carried["flagged"],
            "second_edit": {k: again[k] for k in ("moved", "refound", "flagged")},
            "baseline_char_difflib": char_diff_baseline(big, new_text, args.baseline_limit),
        }
        print(
            f"re-anchor: {len(big):,} characters, {carried['codings']} codings: CLI {wall:.2f} s "
            f"(CPU {cli_cpu:.2f} s, {peak:.0f} MB), operation {operation:.2f} s "
            f"(CPU {operation_cpu:.2f} s); moved {carried['moved']}, "
            f"re-found {carried['refound']}, flagged {carried['flagged']}; "
            f"baseline {report['reanchor']['baseline_char_difflib']}"
        )
        report["pdf"] = pdf_rate(folder)
        print(f"pdf: {report['pdf']['pages']} pages in {report['pdf']['cpu_s']:.2f} s CPU")
        report["bench_process_peak_mb"] = peak_mb()
        registry.close()
    report["targets"] = TARGETS
    report["backend"] = "postgresql" if args.db and "postgres" in args.db else "sqlite"
    report["load_average"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
