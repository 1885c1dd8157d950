"""The hierarchy chart: codes as nested rectangles sized by their references (a treemap).

Like the theme maps of the ``000`` study, each top-level code is a
rectangle whose area is proportional to its references *including those of
every code under it*; its children divide it the same way. The layout is the
squarified treemap of Bruls, Huizing and van Wijk (2000): rows of rectangles
laid along the shorter side, each row chosen to keep the rectangles as close
to square as possible. Codes without references are left out (an area of
zero), and the returned data says so. Colours tell the top-level codes apart;
a label shows a code's name and its total, shortened to fit its rectangle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.codebook.service import code_counts
from sistercities.research.projects import ResearchProject
from sistercities.research.queries.data import codes_in_order

WIDTH = 10  # inches
PALETTE = ("#4878a8", "#e08a3c", "#5a9e56", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#8c8c8c")


@dataclass
class Node:
    """A code in the chart: its own and total references, its children."""

    id: int
    path: str
    name: str
    colour: str | None
    own: int
    total: int = 0
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Box:
    """A laid-out rectangle in the unit square."""

    node: Node
    x: float
    y: float
    w: float
    h: float
    depth: int


def code_totals(session: Session, project: ResearchProject) -> list[Node]:
    """The code tree with each code's own references and its total (with descendants)."""
    ordered, paths = codes_in_order(session, project)
    counts = code_counts(session, project)
    nodes = {c.id: Node(c.id, paths[c.id], c.name, c.colour, counts.get(c.id, 0)) for c in ordered}
    roots: list[Node] = []
    for code in ordered:
        (nodes[code.parent_id].children if code.parent_id else roots).append(nodes[code.id])

    def total(node: Node) -> int:
        node.total = node.own + sum(total(child) for child in node.children)
        return node.total

    for root in roots:
        total(root)
    return roots


def squarify(
    values: list[float], x: float, y: float, w: float, h: float
) -> list[tuple[float, float, float, float]]:
    """Rectangles with areas proportional to ``values`` (largest first) filling ``w`` x ``h``."""
    total = sum(values)
    if total <= 0 or not values:
        return []
    scaled = [v * w * h / total for v in values]
    out: list[tuple[float, float, float, float]] = []
    row: list[float] = []
    rest = list(scaled)
    while rest:
        side = min(w, h)
        candidate = [*row, rest[0]]
        if not row or _worst(candidate, side) <= _worst(row, side):
            row = candidate
            rest.pop(0)
            continue
        x, y, w, h = _lay(row, x, y, w, h, out)
        row = []
    if row:
        _lay(row, x, y, w, h, out)
    return out


def _worst(row: list[float], side: float) -> float:
    area = sum(row)
    if area <= 0 or side <= 0:
        return float("inf")
    return max(max(side * side * r / (area * area), (area * area) / (side * side * r)) for r in row)


def _lay(
    row: list[float],
    x: float,
    y: float,
    w: float,
    h: float,
    out: list[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    area = sum(row)
    if w >= h:  # a column on the left
        width = area / h if h else 0
        top = y
        for r in row:
            height = r / width if width else 0
            out.append((x, top, width, height))
            top += height
        return x + width, y, w - width, h
    height = area / w if w else 0
    left = x
    for r in row:
        width = r / height if height else 0
        out.append((left, y, width, height))
        left += width
    return x, y + height, w, h - height


def layout(roots: list[Node], *, depth: int = 2) -> list[Box]:
    """Nested boxes for the tree, down to ``depth`` levels."""
    boxes: list[Box] = []

    def place(nodes: list[Node], x: float, y: float, w: float, h: float, level: int) -> None:
        shown = sorted((n for n in nodes if n.total > 0), key=lambda n: (-n.total, n.path))
        for node, (bx, by, bw, bh) in zip(
            shown, squarify([n.total for n in shown], x, y, w, h), strict=True
        ):
            boxes.append(Box(node, bx, by, bw, bh, level))
            if level + 1 < depth and node.children:
                pad = 0.004
                label = 0.035 if bh > 0.08 else pad  # room at the top for the parent's label
                place(
                    node.children, bx + pad, by + label, bw - 2 * pad, bh - pad - label, level + 1
                )

    place(roots, 0.0, 0.0, 1.0, 1.0, 0)
    return boxes


def hierarchy_chart(
    session: Session, project: ResearchProject, *, depth: int = 2, title: str | None = None
) -> tuple[Any, dict[str, Any]]:
    """The treemap figure and its data (``codes``: path, own and total references)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    if depth < 1:
        raise InputError(Message("depth must be at least 1"), field="depth")
    roots = code_totals(session, project)
    boxes = layout(roots, depth=depth)
    if not boxes:
        raise InputError(Message("no code has any reference yet: there is nothing to chart"))
    figure = Figure(figsize=(WIDTH, 7))
    ax = figure.add_axes((0.01, 0.01, 0.98, 0.92))
    ax.set_xlim(0, 1)
    ax.set_ylim(1, 0)
    ax.axis("off")
    top_colour: dict[str, str] = {}
    for box in boxes:
        top = box.node.path.split("/")[0]
        colour = top_colour.setdefault(top, PALETTE[len(top_colour) % len(PALETTE)])
        patch = Rectangle(
            (box.x, box.y), box.w, box.h, facecolor=colour,
            alpha=0.3 if box.depth == 0 and box.node.children else 0.8,
            edgecolor="white", linewidth=1.5,
        )  # fmt: skip
        ax.add_patch(patch)
        if box.w > 0.04 and box.h > 0.025:
            size = 9 if box.depth == 0 else 8
            ax.text(
                box.x + 0.006, box.y + 0.006,
                _fit(f"{box.node.name} ({box.node.total})", box.w * WIDTH * 72 / (size * 0.62)),
                fontsize=size, va="top", ha="left", color="black",
                fontweight="bold" if box.depth == 0 else "normal",
            )  # fmt: skip
    figure.suptitle(title or f"{project.name}: codes by references", fontsize=11)
    data = {
        "codes": [
            {"path": b.node.path, "references": b.node.own, "total": b.node.total, "depth": b.depth}
            for b in boxes
        ],
        "not_shown": [n.path for n in _walk(roots) if n.total == 0],
    }
    return figure, data


def _fit(label: str, room: float) -> str:
    """The label shortened with an ellipsis to about ``room`` characters."""
    limit = max(int(room) - 1, 1)
    return label if len(label) <= limit else label[: max(limit - 1, 1)] + "…"


def _walk(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out
