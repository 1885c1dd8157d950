"""Typed attribute values: parse what a person or a file gives, store canonical text.

=========  ===========================================  ==============
type       accepted                                     stored as
=========  ===========================================  ==============
text       anything                                     as given
boolean    true/false, yes/no, 1/0 (any case)           ``true``/``false``
integer    whole numbers (``1,200`` is refused: ambiguous)  ``1200``
float      decimal numbers with a dot                   ``repr`` of the float
date       ISO ``YYYY-MM-DD``                           ``YYYY-MM-DD``
=========  ===========================================  ==============
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sistercities.errors import InputError
from sistercities.messages import Joined, Message
from sistercities.research.cases.models import ATTRIBUTE_TYPES

_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}


def parse_value(kind: str, raw: Any, *, attribute: str) -> str:
    """Check ``raw`` against the attribute type; the canonical text, or a clear error."""
    if kind not in ATTRIBUTE_TYPES:
        raise InputError(unknown_type(kind), field="type")
    if isinstance(raw, bool) and kind == "boolean":
        return "true" if raw else "false"
    if isinstance(raw, dt.datetime) and kind == "date":
        return raw.date().isoformat()
    if isinstance(raw, dt.date) and kind == "date":
        return raw.isoformat()
    text = str(raw).strip()
    try:
        return _PARSERS[kind](text)
    except (ValueError, OverflowError) as exc:
        raise InputError(_not_a(kind, text), field=attribute) from exc


def _boolean(text: str) -> str:
    low = text.lower()
    if low in _TRUE:
        return "true"
    if low in _FALSE:
        return "false"
    raise ValueError(text)


def _integer(text: str) -> str:
    if text.endswith(".0"):
        text = text[:-2]
    return str(int(text))


def _float(text: str) -> str:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return repr(value)


def _date(text: str) -> str:
    return dt.date.fromisoformat(
        text[:10] if len(text) > 10 and text[10] in "T " else text
    ).isoformat()


def typed(kind: str, stored: str) -> Any:
    """A stored value back as a Python value (for JSON and sorting)."""
    if kind == "boolean":
        return stored == "true"
    if kind == "integer":
        return int(stored)
    if kind == "float":
        return float(stored)
    return stored


_PARSERS = {
    "text": lambda text: text,
    "boolean": _boolean,
    "integer": _integer,
    "float": _float,
    "date": _date,
}
#: The attribute types by their names in the reader's language (the cases page's choices).
TYPE_NAMES = {
    "text": Message("text"),
    "boolean": Message("boolean"),
    "integer": Message("integer"),
    "float": Message("float"),
    "date": Message("date"),
}


def unknown_type(kind: str) -> Message:
    """The refusal of an attribute type that is not one of :data:`ATTRIBUTE_TYPES`."""
    return Message("unknown type %(kind)r (%(types)s)", kind=kind,
                   types=Joined(", ", [TYPE_NAMES[t] for t in ATTRIBUTE_TYPES]))


def _not_a(kind: str, text: str) -> Message:
    """The refusal of a value that is not of its attribute's type, one sentence per type."""
    if kind == "boolean":
        return Message("%(value)r is not a boolean (true/false, yes/no, 1/0)", value=text)
    if kind == "integer":
        return Message("%(value)r is not a whole number", value=text)
    if kind == "float":
        return Message("%(value)r is not a number", value=text)
    if kind == "date":
        return Message("%(value)r is not a date (YYYY-MM-DD)", value=text)
    return Message("%(value)r is not a text", value=text)
