"""Automatic coding of a stored project, on SQLite and PostgreSQL.

The check of the issue: a human codes part of a project, the method learns
from part of that coding and suggests for the rest; the precision, recall
and F1 it reports are recomputed here, independently, from the stored
suggestions and the stored codings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.errors import InputError, NotFoundError
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from sistercities.research.autocode.units import split_units
from tests.research.autocode import corpus
from tests.research.workbench.conftest import as_user, write

DOCUMENTS = 12
HUMAN_DOCUMENTS = 10


@pytest.fixture
def coded(registry: Registry, project: str, tmp_path: Path) -> dict[str, str]:
    """Twelve documents of real text; ``ana`` codes ten of them by the corpus rule."""
    texts = corpus.documents(DOCUMENTS, per_document=5)
    files = [write(tmp_path / f"{t.document}.txt", t.text) for t in texts]
    imported = ops.import_documents(registry, project=project, files=files)
    assert imported["rejected"] == []
    for code in corpus.RULES:
        ops.add_code(registry, project=project, name=code)
    stored = {
        d["name"]: ops.document_text(registry, project=project, document=d["name"])["text"]
        for d in ops.list_documents(registry, project=project)
    }
    for span in corpus.code_by_rule(texts[:HUMAN_DOCUMENTS], coder="ana"):
        name = f"{span.document}.txt"
        assert stored[name][span.start : span.end]  # the stored text is the text we coded
        ops.code_span(
            registry,
            project=project,
            document=name,
            start=span.start,
            end=span.end,
            code=str(span.code),
            coder="ana",
        )
    return stored


def _marks(unit_start: int, unit_end: int, start: int, end: int) -> bool:
    inter = min(unit_end, end) - max(unit_start, start)
    return inter > 0 and (2 * inter >= unit_end - unit_start or 2 * inter >= end - start)


def test_reported_figures_are_recomputed_from_what_is_stored(
    registry: Registry, project: str, coded: dict[str, str]
) -> None:
    result = ops.autocode(registry, project=project, by="examples", seed=2)
    assert result["trained_on"] > result["held_out"] > 0
    assert len(result["judged_documents"]) == 2
    stored = ops.list_suggestions(registry, project=project, coder="auto-examples")
    assert len(stored) == result["suggestions"] > 0
    codings = ops.list_codings(registry, project=project, coder="ana")
    # Recompute by hand: the units of the judged documents, the human's and the machine's codes.
    tp = fp = fn = 0
    units = 0
    for name in result["judged_documents"]:
        for unit in split_units(name, coded[name]):
            units += 1
            human = {
                c["code"]
                for c in codings
                if c["document"] == name and _marks(unit.start, unit.end, c["start"], c["end"])
            }
            machine = {
                s["code"]
                for s in stored
                if s["judged"] and s["document"] == name and s["start"] == unit.start
            }
            tp += len(human & machine)
            fp += len(machine - human)
            fn += len(human - machine)
    overall = result["evaluation"]["overall"]
    assert overall["units"] == units == result["held_out"]
    assert overall["precision"] == pytest.approx(tp / (tp + fp))
    assert overall["recall"] == pytest.approx(tp / (tp + fn))
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert overall["f1"] == pytest.approx(2 * p * r / (p + r))
    # the rest: suggestions on the two documents nobody coded, not judged
    rest = {s["document"] for s in stored if not s["judged"]}
    assert rest and rest <= {f"doc{d:02d}.txt" for d in range(HUMAN_DOCUMENTS, DOCUMENTS)}
    # suggestions are not codings
    assert all(c["coder"] == "ana" for c in ops.list_codings(registry, project=project))


def test_accepted_suggestions_become_the_accepters_codings_and_keep_their_origin(
    registry: Registry, project: str, coded: dict[str, str]
) -> None:
    ops.update_code(registry, project=project, code="migration", terms=["diaspora", "migrant"])
    run = ops.autocode(registry, project=project, by="terms", codes=["migration"])
    assert run["method"] == "terms" and run["trained_on"] == 0
    assert run["evaluation"]["by_code"]["migration"]["precision"] == 1.0
    open_ = ops.list_suggestions(registry, project=project)
    assert open_ and {s["coder"] for s in open_} == {"auto-terms"}
    first, second = open_[:2]
    eva = as_user(registry, "eva")
    ops.add_member(registry, project=project, user="eva", role="coder")
    accepted = ops.decide_suggestions(eva, project=project, accept=True, ids=[first["id"]])
    assert accepted["accepted"] == 1
    mine = ops.list_codings(registry, project=project, coder="eva")
    assert [(c["document"], c["start"], c["end"], c["code"]) for c in mine] == [
        (first["document"], first["start"], first["end"], "migration")
    ]
    (row,) = ops.list_suggestions(registry, project=project, status="accepted")
    assert row["coding"] == mine[0]["id"] and row["decided_by"] == "eva"
    memos = ops.list_memos(registry, project=project)
    assert any(f"suggestion #{first['id']} of auto-terms" in m["text"] for m in memos)
    again = ops.decide_suggestions(registry, project=project, accept=False, ids=[first["id"]])
    assert again["rejected"] == 0 and "already accepted by eva" in again["skipped"][0]["reason"]
    rejected = ops.decide_suggestions(
        registry, project=project, accept=False, document=second["document"]
    )
    assert rejected["rejected"] >= 1
    # a new run replaces what is still open, and does not bring back what was decided
    before = {s["id"] for s in ops.list_suggestions(registry, project=project)}
    rerun = ops.autocode(registry, project=project, by="terms", codes=["migration"])
    after = ops.list_suggestions(registry, project=project)
    assert not before & {s["id"] for s in after}
    assert rerun["suggestions"] == len(open_) - 1 - rejected["rejected"] == len(after)


def test_too_little_coding_is_said_plainly(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    texts = corpus.documents(2, per_document=3)
    ops.import_documents(
        registry,
        project=project,
        files=[write(tmp_path / f"{t.document}.txt", t.text) for t in texts],
    )
    ops.add_code(registry, project=project, name="migration", terms=["diaspora"])
    result = ops.autocode(registry, project=project, by="terms")
    assert result["evaluation"]["overall"]["verdict"].startswith("too little human coding")
    assert result["evaluation"]["overall"]["precision"] is None
    examples = ops.autocode(registry, project=project, by="examples", codes=["migration"])
    assert examples["suggestions"] == 0
    assert examples["not_learnt"] == {"migration": "too little human coding to judge"}


def test_bad_requests_change_nothing(
    registry: Registry, project: str, coded: dict[str, str]
) -> None:
    with pytest.raises(InputError, match="indicative term"):
        ops.autocode(registry, project=project, by="terms")
    with pytest.raises(NotFoundError, match="no code"):
        ops.autocode(registry, project=project, by="examples", codes=["nothing"])
    with pytest.raises(InputError, match="name suggestion ids"):
        ops.decide_suggestions(registry, project=project, accept=True)
    with pytest.raises(NotFoundError, match="no suggestion 999"):
        ops.decide_suggestions(registry, project=project, accept=True, ids=[999])
    assert ops.list_suggestions(registry, project=project, status=None) == []


def test_agreement_of_stored_coders(registry: Registry, project: str, tmp_path: Path) -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(1000))
    ops.import_documents(registry, project=project, files=[write(tmp_path / "source.txt", text)])
    ops.add_code(registry, project=project, name="theme")
    for coder, start, end in [("A", 100, 250), ("B", 200, 250), ("B", 600, 650)]:
        ops.code_span(
            registry,
            project=project,
            document="source.txt",
            start=start,
            end=end,
            code="theme",
            coder=coder,
        )
    result = ops.agreement(registry, project=project, coders=["A", "B"])
    assert result["overall"]["percent"] == pytest.approx(0.85)
    assert result["overall"]["characters"] == 1000
    assert result["overall"]["without_uncoded"]["percent"] == pytest.approx(0.25)
    assert set(result["by_code"]) == {"theme"} and set(result["by_document"]) == {"source.txt"}
    one = ops.agreement(
        registry,
        project=project,
        coders=["A", "B"],
        document="source.txt",
        code="theme",
        level="segment",
        threshold=0.3,
    )
    assert one["overall"]["segments"] == 2 and one["threshold"] == 0.3
    with pytest.raises(InputError, match="two different coders"):
        ops.agreement(registry, project=project, coders=["A"])


def test_suggestions_are_decided_by_code_and_by_document(
    registry: Registry, project: str, coded: dict[str, str]
) -> None:
    run = ops.autocode(registry, project=project, by="examples", seed=2)
    assert set(run["thresholds"]) <= set(corpus.RULES) and run["thresholds"]
    before = ops.list_suggestions(registry, project=project)
    by_code = {c: [s for s in before if s["code"] == c] for c in corpus.RULES}
    assert by_code["economy"] and by_code["migration"]
    rejected = ops.decide_suggestions(registry, project=project, accept=False, code="economy")
    assert rejected["rejected"] == len(by_code["economy"])
    assert {s["code"] for s in rejected["suggestions"]} == {"economy"}
    still_open = ops.list_suggestions(registry, project=project)
    assert {s["id"] for s in still_open} == {s["id"] for s in before if s["code"] != "economy"}
    document = still_open[0]["document"]
    accepted = ops.decide_suggestions(registry, project=project, accept=True, document=document)
    on_document = [s for s in still_open if s["document"] == document]
    assert accepted["accepted"] == len(on_document) > 0
    mine = ops.list_codings(registry, project=project, coder=registry.user)
    assert sorted((c["start"], c["code"]) for c in mine) == sorted(
        (s["start"], s["code"]) for s in on_document
    )
    # where each accepted coding came from: the suggestion points at it, a memo on it says so
    memos = {m["text"] for m in ops.list_memos(registry, project=project)}
    for s in ops.list_suggestions(registry, project=project, status="accepted"):
        assert s["coding"] in {c["id"] for c in mine} and s["decided_by"] == registry.user
        assert any(f"suggestion #{s['id']} of auto-examples" in m for m in memos)
