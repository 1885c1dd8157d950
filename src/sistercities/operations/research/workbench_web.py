"""What the workbench's web pages ask for in one step (the CLI reaches the same through several).

- :func:`document_view`: a document's text with its codings, the codebook and
  the open suggestions, read in one unit of work so that the page and the
  offsets it shows belong to one version;
- :func:`code_in_document`: code a span, making the code first when the
  researcher typed a new name;
- :func:`adjust_coding`: move a coding's boundaries (the old span removed and
  the new one coded in one transaction, its memos kept);
- :func:`preview_qdpx`: what a REFI-QDA import would store and what it could
  not carry, with nothing stored;
- :func:`autocode_runs`: each automatic-coding run with its per-code accuracy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from sistercities.errors import ConflictError, NotFoundError
from sistercities.messages import Message
from sistercities.registry.store import Registry
from sistercities.research.access import acting_user, open_project, role_in
from sistercities.research.coding import service as coding
from sistercities.research.coding.models import Coding


def _flat_codes(session: Any, project: Any) -> list[dict[str, Any]]:
    from sistercities.research.codebook import service as codebook

    codes = codebook.all_codes(session, project)
    paths = codebook.code_paths(codes)
    counts = codebook.code_counts(session, project)
    rows = [codebook.code_dict(c, paths[c.id], counts.get(c.id, 0)) for c in codes]
    return sorted(rows, key=lambda row: row["path"])


def document_view(registry: Registry, *, project: str, document: str) -> dict[str, Any]:
    """``{"document": {...text}, "codings": [...], "codes": [...], "suggestions": [...],
    "role"}``: all a document page needs; codings as ``research codings --json``."""
    from sistercities.research.autocode import service as autocode
    from sistercities.research.corpus import service as corpus

    with registry.session() as session:
        proj = open_project(session, project)
        doc = corpus.find_document(session, proj, document)
        text = corpus.document_text(session, project, doc.id)
        return {
            "document": text,
            "codings": coding.list_codings(session, proj, document=doc.id),
            "codes": _flat_codes(session, proj),
            "suggestions": autocode.list_suggestions(session, proj, status="open",
                                                     document=str(doc.id)),
            "role": role_in(session, proj, acting_user(session)),
        }


def code_in_document(
    registry: Registry,
    *,
    project: str,
    document: str,
    start: int,
    end: int,
    code: str,
    new_code: bool = False,
    colour: str | None = None,
    memo: str | None = None,
) -> dict[str, Any]:
    """Code ``[start, end)`` (code points); with ``new_code`` the code is added first if absent.

    Returns the coding as ``research codings --json`` gives it, with ``created``.
    """
    from sistercities.research.codebook import service as codebook
    from sistercities.research.memos.service import add_memo

    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        if new_code:
            try:
                codebook.find_code(session, proj, code)
            except NotFoundError:
                codebook.add_code(session, proj, code, colour=colour)
        row, created = coding.code_span(session, proj, document, start, end, code)
        if memo:
            add_memo(session, proj, memo, target="coding", ref=row.id)
        return _coding_row(session, proj, row.id) | {"created": created}


def _coding_row(session: Any, proj: Any, coding_id: int) -> dict[str, Any]:
    """One coding as :func:`~sistercities.research.coding.service.list_codings` gives it,
    without listing the whole document's codings."""
    from sistercities.research.codebook import service as codebook
    from sistercities.research.corpus.models import Document, DocumentVersion

    found = session.get(Coding, coding_id)
    if found is None or found.project_id != proj.id:
        raise NotFoundError(Message("no coding %(coding)s in project %(project)r",
                                    coding=str(coding_id), project=proj.name))
    paths = codebook.code_paths(codebook.all_codes(session, proj))
    number = session.scalar(select(DocumentVersion.number).where(
        DocumentVersion.id == found.version_id))
    return {
        "id": found.id, "document": session.get(Document, found.document_id).name,
        "document_id": found.document_id, "code": paths[found.code_id],
        "start": found.start, "end": found.end, "text": found.quote, "coder": found.coder,
        "code_id": found.code_id, "version": number, "anchor": found.anchor,
    }


def adjust_coding(
    registry: Registry, *, project: str, coding_id: int, start: int, end: int
) -> dict[str, Any]:
    """Move a coding to ``[start, end)`` of its version; its id, code, coder and memos stay.

    Refused (409) when the coding was made on an older version of the text,
    or when the same coder already has the same code on the new span.
    """
    from sistercities.research.corpus.models import Document

    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        row = session.get(Coding, coding_id)
        if row is None or row.project_id != proj.id:
            raise NotFoundError(Message(
                "no coding %(coding)s in project %(project)r; "
                "someone may have removed it: reload the document",
                coding=str(coding_id), project=proj.name))
        doc = session.get(Document, row.document_id)
        version = coding_version(session, doc)
        if version.id != row.version_id:
            raise ConflictError(
                Message("the coding belongs to an older version of the text; reload"))
        coding.check_span(version.text, start, end)
        clash = session.scalar(select(Coding.id).where(
            Coding.version_id == row.version_id, Coding.code_id == row.code_id,
            Coding.coder == row.coder, Coding.start == start, Coding.end == end,
            Coding.id != row.id))
        if clash is not None:
            raise ConflictError(Message(
                "coding %(clash)s already codes %(start)s-%(end)s with this code",
                clash=str(clash), start=start, end=end))
        fields = coding.anchor_fields(version.text, start, end)
        session.execute(update(Coding).where(Coding.id == row.id).values(**fields,
                                                                        anchor="coded"))
        session.expire(row)
        return _coding_row(session, proj, row.id)


def coding_version(session: Any, doc: Any) -> Any:
    from sistercities.research.corpus.service import current_version

    return current_version(session, doc)


def preview_qdpx(registry: Registry, *, file: str | Path, name: str | None = None
                 ) -> dict[str, Any]:
    """What importing a ``.qdpx`` would give (``import-qdpx --json``), stored and rolled back."""
    from sistercities.research.refi import read_qdpx
    from sistercities.research.refi.storage.to_store import store_project

    path = Path(file)
    model = read_qdpx(path)
    with registry.session() as session:
        try:
            result = store_project(session, model, name=name or model.name, where=path.name)
            return result.to_dict() | {"stored": False}
        finally:
            session.rollback()


def autocode_runs(registry: Registry, *, project: str) -> list[dict[str, Any]]:
    """Each automatic-coding run: coder, method, unit, and its evaluation (overall, by code)."""
    from sistercities.research.autocode.models import AutocodeRunRecord

    with registry.session() as session:
        proj = open_project(session, project)
        runs = session.scalars(select(AutocodeRunRecord).where(
            AutocodeRunRecord.project_id == proj.id).order_by(AutocodeRunRecord.id))
        return [{"id": r.id, "coder": r.coder, "method": r.method, "unit": r.unit,
                 "evaluation": r.evaluation, "trained_on": r.trained_on,
                 "held_out": r.held_out, "suggestions": r.suggestions} for r in runs]


def require_role(registry: Registry, *, project: str, need: str = "coder") -> str:
    """The acting user's role in ``project`` if at least ``need`` (else 404 or 403), so that an
    upload is refused before its file is read."""
    with registry.session() as session:
        open_project(session, project, need=need)
        return str(role_in(session, open_project(session, project), acting_user(session)))
