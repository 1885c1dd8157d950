"""Memos on the project, a document, a code or a coding, with author and dates."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Joined, Message
from sistercities.research.access import acting_user
from sistercities.research.memos.models import MEMO_TARGETS, Memo
from sistercities.research.projects import ResearchProject, now

#: What a memo can be on, by its name in the reader's language.
TARGET_NAMES = {
    "project": Message("project"),
    "document": Message("document"),
    "code": Message("code"),
    "coding": Message("coding"),
}
#: "say which code the memo is on", one sentence per target (the article differs in Spanish).
WHICH = {
    "document": Message("say which document the memo is on"),
    "code": Message("say which code the memo is on"),
    "coding": Message("say which coding the memo is on"),
}


def resolve_target(
    session: Session, project: ResearchProject, target: str, ref: str | int | None
) -> int | None:
    """The id of what a memo is about (``None`` for the project)."""
    from sistercities.research.codebook.service import find_code
    from sistercities.research.coding.models import Coding
    from sistercities.research.corpus.service import find_document

    if target not in MEMO_TARGETS:
        raise InputError(
            Message("a memo is on %(targets)s, not %(target)r",
                    targets=Joined(", ", [TARGET_NAMES[t] for t in MEMO_TARGETS]), target=target),
            field="on",
        )
    if target == "project":
        return None
    if ref is None or str(ref).strip() == "":
        which = WHICH[target]
        raise InputError(which, field=target)
    if target == "document":
        return find_document(session, project, ref).id
    if target == "code":
        return find_code(session, project, ref).id
    text = str(ref).strip()
    coding = session.get(Coding, int(text)) if text.isdigit() else None
    if coding is None or coding.project_id != project.id:
        raise NotFoundError(
            Message("no coding %(coding)r in project %(project)r", coding=text,
                    project=project.name)
        )
    return coding.id


def add_memo(
    session: Session,
    project: ResearchProject,
    text: str,
    *,
    target: str = "project",
    ref: str | int | None = None,
) -> dict[str, Any]:
    """Write a memo by the acting user."""
    if not (text or "").strip():
        raise InputError(Message("a memo cannot be empty"), field="text")
    target_id = resolve_target(session, project, target, ref)
    memo = Memo(
        project_id=project.id,
        target=target,
        target_id=target_id,
        author=acting_user(session),
        text=text,
    )
    session.add(memo)
    session.flush()
    return memo_dict(memo)


def edit_memo(
    session: Session, project: ResearchProject, memo_id: int, text: str
) -> dict[str, Any]:
    memo = session.get(Memo, memo_id)
    if memo is None or memo.project_id != project.id:
        raise NotFoundError(
            Message("no memo %(memo)s in project %(project)r", memo=str(memo_id),
                    project=project.name)
        )
    if not text.strip():
        raise InputError(Message("a memo cannot be empty"), field="text")
    memo.text = text
    memo.updated_at = now()
    session.flush()
    return memo_dict(memo)


def list_memos(
    session: Session,
    project: ResearchProject,
    *,
    target: str | None = None,
    ref: str | int | None = None,
) -> list[dict[str, Any]]:
    query = select(Memo).where(Memo.project_id == project.id)
    if target is not None:
        query = query.where(Memo.target == target)
        if target != "project" and ref is not None:
            query = query.where(Memo.target_id == resolve_target(session, project, target, ref))
    return [memo_dict(m) for m in session.scalars(query.order_by(Memo.created_at, Memo.id))]


def memo_dict(memo: Memo) -> dict[str, Any]:
    return {
        "id": memo.id,
        "on": memo.target,
        "target_id": memo.target_id,
        "author": memo.author,
        "text": memo.text,
        "created_at": memo.created_at.isoformat() if memo.created_at else None,
        "updated_at": memo.updated_at.isoformat() if memo.updated_at else None,
    }
