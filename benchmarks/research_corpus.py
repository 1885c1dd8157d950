"""The benchmark corpus of the research workbench: real text, shuffled by paragraph.

``build(folder, documents=175, words=8000, seed=175)`` writes ``documents``
plain-text files of about ``words`` words each, made of the paragraphs of the
three papers in ``../shared/seeds/`` and of the interviews in
``../shared/data/documents/`` (read by the workbench's own readers), drawn
at random with the seed. The paragraphs are real prose, in the papers' own
proportions; a paragraph recurs across documents, as they must at this size
(the sources hold about 21,000 words).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MIN_WORDS = 20


def paragraphs() -> list[str]:
    """Every paragraph of 20 words or more of the seeds and the shared interviews."""
    from sistercities.research.corpus.readers import read_document

    found: list[str] = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        found += re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    for path in sorted((SHARED / "data" / "documents").iterdir()):
        read = read_document(path)
        found += [read.text[a:b] for a, b in read.paragraphs]
    return [p.strip() for p in found if len(p.split()) >= MIN_WORDS]


def build(folder: Path, documents: int = 175, words: int = 8000, seed: int = 175) -> list[Path]:
    """Write the corpus into ``folder``; returns the files in order."""
    pool = paragraphs()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for d in range(documents):
        chosen: list[str] = []
        count = 0
        while count < words:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            count += len(paragraph.split())
        path = folder / f"article{d:03d}.txt"
        path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        files.append(path)
    return files
