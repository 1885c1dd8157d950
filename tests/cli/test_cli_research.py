"""``sistercities research`` through Click's runner, on SQLite and PostgreSQL.

A researcher's session from the command line: a project, a bulk import with
one file rejected, the built-in codebook, hand coding, a new version, the
queries, as text and as ``--json``; bad input as one line and exit code 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sistercities.cli import cli
from tests.research.workbench import writers

Invoke = Callable[..., Result]
TEXT = "The mayor of Cuenca spoke about remittances.\n\nTourism from Tempe grew after 2008.\n"


@pytest.fixture
def run(db_target: str) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str, user: str = "tester") -> Result:
        return runner.invoke(cli, ["--db", db_target, "--user", user, "research", *args])

    return invoke


@pytest.fixture
def project(run: Invoke, tmp_path: Path) -> Invoke:
    assert run("project", "create", "p", "--title", "Interviews").exit_code == 0
    (tmp_path / "i.txt").write_text(TEXT, encoding="utf-8")
    result = run("documents", "import", "p", str(tmp_path / "i.txt"))
    assert result.exit_code == 0, result.output
    return run


def data(result: Result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_import_json_counts_and_reasons(project: Invoke, tmp_path: Path) -> None:
    docx = writers.docx_file(tmp_path / "a.docx", ["Title", "Body"])
    fake = tmp_path / "b.docx"
    fake.write_bytes(b"plain text, not a zip")
    out = data(project("documents", "import", "p", str(docx), str(fake), "--json"))
    assert out == {
        "documents": 2,
        "imported": [{"id": out["imported"][0]["id"], "name": "a.docx", "characters": 10}],  # type: ignore[index]
        "rejected": [
            {
                "file": str(fake),
                "reason": "not a DOCX file: a DOCX is a zip archive and this is not one",
            }
        ],
    }
    listed = data(project("documents", "list", "p", "--json"))
    assert [d["name"] for d in listed] == ["a.docx", "i.txt"]  # type: ignore[union-attr,index]


def test_all_files_rejected_exits_non_zero(project: Invoke, tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    result = project("documents", "import", "p", str(tmp_path / "e.txt"))
    assert result.exit_code == 1
    assert "rejected" in result.output and "empty" in result.output


def test_code_list_and_uncode(project: Invoke) -> None:
    assert project("codebook", "load", "p", "builtin:004").exit_code == 0
    start = TEXT.index("remittances")
    coded = data(
        project(
            "code",
            "p",
            "i.txt",
            str(start),
            str(start + 11),
            "Remittances",
            "--memo",
            "first",
            "--json",
        )
    )
    assert coded["text"] == "remittances"  # type: ignore[index]
    rows = data(project("codings", "p", "--json"))
    assert rows == [
        {
            "id": coded["id"],
            "document": "i.txt",
            "code": "Inductive themes/Remittances",
            "start": start,  # type: ignore[index]
            "end": start + 11,
            "text": "remittances",
            "coder": "tester",
            "anchor": "coded",
        }
    ]
    assert "Removed" in project("uncode", "p", str(coded["id"])).output  # type: ignore[index]
    assert data(project("codings", "p", "--json")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["code", "p", "i.txt", "10", "5", "Remittances"], "end (5) is before the start (10)"),
        (["code", "p", "i.txt", "0", "9999", "Remittances"], "outside the text"),
        (["code", "p", "i.txt", "0", "5", "Inductive themes"], "folders cannot be coded"),
        (["codes", "move", "p", "Inductive themes", "--parent", "Migration"], "cycle"),
        (
            ["codes", "add", "p", "Migration", "--parent", "Inductive themes"],
            "already exists under",
        ),
        (["codes", "delete", "p", "Remittances"], "use --force"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    project: Invoke, args: list[str], message: str
) -> None:
    project("codebook", "load", "p", "builtin:004")
    project("code", "p", "i.txt", "0", "3", "Remittances")
    before = (
        project("codes", "list", "p", "--json").output,
        project("codings", "p", "--json").output,
    )
    result = project(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (
        project("codes", "list", "p", "--json").output,
        project("codings", "p", "--json").output,
    ) == before


def test_edit_reports_moved_refound_flagged(project: Invoke, tmp_path: Path) -> None:
    project("codes", "add", "p", "Places")
    project("code", "p", "i.txt", "4", "19", "Places")
    project("code", "p", "i.txt", str(TEXT.index("Tempe")), str(TEXT.index("Tempe") + 5), "Places")
    new = tmp_path / "v2.txt"
    new.write_text(
        "Preface.\n\n" + TEXT.replace("Tourism from Tempe grew", "Visitors came"), encoding="utf-8"
    )
    out = data(project("documents", "edit", "p", "i.txt", str(new), "--json"))
    assert {k: out[k] for k in ("version", "codings", "moved", "refound", "flagged")} == {  # type: ignore[index]
        "version": 2,
        "codings": 2,
        "moved": 1,
        "refound": 0,
        "flagged": 1,
    }
    text = project("documents", "edit", "p", "i.txt", str(new)).output
    assert "same as version 2" in text


def test_queries_print_and_give_json(project: Invoke, tmp_path: Path) -> None:
    project("codes", "add", "p", "Economy")
    project("codes", "add", "p", "Places")
    project("cases", "add", "p", "Cuenca", "--document", "i.txt")
    start = TEXT.index("remittances")
    project("code", "p", "i.txt", str(start), str(start + 11), "Economy")
    project("code", "p", "i.txt", "0", str(start + 11), "Places")
    matrix = data(project("matrix", "p", "--rows", "codes", "--cols", "cases", "--json"))
    assert matrix["rows"] == ["Economy", "Places"] and matrix["columns"] == ["Cuenca"]  # type: ignore[index]
    assert matrix["cells"] == [  # type: ignore[index]
        [{"references": 1, "documents": 1, "characters": 11}],
        [{"references": 1, "documents": 1, "characters": start + 11}],
    ]
    assert "Economy" in project("matrix", "p", "--cols", "documents").output
    pairs = data(project("cooccurrence", "p", "--mode", "overlap", "--json"))["pairs"]  # type: ignore[index]
    assert pairs == [{"a": "Economy", "b": "Places", "count": 1}]
    hits = data(project("search", "p", "tempe", "--json"))
    assert hits["hits"] == 1 and hits["results"][0]["match"] == "Tempe"  # type: ignore[index]
    assert "[Tempe]" in project("search", "p", "tempe").output
    words = data(project("words", "p", "--json"))["words"]  # type: ignore[index]
    assert "the" not in {w["word"] for w in words}
    out = data(project("chart", "p", "-o", str(tmp_path / "c.svg"), "--json"))
    assert Path(out["file"]).read_text(encoding="utf-8").startswith("<?xml")  # type: ignore[index]
    said = data(project("cases", "show", "p", "Cuenca", "--json"))
    assert said["codings"] == 2  # type: ignore[index]


def test_members_see_their_projects_only(project: Invoke) -> None:
    assert data(project("project", "list", "--json", user="ana")) == []
    result = project("documents", "list", "p", user="ana")
    assert (
        result.exit_code == 1
        and "no research project 'p' that 'ana' is a member of" in result.output
    )
    project("project", "add-member", "p", "ana", "--role", "reader")
    assert [p["name"] for p in data(project("project", "list", "--json", user="ana"))] == ["p"]  # type: ignore[union-attr,index]
    denied = project("codes", "add", "p", "X", user="ana")
    assert denied.exit_code == 1 and "reader" in denied.output


def test_cases_attributes_and_memos(project: Invoke, tmp_path: Path) -> None:
    project("cases", "add", "p", "Cuenca", "--document", "i.txt")
    project("cases", "attribute", "p", "founded", "integer")
    bad = project("cases", "set", "p", "Cuenca", "founded", "long ago")
    assert bad.exit_code == 1 and "'long ago' is not a whole number" in bad.output
    project("cases", "set", "p", "Cuenca", "founded", "1557")
    csv = tmp_path / "c.csv"
    csv.write_text("case,population\nCuenca,636996\n", encoding="utf-8")
    assert project("cases", "import", "p", str(csv), "--type", "population=integer").exit_code == 0
    cases = data(project("cases", "list", "p", "--json"))
    assert cases[0]["attributes"] == {"founded": 1557, "population": 636996}  # type: ignore[index]
    project("memo", "add", "p", "Ask about 2008", "--on", "document", "--target", "i.txt")
    memos = data(project("memo", "list", "p", "--json"))
    assert [(m["on"], m["author"], m["text"]) for m in memos] == [
        ("document", "tester", "Ask about 2008")
    ]  # type: ignore[union-attr,index]


def test_every_research_command_has_help_with_an_example(run: Invoke) -> None:
    import click

    from sistercities.cli.research import research

    def leaves(group: click.Group, prefix: list[str]) -> list[list[str]]:
        out = []
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                out += leaves(command, [*prefix, name])
            else:
                out.append([*prefix, name])
        return out

    for path in leaves(research, []):
        result = run(*path, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, path
