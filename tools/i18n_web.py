"""Refresh the web app's catalogues: extract, then write es (and en) from the template.

``python tools/i18n_web.py`` from the repository root. Existing Spanish
translations are kept; ``tools/es_messages.py`` adds or corrects them;
messages no longer in the sources are dropped (the catalogue test refuses
unused entries). English needs no translation: its catalogue lists the
messages with empty strings, so that ``gettext`` falls back to the source.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "sistercities" / "web" / "locale"


def _known(path: Path) -> dict[object, object]:
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.string}


#: What is extracted, and with which keywords: the web's templates and Python with
#: the gettext keywords; the library's sentences (``Message``/``Plural``, see
#: :mod:`sistercities.messages`) and the library's own templates (the dossier).
SOURCES: list[tuple[str, list[tuple[str, str]], dict[str, object]]] = [
    (
        "src/sistercities/web",
        [("**/templates/**.html", "jinja2"), ("**.py", "python")],
        {
            "_": None, "gettext": None, "ngettext": (1, 2), "gettext_noop": None,
            "Message": None, "Plural": (1, 2),
        },
    ),
    (
        "src/sistercities",
        [("web/**", "ignore"), ("**/migrations/**", "ignore"), ("**.py", "python")],
        {"Message": None, "Plural": (1, 2)},
    ),
    (
        "src/sistercities",
        [("web/**", "ignore"), ("**/templates/**.j2", "jinja2")],
        {"_": None, "gettext": None, "ngettext": (1, 2)},
    ),
]
OPTIONS = {
    "**/templates/**.html": {"extensions": "jinja2.ext.i18n"},
    "**/templates/**.j2": {"extensions": "jinja2.ext.i18n"},
}


def extracted() -> Catalog:
    """Every message the sources use, as one template catalogue (no locations)."""
    pot = Catalog(project="sistercities", fuzzy=False)
    for folder, methods, keywords in SOURCES:
        found = extract_from_dir(
            str(ROOT / folder), methods, OPTIONS, keywords=keywords, strip_comment_tags=True
        )
        for _file, _line, message, _comments, _context in found:
            pot.add(message if isinstance(message, str) else tuple(message))
    return pot


def main() -> None:
    pot = extracted()
    template = LOCALE / "messages.pot"
    with template.open("wb") as handle:
        write_po(handle, pot, no_location=True, omit_header=True, sort_output=True)
    table = runpy.run_path(str(ROOT / "tools" / "es_messages.py"))["ES"]
    for language in ("en", "es"):
        out = LOCALE / language / "LC_MESSAGES" / "messages.po"
        known = _known(out) if language == "es" else {}
        catalog = Catalog(locale=language, domain="messages", project="sistercities", fuzzy=False)
        for message in pot:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            string: object = "" if language == "en" else table.get(key, known.get(message.id, ""))
            if isinstance(message.id, tuple):
                if isinstance(string, tuple):
                    one, other = string[0], string[1]
                    string = tuple(string) if len(string) == 3 else (one, other, other)
                elif language == "en" or not string:
                    string = ("", "", "") if language == "es" else ("", "")
            catalog.add(message.id, string, flags=message.flags)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            write_po(
                handle, catalog, no_location=True, omit_header=False, sort_output=True, width=100
            )


if __name__ == "__main__":
    main()
