"""Sentences the library writes, translatable: a msgid with named parameters.

Why: the analyses explain themselves in words ("no recorded contact since the
1962 signing: 735 months"), and a Spanish office page must show those words
in Spanish. An analysis returns a :class:`Message` instead of an f-string:
the whole sentence is the msgid (``"no recorded contact since %(step)s"``),
so Babel extracts it and a translator sees it whole; the values are named
parameters. A :class:`Message` *is* a ``str`` whose text is the English
sentence, so the CLI, the JSON output and every test that reads English keep
working unchanged; :meth:`Message.localised` gives it in another language.

Parameters are rendered by kind, in English as the library always wrote
them and in the reader's locale otherwise:

- a number (``735``, or :class:`Number` for a format such as ``+.2f`` or
  ``.0%``) through Babel's ``format_decimal`` / ``format_percent``;
- :class:`When`, a partial date (``1962``, ``1989-06``) through Babel's dates;
- :class:`Term`, a stored taxonomy value (``suspended``): the stored value in
  English, its translated name (:mod:`sistercities.vocabulary`) otherwise;
  :class:`Terms`, a list of them; :class:`Tally`, counts by such values;
- another :class:`Message` (or :class:`Joined` messages), translated in turn;
- anything else (names, labels, lists of record ids) as it is: data.

Extraction: ``Message("...")`` and ``Plural("...", "...", count)`` are the
keywords ``tools/i18n_web.py`` hands to Babel, into the web app's catalogue
(``sistercities/web/locale/<lang>/LC_MESSAGES/messages.po``), which this
module reads as a data file (it imports nothing of the web).
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from sistercities.dates import format_partial

ENGLISH = "en"
_SPEC = re.compile(r"^(?P<sign>\+?),?(?:\.(?P<places>\d+))?(?P<kind>[fdg%]?)$")


@lru_cache(maxsize=4)
def catalogue(language: str) -> gettext_module.NullTranslations:
    """The compiled message catalogue of one language (English falls back to the msgid)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = resources.files("sistercities") / "web" / "locale" / language / "LC_MESSAGES"
    po_file = folder / "messages.po"
    if not po_file.is_file():
        return gettext_module.NullTranslations()
    with po_file.open("rb") as handle:
        messages = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


@dataclass(frozen=True)
class Number:
    """A number with a Python format spec (``+.2f``, ``.0%``, ``+d``, ``.1f``, ``,``, ``.4g``).

    Elsewhere than in English the number is grouped as the locale groups it
    (``,`` or not); ``g`` keeps its significant digits and its exponent, with
    the locale's decimal sign.
    """

    value: float | int
    spec: str = ""

    def english(self) -> str:
        return format(self.value, self.spec)

    def localised(self, language: str) -> str:
        from babel.numbers import format_decimal, format_percent, get_decimal_symbol

        found = _SPEC.match(self.spec)
        if found is None:  # a spec we do not map: the English form is still a number
            return self.english()
        if found["kind"] == "g":
            return self.english().replace(".", get_decimal_symbol(language))
        places = int(found["places"]) if found["places"] is not None else None
        digits = "0" * places if places else ""
        pattern = "#,##0" + ("." + digits if digits else "")
        if found["kind"] == "%" and not places:  # the locale's own pattern: "25 %" in es
            text = format_percent(self.value, locale=language)
        elif found["kind"] == "%":
            text = format_percent(self.value, pattern + "%", locale=language)
        elif places is None and found["kind"] != "f":
            text = format_decimal(self.value, locale=language)
        else:
            text = format_decimal(self.value, pattern, locale=language)
        return "+" + text if found["sign"] and self.value >= 0 else text


@dataclass(frozen=True)
class When:
    """A partial date (a day, a month or a year), as the registry stores it."""

    date: dt.date | None
    precision: str | None = None

    def english(self) -> str:
        return format_partial(self.date, self.precision) or ""

    def localised(self, language: str) -> str:
        from babel.dates import format_date, format_skeleton

        if self.date is None:
            return ""
        if self.precision == "year":
            return str(self.date.year)
        if self.precision == "month":
            return str(format_skeleton("yMMMM", self.date.replace(day=1), locale=language))
        return str(format_date(self.date, "medium", locale=language))


@dataclass(frozen=True)
class Term:
    """A stored taxonomy value (``suspended``) shown inside a sentence."""

    group: str
    value: str | None

    def english(self) -> str:
        return "" if self.value is None else str(self.value)

    def localised(self, language: str) -> str:
        from sistercities.vocabulary import label, term

        name = label(self.group, self.value, language)
        if name == self.value:  # a suggestion is a status too: any group that names it
            name = term(self.value, language) or name
        return name[:1].lower() + name[1:] if name != self.value else name


