"""Languages of the web app: message catalogues, and which one a request gets.

Every user-facing string is marked for translation: ``{{ _("...") }}`` in
templates, :func:`gettext_noop`/``_`` in Python. The catalogues are the
``.po`` files under ``web/locale/<lang>/LC_MESSAGES/messages.po``, read (and
compiled in memory) once per process, so a catalogue edit needs no build
step. Extraction: ``python tools/i18n_web.py`` (the web's strings and the
library's sentences, :mod:`sistercities.messages`, which templates show
translated through the environment's ``finalize``).

The language is, in order: the ``sc_lang`` cookie set by the switch on every
page, then the browser's ``Accept-Language``, then English.
"""

from __future__ import annotations

import gettext as gettext_module
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError

from sistercities import messages

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
COOKIE = "sc_lang"


def gettext_noop(message: str) -> str:
    """Mark a Python string for extraction; it is translated where it is shown."""
    return message


def catalogue(language: str) -> gettext_module.NullTranslations:
    """The compiled catalogue of one language (English falls back to the source text).

    One loader for the web's strings and the library's sentences
    (:func:`sistercities.messages.catalogue`): they share the catalogue.
    """
    return messages.catalogue(language)


@dataclass(frozen=True)
class Translator:
    """The translation functions handed to templates and routes for one request."""

    language: str

    def gettext(self, message: str, **values: Any) -> str:
        text = catalogue(self.language).gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        text = catalogue(self.language).ngettext(singular, plural, n)
        return text % {"num": n, **values}

    def message(self, text: object) -> str:
        """A sentence the library wrote (:class:`~sistercities.messages.Message`), translated."""
        return messages.translate(text, self.language)


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The language for a request: the switch's cookie, else the browser's choice."""
    if cookie in LANGUAGES:
        return str(cookie)
    wanted = []
    for part in (accept_language or "").split(","):
        tag, _, quality = part.strip().partition(";q=")
        if not tag:
            continue
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            weight = 0.0
        wanted.append((weight, tag.strip().replace("-", "_")))
    ordered = [tag for _, tag in sorted(wanted, key=lambda pair: -pair[0])]
    try:
        found = Locale.negotiate(ordered, list(LANGUAGES)) if ordered else None
    except (UnknownLocaleError, ValueError):
        found = None
    return str(found.language) if found else DEFAULT_LANGUAGE
