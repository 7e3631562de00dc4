"""The SPARQL endpoint's hot path as a bare ASGI layer.

A plain query (GET ``/sparql?query=`` or POST ``application/sparql-query``) is answered
here, in front of FastAPI's middleware, routing and dependency injection and without
Starlette's request and response objects, which together cost about as much as the engine
work of a small query. It runs the same code as the ``/sparql`` route
(``protocol.sparql.run_query``) and maps errors the same way (``problems.error_response``);
everything else (forms, updates, the service description, the query page, repeated
parameters, and requests with an ``Origin``, which need CORS headers) goes on to the
application, which implements the whole protocol.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ...errors import BadRequest, PactesurError
from ..body import media_type_of, read_body
from ..deps import ServiceState
from ..problems import error_response, unexpected_error
from .sparql import endpoint_of, query_string_params, run_query, utf8

_PATH = "/sparql"
_QUERY_TYPE = "application/sparql-query"


class SparqlFastPath:
    """Answers plain SPARQL queries; passes every other request to ``app``."""

    def __init__(self, app: ASGIApp, service: Callable[[], ServiceState]) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != _PATH:
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if "origin" in headers:  # CORS is the application's job
            await self.app(scope, receive, send)
            return
        try:
            params = query_string_params(scope["query_string"])
        except BadRequest as error:
            await error_response(error)(scope, receive, send)
            return
        direct = scope["method"] == "POST" and media_type_of(headers.get("content-type")) == _QUERY_TYPE
        plain_get = scope["method"] == "GET" and len(params.get("query", ())) == 1 and "update" not in params
        if direct or plain_get:
            await self._answer(scope, receive, send, headers, params)
        else:
            await self.app(scope, receive, send)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str], params: dict[str, list[str]]
    ) -> None:
        state = self.service()
        try:
            if scope["method"] == "POST":
                query = utf8(await read_body(Request(scope, receive), state.settings.max_body_bytes))
            else:
                query = params["query"][0]
            endpoint = endpoint_of(scope, headers.get("host"))
            result = await run_query(state, headers.get("accept"), query, params, endpoint)
        except PactesurError as error:
            await error_response(error)(scope, receive, send)
            return
        except Exception:
            await unexpected_error(scope["method"], scope["path"])(scope, receive, send)
            return
        response_headers = [
            (b"content-type", result.content_type.encode("latin-1")),
            (b"vary", b"Accept"),
            (b"content-length", str(len(result.body)).encode("ascii")),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": response_headers})
        await send({"type": "http.response.body", "body": result.body})


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name; the first of repeated ones, as Starlette's
    ``Headers.get`` gives."""
    headers: dict[str, str] = {}
    for name, value in scope["headers"]:
        headers.setdefault(name.decode("latin-1"), value.decode("latin-1"))
    return headers
