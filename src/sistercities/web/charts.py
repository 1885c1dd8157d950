"""Bar charts drawn on the server as SVG (no script, nothing fetched): data in, shapes out."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 600, 220
MARGIN = 30


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int | float


def bars(values: dict[str, int | float], *, limit: int = 60) -> list[Bar]:
    """One bar per key in the order given, scaled to the largest value.

    >>> [round(b.height) for b in bars({"a": 1, "b": 2})]
    [80, 160]
    """
    items = list(values.items())[:limit]
    top = max((v for _, v in items), default=0) or 1
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = inner_w / max(1, len(items))
    found = []
    for index, (label, value) in enumerate(items):
        height = inner_h * value / top
        found.append(Bar(round(MARGIN + index * step + step * 0.1, 2),
                         round(HEIGHT - MARGIN - height, 2), round(step * 0.8, 2),
                         round(height, 2), str(label), value))
    return found
