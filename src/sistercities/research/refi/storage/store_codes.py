"""The codebook of a file into the workbench: codes (with folders), colours, sets."""

from __future__ import annotations

from sqlalchemy import func, select

from sistercities.research.codebook.models import Code, CodeSet, CodeSetMember
from sistercities.research.codebook.service import check_colour
from sistercities.research.projects import new_guid
from sistercities.research.refi.model import Code as FileCode
from sistercities.research.refi.model import CodeSet as FileSet
from sistercities.research.refi.storage.context import StoreContext, renamed, unique_name


def store_codes(ctx: StoreContext, roots: list[FileCode], coded: set[str]) -> dict[str, int]:
    """Store the code tree; returns how many were ``added`` and found ``existing``.

    A code of the same name under the same parent already in the project is
    reused (a codebook imported twice adds nothing). A code the file marks
    not codable but codes with anyway is stored codable, so its codings stay.
    """
    session, project = ctx.session, ctx.project
    existing = {(c.parent_id, c.name): c for c in session.scalars(
        select(Code).where(Code.project_id == project.id))}
    position = session.scalar(select(func.coalesce(func.max(Code.position), -1) + 1)
                              .where(Code.project_id == project.id)) or 0
    counts = {"added": 0, "existing": 0}
    added: set[str] = set()
    level: list[tuple[FileCode, int | None]] = [(code, None) for code in roots]
    while level:
        made: list[tuple[FileCode, Code]] = []
        taken: dict[int | None, set[str]] = {}
        for code, parent_id in level:
            siblings = taken.setdefault(parent_id, {n for p, n in existing if p == parent_id})
            found = existing.get((parent_id, code.name))
            if found is not None:
                counts["existing"] += 1
                made.append((code, found))
                continue
            name, changed = unique_name(code.name, siblings, what="code")
            if changed:
                ctx.note("code renamed", f"Code '{code.name}'", f"stored as '{name}'")
            codable = code.codable or code.guid in coded
            if codable != code.codable:
                ctx.note("folder with codings", f"Code '{code.name}'",
                         "not codable in the file but coded: stored as codable")
            row = Code(guid=new_guid(), project_id=project.id, parent_id=parent_id, name=name,
                       description=code.description, colour=check_colour(code.color),
                       terms=[], codable=codable, position=position,
                       created_by=ctx.session.info.get("user") or "unknown")
            position += 1
            session.add(row)
            made.append((code, row))
            counts["added"] += 1
            added.add(row.guid)
        session.flush()
        for code, row in made:
            ctx.code_ids[code.guid] = row.id
            if row.guid in added:
                extra: dict[str, object] = dict(renamed(code.name, row.name))
                if row.codable != code.codable:
                    extra["codable"] = code.codable
                ctx.remember("code", row.guid, code.guid, extra)
        level = [(child, row.id) for code, row in made for child in code.children]
    return counts


def store_sets(ctx: StoreContext, sets: list[FileSet]) -> int:
    """Store code sets (members that are codes); other members are counted as not carried."""
    session, project = ctx.session, ctx.project
    taken = set(session.scalars(select(CodeSet.name).where(CodeSet.project_id == project.id)))
    stored = 0
    for code_set in sets:
        name, changed = unique_name(code_set.name, taken, what="set")
        if changed:
            ctx.note("set renamed", f"Set '{code_set.name}'", f"stored as '{name}'")
        row = CodeSet(project_id=project.id, name=name, description=code_set.description)
        session.add(row)
        session.flush()
        for code_id in dict.fromkeys(ctx.code_ids[g] for g in code_set.code_refs):
            session.add(CodeSetMember(set_id=row.id, code_id=code_id))
        ctx.lose("sources in sets", "the workbench's sets group codes only",
                 len(code_set.source_refs))
        ctx.lose("notes in sets", "the workbench's sets group codes only",
                 len(code_set.note_refs))
        ctx.remember("set", row.guid, code_set.guid, dict(renamed(code_set.name, name)))
        stored += 1
    session.flush()
    return stored
