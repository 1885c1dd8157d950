"""Map positions of an old text onto a new one, through a diff of the two.

The texts are compared line by line (:class:`difflib.SequenceMatcher`, no
junk heuristic), and inside each changed block of moderate size character by
character, so a word changed in a line still lets the rest of the line map.
The result is a list of equal runs ``(old_start, old_end, new_start)``; a
position maps if it lies in a run, and has no image if that text was
deleted or rewritten. A span is carried only when both its ends lie in runs
of at least :data:`MIN_RUN` characters: inside a rewritten line, a few
letters that happen to agree ("the ") are not evidence that the coded text
is still there.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

CHAR_BLOCK_LIMIT = 20_000  # larger rewritten blocks are not diffed character by character
MIN_RUN = 12  # a shorter equal run inside rewritten text may be a coincidence: not trusted


@dataclass(frozen=True)
class PositionMap:
    """Equal runs of an old and a new text (see the module docstring)."""

    starts: list[int]
    ends: list[int]
    targets: list[int]

    def position(self, old: int, *, min_run: int = 1) -> int | None:
        """Where the character at ``old`` is in the new text, or ``None``.

        ``min_run``: only through an equal run at least that long.
        """
        i = bisect_right(self.starts, old) - 1
        if i >= 0 and old < self.ends[i] and self.ends[i] - self.starts[i] >= min_run:
            return self.targets[i] + (old - self.starts[i])
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The image of ``[start, end)`` when both ends map through long runs, in order."""
        first = self.position(start, min_run=MIN_RUN)
        last = self.position(end - 1, min_run=MIN_RUN)
        if first is None or last is None or last < first:
            return None
        return first, last + 1


def _offsets(lines: list[str]) -> list[int]:
    out = [0]
    for line in lines:
        out.append(out[-1] + len(line))
    return out


def position_map(old: str, new: str) -> PositionMap:
    """The equal runs between ``old`` and ``new`` (see the module docstring)."""
    a_lines = old.splitlines(keepends=True)
    b_lines = new.splitlines(keepends=True)
    a_off, b_off = _offsets(a_lines), _offsets(b_lines)
    runs: list[tuple[int, int, int]] = []
    matcher = SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a0, a1, b0, b1 = a_off[i1], a_off[i2], b_off[j1], b_off[j2]
        if tag == "equal":
            runs.append((a0, a1, b0))
        elif tag == "replace" and max(a1 - a0, b1 - b0) <= CHAR_BLOCK_LIMIT:
            chars = SequenceMatcher(None, old[a0:a1], new[b0:b1], autojunk=False)
            for block in chars.get_matching_blocks():
                if block.size:
                    runs.append((a0 + block.a, a0 + block.a + block.size, b0 + block.b))
    runs.sort()
    return PositionMap([r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs])
