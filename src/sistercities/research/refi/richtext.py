"""The text of DOCX and PDF sources, for exports that carry no plain text.

The standard asks for a plain-text companion of every styled or PDF source,
and positions count in it; some exports ship only the DOCX or PDF. Their
text is rebuilt here the way the tools lay it out: one line per paragraph
(table cells are paragraphs too), tabs and breaks as characters, PDF pages
one after another (by the workbench's PDF reader). Positions counted in the
tool's own plain text may still differ, which the reader's span check reports.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from lxml import etree

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message

# Paragraphs (table cells hold paragraphs too) each followed by a line break;
# tabs and breaks inside runs as characters; tab stops of styles are not text.
_DOCX_TEXT = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="newline" select="'&#10;'"/>
  <xsl:template match="/"><xsl:apply-templates select="//w:body"/></xsl:template>
  <xsl:template match="w:p"><xsl:apply-templates/><xsl:value-of select="$newline"/></xsl:template>
  <xsl:template match="w:t"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="w:r/w:tab">&#9;</xsl:template>
  <xsl:template match="w:r/w:br|w:r/w:cr">&#10;</xsl:template>
  <xsl:template match="w:r/w:noBreakHyphen">-</xsl:template>
  <xsl:template match="text()"/>
</xsl:stylesheet>"""


@cache
def _docx_transform() -> etree.XSLT:
    return etree.XSLT(etree.XML(_DOCX_TEXT))


def paragraph_break(origin: str | None) -> str:
    """How the tool that wrote a file ends a paragraph in its plain text.

    NVivo for Windows writes ``\\r\\n`` and counts it as two positions, so a
    text rebuilt for its positions must have it too; the others ``\\n``.
    """
    lowered = (origin or "").lower()
    return "\r\n" if "nvivo" in lowered and "windows" in lowered else "\n"


def docx_text(data: bytes, where: str, newline: str = "\n") -> str:
    """The text of a DOCX file: paragraphs separated by ``newline``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = archive.read("word/document.xml")
        root = etree.fromstring(document, etree.XMLParser(huge_tree=True, resolve_entities=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ExchangeFileError(
            Message("%(where)s: not a readable DOCX file (%(reason)s)", where=where,
                    reason=str(exc))
        ) from exc
    text = str(_docx_transform()(root, newline=etree.XSLT.strparam(newline)))
    return text[: -len(newline)] if text.endswith(newline) else text


def pdf_text(data: bytes, where: str, newline: str = "\n") -> str | None:
    """The text layer of a PDF file, page after page; None when it has none (a scan)."""
    from sistercities.errors import InputError
    from sistercities.research.corpus.pdf import read_pdf

    try:
        text = read_pdf(data).text
    except InputError as exc:
        if "no text layer" in str(exc):
            return None
        raise ExchangeFileError(
            Message("%(where)s: %(problem)s", where=where, problem=exc.reason)
        ) from exc
    return text.replace("\n", newline) if newline != "\n" else text


def rich_text(data: bytes, file_name: str, where: str, newline: str = "\n") -> str | None:
    """The text of a DOCX or PDF file by its extension; None for other kinds."""
    lowered = file_name.lower()
    if lowered.endswith(".docx"):
        return docx_text(data, where, newline)
    if lowered.endswith(".pdf"):
        return pdf_text(data, where, newline)
    return None
