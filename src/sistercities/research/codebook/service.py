"""Edit the codebook: add, list (a tree), move, rename, merge, delete codes; sets.

Codes are named uniquely among their siblings. A code is found by its id,
by its path (``Parent/Child``) or by its name when that is unique in the
project. Moving a code under itself or one of its descendants (a cycle) is
refused. Merging moves every coding of the source code to the target (a span
coded with both keeps one coding) and moves the source's children under the
target, then deletes the source. Deleting a code that has codings, or whose
descendants have, needs ``force`` and deletes those codings with it.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sistercities.errors import ConflictError, InputError, NotFoundError
from sistercities.messages import Message
from sistercities.research.access import acting_user
from sistercities.research.codebook.models import Code, CodeSet, CodeSetMember
from sistercities.research.coding.models import Coding
from sistercities.research.members import check_name
from sistercities.research.projects import ResearchProject

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def check_colour(colour: str | None) -> str | None:
    """A colour as ``#rrggbb`` (lower case), or ``None``."""
    if colour is None or colour == "":
        return None
    if not _COLOUR.match(colour):
        raise InputError(
            Message("%(colour)r is not a colour like #1f77b4", colour=colour), field="colour"
        )
    return colour.lower()


def all_codes(session: Session, project: ResearchProject) -> list[Code]:
    """Every code and folder of the project, by position then name."""
    return list(
        session.scalars(
            select(Code).where(Code.project_id == project.id).order_by(Code.position, Code.name)
        )
    )


def code_paths(codes: list[Code]) -> dict[int, str]:
    """Each code's path from the root, ``Parent/Child``."""
    by_id = {c.id: c for c in codes}
    paths: dict[int, str] = {}

    def path(code: Code) -> str:
        if code.id not in paths:
            parent = by_id.get(code.parent_id) if code.parent_id else None
            paths[code.id] = f"{path(parent)}/{code.name}" if parent else code.name
        return paths[code.id]

    for code in codes:
        path(code)
    return paths


def find_code(session: Session, project: ResearchProject, ref: str | int) -> Code:
    """A code by id, path (``A/B``) or unique name."""
    text = str(ref).strip()
    codes = all_codes(session, project)
    paths = code_paths(codes)
    by_path = [c for c in codes if paths[c.id] == text]
    if by_path:
        return by_path[0]
    named = [c for c in codes if c.name == text]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        choices = ", ".join(sorted(paths[c.id] for c in named))
        raise InputError(
            Message("%(text)r names %(count)s codes; give its path: %(choices)s", text=text,
                    count=len(named), choices=choices),
            field="code",
        )
    if text.isdigit():
        for code in codes:
            if code.id == int(text):
                return code
    raise NotFoundError(
        Message("no code %(code)r in project %(project)r", code=text, project=project.name)
    )


def _sibling_named(
    session: Session, project: ResearchProject, parent_id: int | None, name: str
) -> Code | None:
    query = select(Code).where(Code.project_id == project.id, Code.name == name)
    query = query.where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    )
    return session.scalar(query)


def add_code(
    session: Session,
    project: ResearchProject,
    name: str,
    *,
    parent: str | int | None = None,
    description: str | None = None,
    colour: str | None = None,
    terms: list[str] | None = None,
    codable: bool = True,
    definition_source: str | None = None,
) -> Code:
    """Add a code (or a folder, ``codable=False``) under ``parent`` or at the top."""
    name = check_name(name, what="code")
    if "/" in name:
        raise InputError(
            Message("%(name)r: '/' separates a code's path and cannot be in a name", name=name),
            field="code",
        )
    parent_code = find_code(session, project, parent) if parent not in (None, "") else None
    parent_id = parent_code.id if parent_code else None
    if _sibling_named(session, project, parent_id, name) is not None:
        taken = (
            Message("a code named %(name)r already exists under %(parent)r", name=name,
                    parent=parent_code.name)
            if parent_code
            else Message("a code named %(name)r already exists at the top of the codebook",
                         name=name)
        )
        raise ConflictError(taken)
    position = session.scalar(
        select(func.coalesce(func.max(Code.position), -1) + 1).where(Code.project_id == project.id)
    )
    code = Code(
        project_id=project.id,
        parent_id=parent_id,
        name=name,
        description=description,
        colour=check_colour(colour),
        terms=[t.strip() for t in (terms or []) if t.strip()],
        codable=codable,
        definition_source=definition_source,
        position=position or 0,
        created_by=acting_user(session),
    )
    session.add(code)
    session.flush()
    return code


def code_counts(session: Session, project: ResearchProject) -> dict[int, int]:
    """Codings per code id."""
    return dict(
        session.execute(
            select(Coding.code_id, func.count())
            .where(Coding.project_id == project.id)
            .group_by(Coding.code_id)
        ).all()
    )


