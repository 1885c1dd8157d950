"""Test files made by real writers: python-docx, odfdo, fpdf2, lxml, SnakeMD, PyRTF3.

Each function writes a file the way a person's tool would, so the readers
are tested on the formats as they are, not on strings that look like them.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def docx_file(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.save(str(path))
    return path


def odt_file(path: Path, paragraphs: list[str]) -> Path:
    from odfdo import Document, Header, Paragraph

    document = Document("text")
    body = document.body
    body.clear()
    body.append(Header(1, paragraphs[0]))
    for text in paragraphs[1:]:
        body.append(Paragraph(text))
    document.save(str(path))
    return path


def pdf_file(path: Path, pages: list[list[str]], *, columns: bool = False) -> Path:
    """One page per list; with ``columns`` each page's paragraphs are split into two columns."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for paragraphs in pages:
        pdf.add_page()
        if columns:
            half = (len(paragraphs) + 1) // 2
            for x, chunk in ((10, paragraphs[:half]), (110, paragraphs[half:])):
                pdf.set_xy(x, 20)
                for text in chunk:
                    pdf.set_x(x)
                    pdf.multi_cell(85, 5, text, align="L")
                    pdf.ln(3)
        else:
            for text in paragraphs:
                pdf.multi_cell(0, 5, text, align="L")
                pdf.ln(8)
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is a picture (no text layer), like a scan."""
    from fpdf import FPDF
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 2))
    figure.text(0.1, 0.5, "Interview transcript (scanned)", fontsize=14)
    image = io.BytesIO()
    figure.savefig(image, format="png")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=150)
    pdf.output(str(path))
    return path


def html_file(path: Path, title: str, paragraphs: list[str], items: list[str]) -> Path:
    import lxml.html
    from lxml.html import builder as E

    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE(title), E.STYLE("p { color: red }")),
        E.BODY(
            E.H1(title),
            *[E.P(text) for text in paragraphs],
            E.UL(*[E.LI(item) for item in items]),
            E.SCRIPT("var hidden = 'not text';"),
        ),
    )
    path.write_bytes(lxml.html.tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8"))
    return path


def markdown_file(path: Path, title: str, paragraphs: list[str], items: list[str]) -> Path:
    import snakemd

    document = snakemd.new_doc()
    document.add_heading(title)
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_unordered_list(items)
    path.write_text(str(document), encoding="utf-8")
    return path


def rtf_file(path: Path, paragraphs: list[str]) -> Path:
    """An RTF by PyRTF3 (it writes 8-bit text as is: stored in its code page, cp1252)."""
    from PyRTF.document.paragraph import Paragraph
    from PyRTF.document.section import Section
    from PyRTF.Elements import Document
    from PyRTF.Renderer import Renderer

    document = Document()
    section = Section()
    document.Sections.append(section)
    for text in paragraphs:
        section.append(Paragraph(text))
    out = io.StringIO()
    Renderer().Write(document, out)
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path
