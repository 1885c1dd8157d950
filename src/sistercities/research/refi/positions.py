"""Text positions as tools write them, turned into code points.

The standard counts Unicode code points from 0. Real exports do not all do
so: NVivo counts UTF-16 code units (a character outside the Basic
Multilingual Plane, such as an emoji, counts twice; NVivo for Windows keeps
``\\r\\n`` and so counts it as two), ATLAS.ti counts ``\\r\\n`` as one. A
:class:`PositionRule` names one way of counting; :class:`PositionMap` turns a
position counted that way into a code-point offset of the text as stored,
and says when a position falls inside a character (between the two halves
of a surrogate pair, or between ``\\r`` and ``\\n`` under a one-for-CRLF
rule), which no real character boundary is.

The rule comes from the file's ``origin`` attribute; :func:`rule_fit`
checks it by counting spans that start or end mid-word or inside a
character, so that a wrong choice is visible.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True)
class PositionRule:
    """How a tool counts positions in a text."""

    name: str
    utf16: bool = False
    crlf_as_one: bool = False


CODE_POINTS = PositionRule("code points")
UTF16 = PositionRule("UTF-16 code units", utf16=True)
CRLF_AS_ONE = PositionRule("code points, CRLF as one", crlf_as_one=True)
RULES = (CODE_POINTS, UTF16, CRLF_AS_ONE)

# (substring of the lower-cased origin, rule) in the order they are tried.
ORIGIN_RULES = (("nvivo", UTF16), ("atlas", CRLF_AS_ONE))

_SPECIAL = re.compile("[\U00010000-\U0010ffff]|\r\n")


def rule_for_origin(origin: str | None) -> PositionRule | None:
    """The rule a tool is known to use, from the ``origin`` attribute; None if unknown."""
    lowered = (origin or "").lower()
    for needle, rule in ORIGIN_RULES:
        if needle in lowered:
            return rule
    if any(tool in lowered for tool in ("sistercities", "qualcoder", "maxqda", "taguette")):
        return CODE_POINTS
    return None


class PositionMap:
    """Turns positions counted under one rule into code-point offsets of ``text``."""

    def __init__(self, text: str, rule: PositionRule):
        self.text = text
        self.rule = rule
        self._units: list[int] | None = None
        widths = self._widths(text, rule)
        if widths is not None:
            self._units = list(accumulate(widths, initial=0))
        self.length = self._units[-1] if self._units is not None else len(text)

    @staticmethod
    def _widths(text: str, rule: PositionRule) -> list[int] | None:
        """How many positions each character counts for; None when all count one."""
        widths: list[int] | None = None
        for match in _SPECIAL.finditer(text):
            is_crlf = match.group() == "\r\n"
            if not (rule.crlf_as_one if is_crlf else rule.utf16):
                continue
            if widths is None:
                widths = [1] * len(text)
            if is_crlf:
                widths[match.start() + 1] = 0
            else:
                widths[match.start()] = 2
        return widths

    def to_code_point(self, position: int) -> tuple[int, bool]:
        """The code-point offset of ``position``, and whether it falls inside a character.

        A position inside a character is moved to that character's start.
        """
        units = self._units
        if units is None:
            return position, False
        index = bisect_right(units, position) - 1
        return index, units[index] != position

    def from_code_point(self, offset: int) -> int:
        """The position, counted under this rule, of a code-point offset."""
        return offset if self._units is None else self._units[offset]


def is_mid_word(text: str, offset: int) -> bool:
    """True when ``offset`` splits a word (a letter or digit on both sides)."""
    if offset <= 0 or offset >= len(text):
        return False
    return text[offset - 1].isalnum() and text[offset].isalnum()


@dataclass
class RuleFit:
    """How well a rule places a text's spans: how many land badly, and why."""

    rule: PositionRule
    spans: int = 0
    outside: int = 0
    inside_character: int = 0
    mid_word: int = 0

    @property
    def misfits(self) -> int:
        return self.outside + self.inside_character + self.mid_word


def rule_fit(text: str, spans: list[tuple[int, int]], rule: PositionRule,
             mapping: PositionMap | None = None) -> RuleFit:
    """Count the spans that fall outside the text, inside a character or mid-word."""
    mapping = mapping or PositionMap(text, rule)
    fit = RuleFit(rule, spans=len(spans))
    for start, end in spans:
        if start < 0 or end > mapping.length or end < start:
            fit.outside += 1
            continue
        first, start_inside = mapping.to_code_point(start)
        last, end_inside = mapping.to_code_point(end)
        if start_inside or end_inside:
            fit.inside_character += 1
        elif is_mid_word(text, first) or is_mid_word(text, last):
            fit.mid_word += 1
    return fit