def code_dict(code: Code, path: str, references: int) -> dict[str, Any]:
    return {
        "id": code.id,
        "guid": code.guid,
        "name": code.name,
        "path": path,
        "parent": code.parent_id,
        "description": code.description,
        "colour": code.colour,
        "terms": list(code.terms or []),
        "codable": code.codable,
        "definition_source": code.definition_source,
        "references": references,
    }


def code_tree(session: Session, project: ResearchProject) -> list[dict[str, Any]]:
    """The codebook as a tree: each code with its ``children`` (references are its own codings)."""
    codes = all_codes(session, project)
    paths = code_paths(codes)
    counts = code_counts(session, project)
    nodes = {c.id: code_dict(c, paths[c.id], counts.get(c.id, 0)) | {"children": []} for c in codes}
    roots: list[dict[str, Any]] = []
    for code in codes:
        if code.parent_id is None:
            roots.append(nodes[code.id])
        else:
            nodes[code.parent_id]["children"].append(nodes[code.id])
    return roots


def descendants(codes: list[Code], code_id: int) -> set[int]:
    """The ids of a code's descendants (not itself)."""
    children: dict[int | None, list[int]] = {}
    for c in codes:
        children.setdefault(c.parent_id, []).append(c.id)
    out: set[int] = set()
    stack = list(children.get(code_id, []))
    while stack:
        current = stack.pop()
        if current not in out:
            out.add(current)
            stack.extend(children.get(current, []))
    return out


def move_code(
    session: Session, project: ResearchProject, ref: str | int, parent: str | int | None
) -> Code:
    """Put a code under another (``None``: at the top); a cycle or a name clash is refused."""
    code = find_code(session, project, ref)
    target = find_code(session, project, parent) if parent not in (None, "") else None
    under = descendants(all_codes(session, project), code.id) | {code.id}
    if target is not None and target.id in under:
        raise InputError(
            Message(
                "moving %(code)r under %(target)r would make a cycle "
                "(%(target)r is %(code)r or lies under it)",
                code=code.name, target=target.name,
            ),
            field="parent",
        )
    new_parent = target.id if target else None
    clash = _sibling_named(session, project, new_parent, code.name)
    if clash is not None and clash.id != code.id:
        raise ConflictError(
            Message("a code named %(name)r already exists there", name=code.name)
        )
    code.parent_id = new_parent
    session.flush()
    return code


def rename_code(session: Session, project: ResearchProject, ref: str | int, name: str) -> Code:
    """Give a code a new name (unique among its siblings)."""
    code = find_code(session, project, ref)
    name = check_name(name, what="code")
    if "/" in name:
        raise InputError(
            Message("%(name)r: '/' cannot be in a code's name", name=name), field="code"
        )
    clash = _sibling_named(session, project, code.parent_id, name)
    if clash is not None and clash.id != code.id:
        raise ConflictError(
            Message("a code named %(name)r already exists beside %(code)r", name=name,
                    code=code.name)
        )
    code.name = name
    session.flush()
    return code


def update_code(
    session: Session,
    project: ResearchProject,
    ref: str | int,
    *,
    description: str | None = None,
    colour: str | None = None,
    terms: list[str] | None = None,
    codable: bool | None = None,
) -> Code:
    """Change a code's description, colour, terms or codable flag (only those given)."""
    code = find_code(session, project, ref)
    if description is not None:
        code.description = description
    if colour is not None:
        code.colour = check_colour(colour)
    if terms is not None:
        code.terms = [t.strip() for t in terms if t.strip()]
    if codable is not None:
        if not codable and session.scalar(select(func.count()).where(Coding.code_id == code.id)):
            raise InputError(
                Message("%(code)r has codings; a folder cannot hold codings", code=code.name),
                field="code",
            )
        code.codable = codable
    session.flush()
    return code


