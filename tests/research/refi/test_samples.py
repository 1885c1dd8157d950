"""The real exports of ../shared/refi-qda/samples, read and checked against the files."""

from __future__ import annotations

import zipfile

from lxml import etree

from sistercities.research.refi import read_qdc, read_qdpx
from sistercities.research.refi.positions import CODE_POINTS, PositionMap, is_mid_word
from tests.research.refi.conftest import NVIVO12, NVIVO15, TAGUETTE, xml_count


def test_nvivo12_counts_match_the_file(nvivo12):
    project = nvivo12
    assert project.origin == "NVivo for Windows 12.6"
    assert len(project.users) == xml_count(NVIVO12, "User") == 3
    assert len(project.all_codes()) == xml_count(NVIVO12, "Code") == 152
    assert len(project.sources) == xml_count(NVIVO12, "TextSource") == 2
    assert len(project.all_codings()) == xml_count(NVIVO12, "Coding") == 330
    assert sum(len(s.selections) for s in project.sources) == 330
    assert max(_depth(code) for code in project.codes) == 4
    assert {user.name for user in project.users} == {"Gergo", "floriansipos", "test_user"}


def _depth(code) -> int:  # type: ignore[no-untyped-def]
    return 1 + max((_depth(child) for child in code.children), default=0)


def test_nvivo12_text_is_the_file_without_its_bom(nvivo12):
    project = nvivo12
    with zipfile.ZipFile(NVIVO12) as archive:
        for source in project.sources:
            raw = archive.read(f"Sources/{source.guid}.txt")
            assert raw.startswith(b"\xef\xbb\xbf")
            assert source.text == raw[3:].decode("utf-8")
    assert len(project.sources[1].text) == 600_490
    # the texts are full of emoji (outside the BMP): NVivo counts each twice
    assert sum(ord(c) > 0xFFFF for c in project.sources[1].text) == 892


def test_nvivo12_positions_are_read_as_utf16_units(nvivo12):
    project = nvivo12
    assert project.position_rule == "UTF-16 code units"
    source = project.sources[1]
    text = source.text
    # Coders coded whole comments (one per line) or sentences: read as UTF-16
    # units, 305 of 330 spans are exactly one line of the text.
    whole_lines = sum(
        (s.start == 0 or text[s.start - 2:s.start] == "\r\n") and text[s.end:s.end + 2] == "\r\n"
        for s in source.selections
    )
    assert whole_lines == 305
    mid_word = [s for s in source.selections if is_mid_word(text, s.start)
                or is_mid_word(text, s.end)]
    assert len(mid_word) == 3
    reported = {f.where.rsplit(" ", 1)[-1] for f in project.findings if f.what == "span mid-word"}
    assert reported == {s.guid for s in mid_word}


def test_nvivo12_read_as_code_points_would_land_mid_word(samples):
    """What QualCoder's users saw: the raw numbers as code points fall mid-word."""
    with zipfile.ZipFile(NVIVO12) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        guid = "68bbdc14-c361-4432-b4dd-ae1dbfc12890"
        text = archive.read(f"Sources/{guid}.txt")[3:].decode("utf-8")
    ns = {"q": "urn:QDA-XML:project:1.0"}
    spans = [(int(s.get("startPosition")), int(s.get("endPosition")))
             for s in root.iterfind(".//q:PlainTextSelection", ns)]
    mapping = PositionMap(text, CODE_POINTS)
    raw_mid_word = sum(is_mid_word(text, mapping.to_code_point(a)[0])
                       or is_mid_word(text, mapping.to_code_point(b)[0]) for a, b in spans)
    assert raw_mid_word == 267


