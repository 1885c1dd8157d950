"""The web app's and the portal's messages: every one translated into Spanish, none unused.

The messages are extracted from the sources right here (Babel, with the
sources and keywords of ``tools/i18n_web.py``: the web's templates and
Python, and the library's sentences, ``Message``/``Plural`` of
:mod:`sistercities.messages`, and the dossier's templates), so a string
added to a template, a route or an analysis without its translation fails
this test, and so does a catalogue entry no source uses any more. Refresh
with ``python tools/i18n_web.py``.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "sistercities" / "web"
#: The sources and keywords the catalogue tool extracts with (one definition).
EXTRACTED = runpy.run_path(str(ROOT / "tools" / "i18n_web.py"))["extracted"]


def _extracted() -> set[object]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in EXTRACTED() if m.id}


def _catalogue(language: str) -> dict[object, object]:
    path = WEB / "locale" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    problems = [(m.id, errors) for m in catalog if m.id for errors in [m.check(catalog)] if errors]
    assert problems == [], "placeholders that do not match their message"
    return {(m.id if isinstance(m.id, str) else tuple(m.id)): m.string for m in catalog if m.id}


def test_every_message_is_translated_into_spanish() -> None:
    spanish = _catalogue("es")
    missing = [
        message
        for message in _extracted()
        if not spanish.get(message)
        or (isinstance(spanish[message], tuple) and not all(spanish[message]))  # type: ignore[arg-type]
    ]
    assert sorted(map(str, missing)) == []


def test_no_catalogue_entry_is_unused() -> None:
    extracted = _extracted()
    for language in ("es", "en"):
        unused = set(_catalogue(language)) - extracted
        assert sorted(map(str, unused)) == [], language
