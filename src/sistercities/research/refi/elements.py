"""The elements of a project or codebook file, read into the plain model.

Each function takes an element and the :class:`ReadContext` and returns
model objects; positions are left as the file counts them (see
:mod:`.sources` for their conversion). Tolerated deviations are repaired
here and recorded as findings.
"""

from __future__ import annotations

import re

from lxml import etree

from sistercities.messages import Message
from sistercities.research.refi.context import ReadContext, child, child_text, children, local
from sistercities.research.refi.guids import stable_guid
from sistercities.research.refi.model import (
    VARIABLE_TYPES,
    Case,
    Code,
    CodeSet,
    Coding,
    Link,
    Selection,
    User,
    Variable,
    VariableValue,
)

_COLOUR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_TRUE, _FALSE = {"true", "1"}, {"false", "0"}
VALUE_ELEMENTS = {
    "TextValue": "Text", "BooleanValue": "Boolean", "IntegerValue": "Integer",
    "FloatValue": "Float", "DateValue": "Date", "DateTimeValue": "DateTime",
}


def refs(ctx: ReadContext, element: etree._Element, name: str, attribute: str = "targetGUID"
         ) -> list[str]:
    """The GUIDs of the ``name`` children of an element (NoteRef, CodeRef, ...)."""
    found = (ctx.ref(ref, attribute) for ref in children(element, name))
    return [guid for guid in found if guid]


def read_users(ctx: ReadContext, element: etree._Element | None) -> list[User]:
    if element is None:
        return []
    return [
        User(guid=ctx.guid(user), name=user.get("name"), id=user.get("id"))
        for user in children(element, "User")
    ]


def colour(ctx: ReadContext, element: etree._Element) -> str | None:
    """The colour as ``#RRGGBB`` (a ``#RGB`` colour spelled out); a bad one is dropped."""
    raw = element.get("color")
    if not raw:
        return None
    match = _COLOUR.fullmatch(raw.strip())
    if not match:
        ctx.note("colour not understood", element, f"'{raw}' is not #RRGGBB; dropped")
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits.upper()


