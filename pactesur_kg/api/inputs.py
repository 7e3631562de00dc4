"""Checks of what every request carries, before any route reads it: the query string and
the path must be UTF-8 once percent-decoded (a replacement character read in their place
would answer another question than the one asked)."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import BadRequest
from .problems import error_response


def check_utf8(what: str, raw: bytes) -> None:
    """Refuse percent-encoded text that is not UTF-8.

    >>> check_utf8("the query string", b"q=Li%C3%A8ge")
    >>> try:
    ...     check_utf8("the query string", b"q=%FF")
    ... except BadRequest as error:
    ...     print(error)
    the query string is not UTF-8 once percent-decoded (byte 0xff at 2); encode the text as UTF-8
    """
    if b"%" not in raw and raw.isascii():
        return
    decoded = unquote_to_bytes(raw)
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(
            f"{what} is not UTF-8 once percent-decoded (byte {decoded[error.start]:#04x} at {error.start}); "
            "encode the text as UTF-8"
        ) from None


class InputChecks:
    """Answers 400 to a request whose query string or path is not UTF-8."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                check_utf8("the query string", scope.get("query_string", b""))
                check_utf8("the path", scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape"))
            except BadRequest as error:
                await error_response(error)(scope, receive, send)
                return
        await self.app(scope, receive, send)
