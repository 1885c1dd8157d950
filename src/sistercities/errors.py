"""One exception hierarchy: every error the library raises on purpose.

The CLI turns any :class:`SisterCitiesError` into a one-line message and a
non-zero exit code; the web layer turns it into a 4xx answer naming the field.
Anything else escaping the library is a bug.
"""

from __future__ import annotations


class SisterCitiesError(Exception):
    """Root of all errors raised on purpose by sistercities."""


class InputError(SisterCitiesError, ValueError):
    """Bad input from a user: names the field (or column, or line) that is wrong.

    Nothing has been stored when this is raised. ``reason`` is the message
    without the field and line in front: a :class:`sistercities.messages.Message`
    where the library wrote one, which the web app shows in the reader's language.
    """

    def __init__(self, message: str, *, field: str | None = None, line: int | None = None):
        self.field = field
        self.line = line
        prefix = ""
        if line is not None:
            prefix += f"line {line}: "
        if field is not None:
            prefix += f"{field}: "
        super().__init__(prefix + message)
        self.reason = message


def reason_of(exc: BaseException) -> str:
    """What an error says, without the field and line in front.

    It is the object the library raised with, so a
    :class:`~sistercities.messages.Message` stays one, and a page can still
    translate it. ``str(exc)`` would turn it into English text.
    """
    if isinstance(exc, InputError):
        return exc.reason
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)


class NotFoundError(SisterCitiesError, LookupError):
    """A place, relationship, actor or other record that does not exist."""


class ConflictError(SisterCitiesError):
    """A concurrent edit: someone else changed the record since it was read."""


class StorageError(SisterCitiesError):
    """The registry cannot be opened or upgraded (bad URL, unreachable server)."""


class AccessDeniedError(SisterCitiesError, PermissionError):
    """The session's user may not see what was asked for (personal data)."""


class PdfUnavailableError(SisterCitiesError):
    """No PDF engine is installed (``pip install fpdf2``)."""


class PermissionDeniedError(AccessDeniedError):
    """The acting user's role does not allow this action (a reader of a project trying to code)."""


class ExchangeFileError(InputError):
    """A file in an exchange format (REFI-QDA) that cannot be read: says what and where.

    Nothing has been stored when this is raised.
    """


class SignInError(SisterCitiesError):
    """Wrong name or password, or a disabled account (deliberately not said which)."""


class RateLimitedError(SisterCitiesError):
    """Too many failed sign-ins for an account or an address; ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class ForbiddenError(SisterCitiesError, PermissionError):
    """The account signed in may not do this (its role, or not its organisation's)."""


class SignInRequired(SisterCitiesError):
    """A web page needs a signed-in account (answered with a redirect to the sign-in page)."""


class TokenRequired(SisterCitiesError):
    """The JSON API needs a valid bearer token or session (answered 401)."""


class CsrfError(SisterCitiesError):
    """A web form or API write without the right CSRF token (answered 403)."""


class NotAMemberError(ForbiddenError):
    """The person acting is not on a relationship's council, or may not take this step."""
