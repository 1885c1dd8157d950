"""Every format read by Python libraries alone, from files made by real writers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.errors import InputError
from sistercities.research.corpus.readers import read_document
from tests.research.workbench import writers
from tests.research.workbench.conftest import DOCUMENTS

PARAGRAPHS = [
    "Interview with the director of international relations",
    "Cuenca signed with Tempe in 2008; the agreement lapsed after the pandemic.",
    "Remittances from Peekskill pay for half the houses in the parish — “a lot”, she said.",
]


def paragraph_texts(read) -> list[str]:  # type: ignore[no-untyped-def]
    return [read.text[s:e] for s, e in read.paragraphs]


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    path = writers.docx_file(
        tmp_path / "i.docx", PARAGRAPHS, table=[["city", "since"], ["Tempe", "2008"]]
    )
    read = read_document(path)
    assert read.format == "docx"
    assert paragraph_texts(read) == [*PARAGRAPHS, "city", "since", "Tempe", "2008"]


def test_odt_paragraphs(tmp_path: Path) -> None:
    read = read_document(writers.odt_file(tmp_path / "i.odt", PARAGRAPHS))
    assert read.format == "odt"
    assert paragraph_texts(read) == PARAGRAPHS


def test_pdf_text_layer_with_pages_as_positions(tmp_path: Path) -> None:
    pages = [PARAGRAPHS[:2], [PARAGRAPHS[2]]]
    read = read_document(writers.pdf_file(tmp_path / "i.pdf", pages))
    assert read.format == "pdf"
    assert len(read.pages) == 2
    first, second = (read.text[s:e] for s, e in read.pages)
    assert PARAGRAPHS[1] in first and PARAGRAPHS[2] not in first
    assert PARAGRAPHS[2] in second


def test_pdf_two_columns_read_column_by_column(tmp_path: Path) -> None:
    body = (
        " The relationship was signed by the two mayors and renewed twice since then,"
        " with exchanges of students and officials."
    ) * 2
    left = [f"Left {i}: a paragraph about Quito." + body for i in range(3)]
    right = [f"Right {i}: a paragraph about Cuenca." + body for i in range(3)]
    read = read_document(writers.pdf_file(tmp_path / "c.pdf", [left + right], columns=True))
    assert [read.text[s : s + 7] for s, _ in read.paragraphs] == [
        "Left 0:",
        "Left 1:",
        "Left 2:",
        "Right 0",
        "Right 1",
        "Right 2",
    ]
    assert paragraph_texts(read) == left + right


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text layer"):
        read_document(writers.scanned_pdf(tmp_path / "scan.pdf"))


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = writers.html_file(
        tmp_path / "p.html", "Sister cities", PARAGRAPHS[1:], ["tourism", "trade"]
    )
    read = read_document(path)
    assert paragraph_texts(read) == ["Sister cities", *PARAGRAPHS[1:], "tourism", "trade"]
    assert "hidden" not in read.text and "color" not in read.text


SPANISH = (
    "La relación de Cuenca con Peekskill nació en la diáspora: año tras año, los niños "
    "del barrio y sus familias celebran la música y la artesanía de Azuay."
)


HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{body}</p></body>"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-8, no meta", _page(SPANISH).encode("utf-8")),
        ("latin-1, no meta", _page(SPANISH).encode("latin-1")),
        ("latin-1, declared", _page(SPANISH, '<meta charset="ISO-8859-1">').encode("latin-1")),
        ("cp1252, http-equiv", _page(SPANISH + " “Sí”", HTTP_EQUIV).encode("cp1252")),
        ("declares utf-8, is latin-1", _page(SPANISH, '<meta charset="utf-8">').encode("latin-1")),
        ("xml declaration", ('<?xml version="1.0" encoding="utf-8"?>' + _page(SPANISH)).encode()),
    ],
)
def test_html_encoding_utf8_first_then_declared_then_detected(
    tmp_path: Path, name: str, data: bytes
) -> None:
    """A UTF-8 page without ``<meta charset>`` is not read as Latin-1 (no mojibake)."""
    path = tmp_path / "page.html"
    path.write_bytes(data)
    text = read_document(path).text
    assert SPANISH in text, (name, text)
    assert "Ã" not in text and "ń" not in text


def test_html_in_another_script_without_meta_is_detected(tmp_path: Path) -> None:
    russian = (
        "Города-побратимы: сотрудничество между Кито и Луисвиллом продолжалось "
        "много лет, несмотря на смену администраций в обоих городах."
    )
    path = tmp_path / "ru.html"
    path.write_bytes(_page(russian).encode("cp1251"))
    assert russian in read_document(path).text


def test_html_given_encoding_wins(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(_page(SPANISH).encode("latin-1"))
    assert SPANISH in read_document(path, encoding="latin-1").text
    with pytest.raises(InputError, match="cannot be read as utf-8"):
        read_document(path, encoding="utf-8")


def test_markdown_renders_without_markup(tmp_path: Path) -> None:
    path = writers.markdown_file(
        tmp_path / "m.md", "Field notes", ["The *sister city* began in **2008**."], ["remittances"]
    )
    read = read_document(path)
    assert paragraph_texts(read) == ["Field notes", "The sister city began in 2008.", "remittances"]


def test_rtf_in_its_code_page(tmp_path: Path) -> None:
    texts = ["Café con el alcalde de Cuenca.", "Naïve questions about €200 of remittances."]
    read = read_document(writers.rtf_file(tmp_path / "r.rtf", texts))
    assert read.format == "rtf"
    assert paragraph_texts(read) == texts


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_plain_text_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    text = "Cuenca y Peekskill: la relación de ciudades hermanas.\n\nDespués de 2008, las remesas…"
    if encoding == "cp1252":
        text = text.replace("…", "...")
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode(encoding))
    read = read_document(path)
    assert read.text == text
    assert paragraph_texts(read) == text.split("\n\n")


def test_windows_newlines_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"first line\r\nsecond line\r\n\r\nnext paragraph")
    read = read_document(path)
    assert read.text == "first line\nsecond line\n\nnext paragraph"
    assert paragraph_texts(read) == ["first line\nsecond line", "next paragraph"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n ", "empty"),
        ("fake.docx", b"this is not a zip", "not a DOCX file"),
        ("fake.odt", b"neither", "not a ODT file"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a PDF"),
        ("fake.rtf", b"plain words", "not an RTF"),
        ("binary.txt", bytes(range(256)) * 8, "encoding|control characters"),
        ("notes.xyz", b"text", "unknown file type"),
    ],
)
def test_unreadable_files_name_the_problem(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read_document(path)


def test_the_shared_interviews_keep_their_text() -> None:
    import docx
    import odfdo

    if not DOCUMENTS.exists():
        pytest.skip("../shared/data/documents is not beside the project")
    word = read_document(DOCUMENTS / "qualcoder_ID1.docx")
    expected = [
        p.text
        for p in docx.Document(str(DOCUMENTS / "qualcoder_ID1.docx")).paragraphs
        if p.text.strip()
    ]
    assert paragraph_texts(word) == expected
    assert "I'm happy to pay €200." in word.text
    odt = read_document(DOCUMENTS / "qualcoder_ID2.odt")
    raw = str(odfdo.Document(str(DOCUMENTS / "qualcoder_ID2.odt")).get_formatted_text())
    assert paragraph_texts(odt) == [line.strip() for line in raw.split("\n") if line.strip()]
    assert "The course cost €200.00 and I do not want to waste my money." in odt.text
    transcript = read_document(DOCUMENTS / "qualcoder_transcript.txt")
    assert transcript.text == (DOCUMENTS / "qualcoder_transcript.txt").read_text(
        encoding="utf-8"
    ).replace("\r\n", "\n")
