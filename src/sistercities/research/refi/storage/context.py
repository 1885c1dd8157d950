"""What one import into the store keeps while it writes: ids by file GUID, losses, findings."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from sistercities.research.projects import ResearchProject
from sistercities.research.refi.model import Finding, NotCarried

NAME_LIMIT = 200


@dataclass
class StoreContext:
    """One import's state; ``refi_rows`` become :class:`RefiObject` rows at the end."""

    session: Session
    project: ResearchProject
    where: str
    users: dict[str, str] = field(default_factory=dict)
    code_ids: dict[str, int] = field(default_factory=dict)
    documents: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    coding_ids: dict[str, int] = field(default_factory=dict)
    selection_codings: dict[str, list[int]] = field(default_factory=dict)
    lost: Counter[tuple[str, str]] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    refi_rows: list[dict[str, Any]] = field(default_factory=list)

    def lose(self, what: str, reason: str, count: int = 1) -> None:
        if count:
            self.lost[(what, reason)] += count

    def note(self, what: str, where: str, message: str) -> None:
        self.findings.append(Finding(what, f"{self.where}: {where}", message))

    def remember(self, kind: str, local_guid: str, file_guid: str,
                 extra: dict[str, Any] | None = None) -> None:
        """Record the file GUID (and details) of a stored object."""
        extra = {k: v for k, v in (extra or {}).items() if v not in (None, "", [], {})}
        self.refi_rows.append({"project_id": self.project.id, "kind": kind,
                               "local_guid": local_guid, "file_guid": file_guid,
                               "extra": extra or None})

    def not_carried(self) -> list[NotCarried]:
        return [NotCarried(what, n, reason) for (what, reason), n in self.lost.items()]


def unique_name(name: str, taken: set[str], *, what: str) -> tuple[str, bool]:
    """A name the workbench accepts, distinct from ``taken``; and whether it had to change.

    A ``/`` (which separates code paths) becomes ``∕``; an empty name gets a
    placeholder; a name already taken gets `` (2)``, `` (3)``, ...
    """
    cleaned = (name or "").strip().replace("/", "\u2215")[:NAME_LIMIT] or f"unnamed {what}"
    candidate, number = cleaned, 2
    while candidate in taken:
        candidate = f"{cleaned[: NAME_LIMIT - 6]} ({number})"
        number += 1
    taken.add(candidate)
    return candidate, candidate != name


def renamed(original: str, stored: str) -> dict[str, str]:
    """What an export needs to write a renamed object's original name back."""
    return {"name": original, "stored_as": stored} if original != stored else {}


def parse_time(value: str | None) -> dt.datetime | None:
    """An xsd:dateTime of the file as an aware datetime (UTC when the file gives no zone)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_NEWLINES = re.compile(r"\r\n?")


def to_lf(text: str) -> tuple[str, Any]:
    """The text with ``\\n`` line ends (as the workbench stores text), and a position map.

    The map turns a code-point offset of the original into one of the new
    text: each ``\\r\\n`` before it counts one less.
    """
    pairs = [m.start() for m in _NEWLINES.finditer(text) if m.group() == "\r\n"]
    new = _NEWLINES.sub("\n", text)
    if not pairs:
        return new, lambda offset: offset
    return new, lambda offset: offset - bisect_left(pairs, offset)
