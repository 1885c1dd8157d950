"""Terminal rendering of the research workbench (Rich tables): what ``research`` prints."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def clip(text: str, width: int = 60) -> str:
    """A quote on one line, shortened with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def projects(out: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        out.print("No projects you are a member of: sistercities research project create NAME")
        return
    table = Table("project", "title", "role", "members", "documents", "codes", "codings")
    for r in rows:
        members = ", ".join(f"{m['user']} ({m['role']})" for m in r["members"])
        table.add_row(
            r["name"],
            r["title"] or "",
            r.get("role", ""),
            members,
            str(r["documents"]),
            str(r["codes"]),
            str(r["codings"]),
        )
    out.print(table)


def imported(out: Console, result: dict[str, Any]) -> None:
    out.print(
        f"{result['documents']} file(s): {len(result['imported'])} imported, "
        f"{len(result['rejected'])} rejected."
    )
    for row in result["imported"]:
        out.print(f"  imported #{row['id']} {row['name']} ({row['characters']} characters)")
    for row in result["rejected"]:
        out.print(f"  rejected {row['file']}: {row['reason']}")


def documents(out: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("id", "name", "format", "language", "version", "characters", "pages", "codings")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["name"],
            r["format"],
            r["language"] or "?",
            str(r["version"]),
            str(r["characters"]),
            str(r["pages"] or ""),
            str(r["codings"]),
        )
    out.print(table)


def code_tree(out: Console, tree: list[dict[str, Any]], depth: int = 0) -> None:
    if not tree and depth == 0:
        out.print("No codes yet: research codes add PROJECT NAME, or research codebook load")
    for node in tree:
        kind = " [folder]" if not node["codable"] else ""
        out.print(f"{'  ' * depth}{node['name']}{kind} ({node['references']})")
        code_tree(out, node["children"], depth + 1)


def codings(out: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("id", "document", "code", "start", "end", "text", "coder", "anchor")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["document"],
            r["code"],
            str(r["start"]),
            str(r["end"]),
            clip(r["text"], 50),
            r["coder"],
            r["anchor"],
        )
    out.print(table)


def cases(out: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("case", "registry record", "documents", "attributes")
    for r in rows:
        attrs = ", ".join(f"{k}={v}" for k, v in r["attributes"].items())
        table.add_row(r["name"], r["entity"] or "", ", ".join(r["documents"]), attrs)
    out.print(table)


def case_codings(out: Console, result: dict[str, Any]) -> None:
    case = result["case"]
    out.print(
        f"Case {case['name']}: {result['documents']} document(s), {result['codings']} coding(s)."
    )
    for group in result["codes"]:
        out.print(f"{group['code']} ({group['references']})")
        for row in group["codings"]:
            out.print(f'  {row["document"]} {row["start"]}-{row["end"]}: "{clip(row["text"], 90)}"')


def memos(out: Console, rows: list[dict[str, Any]]) -> None:
    for r in rows:
        target = f" #{r['target_id']}" if r["target_id"] is not None else ""
        out.print(
            f"#{r['id']} on {r['on']}{target}, {r['author']}, {r['created_at'][:16]}: {r['text']}"
        )


def matrix(out: Console, result: dict[str, Any], measure: str) -> None:
    table = Table("code", *result["columns"], title=f"{measure} per cell")
    for label, cells in zip(result["rows"], result["cells"], strict=True):
        table.add_row(label, *(str(cell[measure]) for cell in cells))
    out.print(table)


def cooccurrence(out: Console, result: dict[str, Any]) -> None:
    out.print(f"Co-occurrence ({result['mode']}): {len(result['pairs'])} pair(s) of codes.")
    table = Table("code", "code", "count")
    for pair in result["pairs"]:
        table.add_row(pair["a"], pair["b"], str(pair["count"]))
    out.print(table)


def kwic(out: Console, result: dict[str, Any]) -> None:
    out.print(f"{result['hits']} hit(s) in {result['documents']} document(s).")
    for r in result["results"]:
        out.print(f"{r['document']} {r['start']}: …{r['left']}[{r['match']}]{r['right']}…")


def words(out: Console, result: dict[str, Any]) -> None:
    out.print(
        f"{result['total']} words ({result['distinct']} distinct) after removing "
        f"{result['stop_words_removed']} stop words; languages: {result['languages']}"
    )
    table = Table("word", "count", "documents")
    for w in result["words"]:
        table.add_row(w["word"], str(w["count"]), str(w["documents"]))
    out.print(table)
