"""What a reader keeps while it walks one file: GUIDs seen, findings, losses.

Every message names the file, the line and the element, so that a user
can open the file and look. A GUID defined twice is an error; a GUID
outside the schema's pattern is repaired (see :mod:`.guids`) and noted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lxml import etree

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message
from sistercities.research.refi.guids import canonical
from sistercities.research.refi.model import Finding, NotCarried


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def describe(element: etree._Element) -> str:
    """``Element 'name'`` (or just the element's name when it has none)."""
    name = element.get("name")
    return f"{local(element)} '{name}'" if name else local(element)


def children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """The child elements called ``name``, whatever their namespace."""
    return (child for child in element if local(child) == name)


def child(element: etree._Element, name: str) -> etree._Element | None:
    """The first child element called ``name``, or None."""
    return next(children(element, name), None)


def child_text(element: etree._Element, name: str) -> str | None:
    """The text of the first child called ``name``; None when absent or empty."""
    found = child(element, name)
    if found is None:
        return None
    return found.text or None


class ReadContext:
    """State of one read: the file's name, GUIDs defined, findings and losses."""

    def __init__(self, where: str, origin: str | None = None):
        self.where = where
        self.origin = origin
        self.defined: dict[str, str] = {}
        self.findings: list[Finding] = []
        self.lost: Counter[tuple[str, str]] = Counter()
        self._repaired: set[str] = set()

    def at(self, element: etree._Element) -> Message:
        """``file line N: Element 'name'`` for messages."""
        return Message("%(file)s line %(line)s: %(element)s", file=self.where,
                       line=str(element.sourceline), element=describe(element))

    def fail(self, element: etree._Element, message: Message) -> ExchangeFileError:
        """An error naming the element; raise what this returns."""
        return ExchangeFileError(
            Message("%(where)s: %(problem)s", where=self.at(element), problem=message)
        )

    def note(self, what: str, element: etree._Element | None, message: str) -> None:
        """Record a finding about ``element`` (or about the whole file)."""
        where = self.at(element) if element is not None else self.where
        self.findings.append(Finding(what=what, where=where, message=message))

    def lose(self, what: str, reason: str, count: int = 1) -> None:
        """Count something not carried over, under one reason."""
        if count:
            self.lost[(what, reason)] += count

    def not_carried(self) -> list[NotCarried]:
        return [NotCarried(what, count, reason) for (what, reason), count in self.lost.items()]

    def guid(self, element: etree._Element, attribute: str = "guid") -> str:
        """The canonical GUID an element defines; a GUID defined twice is an error."""
        raw = element.get(attribute)
        if raw is None or not raw.strip():
            raise self.fail(element, Message("has no %(attribute)s", attribute=attribute))
        guid = self._canonical(element, raw)
        if guid in self.defined:
            raise self.fail(
                element,
                Message("GUID %(guid)s is used twice (first by %(first)s)", guid=raw,
                        first=self.defined[guid]),
            )
        self.defined[guid] = Message("%(element)s at line %(line)s", element=describe(element),
                                     line=str(element.sourceline))
        return guid

    def ref(self, element: etree._Element, attribute: str = "targetGUID") -> str | None:
        """The canonical GUID an element refers to (None when the attribute is absent)."""
        raw = element.get(attribute)
        if raw is None or not raw.strip():
            return None
        return self._canonical(element, raw)

    def _canonical(self, element: etree._Element, raw: str) -> str:
        guid, valid = canonical(raw)
        if not valid and raw not in self._repaired:
            self._repaired.add(raw)
            self.note(
                "GUID outside the schema's pattern", element,
                f"'{raw}' is not a GUID; it is replaced by {guid} everywhere it appears",
            )
        return guid
