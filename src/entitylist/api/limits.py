"""Request body size limits, enforced before a body is read whole (ASGI middleware).

A declared ``Content-Length`` over the limit is refused at once; a body sent without one
(chunked) is counted as it arrives and refused when it passes the limit. Uploads
(``multipart/form-data``) get the larger limit, every other request the smaller one.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entitylist.api.problems import problem


def _too_large_detail(limit: int) -> str:
    return f"the request body is larger than this server accepts ({limit:,} bytes)"


class BodyTooLarge(HTTPException):
    """The body passed its limit while it was being received (a 413 problem)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large_detail(limit))


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, upload_bytes: int, other_bytes: int) -> None:
        self.app = app
        self.upload_bytes = upload_bytes
        self.other_bytes = other_bytes

    def _limit(self, scope: Scope) -> int:
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        return self.upload_bytes if content_type.startswith("multipart/form-data") else self.other_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await problem(400, "the Content-Length header is not a number")(scope, receive, send)
                return
            if size > limit:
                await self._too_large(limit, scope, receive, send)
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._too_large(limit, scope, receive, send)

    @staticmethod
    async def _too_large(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        await problem(413, _too_large_detail(limit), kind="too-large")(
            scope, receive, send
        )
