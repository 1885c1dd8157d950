"""Write a language's catalogue from the template and a dict of translations.

Used once per new string set: ``python tools/i18n_fill.py TEMPLATE.pot OUT.po LANG TRANSLATIONS.py``
where TRANSLATIONS.py defines ``ES = {msgid: msgstr}``; existing translations
in OUT.po are kept, and entries no longer in the template are dropped.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def main(template: str, out: str, language: str, table: str) -> None:
    with open(template, "rb") as handle:
        pot = read_po(handle)
    known: dict[str, str] = {}
    if Path(out).exists():
        with open(out, "rb") as handle:
            known = {str(m.id): str(m.string) for m in read_po(handle) if m.id and m.string}
    known.update(runpy.run_path(table)["ES"])
    catalog = Catalog(locale=language, domain=Path(out).stem, project="sistercities", fuzzy=False)
    for message in pot:
        if message.id:
            catalog.add(
                message.id, known.get(str(message.id), ""), auto_comments=message.auto_comments
            )
    with open(out, "wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, width=100)


if __name__ == "__main__":
    main(*sys.argv[1:5])
