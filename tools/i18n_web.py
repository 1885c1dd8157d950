"""Refresh the web app's catalogues: extract, then write es (and en) from the template.

``python tools/i18n_web.py`` from the repository root. Existing Spanish
translations are kept; ``tools/es_messages.py`` adds or corrects them;
messages no longer in the sources are dropped (the catalogue test refuses
unused entries). English needs no translation: its catalogue lists the
messages with empty strings, so that ``gettext`` falls back to the source.
"""

from __future__ import annotations

import runpy
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "sistercities" / "web" / "locale"


def _known(path: Path) -> dict[object, object]:
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.string}


def main() -> None:
    template = LOCALE / "messages.pot"
    subprocess.run(
        [
            "pybabel",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "gettext_noop",
            "--no-location",
            "--omit-header",
            "--sort-output",
            "-o",
            str(template),
            "src/sistercities/web",
        ],
        check=True,
        cwd=ROOT,
    )
    with template.open("rb") as handle:
        pot = read_po(handle)
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
                    one, other = string
                    string = (one, other, other)
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
