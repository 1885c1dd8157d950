"""A read REFI-QDA project (or codebook) stored in the workbench, in one transaction.

The caller's session commits or rolls back as a whole: an error anywhere
(a value of the wrong type, a name the workbench refuses) leaves nothing
stored. What the workbench does not hold is counted in ``not_carried``
beside what the reader already counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from sistercities.registry import audit
from sistercities.research.access import open_project
from sistercities.research.members import create_project
from sistercities.research.refi.model import Codebook, Finding, NotCarried, Project, User
from sistercities.research.refi.storage.context import StoreContext
from sistercities.research.refi.storage.models import RefiObject
from sistercities.research.refi.storage.store_cases import (
    store_cases,
    store_notes,
    store_variables,
)
from sistercities.research.refi.storage.store_codes import store_codes, store_sets
from sistercities.research.refi.storage.store_texts import store_sources


@dataclass
class ImportResult:
    """What an import stored, what it could not carry, and what it noticed."""

    project: str
    sources: int = 0
    codes: int = 0
    codings: int = 0
    cases: int = 0
    notes: int = 0
    not_carried: list[NotCarried] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    position_rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project, "sources": self.sources, "codes": self.codes,
            "codings": self.codings, "cases": self.cases, "notes": self.notes,
            "not_carried": [item.to_dict() for item in self.not_carried],
            "findings": [item.to_dict() for item in self.findings],
            "position_rule": self.position_rule,
        }


def coder_names(users: list[User]) -> dict[str, str]:
    """Each user's GUID -> the coder name it is stored under (name, else id, else GUID)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for user in users:
        name = (user.name or user.id or user.guid).strip()
        if name in taken:
            name = f"{name} ({user.id or user.guid[:8]})"
        taken.add(name)
        names[user.guid] = name
    return names


def store_project(session: Session, project: Project, *, name: str, where: str) -> ImportResult:
    """Store ``project`` as a new research project called ``name``."""
    stored = create_project(session, name)
    ctx = StoreContext(session, stored, where, users=coder_names(project.users))
    coded = {coding.code_ref for coding in project.all_codings()}
    store_codes(ctx, project.codes, coded)
    store_sets(ctx, project.sets)
    sources = store_sources(ctx, project.sources, set())
    attributes = store_variables(ctx, project.variables)
    store_cases(ctx, project, attributes)
    notes = store_notes(ctx, project)
    ctx.lose("links", "the workbench has no links between objects", len(project.links))
    ctx.remember("project", stored.guid, stored.guid, {
        "name": project.name,
        "creating_user": project.creating_user, "modifying_user": project.modifying_user,
        "modified": project.modified, "description": project.description,
        "users": [{"guid": u.guid, "name": ctx.users[u.guid], "id": u.id}
                  for u in project.users],
    })
    _finish(ctx, f"REFI-QDA project {where} into research project {name!r}")
    return ImportResult(
        project=name, sources=sources, codes=len(project.all_codes()),
        codings=len(ctx.coding_ids), cases=len(project.cases), notes=notes,
        not_carried=project.not_carried + ctx.not_carried(),
        findings=project.findings + ctx.findings, position_rule=project.position_rule,
    )


def store_codebook(session: Session, project_name: str, codebook: Codebook, *, where: str
                   ) -> dict[str, Any]:
    """Add a codebook's codes and sets to an existing project (codes already there are kept)."""
    project = open_project(session, project_name, need="coder")
    ctx = StoreContext(session, project, where)
    counts = store_codes(ctx, codebook.codes, set())
    sets = store_sets(ctx, codebook.sets)
    _finish(ctx, f"REFI-QDA codebook {where} into research project {project_name!r}")
    return {"project": project_name, "codes": len(codebook.all_codes()), **counts,
            "sets": sets, "findings": [f.to_dict() for f in codebook.findings + ctx.findings]}


def _finish(ctx: StoreContext, note: str) -> None:
    if ctx.refi_rows:
        ctx.session.execute(insert(RefiObject), ctx.refi_rows)
    audit.record(ctx.session, action="import", entity="research_projects",
                 entity_id=ctx.project.id, note=note[:2000])
