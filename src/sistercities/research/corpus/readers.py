"""Read documents from files, by Python libraries alone (no converter to install).

====================  ==========================================  =============
format                how                                         library
====================  ==========================================  =============
plain text ``.txt``   BOM, else UTF-8, else detected encoding     charset-normalizer (MIT)
Markdown ``.md``      rendered, then read as HTML                 markdown-it-py (MIT)
HTML ``.html``        UTF-8, else the declared or detected        lxml (BSD)
                      charset; blocks become paragraphs
DOCX                  paragraphs and table cells in body order    python-docx (MIT)
ODT                   ``text:p``/``text:h`` in document order     odfdo (Apache-2.0)
RTF                   control words removed                       striprtf (BSD)
PDF                   text boxes in reading order, pages kept     pdfminer.six (MIT)
====================  ==========================================  =============

A file that cannot be read raises :class:`~sistercities.errors.InputError`
with the reason (a PDF without a text layer, a DOCX that is not a zip, an
empty file, bytes in no encoding we can tell); the bulk import sets that file
aside and goes on with the rest.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.corpus import markup
from sistercities.research.corpus.text import ReadText, TextBuilder, plain, require_text

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".pdf": "pdf",
}

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def format_of(path: Path) -> str:
    """The format a file name says (by extension); unknown extensions are refused."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(Message("unknown file type %(suffix)r (known: %(known)s)",
                                 suffix=path.suffix or "(none)", known=known))
    return fmt


def read_document(path: str | Path, *, encoding: str | None = None) -> ReadText:
    """Read one file into its text, paragraphs and pages (see the module docstring)."""
    path = Path(path)
    fmt = format_of(path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(Message("the file is empty"))
    return _READERS[fmt](data, encoding)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: the given encoding, else a BOM, else UTF-8, else a detected one.

    Text that decodes only into control characters (a binary file) is refused.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(Message("cannot be read as %(encoding)s: %(reason)s",
                                     encoding=encoding, reason=str(exc))) from exc
        return _no_binary(text)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _no_binary(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(
                    Message("starts with a %(codec)s byte-order mark but is not %(codec)s: "
                            "%(reason)s at byte %(byte)s", codec=codec, reason=exc.reason,
                            byte=str(exc.start))
                ) from exc
    try:
        return _no_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            Message("the encoding cannot be recognised (not UTF-8, no byte-order mark, "
                    "and no known encoding fits); give --encoding")
        )
    return _no_binary(str(best))


def _no_binary(text: str) -> str:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch in _CONTROL)
    if bad > max(2, len(sample) // 1000):
        raise InputError(Message("not text: it holds control characters (a binary file?)"))
    return text.replace("\x00", "")


def _text(data: bytes, encoding: str | None) -> ReadText:
    return require_text(plain(decode(data, encoding)), Message("the file holds no text"))


def _markdown(data: bytes, encoding: str | None) -> ReadText:
    return markup.read_markdown(decode(data, encoding))


def _html(data: bytes, encoding: str | None) -> ReadText:
    return markup.read_html(decode_html(data, encoding))


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """An HTML file's text: given encoding, BOM, strict UTF-8, the declared charset, detected.

    Most pages without a ``<meta charset>`` are UTF-8 today, and strict UTF-8
    almost never decodes text in another encoding, so it comes before what the
    page declares (lxml alone would read an undeclared page as Latin-1: mojibake).
    Latin-1 labels are read as windows-1252, as browsers do, and so is an
    undeclared page that detection scores the same in windows-1252 as in another.
    """
    if encoding or any(data.startswith(bom) for bom, _ in _BOMS):
        return markup.without_xml_declaration(decode(data, encoding))
    try:
        return markup.without_xml_declaration(_no_binary(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    declared = markup.declared_charset(data)
    if declared is not None:
        try:
            return markup.without_xml_declaration(_no_binary(data.decode(declared)))
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect instead
    return markup.without_xml_declaration(_no_binary(_detected_html(data)))


def _detected_html(data: bytes) -> str:
    """Undeclared, not UTF-8: detected; windows-1252 (HTML's default) wins a tie.

    charset-normalizer cannot tell cp1250 from cp1252 on Spanish or French
    text (same score); a browser reads such a page as windows-1252, and so do we.
    """
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return decode(data)  # refuses with the reason
    ties = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any("cp1252" in m.could_be_from_charset for m in ties):
        return data.decode("cp1252")
    return str(best)


def _docx(data: bytes, _encoding: str | None) -> ReadText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _require_zip(data, "DOCX")
    try:
        document = docx.Document(_bytes_io(data))
    except Exception as exc:  # python-docx raises bare KeyErrors and ValueErrors
        raise InputError(Message("not a readable DOCX: %(kind)s: %(reason)s",
                                 kind=exc.__class__.__name__, reason=str(exc))) from exc
    out = TextBuilder()

    def walk(items: object) -> None:
        for item in items:  # type: ignore[attr-defined]
            if isinstance(item, Paragraph):
                out.paragraph(item.text)
            elif isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell.iter_inner_content())

    walk(document.iter_inner_content())
    return require_text(out.build("docx"), Message("the DOCX holds no text"))


def _odt(data: bytes, _encoding: str | None) -> ReadText:
    import odfdo

    _require_zip(data, "ODT")
    try:
        document = odfdo.Document(_bytes_io(data))
        elements = document.body.get_elements("descendant::text:p|descendant::text:h")
    except Exception as exc:  # odfdo raises what lxml and zipfile raise
        raise InputError(Message("not a readable ODT: %(kind)s: %(reason)s",
                                 kind=exc.__class__.__name__, reason=str(exc))) from exc
    out = TextBuilder()
    for element in elements:
        if element.get_elements("ancestor::text:p|ancestor::text:h"):
            continue  # a note's paragraph inside a paragraph: read with its parent
        out.paragraph(str(element.get_formatted_text()).replace("\n", " "))
    return require_text(out.build("odt"), Message("the ODT holds no text"))


def _rtf(data: bytes, encoding: str | None) -> ReadText:
    """RTF: 8-bit text is in the code page the header names (``\\ansicpg``, else cp1252)."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputError(Message("not an RTF file (it does not start with {\\rtf)"))
    page = _ANSICPG.search(data[:2000])
    codec = encoding or (f"cp{page.group(1).decode()}" if page else "cp1252")
    try:
        raw = data.decode(codec)
        text = rtf_to_text(raw, encoding=codec, errors="strict")
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(Message("the RTF's text cannot be decoded as %(codec)s: %(reason)s",
                                 codec=codec, reason=str(exc))) from exc
    out = TextBuilder()
    for line in text.replace("\r\n", "\n").split("\n"):
        out.paragraph(line)
    return require_text(out.build("rtf"), Message("the RTF holds no text"))


def _pdf(data: bytes, _encoding: str | None) -> ReadText:
    from sistercities.research.corpus.pdf import read_pdf

    return read_pdf(data)


def _require_zip(data: bytes, what: str) -> None:
    if not zipfile.is_zipfile(_bytes_io(data)):
        raise InputError(Message(
            "not a %(what)s file: a %(what)s is a zip archive and this is not one", what=what))


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


_READERS: dict[str, Callable[[bytes, str | None], ReadText]] = {
    "text": _text,
    "markdown": _markdown,
    "html": _html,
    "docx": _docx,
    "odt": _odt,
    "rtf": _rtf,
    "pdf": _pdf,
}
