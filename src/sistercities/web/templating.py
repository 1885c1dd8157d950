"""Jinja2 templates: escaped by default, every string through the catalogue.

A page is rendered with the request's :class:`~sistercities.web.i18n.Translator`
as ``_`` (``{{ _("Relationships") }}``, ``{{ _("%(n)s records", n=3) }}``),
the account signed in, its CSRF token for forms, and the language switch.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from sistercities import messages, vocabulary
from sistercities.web import i18n
from sistercities.web.sessions import principal_of


@pass_context
def _shown(context: Context, value: Any) -> Any:
    """Every ``{{ value }}``: a sentence the library wrote is shown in the page's language.

    The analyses return :class:`~sistercities.messages.Message` (a ``str``
    whose text is English); translating here, where anything is output,
    means no template can show one untranslated by forgetting a filter.
    """
    return messages.in_language(value, context.get("lang"))


def _environment() -> Environment:
    folder = resources.files("sistercities.web") / "templates"
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    return env


ENV = _environment()


def translator(request: Request) -> i18n.Translator:
    """The language of this request (see :func:`sistercities.web.i18n.negotiate`)."""
    found = getattr(request.state, "translator", None)
    if found is None:
        language = i18n.negotiate(
            request.cookies.get(i18n.COOKIE), request.headers.get("accept-language")
        )
        found = i18n.Translator(language)
        request.state.translator = found
    return found


def _partial_date(text: Any, language: str) -> str:
    """A stored date in the reader's locale (``julio de 2021``): the portal's rule."""
    from sistercities.web.public import partial_date  # public renders through this module

    return partial_date(str(text) if text else None, language)


def _number(value: Any, language: str, digits: int | None = None) -> str:
    """A number in the reader's locale (``0,5``), as the portal writes it."""
    from sistercities.web.public import number

    return number(value, language, digits)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """A page: the template with the request's language, account and CSRF token."""
    tr = translator(request)
    principal = principal_of(request)
    values = {
        "request": request,
        "_": tr.gettext,
        "gettext": tr.gettext,
        "term": lambda value: (
            vocabulary.term(str(value), tr.language) or tr.gettext(str(value).replace("_", " "))
            if value
            else ""
        ),
        "ngettext": tr.ngettext,
        "when": lambda text: _partial_date(text, tr.language),
        "num": lambda value, digits=None: _number(value, tr.language, digits),
        "lang": tr.language,
        "languages": i18n.LANGUAGES,
        "principal": principal,
        "csrf_token": principal.csrf_token if principal else None,
        "path": request.url.path,
        **(context or {}),
    }
    html = ENV.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code)
    response.headers["content-language"] = tr.language
    response.headers["cache-control"] = "no-store"
    return response
