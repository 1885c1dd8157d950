"""PDF text layer in reading order, one page after another, pages kept as positions.

pdfminer.six groups characters into lines and lines into text boxes and
orders the boxes in reading order (its layout analysis, ``boxes_flow``), so a
two-column page reads column by column. Each box is one paragraph, its lines
joined by spaces. A PDF with no text layer (a scan) yields no text and is
refused rather than stored empty.
"""

from __future__ import annotations

import io

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.corpus.text import ReadText, TextBuilder


def read_pdf(data: bytes) -> ReadText:
    """Read a PDF's text layer (see the module docstring)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data.lstrip().startswith(b"%PDF"):
        raise InputError(
            Message("not a PDF file (it does not start with %(magic)s)", magic="%PDF")
        )
    out = TextBuilder()
    pages = 0
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            pages += 1
            out.start_page()
            for element in page:
                if isinstance(element, LTTextContainer):
                    lines = [line.strip() for line in element.get_text().splitlines()]
                    out.paragraph(" ".join(line for line in lines if line))
            out.end_page()
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(
            Message("the PDF is encrypted and cannot be read: %(reason)s", reason=str(exc))
        ) from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            Message("not a readable PDF: %(kind)s: %(reason)s", kind=exc.__class__.__name__,
                    reason=str(exc))
        ) from exc
    read = out.build("pdf")
    if not read.text.strip():
        raise InputError(
            Message(
                "the PDF has no text layer (%(pages)s page(s) of images only: a scan?); "
                "run it through OCR first",
                pages=pages,
            )
        )
    return read
