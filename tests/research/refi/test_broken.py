"""Broken files: one message naming what is wrong and where."""

from __future__ import annotations

import pytest

from sistercities.errors import ExchangeFileError, SisterCitiesError
from sistercities.research.refi import read_qdc, read_qdpx
from tests.research.refi.conftest import codebook, guid, project_xml, write_zip

SOURCE = guid(100)


def _read(tmp_path, body: str, text: str = "Some text here.") -> None:  # type: ignore[no-untyped-def]
    read_qdpx(write_zip(tmp_path / "bad.qdpx", {"project.qde": project_xml(body),
                                                f"sources/{SOURCE}.txt": text.encode()}))


def _source(inner: str) -> str:
    return (f'<Sources><TextSource guid="{SOURCE}" name="interview" '
            f'plainTextPath="internal://{SOURCE}.txt">{inner}</TextSource></Sources>')


def _selection(code: int, start: int = 0, end: int = 4, n: int = 10) -> str:
    return (f'<PlainTextSelection guid="{guid(n)}" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="{guid(n + 1)}"><CodeRef targetGUID="{guid(code)}"/></Coding>'
            "</PlainTextSelection>")


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.qdpx"
    path.write_text("just some text")
    with pytest.raises(ExchangeFileError, match=r"notes\.qdpx: not a REFI-QDA project \(not a zip"):
        read_qdpx(path)


def test_error_is_a_library_error():
    assert issubclass(ExchangeFileError, SisterCitiesError)


def test_xml_not_well_formed(tmp_path):
    qde = b'<?xml version="1.0"?>\n<Project name="x">\n<Users>\n</Project>'
    path = write_zip(tmp_path / "bad.qdpx", {"project.qde": qde})
    with pytest.raises(ExchangeFileError, match=r"bad\.qdpx: project\.qde: XML is not well formed"
                       r".*line 4"):
        read_qdpx(path)


def test_no_project_entry(tmp_path):
    path = write_zip(tmp_path / "bad.qdpx", {"readme.txt": b"x"})
    with pytest.raises(ExchangeFileError, match=r"no project entry \(\.qde\)"):
        read_qdpx(path)


def test_coding_of_a_missing_code(tmp_path):
    with pytest.raises(ExchangeFileError) as caught:
        _read(tmp_path, codebook((1, "a")) + _source(_selection(code=9)))
    message = str(caught.value)
    assert f"Coding {guid(11)} points to code {guid(9)}, which is not in the codebook" in message
    assert "TextSource 'interview'" in message and guid(10) in message


def test_case_pointing_to_a_missing_source(tmp_path):
    cases = f'<Cases><Case guid="{guid(30)}" name="Cuenca"><SourceRef targetGUID="{guid(99)}"/>'
    cases += "</Case></Cases>"
    with pytest.raises(ExchangeFileError, match=rf"Case 'Cuenca': SourceRef {guid(99)} is not "
                       "a source of this project"):
        _read(tmp_path, codebook((1, "a")) + cases + _source(""))


def test_set_pointing_to_a_missing_code(tmp_path):
    sets = (f'<Sets><Set guid="{guid(40)}" name="s"><MemberCode targetGUID="{guid(8)}"/>'
            "</Set></Sets>")
    with pytest.raises(ExchangeFileError, match=rf"Set 's': MemberCode {guid(8)} is not a code"):
        _read(tmp_path, codebook((1, "a")) + sets)


def test_guid_used_twice(tmp_path):
    body = codebook((1, "a"), (1, "b"))
    with pytest.raises(ExchangeFileError, match=rf"line 2: Code 'b': GUID {guid(1)} is used twice "
                       r"\(first by Code 'a' at line 2\)"):
        _read(tmp_path, body)


def test_guid_used_twice_across_kinds(tmp_path):
    body = codebook((1, "a")) + _source(_selection(code=1, n=1))
    with pytest.raises(ExchangeFileError,
                       match=rf"PlainTextSelection: GUID {guid(1)} is used twice"):
        _read(tmp_path, body)


def test_span_outside_the_text(tmp_path):
    with pytest.raises(ExchangeFileError, match=r"span 5-99 is outside the text \(15 positions"):
        _read(tmp_path, codebook((1, "a")) + _source(_selection(code=1, start=5, end=99)))


def test_span_ending_before_its_start(tmp_path):
    with pytest.raises(ExchangeFileError, match=r"span 8-3 is outside the text"):
        _read(tmp_path, codebook((1, "a")) + _source(_selection(code=1, start=8, end=3)))


def test_positions_that_are_not_numbers(tmp_path):
    body = codebook((1, "a")) + _source(
        f'<PlainTextSelection guid="{guid(10)}" startPosition="one" endPosition="4"/>')
    with pytest.raises(ExchangeFileError, match=r"PlainTextSelection: startPosition and "
                       "endPosition must be whole numbers"):
        _read(tmp_path, body)


def test_text_not_utf8(tmp_path):
    body = codebook((1, "a")) + _source("")
    path = write_zip(tmp_path / "bad.qdpx", {"project.qde": project_xml(body),
                                             f"sources/{SOURCE}.txt": "Köln".encode("latin-1")})
    with pytest.raises(ExchangeFileError, match=rf"sources/{SOURCE}\.txt: text is not UTF-8"):
        read_qdpx(path)


def test_codebook_given_as_project_and_back(tmp_path):
    qdc = tmp_path / "c.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    with pytest.raises(ExchangeFileError, match="is a codebook"):
        read_qdpx(write_zip(tmp_path / "c.qdpx", {"project.qde": qdc.read_bytes()}))
    project = write_zip(tmp_path / "p.qdpx", {"project.qde": project_xml("")})
    with pytest.raises(ExchangeFileError, match=r"a zip archive \(a \.qdpx project\?\)"):
        read_qdc(project)
    (tmp_path / "p.qdc").write_bytes(project_xml(""))
    with pytest.raises(ExchangeFileError, match="is a project"):
        read_qdc(tmp_path / "p.qdc")


def test_qdc_not_well_formed(tmp_path):
    qdc = tmp_path / "c.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>')
    with pytest.raises(ExchangeFileError, match=r"c\.qdc: XML is not well formed"):
        read_qdc(qdc)
