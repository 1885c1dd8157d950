"""Positions of a project's selections, converted to code points and checked.

The rule is chosen from the file's ``origin`` (:func:`.positions.rule_for_origin`);
a file from an unknown tool gets the rule under which its spans fit best
(the standard's code points when none fits better). Under the chosen rule,
each span that starts or ends inside a character or mid-word is reported,
and so is a rule that would place the spans better than the chosen one.
"""

from __future__ import annotations

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message
from sistercities.research.refi.context import ReadContext
from sistercities.research.refi.model import Finding, Project, Selection, TextSource
from sistercities.research.refi.positions import (
    CODE_POINTS,
    RULES,
    PositionMap,
    PositionRule,
    is_mid_word,
    rule_fit,
    rule_for_origin,
)

CONTEXT = 20
DOUBT = 0.05


def convert_positions(ctx: ReadContext, project: Project, sources: list[TextSource]) -> None:
    """Turn every selection of ``sources`` into code points, reporting doubtful spans."""
    rule = choose_rule(ctx, sources)
    project.position_rule = rule.name
    for source in sources:
        if source.text is None:
            _lose_spans(ctx, source)
            continue
        mapping = PositionMap(source.text, rule)
        _compare_rules(ctx, source, mapping)
        for selection in source.selections:
            _convert(ctx, source, selection, mapping)


def choose_rule(ctx: ReadContext, sources: list[TextSource]) -> PositionRule:
    """The rule of the file's tool, or the one its spans fit best."""
    known = rule_for_origin(ctx.origin)
    if known is not None:
        return known
    misfits = {rule: 0 for rule in RULES}
    for source in sources:
        if source.text is None or not source.selections:
            continue
        spans = [(s.start, s.end) for s in source.selections]
        for rule in RULES:
            misfits[rule] += rule_fit(source.text, spans, rule).misfits
    best = min(RULES, key=lambda rule: (misfits[rule], rule != CODE_POINTS))
    if best != CODE_POINTS:
        ctx.note("positions", None,
                 f"origin '{ctx.origin}' is not a known tool; positions read as {best.name}, "
                 f"under which {misfits[best]} spans fall badly ({misfits[CODE_POINTS]} "
                 "as code points)")
    return best


def _compare_rules(ctx: ReadContext, source: TextSource, mapping: PositionMap) -> None:
    """Report when another rule would place this source's spans markedly better.

    A few spans off a word boundary are the coder's own selection (3 of the
    NVivo sample's 330); other rules are tried only when more than
    :data:`DOUBT` of the spans fall badly under the chosen one.
    """
    if not source.selections or source.text is None:
        return
    chosen = mapping.rule
    spans = [(s.start, s.end) for s in source.selections]
    fit = rule_fit(source.text, spans, chosen, mapping)
    if fit.misfits <= DOUBT * len(spans):
        return
    fits = {rule: rule_fit(source.text, spans, rule) for rule in RULES if rule != chosen}
    best = min(fits, key=lambda rule: fits[rule].misfits)
    if fits[best].misfits * 2 < fit.misfits:
        ctx.findings.append(Finding(
            what="positions", where=f"{ctx.where}: TextSource '{source.name}'",
            message=(f"read as {chosen.name} (from origin '{ctx.origin}'), "
                     f"{fit.misfits} of {len(spans)} spans fall badly; "
                     f"as {best.name} {fits[best].misfits} would"),
        ))


def _lose_spans(ctx: ReadContext, source: TextSource) -> None:
    codings = len(source.codings) + sum(len(s.codings) for s in source.selections)
    reason = "the file does not carry the text of their source"
    ctx.lose("selections on sources without text", reason, len(source.selections))
    ctx.lose("codings on sources without text", reason, codings)
    source.selections, source.codings = [], []


def _convert(ctx: ReadContext, source: TextSource, selection: Selection,
             mapping: PositionMap) -> None:
    text = source.text or ""
    where = f"{ctx.where}: TextSource '{source.name}' PlainTextSelection {selection.guid}"
    if selection.start < 0 or selection.end < selection.start or selection.end > mapping.length:
        raise ExchangeFileError(
            Message("%(where)s: span %(start)s-%(end)s is outside the text "
                    "(%(length)s positions counted as %(rule)s)", where=where,
                    start=selection.start, end=selection.end, length=mapping.length,
                    rule=mapping.rule.name))
    start, start_inside = mapping.to_code_point(selection.start)
    end, end_inside = mapping.to_code_point(selection.end)
    if end_inside:
        end += 1
    if start_inside or end_inside:
        ctx.findings.append(Finding("span inside a character", where, (
            f"{mapping.rule.name} {selection.start}-{selection.end} splits a surrogate pair "
            f"or a line break; widened to the whole character: {_quote(text, start, end)}")))
    elif is_mid_word(text, start) or is_mid_word(text, end):
        side = "starts" if is_mid_word(text, start) else "ends"
        ctx.findings.append(Finding("span mid-word", where, (
            f"{side} mid-word under {mapping.rule.name}, as the file says: "
            f"{_quote(text, start, end)}")))
    selection.start, selection.end = start, end


def _quote(text: str, start: int, end: int) -> str:
    """The span in its context, ``…before[[span]]after…``, shortened."""
    body = text[start:end]
    if len(body) > 2 * CONTEXT:
        body = body[:CONTEXT] + "…" + body[-CONTEXT:]
    return repr(f"{text[max(0, start - CONTEXT):start]}[[{body}]]{text[end:end + CONTEXT]}")