def test_nvivo12_spans_read_by_eye(samples):
    """Spans checked by eye against the text: each is one whole comment or sentence."""
    project = read_qdpx(NVIVO12)
    codes = {code.guid: code.name for code in project.all_codes()}
    source = project.sources[1]
    by_guid = {s.guid: s for s in source.selections}
    text = source.text

    first = by_guid["7154a758-6873-4134-badd-ae1dc04d3086"]  # the file says 3137-3284
    assert (first.start, first.end) == (3132, 3279)
    assert text[first.start:first.end] == (
        "Senkit nem lehet kötelezni oltásra, ilyet csak ostoba korlátolt agyi kapacitással "
        "rendelkező emberhulladék hozhat aki nem szaporodhat és nem élhet."
    )
    assert [codes[c.code_ref] for c in first.codings] == ["piros"]

    short = by_guid["a9504413-3306-4dbc-a6dd-ae1dc06dbff2"]  # the file says 10148-10186
    assert text[short.start:short.end] == "tudatos hal äl reklám, hatalmas árulás"

    late = by_guid["308512a2-429a-4314-bddd-ae1dc313c4da"]
    assert text[late.start:late.end].endswith("Az esetleges mellékhatásokért ?Nem kötelezhetnek")
    assert [codes[c.code_ref] for c in late.codings] == ["Resisting coercion"]

    sentence = by_guid["80848aeb-3ac4-4237-a1dd-ae1dc07f480a"]  # a sentence inside a comment
    assert text[sentence.start - 2:sentence.start] == ". "
    assert text[sentence.end:sentence.end + 3] == " Jó"


def test_nvivo12_coders_are_the_users(nvivo12):
    project = nvivo12
    users = {user.guid: user.name for user in project.users}
    coders = {users[c.creating_user] for c in project.all_codings()}
    assert coders == {"Gergo", "test_user"}
    assert not [f for f in project.findings if f.what == "coder not among the users"]


def test_nvivo12_says_what_is_not_carried(nvivo12):
    project = nvivo12
    lost = {item.what: item.count for item in project.not_carried}
    assert lost == {"formatting of styled (DOCX) sources": 2}


def test_nvivo15_mac_codebook_seven_levels(samples):
    project = read_qdpx(NVIVO15)
    assert len(project.all_codes()) == xml_count(NVIVO15, "Code") == 262
    assert max(_depth(code) for code in project.codes) == 7
    assert len(project.sources) == 2 and project.all_codings() == []
    assert [s.text for s in project.sources] == ["\n", "\n"]
    assert [root.name for root in project.codes] == [
        "rq1_definition", "rq2_curriculum_and_instruction", "rq3_process"]


def test_taguette_codebook_becomes_a_hierarchy(samples):
    book = read_qdc(TAGUETTE)
    assert [(c.name, [d.name for d in c.children]) for c in book.codes] == [
        ("interesting", ["places"]), ("people", [])]
    places = book.codes[0].children[0]
    assert places.guid == "55bb6892-6f30-5129-8cb8-557a1b12137b"  # its GUID, lower-cased
    assert {f.what for f in book.findings} == {"empty Sets", "hierarchy in code names"}


def test_nvivo12_without_plain_text_reads_the_docx_to_the_same_spans(nvivo12, tmp_path):
    """The sample with its .txt files and plainTextPath removed: the DOCX gives the same text."""
    with zipfile.ZipFile(NVIVO12) as archive:
        qde = archive.read("project.qde").replace(b'plainTextPath="', b'unusedPath="')
        docx = {n: archive.read(n) for n in archive.namelist() if n.endswith(".docx")}
    stripped = tmp_path / "docx-only.qdpx"
    with zipfile.ZipFile(stripped, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, data in docx.items():
            archive.writestr(name, data)
    rebuilt, original = read_qdpx(stripped), nvivo12
    assert [s.text_from for s in rebuilt.sources] == ["DOCX", "DOCX"]
    assert [s.text for s in rebuilt.sources] == [s.text for s in original.sources]
    assert [(s.start, s.end) for s in rebuilt.sources[1].selections] == [
        (s.start, s.end) for s in original.sources[1].selections]
