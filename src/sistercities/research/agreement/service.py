"""Agreement between coders of a stored project, on the current version of each document.

Codes are named by their path in the codebook (``Actors/State``), documents
by name. ``code`` narrows to one code and the codes under it (each reported
on its own); ``document`` to one document. Codings on older versions
(flagged for review after an edit) are left out: their spans point into
another text.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.agreement.report import AgreementLevel, AgreementReport, compare_coders
from sistercities.research.agreement.units import DEFAULT_THRESHOLD, CodedSpan
from sistercities.research.codebook.service import all_codes, code_paths, descendants, find_code
from sistercities.research.coding.models import Coding
from sistercities.research.corpus.models import Document, DocumentVersion
from sistercities.research.corpus.service import find_document
from sistercities.research.projects import ResearchProject

_CURRENT = (DocumentVersion.document_id == Document.id) & (
    DocumentVersion.number == Document.current_version
)


def project_agreement(
    session: Session,
    project: ResearchProject,
    coders: Sequence[str],
    *,
    code: str | None = None,
    document: str | None = None,
    level: AgreementLevel = "character",
    threshold: float = DEFAULT_THRESHOLD,
) -> AgreementReport:
    """Agreement of ``coders`` per code, per document and overall (see :mod:`.report`)."""
    names = [c.strip() for c in coders if c.strip()]
    if len(set(names)) < 2:
        raise InputError(
            Message("name at least two different coders, e.g. --coders ana,ben"), field="coders"
        )
    every = all_codes(session, project)
    paths = code_paths(every)
    code_ids: set[int] | None = None
    if code is not None:
        root = find_code(session, project, code)
        code_ids = {root.id} | descendants(every, root.id)
    documents = select(Document.id, Document.name, DocumentVersion.id, DocumentVersion.characters)
    documents = documents.join(DocumentVersion, _CURRENT).where(Document.project_id == project.id)
    if document is not None:
        documents = documents.where(Document.id == find_document(session, project, document).id)
    rows = session.execute(documents).all()
    lengths: dict[Hashable, int] = {name: chars for _id, name, _v, chars in rows}
    by_version = {version: name for _id, name, version, _c in rows}
    query = select(Coding.version_id, Coding.code_id, Coding.coder, Coding.start, Coding.end).where(
        Coding.project_id == project.id,
        Coding.version_id.in_(list(by_version)),
        Coding.coder.in_(names),
    )
    if code_ids is not None:
        query = query.where(Coding.code_id.in_(code_ids))
    spans = [
        CodedSpan(by_version[version], paths[code_id], coder, start, end)
        for version, code_id, coder, start, end in session.execute(query)
    ]
    codes = sorted(paths[i] for i in code_ids) if code_ids is not None else None
    return compare_coders(spans, lengths, names, codes, level=level, threshold=threshold)
