"""The web app and JSON API: thin routes over :mod:`sistercities.operations`.

``create_app(WebConfig(db=...))`` builds the ASGI app; ``sistercities serve``
runs it under uvicorn. Modules: :mod:`.app` (the factory), :mod:`.sessions`
(who is asking), :mod:`.csrf`, :mod:`.security` (headers and the content
security policy), :mod:`.i18n`, :mod:`.templating`, :mod:`.errors` (errors to
status codes, in one place), and one router per area under :mod:`.routes`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WebConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from sistercities.web import app

        return getattr(app, name)
    raise AttributeError(name)
