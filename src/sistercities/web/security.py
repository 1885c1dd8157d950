"""Security headers on every answer, and a content security policy without inline scripts.

Why: pages show names and notes typed by many people. Jinja escapes them; the
policy is the second wall: no script runs unless it is a file served by the
app itself, no style attribute or inline block is honoured, nothing is loaded
from elsewhere, and no other site may frame the app.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every HTTP answer (pure ASGI: no overhead
    of a ``BaseHTTPMiddleware`` task per request)."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False):
        self.app = app
        self.extra = [(b"strict-transport-security", b"max-age=31536000")] if hsts else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [h for h in HEADERS + self.extra if h[0] not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
