"""Memos on the project, a document, a code and a coding, with author and dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.errors import InputError, NotFoundError
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.research.workbench.conftest import as_user, write


def test_memos_on_everything_with_author(registry: Registry, project: str, tmp_path: Path) -> None:
    ops.import_documents(
        registry, project=project, files=[write(tmp_path / "d.txt", "Remittances matter.")]
    )
    ops.add_code(registry, project=project, name="Remittances")
    coding = ops.code_span(
        registry,
        project=project,
        document="d.txt",
        start=0,
        end=11,
        code="Remittances",
        memo="clear",
    )
    ops.add_memo(registry, project=project, text="Start with Cuenca.")
    ops.add_memo(
        registry, project=project, text="Interview of 3 May.", on="document", target="d.txt"
    )
    ops.add_member(registry, project=project, user="ana", role="coder")
    ana = as_user(registry, "ana")
    try:
        ops.add_memo(ana, project=project, text="Split this code?", on="code", target="Remittances")
    finally:
        ana.close()
    memos = ops.list_memos(registry, project=project)
    assert [(m["on"], m["author"], m["text"]) for m in memos] == [
        ("coding", "tester", "clear"),
        ("project", "tester", "Start with Cuenca."),
        ("document", "tester", "Interview of 3 May."),
        ("code", "ana", "Split this code?"),
    ]
    assert memos[0]["target_id"] == coding["id"]
    assert all(m["created_at"] for m in memos)
    edited = ops.edit_memo(registry, project=project, memo=memos[1]["id"], text="Start with Quito.")
    assert edited["updated_at"] >= edited["created_at"]
    on_code = ops.list_memos(registry, project=project, on="code", target="Remittances")
    assert [m["text"] for m in on_code] == ["Split this code?"]
    ops.uncode(registry, project=project, coding=coding["id"])
    assert [m["on"] for m in ops.list_memos(registry, project=project)] == [
        "project",
        "document",
        "code",
    ]


def test_bad_memos_are_refused(registry: Registry, project: str) -> None:
    with pytest.raises(InputError, match="cannot be empty"):
        ops.add_memo(registry, project=project, text="  ")
    with pytest.raises(NotFoundError, match=r"no document 'nope\.txt'"):
        ops.add_memo(registry, project=project, text="x", on="document", target="nope.txt")
    with pytest.raises(NotFoundError, match="no coding '77'"):
        ops.add_memo(registry, project=project, text="x", on="coding", target="77")
    assert ops.list_memos(registry, project=project) == []
