"""Exports validate against the published schemas and are stable from one export to the next."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from sistercities.errors import ExchangeFileError
from sistercities.research.refi import read_qdc, read_qdpx
from sistercities.research.refi.model import (
    Case,
    Code,
    Codebook,
    CodeSet,
    Coding,
    Link,
    Project,
    Selection,
    TextSource,
    User,
    Variable,
    VariableValue,
)
from sistercities.research.refi.writer import write_qdc, write_qdpx
from tests.research.refi.conftest import NVIVO12, NVIVO15, REFI, TAGUETTE, guid

NS = "{urn:QDA-XML:project:1.0}"


def published(name: str) -> etree.XMLSchema:
    """The schema as published in ../shared (not the package's copy)."""
    return etree.XMLSchema(etree.parse(str(REFI / f"{name}.xsd")))


def qde(path) -> etree._Element:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"), etree.XMLParser(huge_tree=True))


def full_project() -> Project:
    """A small project with one of everything the model holds."""
    text = "Peekskill 🤝 Cuenca: remittances fund the school."
    coder = User(guid=guid(1), name="ana")
    code = Code(guid=guid(10), name="economy", color="#FF0000", description="money",
                children=[Code(guid=guid(11), name="remittances", note_refs=[guid(80)])])
    folder = Code(guid=guid(12), name="themes", codable=False)
    selection = Selection(guid=guid(20), start=text.index("remittances"), end=len(text) - 1,
                          codings=[Coding(guid=guid(21), code_ref=guid(11),
                                          creating_user=guid(1),
                                          created="2025-01-02T03:04:05Z")])
    source = TextSource(guid=guid(30), name="interview 1", text=text, selections=[selection],
                        created="2025-01-01T00:00:00Z", creating_user=guid(1))
    age = Variable(guid=guid(40), name="founded", type="Integer")
    case = Case(guid=guid(50), name="Peekskill-Cuenca", description="pair",
                variable_values=[VariableValue(guid(40), "1990")], source_refs=[guid(30)],
                selection_refs=[guid(20)])
    note = TextSource(guid=guid(80), name="memo", text="Ask about the school.")
    return Project(
        name="twinning", users=[coder], codes=[code, folder], variables=[age], cases=[case],
        sources=[source], notes=[note],
        links=[Link(guid=guid(60), name="funds", direction="OneWay", origin_ref=guid(11),
                    target_ref=guid(30))],
        sets=[CodeSet(guid=guid(70), name="money", code_refs=[guid(10), guid(11)]),
              CodeSet(guid=guid(71), name="empty")],
        note_refs=[guid(80)],
    )


def test_full_project_validates_and_reads_back(tmp_path):
    path = write_qdpx(full_project(), tmp_path / "p.qdpx")
    root = qde(path)
    published("Project").assertValid(root)
    back = read_qdpx(path)
    assert back.findings == [] and back.not_carried == []
    [source] = back.sources
    [selection] = source.selections
    assert source.text[selection.start:selection.end] == "remittances fund the school"
    assert back.cases[0].variable_values[0].value == "1990"
    assert [n.text for n in back.notes] == ["Ask about the school."]
    assert back.all_codes()[1].note_refs == [guid(80)]


def test_no_empty_containers(tmp_path):
    project = Project(name="empty", codes=[Code(guid=guid(1), name="a")])
    root = qde(write_qdpx(project, tmp_path / "p.qdpx"))
    assert [etree.QName(e).localname for e in root] == ["CodeBook"]
    published("Project").assertValid(root)


def test_one_sources_entry_per_text_with_internal_paths(tmp_path):
    path = write_qdpx(read_qdpx(NVIVO12), tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        root = etree.fromstring(archive.read("project.qde"), etree.XMLParser(huge_tree=True))
        paths = [s.get("plainTextPath") for s in root.iter(NS + "TextSource")]
        assert all(not archive.read(n).startswith(b"\xef\xbb\xbf") for n in names)
    assert names == sorted(["project.qde", *(f"sources/{p[len('internal://'):]}" for p in paths)])
    assert all(re.fullmatch(r"internal://[0-9a-f-]{36}\.txt", p) for p in paths)


@pytest.mark.parametrize("sample", [NVIVO12, NVIVO15])
def test_samples_export_validates_and_round_trips(tmp_path, samples, sample):
    first = write_qdpx(read_qdpx(sample), tmp_path / "1.qdpx", created="2026-01-01T00:00:00Z")
    published("Project").assertValid(qde(first))
    again = read_qdpx(first)
    second = write_qdpx(again, tmp_path / "2.qdpx", created="2026-01-01T00:00:00Z")
    assert first.read_bytes() == second.read_bytes()
    assert again.position_rule == "code points"


def test_exports_differ_only_in_creation_date(tmp_path):
    one = write_qdpx(full_project(), tmp_path / "1.qdpx")
    two = write_qdpx(full_project(), tmp_path / "2.qdpx", created="2030-05-05T05:05:05Z")
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(two) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist()[1:]:
            assert a.read(name) == b.read(name)
        first, second = a.read("project.qde"), b.read("project.qde")
    assert first != second and b'creationDateTime="2030-05-05T05:05:05Z"' in second
    date = re.compile(rb'creationDateTime="[^"]*"')
    assert date.sub(b"", first, count=1) == date.sub(b"", second, count=1)


def test_codebook_exports_validate(tmp_path, samples):
    taguette = write_qdc(read_qdc(TAGUETTE), tmp_path / "t.qdc")
    published("Codebook").assertValid(etree.parse(str(taguette)))
    nvivo = read_qdpx(NVIVO15).codebook()
    path = write_qdc(nvivo, tmp_path / "n.qdc")
    published("Codebook").assertValid(etree.parse(str(path)))
    assert len(read_qdc(path).all_codes()) == 262


def test_codebook_sets_use_guid_members(tmp_path):
    book = Codebook(codes=[Code(guid=guid(1), name="a")],
                    sets=[CodeSet(guid=guid(2), name="s", code_refs=[guid(1)])])
    path = write_qdc(book, tmp_path / "c.qdc")
    published("Codebook").assertValid(etree.parse(str(path)))
    assert read_qdc(path).sets[0].code_refs == [guid(1)]


def test_malformed_guid_refused_and_no_file_left(tmp_path):
    project = Project(name="x", codes=[Code(guid="not-a-guid", name="a")])
    with pytest.raises(ExchangeFileError, match="GUID not-a-guid is not in the schema's form"):
        write_qdpx(project, tmp_path / "p.qdpx")
    assert list(tmp_path.iterdir()) == []


def test_invalid_value_refused_before_writing(tmp_path):
    project = full_project()
    project.cases[0].variable_values[0].value = "nineteen ninety"
    (tmp_path / "p.qdpx").write_bytes(b"old")
    with pytest.raises(ExchangeFileError, match=r"not valid against Project\.xsd: line \d+"):
        write_qdpx(project, tmp_path / "p.qdpx")
    assert (tmp_path / "p.qdpx").read_bytes() == b"old"
