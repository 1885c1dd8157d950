"""Sources and notes of a project: their text, wherever the file keeps it.

A text comes from ``PlainTextContent``, from the ``plainTextPath`` file in
the archive, or, when neither is there, from the DOCX (``richTextPath``) or
PDF (``path``) file. Picture, audio and video sources, PDF regions and
transcripts are not held by the workbench: they are counted as not carried.
"""

from __future__ import annotations

from lxml import etree

from sistercities.research.refi.archive import QdpxArchive, decode_text
from sistercities.research.refi.context import ReadContext, child, child_text, children, local
from sistercities.research.refi.elements import read_coding, read_selection, read_values, refs
from sistercities.research.refi.model import TextSource
from sistercities.research.refi.richtext import paragraph_break, rich_text

MEDIA = {"PictureSource": "picture sources", "AudioSource": "audio sources",
         "VideoSource": "video sources"}
MEDIA_PARTS = {
    "PictureSelection": "picture regions", "AudioSelection": "audio selections",
    "VideoSelection": "video selections", "Transcript": "transcripts",
    "TranscriptSelection": "transcript selections", "PDFSelection": "PDF regions",
    "Coding": "codings of media sources",
}
NOT_HELD = "the workbench holds text only"


def read_sources(ctx: ReadContext, element: etree._Element | None,
                 archive: QdpxArchive | None, not_carried_guids: set[str]) -> list[TextSource]:
    """The text sources (TextSource, and PDFSource through its text)."""
    if element is None:
        return []
    found: list[TextSource] = []
    for item in element:
        kind = local(item)
        if kind == "TextSource":
            found.append(read_text_source(ctx, item, archive))
        elif kind == "PDFSource":
            found.append(read_pdf_source(ctx, item, archive))
        elif kind in MEDIA:
            _lose_media(ctx, item, not_carried_guids)
            _mark_used(archive, item.get("path"))
    return found


def _lose_media(ctx: ReadContext, item: etree._Element, not_carried_guids: set[str]) -> None:
    """Count a media source and its parts as not carried; remember their GUIDs."""
    ctx.lose(MEDIA[local(item)], NOT_HELD)
    not_carried_guids.add(ctx.guid(item))
    for part in item.iter():
        if part is item:
            continue
        name = local(part)
        if name in MEDIA_PARTS:
            ctx.lose(MEDIA_PARTS[name], NOT_HELD)
        if part.get("guid") and name in (*MEDIA_PARTS, "SyncPoint"):
            not_carried_guids.add(ctx.guid(part))


def read_text_source(ctx: ReadContext, item: etree._Element, archive: QdpxArchive | None,
                     name: str | None = None) -> TextSource:
    """A TextSource (or a Note, or a PDF's Representation), positions as in the file."""
    text, text_from = source_text(ctx, item, archive)
    source = TextSource(
        guid=ctx.guid(item), name=name or item.get("name") or "", text=text,
        description=child_text(item, "Description"),
        selections=[read_selection(ctx, s) for s in children(item, "PlainTextSelection")],
        codings=[read_coding(ctx, c) for c in children(item, "Coding")],
        note_refs=refs(ctx, item, "NoteRef"), variable_values=read_values(ctx, item),
        creating_user=ctx.ref(item, "creatingUser"), created=item.get("creationDateTime"),
        modifying_user=ctx.ref(item, "modifyingUser"), modified=item.get("modifiedDateTime"),
        text_from=text_from,
    )
    if not source.name:
        source.name = f"source {source.guid}"
        ctx.note("source without a name", item, f"named '{source.name}'")
    return source


def read_pdf_source(ctx: ReadContext, item: etree._Element, archive: QdpxArchive | None
                    ) -> TextSource:
    """A PDF source read as the text its Representation (or the PDF itself) holds."""
    for region in children(item, "PDFSelection"):
        ctx.lose("PDF regions", "a region of a page is not text; the workbench holds text only")
        ctx.guid(region)
    representation = child(item, "Representation")
    guid = ctx.guid(item)
    if representation is not None:
        source = read_text_source(ctx, representation, archive, name=item.get("name"))
        ctx.defined.pop(source.guid, None)
        source.guid = guid
    else:
        text, text_from = _file_text(ctx, item, archive, item.get("path"))
        source = TextSource(guid=guid, name=item.get("name") or f"source {guid}", text=text,
                            text_from=text_from)
    source.codings.extend(read_coding(ctx, c) for c in children(item, "Coding"))
    source.note_refs.extend(refs(ctx, item, "NoteRef"))
    source.variable_values.extend(read_values(ctx, item))
    source.description = source.description or child_text(item, "Description")
    return source


def source_text(ctx: ReadContext, item: etree._Element, archive: QdpxArchive | None
                ) -> tuple[str | None, str]:
    """The plain text of a text element and where it came from."""
    inline = child(item, "PlainTextContent")
    if inline is not None:
        return inline.text or "", "plain text"
    plain = item.get("plainTextPath")
    if plain:
        text, text_from = _file_text(ctx, item, archive, plain)
        if text is not None:
            _lose_formatting(ctx, archive, item.get("richTextPath"))
            return text, text_from
    return _file_text(ctx, item, archive, item.get("richTextPath"))


def _file_text(ctx: ReadContext, item: etree._Element, archive: QdpxArchive | None,
               path: str | None) -> tuple[str | None, str]:
    """The text of a file named by a path attribute, if the archive holds it."""
    if not path:
        return None, "none"
    name = archive.internal_name(path) if archive else None
    if archive is None or name is None or not archive.has(name):
        why = ("not in the archive" if name is not None and archive is not None
               else "outside the file")
        ctx.note("source file missing", item, f"{path} is {why}")
        return None, "none"
    data = archive.read_source(name)
    where = f"{ctx.where}: {archive.sources[name.lower()]}"
    if name.lower().endswith(".txt"):
        return decode_text(data, where), "plain text"
    text = rich_text(data, name, where, paragraph_break(ctx.origin))
    if text is None:
        why = ("a PDF without a text layer (a scan?)" if name.lower().endswith(".pdf")
               else "neither text, DOCX nor PDF")
        ctx.note("source file not text", item, f"{path} is {why}")
        return None, "none"
    ctx.note("text rebuilt", item, f"no plain text in the file: text read from {path}")
    return text, name.rsplit(".", 1)[-1].upper()


def _mark_used(archive: QdpxArchive | None, path: str | None) -> None:
    """A file of a source that is not carried: pointed to, so not an orphan."""
    name = archive.internal_name(path) if archive and path else None
    if archive is not None and name is not None:
        archive.used.add(name.lower())


def _lose_formatting(ctx: ReadContext, archive: QdpxArchive | None, path: str | None) -> None:
    """A styled companion of a plain text: its formatting is not carried, its text is."""
    name = archive.internal_name(path) if archive and path else None
    if archive is not None and name is not None and archive.has(name):
        archive.used.add(name.lower())
        ctx.lose("formatting of styled (DOCX) sources",
                 "the workbench keeps the plain text that the file's positions count in")
