"""Each deviation of real exports, in a small file the test writes."""

from __future__ import annotations

import codecs
import re

import pytest

from sistercities.research.refi import read_qdc, read_qdpx
from tests.research.refi.conftest import codebook, guid, project_xml, write_zip

SOURCE = guid(100)


def text_source(selections: str = "", path: str | None = None, name: str = "interview") -> str:
    path = path or f"internal://{SOURCE}.txt"
    return (f'<Sources><TextSource guid="{SOURCE}" name="{name}" plainTextPath="{path}">'
            f"{selections}</TextSource></Sources>")


def selection(n: int, start: int, end: int, code: int | None = 1) -> str:
    coding = (f'<Coding guid="{guid(n + 500)}"><CodeRef targetGUID="{guid(code)}"/></Coding>'
              if code is not None else "")
    return (f'<PlainTextSelection guid="{guid(n)}" startPosition="{start}" '
            f'endPosition="{end}">{coding}</PlainTextSelection>')


def spans(project) -> list[str]:  # type: ignore[no-untyped-def]
    source = project.sources[0]
    return [source.text[s.start:s.end] for s in source.selections]


@pytest.mark.parametrize("entry", ["My study.qde", "Project.qde", "project.qde"])
@pytest.mark.parametrize("folder", ["Sources", "sources"])
def test_entry_and_folder_names(tmp_path, entry, folder):
    text = "We twinned with Cuenca."
    qde = project_xml(codebook((1, "partners")) + text_source(selection(10, 16, 22)))
    path = write_zip(tmp_path / "a.qdpx", {entry: qde, f"{folder}/{SOURCE}.txt": text.encode(),
                                           f"{folder}/.root": b""})
    project = read_qdpx(path)
    assert spans(project) == ["Cuenca"]
    assert project.not_carried == []  # .root is not a lost file


def test_qdpx_without_its_source_files(tmp_path):
    """ATLAS.ti may ship no sources: the codebook imports, the codings are listed as lost."""
    qde = project_xml(codebook((1, "a"), (2, "b")) + text_source(selection(10, 0, 4)),
                      origin="ATLAS.ti 23")
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {"Project.qde": qde}))
    assert len(project.all_codes()) == 2
    assert project.sources[0].text is None and project.sources[0].selections == []
    lost = {item.what: item.count for item in project.not_carried}
    assert lost == {"selections on sources without text": 1,
                    "codings on sources without text": 1}
    assert any(f.what == "source file missing" for f in project.findings)


def test_bom_and_crlf_kept_as_text_counted_as_code_points(tmp_path):
    text = "Q: Why?\r\nA: Trade.\r\n"
    data = codecs.BOM_UTF8 + text.encode()
    start = text.index("Trade")
    qde = project_xml(codebook((1, "economy")) + text_source(selection(10, start, start + 5)))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {"project.qde": qde,
                                                        f"sources/{SOURCE}.txt": data}))
    assert project.sources[0].text == text
    assert spans(project) == ["Trade"]


def test_utf16_bom_text_is_read(tmp_path):
    text = "Ünnep 🎉 Cuenca"
    qde = project_xml(codebook((1, "a")) + text_source(selection(10, 8, 14)))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": qde, f"sources/{SOURCE}.txt": codecs.BOM_UTF16_LE
        + text.encode("utf-16-le")}))
    assert spans(project) == ["Cuenca"]


def _utf16(text: str, sub: str) -> tuple[int, int]:
    """Where NVivo puts ``sub``: UTF-16 code units."""
    start = len(text[: text.index(sub)].encode("utf-16-le")) // 2
    return start, start + len(sub.encode("utf-16-le")) // 2


NVIVO_TEXT = "Grazie 😀😀 Cuenca!\r\nThe 🎉 mayor 👍🏽 signed.\r\n"


def test_nvivo_utf16_positions_and_windows_line_ends(tmp_path):
    cuenca, mayor, signed = (_utf16(NVIVO_TEXT, w) for w in ("Cuenca", "mayor", "signed"))
    body = codebook((1, "place"), (2, "actor")) + text_source(
        selection(10, *cuenca) + selection(11, *mayor, code=2) + selection(12, *signed))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body, origin="NVivo for Windows 14"),
        f"Sources/{SOURCE}.txt": codecs.BOM_UTF8 + NVIVO_TEXT.encode()}))
    assert project.position_rule == "UTF-16 code units"
    assert spans(project) == ["Cuenca", "mayor", "signed"]
    assert not [f for f in project.findings if f.what.startswith("span")]


