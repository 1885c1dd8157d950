"""Every refusal a page can show is a translatable sentence (issue 14, item 6).

A refusal raised as a plain string (``InputError(f"no place named {x!r}")``)
reaches a Spanish page in English: the catalogue test cannot see it, since
Babel extracts only :class:`~sistercities.messages.Message`. This test reads
every ``raise`` of the library's own errors in the package and fails where
the reason is a string literal, an f-string, a ``%`` or ``+`` of strings or
``str(...)``, outside the parts that no page reaches, named below with why.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sistercities import errors

PACKAGE = Path(errors.__file__).resolve().parent

#: The parts no web page reaches, and why their words stay English (see the README).
ENGLISH_BY_DESIGN: dict[str, str] = {
    "cli/": "the command line speaks English",
    "interchange/": "imports and exports of files, run from the command line",
    "research/survey/": "surveys are read, tabulated and charted from the command line",
    "operations/survey.py": "the surveys' operations, called by the command line only",
    "operations/analyses.py": "writing an export file and reading an import file: the CLI",
    "operations/files.py": "the CLI's export formats",
    "analysis/partners/": "the partner candidates are English by choice (README)",
    "analysis/network/wikipedia.py": "importing the Wikipedia network: the CLI",
    "places/geonames.py": "loading a gazetteer file: the CLI",
    "registry/store.py": "opening the registry (StorageError) happens before any page",
    "web/sessions.py": "SignInRequired is a redirect, TokenRequired the API's 401",
}




def _errors() -> set[str]:
    return {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.SisterCitiesError)
    }


def _plain(node: ast.expr) -> bool:
    """Whether a reason is built as a plain string (not a Message)."""
    if isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "str"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format"
    return False


def _raised(tree: ast.AST, names: set[str]) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in names and node.exc.args and _plain(node.exc.args[0]):
            found.append((node.lineno, name))
    return found


def _shown_by_pages() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "migrations/" in relative or relative.startswith(tuple(ENGLISH_BY_DESIGN)):
            continue
        files.append(path)
    return files


def test_every_refusal_a_page_can_show_is_a_message() -> None:
    names = _errors()
    plain = [
        f"{path.relative_to(PACKAGE)}:{line}: {name}"
        for path in _shown_by_pages()
        for line, name in _raised(ast.parse(path.read_text(encoding="utf-8")), names)
    ]
    assert plain == []


def test_the_check_sees_a_plain_refusal_and_lets_a_message_pass() -> None:
    names = _errors()
    plain = ast.parse('raise InputError(f"no place named {x!r}", field="place")')
    joined = ast.parse('raise NotFoundError("no " + what)')
    message = ast.parse('raise InputError(Message("no place named %(x)r", x=x), field="place")')
    kept = ast.parse("raise InputError(exc.reason, field='countries') from None")
    other = ast.parse('raise ValueError("not ours")')
    assert _raised(plain, names) == [(1, "InputError")]
    assert _raised(joined, names) == [(1, "NotFoundError")]
    assert _raised(message, names) == _raised(kept, names) == _raised(other, names) == []


def test_every_part_left_in_english_still_exists() -> None:
    """An exception for a module that was moved or removed must go too."""
    missing = [part for part in ENGLISH_BY_DESIGN if not (PACKAGE / part).exists()]
    assert missing == []
