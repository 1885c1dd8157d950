"""A small corpus of real text for the autocoding tests, and a human coder who follows a rule.

Documents are paragraphs of the three papers in ``../shared/seeds/``,
shuffled with a fixed seed and dealt out eight to a document. The "human"
codes every sentence that matches a code's pattern: a rule the tests can
check against, standing in for a researcher who codes consistently.
"""

from __future__ import annotations

import random
import re

from sistercities.research.agreement.units import CodedSpan
from sistercities.research.autocode.texts import Text
from sistercities.research.autocode.units import split_units
from tests.conftest import SHARED

RULES = {
    "migration": re.compile(r"migra|diaspora|remittanc", re.I),
    "asymmetry": re.compile(r"asymmetr", re.I),
    "economy": re.compile(r"trade|econom", re.I),
}


def documents(count: int = 20, per_document: int = 8, seed: int = 1) -> list[Text]:
    paragraphs: list[str] = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        paragraphs += [b.strip() for b in blocks if len(b.strip()) > 200]
    random.Random(seed).shuffle(paragraphs)
    return [
        Text(
            f"doc{d:02d}", "\n\n".join(paragraphs[d * per_document : (d + 1) * per_document]), "en"
        )
        for d in range(count)
    ]


def code_by_rule(texts: list[Text], coder: str = "ana") -> list[CodedSpan]:
    spans = []
    for text in texts:
        for unit in split_units(text.document, text.text, "sentence"):
            for code, rule in RULES.items():
                if rule.search(unit.text(text.text)):
                    spans.append(CodedSpan(text.document, code, coder, unit.start, unit.end))
    return spans
