"""The text of DOCX and PDF sources, for exports that carry no plain text.

The standard asks for a plain-text companion of every styled or PDF source,
and positions count in it; some exports ship only the DOCX or PDF. Their
text is rebuilt here the way the tools lay it out: one line per paragraph
(table cells are paragraphs too), tabs and breaks as characters, PDF pages
one after another. Positions counted in the tool's own plain text may still
differ, which the reader's span check then reports.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from sistercities.errors import ExchangeFileError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def docx_text(data: bytes, where: str) -> str:
    """The text of a DOCX file: paragraphs separated by ``\\n``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = archive.read("word/document.xml")
        root = etree.fromstring(document, etree.XMLParser(huge_tree=True, resolve_entities=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ExchangeFileError(f"{where}: not a readable DOCX file ({exc})") from exc
    paragraphs = []
    for paragraph in root.iter(_W + "p"):
        parts = []
        for element in paragraph.iter(_W + "t", *_CHARACTERS):
            if element.tag == _W + "t":
                parts.append(element.text or "")
            else:
                parts.append(_CHARACTERS[element.tag])
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def pdf_text(data: bytes, where: str) -> str:
    """The text layer of a PDF file, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError) as exc:
        raise ExchangeFileError(f"{where}: not a readable PDF file ({exc})") from exc


def rich_text(data: bytes, file_name: str, where: str) -> str | None:
    """The text of a DOCX or PDF file by its extension; None for other kinds."""
    lowered = file_name.lower()
    if lowered.endswith(".docx"):
        return docx_text(data, where)
    if lowered.endswith(".pdf"):
        return pdf_text(data, where)
    return None
