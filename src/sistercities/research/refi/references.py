"""Cross-references of a project: every GUID that is pointed to must exist.

A coding of a code that is not in the codebook, or a case or set member
that is not a source, would be silently lost or misattributed: such a file
is refused with a message naming the element. Dangling references that
lose nothing but a link (a note or user that is not there) are dropped and
reported.
"""

from __future__ import annotations

from typing import Any

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message
from sistercities.research.refi.context import ReadContext
from sistercities.research.refi.model import Finding, Project, VariableValue


def check_references(ctx: ReadContext, project: Project, lost: set[str]) -> None:
    """Raise on references to missing codes, sources, selections or variables."""
    codes = {code.guid for code in project.all_codes()}
    sources = {source.guid for source in project.sources}
    selections = {s.guid for source in project.sources for s in source.selections}
    variables = {variable.guid for variable in project.variables}
    _check_codings(ctx, project, codes)
    for case in project.cases:
        where = f"Case '{case.name}'"
        _need(ctx, where, "CodeRef", case.code_refs, codes, Message("a code"))
        case.source_refs = _need(ctx, where, "SourceRef", case.source_refs, sources,
                                 Message("a source"), lost)
        case.selection_refs = _need(ctx, where, "SelectionRef", case.selection_refs, selections,
                                    Message("a selection"), lost)
        _check_values(ctx, where, case.variable_values, variables)
    for source in project.sources:
        _check_values(ctx, f"TextSource '{source.name}'", source.variable_values, variables)
    for code_set in project.sets:
        where = f"Set '{code_set.name}'"
        _need(ctx, where, "MemberCode", code_set.code_refs, codes, Message("a code"))
        code_set.source_refs = _need(ctx, where, "MemberSource", code_set.source_refs, sources,
                                     Message("a source"), lost)
    _drop_dangling_notes(ctx, project)
    _note_unknown_users(ctx, project)


def _check_codings(ctx: ReadContext, project: Project, codes: set[str]) -> None:
    for source in project.sources:
        owners = [(f"TextSource '{source.name}'", source.codings)]
        owners += [(f"TextSource '{source.name}' PlainTextSelection {s.guid}", s.codings)
                   for s in source.selections]
        for where, codings in owners:
            for coding in codings:
                if coding.code_ref not in codes:
                    raise ExchangeFileError(
                        Message("%(file)s: %(where)s: Coding %(coding)s points to code "
                                "%(code)s, which is not in the codebook", file=ctx.where,
                                where=where, coding=coding.guid, code=coding.code_ref)
                    )


def _need(ctx: ReadContext, where: str, kind: str, targets: list[str], known: set[str],
          what: str, lost: set[str] | None = None) -> list[str]:
    """The targets that exist; a missing one is an error, a not-carried one is counted."""
    kept = []
    for target in targets:
        if target in known:
            kept.append(target)
        elif lost is not None and target in lost:
            ctx.lose(f"{kind} to sources not carried", "it points to a source the workbench "
                     "does not hold (picture, audio, video)")
        else:
            raise ExchangeFileError(Message(
                "%(file)s: %(where)s: %(kind)s %(target)s is not %(what)s of this project",
                file=ctx.where, where=where, kind=kind, target=target, what=what))
    return kept


def _check_values(ctx: ReadContext, where: str, values: list[VariableValue],
                  variables: set[str]) -> None:
    for value in values:
        if value.variable_ref not in variables:
            raise ExchangeFileError(Message(
                "%(file)s: %(where)s: VariableValue points to variable %(variable)s, "
                "which is not defined", file=ctx.where, where=where,
                variable=value.variable_ref))


def _drop_dangling_notes(ctx: ReadContext, project: Project) -> None:
    notes = {note.guid for note in project.notes}
    holders: list[Any] = [project, *project.all_codes(), *project.links]
    for source in project.sources:
        holders += [source, *source.selections, *source.codings]
        for selection in source.selections:
            holders += selection.codings
    for code_set in project.sets:
        missing = [ref for ref in code_set.note_refs if ref not in notes]
        if missing:
            code_set.note_refs = [ref for ref in code_set.note_refs if ref in notes]
            _dangling(ctx, f"Set '{code_set.name}'", missing)
    for holder in holders:
        missing = [ref for ref in holder.note_refs if ref not in notes]
        if missing:
            holder.note_refs = [ref for ref in holder.note_refs if ref in notes]
            label = getattr(holder, "name", None) or getattr(holder, "guid", "project")
            _dangling(ctx, f"{type(holder).__name__} '{label}'", missing)


def _dangling(ctx: ReadContext, where: str, missing: list[str]) -> None:
    ctx.findings.append(Finding("note reference to nothing", f"{ctx.where}: {where}",
                                f"NoteRef to {', '.join(missing)}, which is no note; dropped"))


def _note_unknown_users(ctx: ReadContext, project: Project) -> None:
    users = {user.guid for user in project.users}
    unknown: set[str] = set()
    for source in project.sources:
        for selection in source.selections:
            unknown.update(c.creating_user for c in selection.codings
                           if c.creating_user and c.creating_user not in users)
        unknown.update(c.creating_user for c in source.codings
                       if c.creating_user and c.creating_user not in users)
    if unknown:
        ctx.findings.append(Finding(
            "coder not among the users", ctx.where,
            f"{len(unknown)} coder GUIDs are not in <Users>: {', '.join(sorted(unknown)[:5])}; "
            "their codings keep the GUID as the coder's name"))
