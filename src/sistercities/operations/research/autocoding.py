"""Automatic coding of a research project: run, list suggestions, accept or reject them.

Each function is one user action (``research autocode``, ``research
suggestions``); the acting user is ``registry.user``. See
:mod:`sistercities.research.autocode` for the methods and how they are judged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.registry.store import Registry

DEFAULT_CODERS = {"terms": "auto-terms", "examples": "auto-examples"}


def _code_ids(session: Any, project: Any, names: Sequence[str] | None) -> list[int] | None:
    from sistercities.research.codebook.service import find_code

    if not names:
        return None
    return [find_code(session, project, name).id for name in names]


def _named(result: dict[str, Any], paths: dict[int, str], documents: dict[int, str]) -> None:
    """Replace code and document ids by code paths and document names, in place."""
    evaluation = result["evaluation"]
    evaluation["by_code"] = {paths[int(k)]: v for k, v in evaluation["by_code"].items()}
    result["not_learnt"] = {paths[int(k)]: v for k, v in result["not_learnt"].items()}
    result["thresholds"] = {paths[int(k)]: v for k, v in result["thresholds"].items()}
    result["judged_documents"] = [documents[d] for d in result["judged_documents"]]


def autocode(
    registry: Registry,
    *,
    project: str,
    by: Literal["terms", "examples"],
    codebook: str | None = None,
    unit: Literal["sentence", "paragraph"] = "sentence",
    coder: str | None = None,
    codes: Sequence[str] | None = None,
    human: Sequence[str] | None = None,
    features: Literal["words", "embeddings"] = "words",
    seed: int = 0,
) -> dict[str, Any]:
    """Code the project automatically and store the suggestions under ``coder``.

    ``by="terms"`` codes by the indicative terms of the project's codes (of
    ``codebook``, e.g. ``builtin:000``, loaded first if it is not there
    yet; of ``codes`` only, if given). ``by="examples"`` learns from the
    human coding. Human coding is every coding on current versions by
    ``human`` coders, or, by default, by anyone but automatic coders.

    Returns ``{"suggestions": n, "evaluation": {...}, "method", "trained_on",
    "held_out", "not_learnt", "judged_documents", "thresholds", "run", "coder"}``
    (``thresholds``: by examples, each code's probability cut, chosen on
    the human-coded documents; empty by terms).
    """
    from sistercities.research.access import open_project
    from sistercities.research.autocode import run_examples, run_terms, service
    from sistercities.research.codebook.service import all_codes, code_paths

    if by not in DEFAULT_CODERS:
        raise InputError(Message("unknown method %(by)r: terms or examples", by=by), field="by")
    name = (coder or DEFAULT_CODERS[by]).strip()
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        wanted = _code_ids(session, proj, codes)
        if codebook:
            wanted = _codebook_codes(session, proj, codebook, wanted)
        texts = service.project_texts(session, proj)
        automatic = service.automatic_coders(session, proj) | set(DEFAULT_CODERS.values()) | {name}
        spans = service.current_codings(session, proj, human)
        if not human:
            spans = [s for s in spans if s.coder not in automatic]
        every = all_codes(session, proj)
        if by == "terms":
            terms = {
                c.id: [str(t) for t in (c.terms or [])]
                for c in every
                if c.codable and c.terms and (wanted is None or c.id in wanted)
            }
            run = run_terms(texts, terms, spans, unit)
        else:
            run = run_examples(texts, spans, wanted, unit=unit, features=features, seed=seed)
        record = service.store_run(session, proj, run, coder=name, unit=unit)
        result = run.to_dict()
        versions = service.current_versions(session, proj)
        _named(result, code_paths(every), {d: n for d, (_v, n) in versions.items()})
        result.update(suggestions=record.suggestions, run=record.id, coder=name, unit=unit)
        return result


def _codebook_codes(session: Any, project: Any, source: str, wanted: list[int] | None) -> list[int]:
    """The ids of a built-in codebook's codes in the project, loading what is missing."""
    from sistercities.research.codebook import builtin
    from sistercities.research.codebook.service import all_codes, code_paths

    builtin.load(session, project, source)
    book_paths = {c.path for c in builtin.codebook(source).codes}
    ids = [i for i, path in code_paths(all_codes(session, project)).items() if path in book_paths]
    return ids if wanted is None else [i for i in ids if i in set(wanted)]


def list_suggestions(
    registry: Registry,
    *,
    project: str,
    status: str | None = "open",
    code: str | None = None,
    document: str | None = None,
    coder: str | None = None,
) -> list[dict[str, Any]]:
    """Suggestions: ``{"id", "document", "code", "start", "end", "text", "coder", "score",
    "reason", "judged", "status", "run", "decided_by", "coding"}``."""
    from sistercities.research.access import open_project
    from sistercities.research.autocode import service

    with registry.session() as session:
        proj = open_project(session, project)
        return service.list_suggestions(
            session, proj, status=status, code=code, document=document, coder=coder
        )


def decide_suggestions(
    registry: Registry,
    *,
    project: str,
    accept: bool,
    ids: Sequence[int] = (),
    code: str | None = None,
    document: str | None = None,
    coder: str | None = None,
) -> dict[str, Any]:
    """Accept or reject open suggestions by id, or all of a code, document or coder.

    Accepting codes each span as the acting user; the coding keeps a memo
    naming the suggestion, its method and score. Returns ``{"accepted" or
    "rejected": n, "skipped": [{"id", "reason"}], "suggestions": [...]}``.
    """
    from sistercities.research.access import open_project
    from sistercities.research.autocode import service

    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return service.decide(
            session, proj, accept=accept, ids=ids, code=code, document=document, coder=coder
        )
