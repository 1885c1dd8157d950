"""Load a built-in codebook (``builtin:000``, ``builtin:001``, ``builtin:004``) into a project.

Each code gets the definition quoted from the paper as its description and
``definition_source`` naming the paper and section (see
:mod:`.builtin_data`). Loading is idempotent: a code already at the same
path is left as it is (and counted ``existing``), so loading twice, or
loading into a codebook a researcher has started, adds only what is missing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.codebook.builtin_data import CODEBOOKS, BuiltinCodebook
from sistercities.research.codebook.service import add_code, all_codes, code_paths
from sistercities.research.projects import ResearchProject

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def codebook(source: str) -> BuiltinCodebook:
    """The built-in codebook named ``builtin:KEY`` (or just ``KEY``)."""
    key = source.removeprefix("builtin:").strip()
    if key not in CODEBOOKS:
        known = ", ".join(f"builtin:{k}" for k in CODEBOOKS)
        raise InputError(
            Message("no built-in codebook %(source)r (known: %(known)s)", source=source,
                    known=known),
            field="codebook",
        )
    return CODEBOOKS[key]


def load(session: Session, project: ResearchProject, source: str) -> dict[str, Any]:
    """Add the codes of a built-in codebook that the project does not have yet."""
    book = codebook(source)
    have = set(code_paths(all_codes(session, project)).values())
    added: list[str] = []
    tops = [c.path for c in book.codes if "/" not in c.path]
    for code in book.codes:
        if code.path in have:
            continue
        parent, _, name = code.path.rpartition("/")
        top = code.path.split("/")[0]
        add_code(
            session,
            project,
            name,
            parent=parent or None,
            description=code.definition,
            colour=PALETTE[tops.index(top) % len(PALETTE)] if top in tops else None,
            terms=list(code.terms),
            codable=not code.folder,
            definition_source=f"{book.paper}, section {code.section!r}",
        )
        have.add(code.path)
        added.append(code.path)
    return {
        "codebook": f"builtin:{book.key}",
        "title": book.title,
        "paper": book.paper,
        "codes": len(book.codes),
        "added": len(added),
        "existing": len(book.codes) - len(added),
        "paths": added,
    }