def test_nvivo_span_ending_inside_a_surrogate_pair_is_reported_and_widened(tmp_path):
    start = _utf16(NVIVO_TEXT, "Grazie")[0]
    inside = _utf16(NVIVO_TEXT, "😀")[0] + 1  # between the two halves of the first emoji
    body = codebook((1, "joy")) + text_source(selection(10, start, inside))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body, origin="NVivo for Mac 15.0.0"),
        f"sources/{SOURCE}.txt": NVIVO_TEXT.encode()}))
    assert spans(project) == ["Grazie 😀"]
    [finding] = [f for f in project.findings if f.what == "span inside a character"]
    assert guid(10) in finding.where and "surrogate" in finding.message


def test_nvivo_span_mid_word_is_reported(tmp_path):
    start, end = _utf16(NVIVO_TEXT, "mayor")
    body = codebook((1, "actor")) + text_source(selection(10, start, end - 2))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body, origin="NVivo for Windows 12.6"),
        f"Sources/{SOURCE}.txt": NVIVO_TEXT.encode()}))
    assert spans(project) == ["may"]
    [finding] = [f for f in project.findings if f.what == "span mid-word"]
    assert guid(10) in finding.where and "ends mid-word" in finding.message


def test_atlas_ti_counts_crlf_as_one(tmp_path):
    text = "First answer.\r\nSecond answer.\r\nThird answer about Cuenca.\r\n"
    flat = text.replace("\r\n", "\n")
    start = flat.index("Cuenca")
    body = codebook((1, "place")) + text_source(selection(10, start, start + 6))
    project = read_qdpx(write_zip(tmp_path / "My project.qdpx", {
        "My project.qde": project_xml(body, origin="ATLAS.ti Windows 23.2"),
        f"sources/{SOURCE}.txt": text.encode()}))
    assert project.position_rule == "code points, CRLF as one"
    assert spans(project) == ["Cuenca"]


def test_unknown_origin_takes_the_rule_that_fits(tmp_path):
    cuenca, mayor, signed = (_utf16(NVIVO_TEXT, w) for w in ("Cuenca", "mayor", "signed"))
    body = codebook((1, "a")) + text_source(
        selection(10, *cuenca) + selection(11, *mayor) + selection(12, *signed))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body, origin="Some Tool 1.0"),
        f"sources/{SOURCE}.txt": NVIVO_TEXT.encode()}))
    assert project.position_rule == "UTF-16 code units"
    assert spans(project) == ["Cuenca", "mayor", "signed"]
    assert any(f.what == "positions" and "Some Tool" in f.message for f in project.findings)


def test_selections_without_a_coding_and_cases_without_a_name(tmp_path):
    text = "Peekskill and Cuenca."
    cases = (f'<Cases><Case guid="{guid(30)}"><SourceRef targetGUID="{SOURCE}"/></Case>'
             f'<Case guid="{guid(31)}" name="Cuenca"/></Cases>')
    body = codebook((1, "place")) + cases + text_source(
        selection(10, 0, 9, code=None) + selection(11, 14, 20))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body, origin="MAXQDA 2022"),
        f"sources/{SOURCE}.txt": text.encode()}))
    assert spans(project) == ["Peekskill", "Cuenca"]
    assert [len(s.codings) for s in project.sources[0].selections] == [0, 1]
    assert [c.name for c in project.cases] == ["Case 1", "Cuenca"]
    assert project.cases[0].source_refs == [SOURCE]
    assert any(f.what == "case without a name" for f in project.findings)


def test_empty_sets(tmp_path):
    sets = f'<Sets><Set guid="{guid(40)}" name="nothing yet"/></Sets>'
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(codebook((1, "a")) + sets)}))
    assert [(s.name, s.code_refs) for s in project.sets] == [("nothing yet", [])]
    qdc = tmp_path / "t.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   f'<Code guid="{guid(1)}" name="a" isCodable="true"/></Codes><Sets/></CodeBook>')
    assert read_qdc(qdc).sets == []


def test_guids_outside_the_pattern_are_replaced_everywhere(tmp_path):
    text = "Cuenca"
    body = ('<CodeBook><Codes><Code guid="code-1" name="place" isCodable="true"/>'
            f'<Code guid="{{{guid(2).upper()}}}" name="other" isCodable="true"/></Codes></CodeBook>'
            '<Sources><TextSource guid="src-1" name="s" plainTextPath="internal://src-1.txt">'
            '<PlainTextSelection guid="sel 1" startPosition="0" endPosition="6">'
            '<Coding guid="c1"><CodeRef targetGUID="code-1"/></Coding>'
            f'<Coding guid="c2"><CodeRef targetGUID="{guid(2)}"/></Coding>'
            "</PlainTextSelection></TextSource></Sources>")
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body), "sources/src-1.txt": text.encode()}))
    place, other = project.all_codes()
    codings = project.all_codings()
    assert [c.code_ref for c in codings] == [place.guid, other.guid]
    assert other.guid == guid(2)  # braces and capitals: the same GUID
    assert place.guid != "code-1" and len(place.guid) == 36
    repaired = [f for f in project.findings if f.what == "GUID outside the schema's pattern"]
    assert len(repaired) == 5  # code-1, src-1, sel 1, c1, c2 — each once


