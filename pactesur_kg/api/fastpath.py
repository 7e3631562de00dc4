"""The SPARQL endpoint's hot path as a bare ASGI layer.

A plain query (GET ``/sparql?query=`` or POST ``application/sparql-query``) is answered
here, without FastAPI's routing and dependency injection, which cost about as much as the
engine work of a small query. It runs the same code as the ``/sparql`` route
(``routes.sparql.answer_query``) and maps errors the same way (``errors.error_response``);
everything else (forms, updates, the service description, the query page, malformed
parameters) goes on to the route, which implements the whole protocol.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import PactesurError
from .deps import ServiceState
from .errors import HTTPProblem, error_response, unexpected_error
from .routes.sparql import answer_query

_PATH = "/sparql"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _params(scope: Scope) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True):
        params.setdefault(key, []).append(value)
    return params


async def _body(receive: Receive, declared: str | None, limit: int) -> bytes:
    too_large = HTTPProblem(413, f"the request body is larger than the limit of {limit} bytes")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            raise HTTPProblem(400, "the client closed the connection before sending the whole body")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _media_type(scope: Scope) -> str:
    return (_header(scope, b"content-type") or "").split(";")[0].strip().lower()


class SparqlFastPath:
    """Answers plain SPARQL queries; passes every other request to ``app``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != _PATH:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        params = _params(scope)
        if method == "GET" and len(params.get("query", ())) == 1 and "update" not in params:
            await self._answer(scope, receive, send, params, None)
        elif method == "POST" and _media_type(scope) == "application/sparql-query":
            await self._answer(scope, receive, send, params, receive)
        else:
            await self.app(scope, receive, send)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, params: dict[str, list[str]], body_from: Receive | None
    ) -> None:
        state: ServiceState = scope["app"].state.service
        response: Response
        try:
            if body_from is None:
                query = params["query"][0]
            else:
                body = await _body(body_from, _header(scope, b"content-length"), state.settings.max_body_bytes)
                try:
                    query = body.decode("utf-8")
                except UnicodeDecodeError:
                    raise HTTPProblem(400, "the request body is not UTF-8") from None
            response = await answer_query(state, _header(scope, b"accept"), query, params)
        except PactesurError as error:
            response = error_response(error)
        except Exception:
            response = unexpected_error(scope["method"], scope["path"])
        await response(scope, receive, send)
