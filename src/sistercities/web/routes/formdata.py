"""Reading a submitted form: text fields with limits, numbers that name the field.

A form that is refused is shown again with what was typed and a message next
to the field; :func:`errors_of` turns a library error into that message.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from sistercities.errors import InputError
from sistercities.messages import Joined, Message, Number

MAX_FIELD = 20_000


def text(form: FormData, name: str, limit: int = MAX_FIELD) -> str:
    """A text field, stripped; refused (naming it) when longer than ``limit``."""
    value = form.get(name)
    value = value if isinstance(value, str) else ""
    if len(value) > limit:
        raise InputError(
            Message("at most %(limit)s characters", limit=Number(limit, ",")), field=name
        )
    return value.strip()


def optional_int(form: FormData, name: str) -> int | None:
    """A whole number, or nothing; anything else is refused naming the field."""
    value = text(form, name, 30)
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise InputError(
            Message("%(value)r is not a whole number", value=value), field=name
        ) from None
    if number < 0:
        raise InputError(Message("must not be negative"), field=name)
    return number


def optional_float(form: FormData, name: str) -> float | None:
    """A number, or nothing."""
    value = text(form, name, 40)
    if not value:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise InputError(Message("%(value)r is not a number", value=value), field=name) from None


def values(form: FormData, names: tuple[str, ...]) -> dict[str, str]:
    """What was typed, to show the form again (each value cut to the field limit)."""
    found: dict[str, str] = {}
    for name in names:
        value = form.get(name)
        found[name] = value[:MAX_FIELD] if isinstance(value, str) else ""
    return found


def errors_of(
    exc: InputError, names: tuple[str, ...], aliases: dict[str, str] | None = None
) -> dict[str, str]:
    """The message keyed by the form field it names (``form`` when it names none of them).

    A :class:`~sistercities.messages.Message` reason reaches the template whole (it is
    translated there): ``str(exc)`` would flatten it to English, so a message naming no
    field of the form keeps its field name in front as a ``Joined`` message.
    """
    field = (exc.field or "").split(".")[0]
    field = (aliases or {}).get(field, field)
    key = field if field in names else "form"
    if key != "form":
        return {key: exc.reason}
    if exc.field is None or exc.line is not None or not isinstance(exc.reason, Message):
        return {key: str(exc)}
    return {key: Joined(": ", [exc.field, exc.reason])}  # still translated by the page


def checked(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    """Every text field of ``names``, each within :data:`MAX_FIELD`."""
    return {name: text(form, name) for name in names}
