"""HTML and Markdown to text: each block element (paragraph, heading, list item, cell) a paragraph.

Markdown is rendered by markdown-it-py (CommonMark) and read as HTML, so
emphasis marks, link targets and heading hashes do not end up in the text.
Inline whitespace is collapsed as a browser would; ``<pre>`` keeps its lines.
"""

from __future__ import annotations

import re

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.corpus.text import ReadText, TextBuilder, require_text

BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "tr",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "dl",
    "figcaption",
    "caption",
    "address",
    "main",
    "nav",
    "aside",
    "hr",
    "body",
}
SKIP = {"script", "style", "head", "template", "noscript"}
_SPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: what browsers read for these labels (the WHATWG Encoding Standard)
_LABEL_AS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
             "us-ascii": "cp1252", "ascii": "cp1252"}  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or http-equiv).

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=latin1">')
    'cp1252'
    >>> declared_charset(b"<p>none</p>") is None, declared_charset(b"<meta charset=nonsense>")
    (True, None)
    """
    import codecs

    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    label = _LABEL_AS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def without_xml_declaration(text: str) -> str:
    """Text without a leading ``<?xml ... encoding=...?>`` (lxml refuses it in a str)."""
    return _XML_DECLARATION.sub("", text, count=1)


def read_html(data: bytes | str, encoding: str | None = None) -> ReadText:
    """Read an HTML page's visible text (see the module docstring)."""
    import lxml.html
    from lxml import etree

    try:
        if isinstance(data, bytes):
            parser = lxml.html.HTMLParser(encoding=encoding) if encoding else None
            root = lxml.html.document_fromstring(data, parser=parser)
        else:
            root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(Message("not readable HTML: %(reason)s", reason=str(exc))) from exc
    out = TextBuilder()
    current: list[str] = []

    def flush() -> None:
        out.paragraph(_SPACE.sub(" ", "".join(current)))
        current.clear()

    def walk(element: etree._Element, pre: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIP:
            return
        block = tag in BLOCKS
        if block:
            flush()
        if tag == "br":
            flush()
        in_pre = pre or tag == "pre"
        if element.text and tag:
            _add(element.text, in_pre)
        for child in element:
            walk(child, in_pre)
            if child.tail:
                _add(child.tail, in_pre)
        if block:
            flush()

    def _add(text: str, pre: bool) -> None:
        if pre:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if i:
                    flush()
                current.append(line)
        else:
            current.append(text)

    walk(root, False)
    flush()
    return require_text(out.build("html"), Message("the HTML holds no visible text"))


def read_markdown(text: str) -> ReadText:
    """Render Markdown (CommonMark, with tables) and read the result as HTML."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(text)
    if not html.strip():
        raise InputError(Message("the Markdown file holds no text"))
    read = read_html(f"<html><body>{html}</body></html>")
    read.format = "markdown"
    return read
