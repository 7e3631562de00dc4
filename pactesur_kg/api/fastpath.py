"""The SPARQL endpoint's hot path as a bare ASGI layer.

A plain query (GET ``/sparql?query=`` or POST ``application/sparql-query``) is answered
here, without FastAPI's routing and dependency injection, which cost about as much as the
engine work of a small query. It runs the same code as the ``/sparql`` route
(``routes.sparql.answer_query``) and maps errors the same way (``errors.error_response``);
everything else (forms, updates, the service description, the query page, malformed
parameters) goes on to the route, which implements the whole protocol.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import PactesurError
from .body import media_type, read_body
from .deps import ServiceState
from .errors import HTTPProblem, error_response, unexpected_error
from .routes.sparql import answer_query, url_params

_PATH = "/sparql"


class SparqlFastPath:
    """Answers plain SPARQL queries; passes every other request to ``app``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != _PATH:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        params = url_params(request)
        direct = request.method == "POST" and media_type(request) == "application/sparql-query"
        if direct or (request.method == "GET" and len(params.get("query", ())) == 1 and "update" not in params):
            response = await self._answer(request, params, direct)
            await response(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    @staticmethod
    async def _answer(request: Request, params: dict[str, list[str]], direct: bool) -> Response:
        state: ServiceState = request.app.state.service
        try:
            if direct:
                body = await read_body(request, state.settings.max_body_bytes)
                try:
                    query = body.decode("utf-8")
                except UnicodeDecodeError:
                    raise HTTPProblem(400, "the request body is not UTF-8") from None
            else:
                query = params["query"][0]
            return await answer_query(state, request.headers.get("accept"), query, params)
        except PactesurError as error:
            return error_response(error)
        except Exception:
            return unexpected_error(request.method, request.url.path)
