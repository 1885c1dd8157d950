"""Automatic coding against a stored project: read texts and codings, store suggestions, decide.

Everything reads the **current version** of each document; a coding still
waiting for review on an older version (``anchor == "review"``) is left out,
since its span does not point into the text being coded.

A new run under a coder name replaces that name's open suggestions (the
ones nobody has decided on); accepted and rejected ones stay, and a new run
does not suggest again what was already decided for the same span and code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message
from sistercities.research.access import acting_user
from sistercities.research.agreement.units import CodedSpan
from sistercities.research.autocode.models import AutocodeRunRecord, SuggestionRecord
from sistercities.research.autocode.runs import AutocodeRun
from sistercities.research.autocode.texts import Text
from sistercities.research.codebook.models import Code
from sistercities.research.codebook.service import all_codes, code_paths
from sistercities.research.coding.models import Coding
from sistercities.research.corpus.models import Document, DocumentVersion
from sistercities.research.projects import ResearchProject

_CURRENT = (DocumentVersion.document_id == Document.id) & (
    DocumentVersion.number == Document.current_version
)


def project_texts(session: Session, project: ResearchProject) -> list[Text]:
    """The current text of every document, keyed by document id."""
    rows = session.execute(
        select(Document.id, Document.language, DocumentVersion.text, DocumentVersion.paragraphs)
        .join(DocumentVersion, _CURRENT)
        .where(Document.project_id == project.id)
        .order_by(Document.name)
    )
    return [Text(doc_id, text, language, paragraphs) for doc_id, language, text, paragraphs in rows]


def current_versions(session: Session, project: ResearchProject) -> dict[int, tuple[int, str]]:
    """Document id → (current version id, document name)."""
    rows = session.execute(
        select(Document.id, DocumentVersion.id, Document.name)
        .join(DocumentVersion, _CURRENT)
        .where(Document.project_id == project.id)
    )
    return {doc_id: (version_id, name) for doc_id, version_id, name in rows}


def current_codings(
    session: Session, project: ResearchProject, coders: Iterable[str] | None = None
) -> list[CodedSpan]:
    """The codings on current versions (of ``coders`` only, if given), as plain spans."""
    query = (
        select(Coding.document_id, Coding.code_id, Coding.coder, Coding.start, Coding.end)
        .join(Document, Document.id == Coding.document_id)
        .join(DocumentVersion, _CURRENT)
        .where(Coding.project_id == project.id, Coding.version_id == DocumentVersion.id)
        .order_by(Coding.document_id, Coding.start, Coding.id)
    )
    if coders is not None:
        query = query.where(Coding.coder.in_(list(coders)))
    return [CodedSpan(*row) for row in session.execute(query)]


def automatic_coders(session: Session, project: ResearchProject) -> set[str]:
    """Coder names automatic coding has run under in this project."""
    return set(
        session.scalars(
            select(AutocodeRunRecord.coder).where(AutocodeRunRecord.project_id == project.id)
        )
    )


def store_run(
    session: Session,
    project: ResearchProject,
    run: AutocodeRun,
    *,
    coder: str,
    unit: str,
) -> AutocodeRunRecord:
    """Store a run and its suggestions under ``coder`` (see the module docstring)."""
    session.execute(
        delete(SuggestionRecord).where(
            SuggestionRecord.project_id == project.id,
            SuggestionRecord.coder == coder,
            SuggestionRecord.status == "open",
        )
    )
    decided = {
        tuple(row)
        for row in session.execute(
            select(
                SuggestionRecord.version_id,
                SuggestionRecord.code_id,
                SuggestionRecord.start,
                SuggestionRecord.end,
            ).where(SuggestionRecord.project_id == project.id, SuggestionRecord.coder == coder)
        )
    }
    versions = current_versions(session, project)
    texts = {t.document: t.text for t in project_texts(session, project)}
    record = AutocodeRunRecord(
        project_id=project.id,
        coder=coder,
        method=run.method,
        unit=unit,
        evaluation=run.evaluation.to_dict(),
        trained_on=run.trained_on,
        held_out=run.held_out,
        suggestions=0,
        created_by=acting_user(session),
    )
    session.add(record)
    session.flush()
    rows = []
    for s in run.suggestions:
        version_id = versions[int(s.document)][0]  # type: ignore[call-overload]
        if (version_id, s.code, s.start, s.end) in decided:
            continue
        rows.append(
            {
                "project_id": project.id,
                "run_id": record.id,
                "document_id": s.document,
                "version_id": version_id,
                "code_id": s.code,
                "start": s.start,
                "end": s.end,
                "quote": texts[s.document][s.start : s.end],
                "coder": coder,
                "score": s.score,
                "reason": s.reason,
                "judged": s.judged,
                "status": "open",
            }
        )
    if rows:
        session.execute(insert(SuggestionRecord), rows)
    record.suggestions = len(rows)
    session.flush()
    return record


def _selected(
    session: Session,
    project: ResearchProject,
    *,
    ids: Sequence[int] = (),
    code: str | None = None,
    document: str | None = None,
    coder: str | None = None,
    status: str | None = None,
) -> list[SuggestionRecord]:
    from sistercities.research.codebook.service import descendants, find_code
    from sistercities.research.corpus.service import find_document

    query = select(SuggestionRecord).where(SuggestionRecord.project_id == project.id)
    if ids:
        query = query.where(SuggestionRecord.id.in_(list(ids)))
    if code is not None:
        root = find_code(session, project, code)
        wanted = {root.id} | descendants(all_codes(session, project), root.id)
        query = query.where(SuggestionRecord.code_id.in_(wanted))
    if document is not None:
        query = query.where(
            SuggestionRecord.document_id == find_document(session, project, document).id
        )
    if coder is not None:
        query = query.where(SuggestionRecord.coder == coder)
    if status is not None:
        query = query.where(SuggestionRecord.status == status)
    found = list(
        session.scalars(
            query.order_by(
                SuggestionRecord.document_id, SuggestionRecord.start, SuggestionRecord.id
            )
        )
    )
    missing = sorted(set(ids) - {s.id for s in found})
    if missing:
        raise NotFoundError(
            Message("no suggestion %(ids)s in project %(project)r",
                    ids=", ".join(map(str, missing)), project=project.name)
        )
    return found


def suggestion_rows(
    session: Session, project: ResearchProject, records: Iterable[SuggestionRecord]
) -> list[dict[str, Any]]:
    """Suggestions as ``{"id", "document", "code", "start", "end", "text", "coder", ...}``."""
    paths = code_paths(all_codes(session, project))
    names = {doc_id: name for doc_id, (_v, name) in current_versions(session, project).items()}
    return [
        {
            "id": s.id,
            "document": names.get(s.document_id, str(s.document_id)),
            "code": paths.get(s.code_id, str(s.code_id)),
            "start": s.start,
            "end": s.end,
            "text": s.quote,
            "coder": s.coder,
            "score": s.score,
            "reason": s.reason,
            "judged": s.judged,
            "status": s.status,
            "run": s.run_id,
            "decided_by": s.decided_by,
            "coding": s.coding_id,
        }
        for s in records
    ]


def list_suggestions(
    session: Session, project: ResearchProject, **selection: Any
) -> list[dict[str, Any]]:
    """The suggestions that match ``selection`` (ids, code, document, coder, status)."""
    return suggestion_rows(session, project, _selected(session, project, **selection))


def decide(
    session: Session,
    project: ResearchProject,
    *,
    accept: bool,
    ids: Sequence[int] = (),
    code: str | None = None,
    document: str | None = None,
    coder: str | None = None,
) -> dict[str, Any]:
    """Accept (code as the acting user) or reject the selected open suggestions.

    A suggestion on a version that is no longer the document's current one
    is skipped with its reason: its span may no longer say what it said.
    """
    if not ids and code is None and document is None and coder is None:
        raise InputError(
            Message("name suggestion ids, or a code, a document or a coder"), field="ids"
        )
    from sistercities.research.coding.service import code_span
    from sistercities.research.memos.service import add_memo

    user = acting_user(session)
    versions = current_versions(session, project)
    selected = _selected(session, project, ids=ids, code=code, document=document, coder=coder)
    decided: list[SuggestionRecord] = []
    skipped: list[dict[str, Any]] = []
    when = dt.datetime.now(dt.UTC)
    for s in selected:
        if s.status != "open":
            skipped.append({"id": s.id, "reason": _already(s.status, s.decided_by)})
            continue
        if versions.get(s.document_id, (None, ""))[0] != s.version_id:
            skipped.append(
                {"id": s.id,
                 "reason": Message("the document was edited since: run autocode again")}
            )
            continue
        if accept:
            target = session.get(Code, s.code_id)
            assert target is not None
            coding, _created = code_span(
                session, project, versions[s.document_id][1], s.start, s.end, s.code_id, coder=user
            )
            s.coding_id = coding.id
            add_memo(
                session,
                project,
                f"Accepted from suggestion #{s.id} of {s.coder} (run {s.run_id}; {s.reason}"
                + (f"; score {s.score:.2f}" if s.score is not None else "")
                + ")",
                target="coding",
                ref=coding.id,
            )
        s.status = "accepted" if accept else "rejected"
        s.decided_by = user
        s.decided_at = when
        decided.append(s)
    session.flush()
    return {
        "accepted" if accept else "rejected": len(decided),
        "skipped": skipped,
        "suggestions": suggestion_rows(session, project, decided),
    }


def _already(status: str, by: str | None) -> Message:
    """Why a decided suggestion is skipped, one sentence per status (gendered in Spanish)."""
    if status == "accepted":
        return Message("already accepted by %(coder)s", coder=by)
    if status == "rejected":
        return Message("already rejected by %(coder)s", coder=by)
    return Message("already %(status)s by %(coder)s", status=status, coder=by)
