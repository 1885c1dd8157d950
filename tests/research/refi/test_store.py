"""REFI-QDA projects into the workbench store and back, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import func, select

from sistercities.errors import ConflictError, ExchangeFileError
from sistercities.operations import refi
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from sistercities.research.refi import read_qdpx
from sistercities.research.refi.writer import write_qdpx
from tests.research.refi.conftest import NVIVO12, NVIVO15, REFI, TAGUETTE, guid, write_zip
from tests.research.refi.test_writer import full_project

DATE = re.compile(rb' creationDateTime="[^"]*"')


def qde(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def same_but_for_date_and_name(first: Path, second: Path, names: tuple[str, str]) -> None:
    """Two exports: the same entries, byte for byte, but for the creation date and name."""
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for entry in a.namelist():
            if entry != "project.qde":
                assert a.read(entry) == b.read(entry), entry
    one = DATE.sub(b"", qde(first), count=1)
    two = DATE.sub(b"", qde(second), count=1)
    old, new = (f' name="{n}"'.encode() for n in names)
    assert one.replace(old, new, 1) == two


def project_content(registry: Registry, name: str) -> dict:  # type: ignore[type-arg]
    """What a researcher sees of a project: codes, codings with spans and coders, cases, memos."""
    codings = sorted(tuple(c[k] for k in ("document", "code", "start", "end", "text", "coder"))
                     for c in ops.list_codings(registry, project=name))
    return {"codes": ops.list_codes(registry, project=name),
            "documents": [{k: d[k] for k in ("name", "characters", "codings")}
                          for d in ops.list_documents(registry, project=name)],
            "codings": codings, "cases": ops.list_cases(registry, project=name),
            "memos": [{k: m[k] for k in ("text", "author")}
                      for m in ops.list_memos(registry, project=name)]}


def _strip_ids(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k not in ("id", "parent", "guid")}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


def test_nvivo_sample_stored_with_its_spans_and_coders(registry, samples):
    result = refi.import_qdpx(registry, file=NVIVO12, name="oltas")
    assert {k: result[k] for k in ("project", "sources", "codes", "codings", "cases", "notes")} \
        == {"project": "oltas", "sources": 2, "codes": 152, "codings": 330, "cases": 0,
            "notes": 0}
    assert len([f for f in result["findings"] if f["what"] == "span mid-word"]) == 3
    source = read_qdpx(NVIVO12).sources[1]
    file_spans = [source.text[s.start:s.end].replace("\r\n", "\n") for s in source.selections]
    codings = ops.list_codings(registry, project="oltas")
    assert len(codings) == 330
    assert sorted(c["text"] for c in codings) == sorted(file_spans)
    assert {c["coder"] for c in codings} == {"Gergo", "test_user"}
    documents = {d["name"]: d for d in ops.list_documents(registry, project="oltas")}
    text = ops.document_text(registry, project="oltas", document="videos_10_selected")["text"]
    assert "\r" not in text and len(text) == 600_490 - 15_273
    assert documents["videos_10_selected"]["codings"] == 330
    first = next(c for c in codings if c["text"].startswith("Senkit nem lehet kötelezni"))
    assert first["code"].endswith("/piros") and text[first["start"]:first["end"]] == first["text"]


def test_round_trip_is_lossless(registry, samples, tmp_path):
    refi.import_qdpx(registry, file=NVIVO12, name="oltas")
    first = tmp_path / "first.qdpx"
    refi.export_qdpx(registry, project="oltas", file=first)
    etree.XMLSchema(etree.parse(str(REFI / "Project.xsd"))).assertValid(
        etree.fromstring(qde(first), etree.XMLParser(huge_tree=True)))
    again = refi.import_qdpx(registry, file=first, name="copy")
    assert again["not_carried"] == []
    second = tmp_path / "second.qdpx"
    refi.export_qdpx(registry, project="copy", file=second)
    same_but_for_date_and_name(first, second, ("oltas", "copy"))
    assert _strip_ids(project_content(registry, "oltas")) == _strip_ids(
        project_content(registry, "copy"))


def test_full_project_round_trip(registry, tmp_path):
    """Cases with typed variables, memos on a code, sets, a project memo: all come back."""
    original = write_qdpx(full_project(), tmp_path / "full.qdpx")
    result = refi.import_qdpx(registry, file=original, name="twinning")
    assert (result["cases"], result["notes"], result["codings"]) == (1, 1, 1)
    assert {item["what"]: item["count"] for item in result["not_carried"]} == {
        "selections assigned to cases": 1, "links": 1,
        "further references to a note": 1}  # the note is on the project and on a code
    [case] = ops.list_cases(registry, project="twinning")
    assert case["name"] == "Peekskill-Cuenca" and case["attributes"] == {"founded": 1990}
    [memo] = ops.list_memos(registry, project="twinning")
    assert memo["on"] == "code" and memo["text"] == "Ask about the school."
    first, second = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    refi.export_qdpx(registry, project="twinning", file=first)
    refi.import_qdpx(registry, file=first, name="again")
    refi.export_qdpx(registry, project="again", file=second)
    same_but_for_date_and_name(first, second, ("twinning", "again"))
    back = read_qdpx(first)
    assert back.cases[0].variable_values[0].value == "1990"
    assert back.all_codes()[1].note_refs == [guid(80)]  # the memo is on its code again
    assert [s.name for s in back.sets] == ["money", "empty"]


def test_native_project_exports_are_stable_and_valid(registry, tmp_path):
    ops.create_project(registry, name="native")
    interview = tmp_path / "interview.txt"
    interview.write_text("The mayor of Cuenca visited Peekskill in 2019.\n", encoding="utf-8")
    ops.import_documents(registry, project="native", files=[interview])
    ops.add_code(registry, project="native", name="actors", codable=False)
    ops.add_code(registry, project="native", name="mayor", parent="actors", colour="#1f77b4")
    coding = ops.code_span(registry, project="native", document="interview.txt", start=4,
                           end=9, code="actors/mayor", coder="ana")
    ops.add_memo(registry, project="native", text="Check the date.", on="coding",
                 target=coding["id"])
    ops.add_case(registry, project="native", name="Cuenca")
    one, two = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    refi.export_qdpx(registry, project="native", file=one)
    refi.export_qdpx(registry, project="native", file=two)
    same_but_for_date_and_name(one, two, ("native", "native"))
    back = read_qdpx(one)
    [selection] = back.sources[0].selections
    assert back.sources[0].text[selection.start:selection.end] == "mayor"
    assert [u.name for u in back.users if u.guid == selection.codings[0].creating_user] == ["ana"]
    assert selection.codings[0].note_refs == [back.notes[0].guid]
    qdc = tmp_path / "native.qdc"
    refi.export_qdc(registry, project="native", file=qdc)
    etree.XMLSchema(etree.parse(str(REFI / "Codebook.xsd"))).assertValid(etree.parse(str(qdc)))


def _rows(registry: Registry) -> dict[str, int]:
    from sistercities.research.models import Code, Coding, Document, ResearchProject

    with registry.session() as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
                for m in (ResearchProject, Document, Code, Coding)}


def test_all_or_nothing(registry, tmp_path):
    refi.import_qdpx(registry, file=write_qdpx(full_project(), tmp_path / "ok.qdpx"),
                     name="taken")
    before = _rows(registry)
    with pytest.raises(ConflictError, match="already exists"):
        refi.import_qdpx(registry, file=tmp_path / "ok.qdpx", name="taken")
    bad = full_project()
    bad.variables[0].type = "Boolean"  # "1990" is not a boolean: found after codes are stored
    write_qdpx_unchecked(bad, tmp_path / "bad.qdpx")
    with pytest.raises(ExchangeFileError, match=r"Case 'Peekskill-Cuenca': '1990' is not a "
                       "boolean"):
        refi.import_qdpx(registry, file=tmp_path / "bad.qdpx", name="new")
    (tmp_path / "broken.qdpx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ExchangeFileError, match="not a zip"):
        refi.import_qdpx(registry, file=tmp_path / "broken.qdpx", name="new")
    assert _rows(registry) == before
    assert [p["name"] for p in ops.list_projects(registry)] == ["taken"]


def write_qdpx_unchecked(project, path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file with a value its variable's type does not allow (which our writer refuses)."""
    from sistercities.research.refi.writer import project_document, serialise

    entries = {"project.qde": serialise(project_document(project))}
    entries |= {f"sources/{s.guid}.txt": s.text.encode() for s in project.sources}
    write_zip(path, entries)