@dataclass(frozen=True)
class Terms:
    """Stored taxonomy values listed in a sentence (the allowed values of a choice).

    In English the stored values, as a CLI or API caller types them; elsewhere
    their translated names, as a form's drop-down shows them.
    """

    group: str
    values: tuple[str, ...]

    def english(self) -> str:
        return ", ".join(self.values)

    def localised(self, language: str) -> str:
        return ", ".join(Term(self.group, value).localised(language) for value in self.values)


@dataclass(frozen=True)
class Tally:
    """Counts by stored taxonomy value (``{'state': 1, 'non_state': 2}``) inside a sentence."""

    group: str
    counts: dict[str, int]

    def english(self) -> str:
        return str(dict(self.counts))

    def localised(self, language: str) -> str:
        return ", ".join(
            f"{Term(self.group, key).localised(language)}: {Number(n).localised(language)}"
            for key, n in self.counts.items()
        )


def _english(value: object) -> str:
    if isinstance(value, (Number, When, Term, Terms, Tally)):
        return value.english()
    return str(value)


def _localised(value: object, language: str) -> str:
    if isinstance(value, Message):
        return value.localised(language)
    if isinstance(value, (Number, When, Term, Terms, Tally)):
        return value.localised(language)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return Number(value).localised(language)


class Message(str):
    """A translatable sentence: ``str()`` is English, :meth:`localised` any language.

    >>> m = Message("%(n)s activities in %(layer)s", n=1250, layer=Term("layer", "economic"))
    >>> str(m), m.msgid
    ('1250 activities in economic', '%(n)s activities in %(layer)s')
    """

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Message:
        text = msgid % {k: _english(v) for k, v in params.items()} if params else msgid
        self = super().__new__(cls, text)
        self.msgid, self.params = msgid, params
        return self

    def __copy__(self) -> Message:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Message:
        return self  # immutable, like the str it is

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), str(self), dict(self.__dict__)))

    def _template(self, language: str) -> str:
        return catalogue(language).gettext(self.msgid)

    def localised(self, language: str | None) -> str:
        """The sentence in ``language`` (English, or the msgid's own text, if not translated)."""
        if not language or language == ENGLISH:
            return str(self)
        template = self._template(language)
        if not self.params:
            return template
        return template % {k: _localised(v, language) for k, v in self.params.items()}


class Plural(Message):
    """A sentence with a count, whose form follows it: ``%(count)s`` names the count.

    >>> str(Plural("%(count)s activity", "%(count)s activities", 1))
    '1 activity'
    """

    singular: str
    plural: str
    number: int

    def __new__(cls, singular: str, plural: str, count: int, /, **params: Any) -> Plural:
        chosen = singular if count == 1 else plural
        self = cast("Plural", Message.__new__(cls, chosen, count=count, **params))
        self.singular, self.plural, self.number = singular, plural, count
        self.msgid = singular
        return self

    def _template(self, language: str) -> str:
        return catalogue(language).ngettext(self.singular, self.plural, self.number)


class Joined(Message):
    """Messages joined by a separator (lines of an explanation, reasons with ``; ``)."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, separator: str, parts: Iterable[str]) -> Joined:
        items = tuple(parts)
        self = str.__new__(cls, separator.join(str(p) for p in items))
        self.msgid, self.params = "", {}
        self.parts, self.separator = items, separator
        return self

    def localised(self, language: str | None) -> str:
        return self.separator.join(translate(part, language) for part in self.parts)


def translate(text: object, language: str | None) -> str:
    """Any text in ``language``: a :class:`Message` translated, anything else as it is."""
    if isinstance(text, Message):
        return text.localised(language)
    return "" if text is None else str(text)


def _rebuild(cls: type[Message], text: str, state: dict[str, Any]) -> Message:
    self = str.__new__(cls, text)
    self.__dict__.update(state)
    return self


def gettext(message: str, language: str | None, **values: Any) -> str:
    """A template's string in ``language``, its ``%(name)s`` values filled in (localised)."""
    text = message if not language or language == ENGLISH else catalogue(language).gettext(message)
    if not values:
        return text
    if not language or language == ENGLISH:
        return text % {k: _english(v) for k, v in values.items()}
    return text % {k: _localised(v, language) for k, v in values.items()}


def ngettext(singular: str, plural: str, n: int, language: str | None, **values: Any) -> str:
    """A template's string with a count (``%(num)s``), in the form the count needs."""
    if not language or language == ENGLISH:
        text = singular if n == 1 else plural
        return text % {"num": n, **{k: _english(v) for k, v in values.items()}}
    text = catalogue(language).ngettext(singular, plural, n)
    return text % {
        "num": _localised(n, language),
        **{k: _localised(v, language) for k, v in values.items()},
    }


def in_language(value: object, language: str | None) -> object:
    """What a template outputs: a :class:`Message` translated, anything else unchanged.

    Meant as a Jinja ``finalize``, so that every sentence shown is translated.
    """
    return value.localised(language) if isinstance(value, Message) else value
