"""A REFI-QDA project as plain data, independent of any storage.

Every position here is in Unicode code points of the text as stored (the
text file without its byte-order mark), with an exclusive end, whatever the
file that was read counted. GUIDs are in canonical form (lower case, no
braces). Dates are the ISO 8601 strings of the file, kept as written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")


@dataclass
class User:
    """A person who created or changed something in the project."""

    guid: str
    name: str | None = None
    id: str | None = None


@dataclass
class Code:
    """A code of the codebook; ``codable`` false for a folder."""

    guid: str
    name: str
    codable: bool = True
    color: str | None = None
    description: str | None = None
    children: list[Code] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)

    def walk(self) -> list[Code]:
        """This code and all codes below it, parents first."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


@dataclass
class CodeSet:
    """A named group of codes, sources and notes."""

    guid: str
    name: str
    description: str | None = None
    code_refs: list[str] = field(default_factory=list)
    source_refs: list[str] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


@dataclass
class Variable:
    """An attribute that cases (and sources) carry values of."""

    guid: str
    name: str
    type: str = "Text"
    description: str | None = None


@dataclass
class VariableValue:
    """One value of a variable; ``value`` is the text of the file's element."""

    variable_ref: str
    value: str | None


@dataclass
class Coding:
    """A code applied to a selection (or to a whole source)."""

    guid: str
    code_ref: str
    creating_user: str | None = None
    created: str | None = None
    note_refs: list[str] = field(default_factory=list)


@dataclass
class Selection:
    """A span of a text: code points, exclusive end."""

    guid: str
    start: int
    end: int
    name: str | None = None
    description: str | None = None
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    creating_user: str | None = None
    created: str | None = None
    modifying_user: str | None = None
    modified: str | None = None


@dataclass
class TextSource:
    """A text source (or a note): its plain text and what is coded in it.

    ``text`` is None when the file did not carry the text (a ``.qdpx``
    without its source files); such a source cannot hold codings.
    ``codings`` are codings of the whole source, not of a selection.
    """

    guid: str
    name: str
    text: str | None
    description: str | None = None
    selections: list[Selection] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    variable_values: list[VariableValue] = field(default_factory=list)
    creating_user: str | None = None
    created: str | None = None
    modifying_user: str | None = None
    modified: str | None = None
    text_from: str = "plain text"


@dataclass
class Case:
    """A case: what sources and selections belong to, with variable values."""

    guid: str
    name: str
    description: str | None = None
    code_refs: list[str] = field(default_factory=list)
    variable_values: list[VariableValue] = field(default_factory=list)
    source_refs: list[str] = field(default_factory=list)
    selection_refs: list[str] = field(default_factory=list)


@dataclass
class Link:
    """A named link between two objects of the project."""

    guid: str
    name: str | None = None
    direction: str | None = None
    color: str | None = None
    origin_ref: str | None = None
    target_ref: str | None = None
    note_refs: list[str] = field(default_factory=list)


@dataclass
class NotCarried:
    """Something in the file that is not taken over, with how many and why."""

    what: str
    count: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Finding:
    """Something the reader noticed and repaired or wants the user to check."""

    what: str
    where: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Codebook:
    """The codebook of a ``.qdc`` file (or of a project)."""

    codes: list[Code] = field(default_factory=list)
    sets: list[CodeSet] = field(default_factory=list)
    origin: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def all_codes(self) -> list[Code]:
        """Every code, parents before their children."""
        return [code for root in self.codes for code in root.walk()]


@dataclass
class Project:
    """A whole REFI-QDA project."""

    name: str
    origin: str | None = None
    creating_user: str | None = None
    created: str | None = None
    modifying_user: str | None = None
    modified: str | None = None
    description: str | None = None
    users: list[User] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[TextSource] = field(default_factory=list)
    notes: list[TextSource] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sets: list[CodeSet] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    not_carried: list[NotCarried] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    position_rule: str = "code points"

    def all_codes(self) -> list[Code]:
        """Every code, parents before their children."""
        return [code for root in self.codes for code in root.walk()]

    def all_codings(self) -> list[Coding]:
        """Every coding of every source, of selections and of whole sources."""
        found: list[Coding] = []
        for source in self.sources:
            found.extend(source.codings)
            for selection in source.selections:
                found.extend(selection.codings)
        return found

    def codebook(self) -> Codebook:
        """The project's codebook, as a ``.qdc`` file would hold it."""
        return Codebook(codes=self.codes, sets=self.sets, origin=self.origin)
