"""Bulk import with reasons for every file set aside, attachments, cases; new versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from sistercities.errors import InputError, NotFoundError, PermissionDeniedError
from sistercities.operations import research as ops
from sistercities.registry.models import AuditEntry
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry
from tests.research.workbench import writers
from tests.research.workbench.conftest import DOCUMENTS, as_user, write


def test_many_files_import_and_the_unreadable_are_set_aside(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    good = [
        writers.docx_file(tmp_path / "a.docx", ["Title", "Text of A."]),
        writers.odt_file(tmp_path / "b.odt", ["Title", "Text of B."]),
        write(tmp_path / "c.txt", "Text of C."),
    ]
    bad = {
        writers.scanned_pdf(tmp_path / "scan.pdf"): "no text layer",
        write(tmp_path / "fake.docx", "not a zip"): "not a DOCX file",
        write(tmp_path / "empty.txt", ""): "empty",
        tmp_path / "missing.txt": "No such file",
    }
    result = ops.import_documents(registry, project=project, files=[*good, *bad])
    assert result["documents"] == 7
    assert [(d["name"], d["characters"]) for d in result["imported"]] == [
        ("a.docx", len("Title\nText of A.")),
        ("b.odt", len("Title\nText of B.")),
        ("c.txt", len("Text of C.")),
    ]
    reasons = {Path(r["file"]).name: r["reason"] for r in result["rejected"]}
    assert set(reasons) == {p.name for p in bad}
    for path, reason in bad.items():
        assert reason in reasons[path.name]
    listed = ops.list_documents(registry, project=project)
    assert [d["name"] for d in listed] == ["a.docx", "b.odt", "c.txt"]
    assert {d["version"] for d in listed} == {1}


def test_a_name_already_in_the_project_is_rejected_not_replaced(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    first = write(tmp_path / "n.txt", "the first text")
    ops.import_documents(registry, project=project, files=[first])
    other = tmp_path / "other"
    other.mkdir()
    again = ops.import_documents(
        registry, project=project, files=[write(other / "n.txt", "another")]
    )
    assert again["imported"] == []
    assert "already in the project" in again["rejected"][0]["reason"]
    assert (
        ops.document_text(registry, project=project, document="n.txt")["text"] == "the first text"
    )


def test_import_writes_one_audit_entry_not_a_copy_of_the_texts(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    files = [write(tmp_path / f"{i}.txt", f"Document number {i}. " * 200) for i in range(5)]
    ops.import_documents(registry, project=project, files=files)
    with registry.session() as session:
        imports = session.scalar(
            select(func.count()).where(
                AuditEntry.entity == "research_documents", AuditEntry.action == "import"
            )
        )
        versions = session.scalar(
            select(func.count()).where(AuditEntry.entity == "research_document_versions")
        )
    assert (imports, versions) == (1, 0)


def test_attach_to_a_relationship_and_put_in_a_case(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    with registry.session() as session:
        a = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        b = get_or_add_place(session, PlaceInput("Tempe", "US"))
        rel = add_relationship(session, a, b)
        rel_id = rel.id
    path = write(tmp_path / "i.txt", "The Tempe agreement of 2008.")
    result = ops.import_documents(
        registry, project=project, files=[path], case="Cuenca", attach=[f"relationship:{rel_id}"]
    )
    assert result["rejected"] == []
    cases = ops.list_cases(registry, project=project)
    assert [(c["name"], c["documents"]) for c in cases] == [("Cuenca", ["i.txt"])]
    with pytest.raises(NotFoundError, match="no relationship with id 999"):
        ops.import_documents(registry, project=project, files=[path], attach=["relationship:999"])
    with pytest.raises(InputError, match="KIND:ID"):
        ops.import_documents(registry, project=project, files=[path], attach=["town:1"])


def test_a_reader_cannot_import(registry: Registry, project: str, tmp_path: Path) -> None:
    ops.add_member(registry, project=project, user="ana", role="reader")
    ana = as_user(registry, "ana")
    try:
        with pytest.raises(PermissionDeniedError):
            ops.import_documents(ana, project=project, files=[write(tmp_path / "x.txt", "x")])
        assert ops.list_documents(ana, project=project) == []
    finally:
        ana.close()


def test_the_shared_interviews_import_intact(registry: Registry, project: str) -> None:
    if not DOCUMENTS.exists():
        pytest.skip("../shared/data/documents is not beside the project")
    files = sorted(DOCUMENTS.iterdir())
    result = ops.import_documents(registry, project=project, files=files)
    assert result["rejected"] == []
    transcript = ops.document_text(registry, project=project, document="qualcoder_transcript.txt")
    expected = (DOCUMENTS / "qualcoder_transcript.txt").read_text(encoding="utf-8")
    assert transcript["text"] == expected.replace("\r\n", "\n")
    docx = ops.document_text(registry, project=project, document="qualcoder_ID1.docx")["text"]
    assert docx.startswith("I really like learning new things.")
    assert docx.endswith("I'm happy to pay €200.")
    languages = {d["name"]: d["language"] for d in ops.list_documents(registry, project=project)}
    assert set(languages.values()) == {"en"}