def test_codebook_into_a_project(registry, samples):
    ops.create_project(registry, name="study")
    first = refi.import_qdc(registry, file=TAGUETTE, project="study")
    assert (first["added"], first["existing"]) == (3, 0)
    tree = ops.list_codes(registry, project="study")
    assert [(c["name"], [d["name"] for d in c["children"]]) for c in tree] == [
        ("interesting", ["places"]), ("people", [])]
    again = refi.import_qdc(registry, file=TAGUETTE, project="study")
    assert (again["added"], again["existing"]) == (0, 3)


def test_seven_level_codebook(registry, samples):
    refi.import_qdpx(registry, file=NVIVO15, name="mac")
    paths = []

    def walk(nodes):  # type: ignore[no-untyped-def]
        for node in nodes:
            paths.append(node["path"])
            walk(node["children"])

    walk(ops.list_codes(registry, project="mac"))
    assert len(paths) == 262 and max(p.count("/") for p in paths) == 6


def test_media_listed_not_dropped(registry, tmp_path):
    body = (f'<CodeBook><Codes><Code guid="{guid(1)}" name="a" isCodable="true"/></Codes>'
            f'</CodeBook><Sources><PictureSource guid="{guid(60)}" name="photo"/>'
            f'<AudioSource guid="{guid(61)}" name="call"/></Sources>')
    path = write_zip(tmp_path / "m.qdpx", {"project.qde": (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="m" origin="MAXQDA 24">'
        f"{body}</Project>").encode()})
    result = refi.import_qdpx(registry, file=path)
    assert result["project"] == "m"
    assert {i["what"]: i["count"] for i in result["not_carried"]} == {
        "picture sources": 1, "audio sources": 1}


def test_round_trip_into_another_registry_is_the_same_file(registry, samples, tmp_path):
    """Export, import the export elsewhere under the same name, export: only the date differs."""
    refi.import_qdpx(registry, file=NVIVO12, name="oltas")
    first, second = tmp_path / "first.qdpx", tmp_path / "second.qdpx"
    refi.export_qdpx(registry, project="oltas", file=first)
    with Registry.open(tmp_path / "elsewhere.sqlite", user="someone else") as elsewhere:
        refi.import_qdpx(elsewhere, file=first)
        refi.export_qdpx(elsewhere, project="oltas", file=second)
    same_but_for_date_and_name(first, second, ("oltas", "oltas"))