def boolean(ctx: ReadContext, element: etree._Element, attribute: str, default: bool) -> bool:
    raw = (element.get(attribute) or "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    ctx.note(f"{attribute} missing", element, f"{attribute}='{raw}' read as {default}")
    return default


def read_code(ctx: ReadContext, element: etree._Element) -> Code:
    """A code and the codes below it."""
    name = element.get("name")
    if name is None:
        raise ctx.fail(element, Message("has no name"))
    return Code(
        guid=ctx.guid(element),
        name=name,
        codable=boolean(ctx, element, "isCodable", True),
        color=colour(ctx, element),
        description=child_text(element, "Description"),
        children=[read_code(ctx, sub) for sub in children(element, "Code")],
        note_refs=refs(ctx, element, "NoteRef"),
    )


def read_codes(ctx: ReadContext, codes: etree._Element | None) -> list[Code]:
    if codes is None:
        return []
    return [read_code(ctx, code) for code in children(codes, "Code")]


def unflatten_names(ctx: ReadContext, roots: list[Code], separator: str = "\\") -> list[Code]:
    """Turn Taguette's flat ``parent\\child`` names into a hierarchy.

    A code keeps its GUID and takes the last part as its name; a parent that
    is not itself a code becomes a folder (not codable) with a GUID derived
    from its path, so that a second import finds the same one.
    """
    if not any(separator in code.name for code in roots):
        return roots
    by_path: dict[tuple[str, ...], Code] = {}
    top: list[Code] = []
    folders = 0
    # Parents are shorter paths: placing shorter paths first puts each parent first.
    for code in sorted(roots, key=lambda code: code.name.count(separator)):
        path = tuple(code.name.split(separator))
        code.name = path[-1]
        siblings = top
        for depth in range(1, len(path)):
            parent = by_path.get(path[:depth])
            if parent is None:
                parent = Code(guid=stable_guid("folder", *path[:depth]), name=path[depth - 1],
                              codable=False)
                siblings.append(parent)
                by_path[path[:depth]] = parent
                folders += 1
            siblings = parent.children
        siblings.append(code)
        by_path[path] = code
    ctx.note("hierarchy in code names", None,
             f"names with '{separator}' read as a hierarchy ({folders} folders added)")
    return top


def read_sets(ctx: ReadContext, element: etree._Element | None, member_attribute: str
              ) -> list[CodeSet]:
    """Sets of a project (members by ``targetGUID``) or a codebook (by ``guid``)."""
    if element is None:
        return []
    found = []
    for item in children(element, "Set"):
        found.append(CodeSet(
            guid=ctx.guid(item),
            name=item.get("name") or "",
            description=child_text(item, "Description"),
            code_refs=refs(ctx, item, "MemberCode", member_attribute),
            source_refs=refs(ctx, item, "MemberSource"),
            note_refs=refs(ctx, item, "MemberNote"),
        ))
    return found


def read_variables(ctx: ReadContext, element: etree._Element | None) -> list[Variable]:
    if element is None:
        return []
    found = []
    for item in children(element, "Variable"):
        kind = item.get("typeOfVariable") or "Text"
        if kind not in VARIABLE_TYPES:
            ctx.note("variable type not understood", item, f"'{kind}' read as Text")
            kind = "Text"
        found.append(Variable(guid=ctx.guid(item), name=item.get("name") or "", type=kind,
                              description=child_text(item, "Description")))
    return found


def read_values(ctx: ReadContext, element: etree._Element) -> list[VariableValue]:
    found = []
    for item in children(element, "VariableValue"):
        ref = child(item, "VariableRef")
        target = ctx.ref(ref) if ref is not None else None
        if target is None:
            raise ctx.fail(item, Message("has no VariableRef"))
        value = next((v for v in item if local(v) in VALUE_ELEMENTS), None)
        found.append(VariableValue(variable_ref=target,
                                   value=None if value is None else (value.text or "")))
    return found


def read_cases(ctx: ReadContext, element: etree._Element | None) -> list[Case]:
    if element is None:
        return []
    found = []
    for number, item in enumerate(children(element, "Case"), start=1):
        name = item.get("name")
        if not name:
            name = f"Case {number}"
            ctx.note("case without a name", item, f"named '{name}'")
        found.append(Case(
            guid=ctx.guid(item), name=name, description=child_text(item, "Description"),
            code_refs=refs(ctx, item, "CodeRef"), variable_values=read_values(ctx, item),
            source_refs=refs(ctx, item, "SourceRef"),
            selection_refs=refs(ctx, item, "SelectionRef"),
        ))
    return found


def read_links(ctx: ReadContext, element: etree._Element | None) -> list[Link]:
    if element is None:
        return []
    return [
        Link(guid=ctx.guid(item), name=item.get("name"), direction=item.get("direction"),
             color=colour(ctx, item), origin_ref=ctx.ref(item, "originGUID"),
             target_ref=ctx.ref(item, "targetGUID"), note_refs=refs(ctx, item, "NoteRef"))
        for item in children(element, "Link")
    ]


def read_coding(ctx: ReadContext, element: etree._Element) -> Coding:
    code = child(element, "CodeRef")
    target = ctx.ref(code) if code is not None else None
    if target is None:
        raise ctx.fail(element, Message("has no CodeRef"))
    return Coding(guid=ctx.guid(element), code_ref=target,
                  creating_user=ctx.ref(element, "creatingUser"),
                  created=element.get("creationDateTime"),
                  note_refs=refs(ctx, element, "NoteRef"))


def read_selection(ctx: ReadContext, element: etree._Element) -> Selection:
    """A PlainTextSelection with its positions as the file counts them."""
    try:
        start = int(element.get("startPosition", ""))
        end = int(element.get("endPosition", ""))
    except ValueError as exc:
        raise ctx.fail(
            element, Message("startPosition and endPosition must be whole numbers")
        ) from exc
    return Selection(
        guid=ctx.guid(element), start=start, end=end, name=element.get("name") or None,
        description=child_text(element, "Description"),
        codings=[read_coding(ctx, c) for c in children(element, "Coding")],
        note_refs=refs(ctx, element, "NoteRef"),
        creating_user=ctx.ref(element, "creatingUser"), created=element.get("creationDateTime"),
        modifying_user=ctx.ref(element, "modifyingUser"),
        modified=element.get("modifiedDateTime"),
    )