def test_taguette_flat_names_with_missing_parents(tmp_path):
    qdc = tmp_path / "t.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.5.2"><Codes>'
                   f'<Code guid="{guid(1)}" name="places\\cities\\capitals" isCodable="true"/>'
                   f'<Code guid="{guid(2)}" name="places" isCodable="true"/>'
                   "</Codes></CodeBook>")
    book = read_qdc(qdc)
    [places] = book.codes
    assert places.guid == guid(2) and places.codable
    [cities] = places.children
    assert cities.name == "cities" and not cities.codable
    assert [c.name for c in cities.children] == ["capitals"]
    again = read_qdc(qdc)
    assert again.codes[0].children[0].guid == cities.guid  # the folder's GUID is stable


def test_docx_source_without_plain_text(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("The delegation from Cuenca arrived.")
    document.add_paragraph("Remittances fund the school.")
    document.save(tmp_path / "s.docx")
    text = "The delegation from Cuenca arrived.\nRemittances fund the school."
    start = text.index("Remittances")
    body = codebook((1, "remittances")) + (
        f'<Sources><TextSource guid="{SOURCE}" name="memo" '
        f'richTextPath="internal://{SOURCE}.docx">{selection(10, start, start + 11)}'
        "</TextSource></Sources>")
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body),
        f"sources/{SOURCE}.docx": (tmp_path / "s.docx").read_bytes()}))
    assert project.sources[0].text == text
    assert project.sources[0].text_from == "DOCX"
    assert spans(project) == ["Remittances"]


def test_pdf_source_without_representation(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Sister cities since 1989.")
    pdf.output(str(tmp_path / "s.pdf"))
    body = codebook((1, "a")) + (
        f'<Sources><PDFSource guid="{SOURCE}" name="report" path="internal://{SOURCE}.pdf">'
        f'<PDFSelection guid="{guid(7)}" page="1" firstX="0" firstY="0" secondX="9" secondY="9"/>'
        "</PDFSource></Sources>")
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body),
        f"sources/{SOURCE}.pdf": (tmp_path / "s.pdf").read_bytes()}))
    assert project.sources[0].text.strip() == "Sister cities since 1989."
    assert {i.what: i.count for i in project.not_carried} == {"PDF regions": 1}


def test_media_sources_and_graphs_are_listed_not_dropped(tmp_path):
    body = codebook((1, "a")) + (
        f'<Sources><PictureSource guid="{guid(60)}" name="photo" path="internal://x.jpg">'
        f'<PictureSelection guid="{guid(61)}" firstX="1" firstY="1" secondX="2" secondY="2">'
        f'<Coding guid="{guid(62)}"><CodeRef targetGUID="{guid(1)}"/></Coding>'
        "</PictureSelection></PictureSource>"
        f'<AudioSource guid="{guid(63)}" name="call"/><VideoSource guid="{guid(64)}" name="v"/>'
        f'</Sources><Graphs><Graph guid="{guid(65)}" name="map"/></Graphs>')
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body), "sources/x.jpg": b"\xff\xd8"}))
    lost = {i.what: i.count for i in project.not_carried}
    assert lost == {"picture sources": 1, "picture regions": 1, "codings of media sources": 1,
                    "audio sources": 1, "video sources": 1, "graphs": 1}


def test_files_no_source_points_to_are_listed(tmp_path):
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(codebook((1, "a"))), "Sources/stray.txt": b"x",
        "Sources/other.txt": b"y"}))
    [lost] = project.not_carried
    assert (lost.what, lost.count) == ("files in sources/ that no source points to", 2)
    assert "Sources/other.txt" in lost.reason


def test_a_wrong_origin_is_reported(tmp_path):
    """Spans written as code points by a tool that calls itself NVivo: the check says so."""
    text = "😀 " * 20 + "Cuenca and Quito and Loja."
    body = codebook((1, "place")) + text_source("".join(
        selection(10 + i, text.index(w), text.index(w) + len(w))
        for i, w in enumerate(("Cuenca", "Quito", "Loja"))))
    project = read_qdpx(write_zip(tmp_path / "a.qdpx", {
        "project.qde": project_xml(body, origin="NVivo 14"),
        f"sources/{SOURCE}.txt": text.encode()}))
    [finding] = [f for f in project.findings if f.what == "positions"]
    assert re.search(r"[23] of 3 spans fall badly; as code points 0 would", finding.message)