def merge_codes(
    session: Session, project: ResearchProject, source: str | int, target: str | int
) -> dict[str, Any]:
    """Merge ``source`` into ``target``: codings and children follow, then ``source`` goes."""
    src = find_code(session, project, source)
    dst = find_code(session, project, target)
    if src.id == dst.id:
        raise InputError(Message("a code cannot be merged into itself"), field="target")
    if dst.id in descendants(all_codes(session, project), src.id):
        raise InputError(
            Message("%(target)r lies under %(source)r; move it out first", target=dst.name,
                    source=src.name),
            field="target",
        )
    if not dst.codable:
        raise InputError(
            Message("%(target)r is a folder and cannot hold codings", target=dst.name),
            field="target",
        )
    spans = {
        (r.version_id, r.start, r.end, r.coder)
        for r in session.execute(
            select(Coding.version_id, Coding.start, Coding.end, Coding.coder).where(
                Coding.code_id == dst.id
            )
        )
    }
    duplicates = [
        r.id
        for r in session.execute(
            select(Coding.id, Coding.version_id, Coding.start, Coding.end, Coding.coder).where(
                Coding.code_id == src.id
            )
        )
        if (r.version_id, r.start, r.end, r.coder) in spans
    ]
    if duplicates:
        session.execute(delete(Coding).where(Coding.id.in_(duplicates)))
    moved = len(
        session.scalars(
            update(Coding)
            .where(Coding.code_id == src.id)
            .values(code_id=dst.id)
            .returning(Coding.id)
        ).all()
    )
    for child in session.scalars(select(Code).where(Code.parent_id == src.id)):
        if _sibling_named(session, project, dst.id, child.name) is not None:
            raise ConflictError(
                Message("%(target)r already has a code named %(child)r", target=dst.name,
                        child=child.name)
            )
        child.parent_id = dst.id
    session.execute(
        update(CodeSetMember).where(CodeSetMember.code_id == src.id).values(code_id=dst.id)
    )
    session.flush()
    session.expire_all()
    session.delete(session.get(Code, src.id))
    session.flush()
    return {
        "merged": src.name,
        "into": dst.name,
        "codings_moved": moved,
        "duplicates": len(duplicates),
    }


def delete_code(
    session: Session, project: ResearchProject, ref: str | int, *, force: bool = False
) -> dict[str, Any]:
    """Delete a code and its descendants; with codings only when ``force``."""
    code = find_code(session, project, ref)
    ids = {code.id} | descendants(all_codes(session, project), code.id)
    codings = session.scalar(select(func.count()).where(Coding.code_id.in_(ids))) or 0
    if codings and not force:
        raise InputError(
            Message(
                "%(code)r (with the codes under it) has %(count)s coding(s); "
                "use --force to delete them too",
                code=code.name, count=codings,
            ),
            field="code",
        )
    session.execute(delete(Coding).where(Coding.code_id.in_(ids)))
    session.execute(delete(CodeSetMember).where(CodeSetMember.code_id.in_(ids)))
    name = code.name
    for row in _deepest_first(session, ids):
        session.delete(row)
        session.flush()  # children first: the database would cascade a parent to them
    return {"deleted": name, "codes": len(ids), "codings": codings}


def _deepest_first(session: Session, ids: set[int]) -> list[Code]:
    rows = {c.id: c for c in session.scalars(select(Code).where(Code.id.in_(ids)))}

    def depth(code: Code) -> int:
        return 0 if code.parent_id not in rows else 1 + depth(rows[code.parent_id])

    return sorted(rows.values(), key=depth, reverse=True)


def add_to_set(
    session: Session, project: ResearchProject, set_name: str, codes: list[str]
) -> dict[str, Any]:
    """Put codes in a set (the set is made on first use)."""
    set_name = check_name(set_name, what="set")
    code_set = session.scalar(
        select(CodeSet).where(CodeSet.project_id == project.id, CodeSet.name == set_name)
    )
    if code_set is None:
        code_set = CodeSet(project_id=project.id, name=set_name)
        session.add(code_set)
        session.flush()
    members = set(
        session.scalars(select(CodeSetMember.code_id).where(CodeSetMember.set_id == code_set.id))
    )
    for ref in codes:
        code = find_code(session, project, ref)
        if code.id not in members:
            session.add(CodeSetMember(set_id=code_set.id, code_id=code.id))
            members.add(code.id)
    session.flush()
    return set_dict(session, project, code_set)


def set_dict(session: Session, project: ResearchProject, code_set: CodeSet) -> dict[str, Any]:
    paths = code_paths(all_codes(session, project))
    ids = session.scalars(select(CodeSetMember.code_id).where(CodeSetMember.set_id == code_set.id))
    return {"name": code_set.name, "codes": sorted(paths[i] for i in ids)}


def list_sets(session: Session, project: ResearchProject) -> list[dict[str, Any]]:
    sets = session.scalars(
        select(CodeSet).where(CodeSet.project_id == project.id).order_by(CodeSet.name)
    )
    return [set_dict(session, project, s) for s in sets]


def set_code_ids(session: Session, project: ResearchProject, set_name: str) -> list[int]:
    """The ids of the codes in a set."""
    code_set = session.scalar(
        select(CodeSet).where(CodeSet.project_id == project.id, CodeSet.name == set_name)
    )
    if code_set is None:
        raise NotFoundError(
            Message("no code set %(set)r in project %(project)r", set=set_name,
                    project=project.name)
        )
    return list(
        session.scalars(select(CodeSetMember.code_id).where(CodeSetMember.set_id == code_set.id))
    )
