"""``research autocode``, ``suggestions`` and ``agreement`` through Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sistercities.cli import cli
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.research.autocode import corpus

Invoke = Callable[..., Result]


@pytest.fixture
def run(db_target: str) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str, user: str = "tester") -> Result:
        return runner.invoke(cli, ["--db", db_target, "--user", user, "research", *args])

    return invoke


@pytest.fixture
def study(run: Invoke, db_target: str, tmp_path: Path) -> Invoke:
    """Project ``study``: six documents of real text, ``ana`` and ``ben`` coded four."""
    assert run("project", "create", "study").exit_code == 0
    texts = corpus.documents(6, per_document=4)
    files = []
    for t in texts:
        path = tmp_path / f"{t.document}.txt"
        path.write_text(t.text, encoding="utf-8")
        files.append(str(path))
    assert run("documents", "import", "study", *files).exit_code == 0
    for code in corpus.RULES:
        terms = ["--term", "diaspora", "--term", "migrant"] if code == "migration" else []
        assert run("codes", "add", "study", code, *terms).exit_code == 0
    registry = Registry.open(db_target, user="tester")
    try:
        for i, s in enumerate(corpus.code_by_rule(texts[:4])):
            for coder in ("ana", "ben") if i % 4 else ("ana",):
                ops.code_span(
                    registry,
                    project="study",
                    document=f"{s.document}.txt",
                    start=s.start,
                    end=s.end,
                    code=str(s.code),
                    coder=coder,
                )
    finally:
        registry.close()
    return run


def test_autocode_json_has_the_keys_the_issue_names(study: Invoke) -> None:
    result = study("autocode", "study", "--by", "examples", "--human", "ana", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"suggestions", "evaluation", "method", "trained_on", "held_out"} <= set(data)
    assert {"precision", "recall", "f1", "units"} <= set(data["evaluation"]["overall"])
    assert set(data["evaluation"]["by_code"]) == set(corpus.RULES)
    assert "k-fold by document: 4 folds" in data["evaluation"]["method"]
    text = study("autocode", "study", "--by", "examples", "--human", "ana")
    assert text.exit_code == 0 and "Judged: examples (words), k-fold" in text.output
    assert "stored under 'auto-examples'" in text.output
    assert "cut: the probability a unit needs for the code" in text.output
    assert set(data["thresholds"]) <= set(corpus.RULES) and data["thresholds"]


def test_suggestions_are_listed_accepted_and_rejected(study: Invoke) -> None:
    study("autocode", "study", "--by", "examples", "--json")
    listed = json.loads(study("suggestions", "study", "--json").output)
    assert listed and {s["status"] for s in listed} == {"open"}
    first = listed[0]
    accepted = study("suggestions", "study", "--accept", str(first["id"]), "--json", user="tester")
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.output)["accepted"] == 1
    codings = json.loads(study("codings", "study", "--coder", "tester", "--json").output)
    assert [(c["start"], c["end"]) for c in codings] == [(first["start"], first["end"])]
    rejected = study("suggestions", "study", "--reject", "--coder", "auto-examples")
    assert rejected.exit_code == 0 and "rejected" in rejected.output
    assert json.loads(study("suggestions", "study", "--json").output) == []
    bad = study("suggestions", "study", "--accept", "99999")
    assert bad.exit_code == 1 and "no suggestion 99999" in bad.output


def test_agreement_json_and_table(study: Invoke) -> None:
    result = study("agreement", "study", "--coders", "ana,ben", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"percent", "kappa", "alpha", "characters"} <= set(data["overall"])
    assert set(data["by_code"]) == set(corpus.RULES)
    assert len(data["by_document"]) == 6
    # ben left out every fourth coding of ana's: agreement is high, not perfect
    assert 0.5 < data["overall"]["kappa"] < 1 and 0.9 < data["overall"]["percent"] < 1
    without = data["overall"]["without_uncoded"]
    assert 0.5 < without["percent"] < 1
    # without the uncoded text every character left is one ana coded: ana never varies,
    # so what agreement there is, chance explains (kappa 0; alpha just below 0)
    assert without["kappa"] == pytest.approx(0.0) and without["alpha"] < 0
    table = study("agreement", "study", "--coders", "ana,ben", "--level", "segment")
    assert table.exit_code == 0 and "segment level" in table.output
    lone = study("agreement", "study", "--coders", "ana")
    assert lone.exit_code == 1 and "two different coders" in lone.output


def test_autocode_by_terms_prints_how_it_did(study: Invoke) -> None:
    result = study("autocode", "study", "--by", "terms", "--unit", "paragraph", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (
        data["method"] == "terms" and data["unit"] == "paragraph" and data["coder"] == "auto-terms"
    )
    assert set(data["evaluation"]["by_code"]) == {"migration"}
    listed = json.loads(study("suggestions", "study", "--coder", "auto-terms", "--json").output)
    assert len(listed) == data["suggestions"] > 0
    assert all("diaspora" in s["text"].lower() or "migrant" in s["text"].lower() for s in listed)


def test_bad_options_are_one_line(study: Invoke) -> None:
    result = study("autocode", "study", "--by", "terms", "--codes", "economy")
    assert result.exit_code == 1 and "indicative term" in result.output
    assert study("autocode", "study", "--by", "guessing").exit_code == 2
    none = study("suggestions", "study", "--accept")
    assert none.exit_code == 1 and "name suggestion ids" in none.output
