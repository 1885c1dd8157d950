"""The ``.qdpx`` container: a zip with one ``.qde`` and a folder of sources.

Real exports differ from the standard's layout: ATLAS.ti names the entry
``<project name>.qde`` or ``Project.qde``; the folder is ``sources/`` or
``Sources/`` (NVivo for Mac adds an empty ``sources/.root``); ATLAS.ti may
ship no source files at all. Text files come with or without a byte-order
mark. This module finds the parts whatever their case, and reads text.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message

INTERNAL = "internal://"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class QdpxArchive:
    """An opened ``.qdpx``: its ``.qde`` entry and its source files by lower-cased name."""

    def __init__(self, path: Path, archive: zipfile.ZipFile):
        self.path = path
        self.zip = archive
        self.entry = self._find_entry()
        self.sources = self._find_sources()
        self.used: set[str] = set()

    def _find_entry(self) -> str:
        top = [n for n in self.zip.namelist() if "/" not in n.strip("/")]
        qde = [n for n in top if n.lower().endswith(".qde")]
        if not qde:
            raise ExchangeFileError(
                Message("%(file)s: no project entry (.qde) at the top of the archive",
                        file=self.path.name)
            )
        if len(qde) > 1:
            exact = [n for n in qde if n.lower() == "project.qde"]
            if len(exact) != 1:
                raise ExchangeFileError(
                    Message("%(file)s: several project entries (%(entries)s)",
                            file=self.path.name, entries=", ".join(sorted(qde)))
                )
            return exact[0]
        return qde[0]

    def _find_sources(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name in self.zip.namelist():
            parts = PurePosixPath(name).parts
            if len(parts) == 2 and parts[0].lower() == "sources" and not name.endswith("/"):
                if parts[1] == ".root":
                    continue
                found[parts[1].lower()] = name
        return found

    def read_entry(self) -> bytes:
        """The bytes of the ``.qde`` entry."""
        return self.zip.read(self.entry)

    def internal_name(self, path: str | None) -> str | None:
        """The file name of an ``internal://`` path; None for other schemes or none."""
        if not path or not path.lower().startswith(INTERNAL):
            return None
        return path[len(INTERNAL):].lstrip("/")

    def has(self, file_name: str) -> bool:
        """True when the sources folder holds ``file_name`` (in any case)."""
        return file_name.lower() in self.sources

    def read_source(self, file_name: str) -> bytes:
        """The bytes of a file of the sources folder, found whatever its case."""
        entry = self.sources[file_name.lower()]
        self.used.add(file_name.lower())
        return self.zip.read(entry)

    def unused_sources(self) -> list[str]:
        """Source files no element of the project pointed to."""
        return sorted(self.sources[k] for k in self.sources if k not in self.used)


@contextmanager
def open_qdpx(path: Path) -> Iterator[QdpxArchive]:
    """Open a ``.qdpx`` file; a file that is not a zip gets one clear message."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ExchangeFileError(
            Message("%(file)s: not a REFI-QDA project (not a zip archive)", file=path.name)
        ) from exc
    with archive:
        yield QdpxArchive(path, archive)


def decode_text(data: bytes, where: str) -> str:
    """Text of a plain-text source: UTF-8 as the standard asks, any BOM removed.

    A UTF-16 file with its BOM is read too; anything else that is not UTF-8
    is refused, naming the file, rather than read as the wrong characters.
    """
    encoding = "utf-8"
    for bom, with_bom in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom):], with_bom
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExchangeFileError(
            Message("%(where)s: text is not %(encoding)s (byte %(byte)s)", where=where,
                    encoding=encoding.upper(), byte=str(exc.start))
        ) from exc
