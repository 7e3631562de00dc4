"""JSON or JSON-LD: the answer format of the REST routes, by ``?format=`` or ``Accept``.

JSON stays the default (``*/*``, ``application/*``, ``application/json`` or no Accept); an
Accept that names neither gets 406 before any query runs. The routes return their JSON
answer as before; :class:`RestRoute` turns it into JSON-LD (:func:`jsonld.linked`) when it
was asked for, and links the JSON answer to its JSON-LD twin."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from ...errors import NotAcceptable
from ...sparql.formats import parse_accept
from ..examples import example
from .jsonld import linked

JSON = "application/json"
JSON_LD = "application/ld+json"
CONTEXT_ROUTE = "jsonld_context"
"""The name of the route serving the context (``routes/context.py``)."""

_BY_MEDIA_TYPE = {JSON: "json", "application/*": "json", "*/*": "json", JSON_LD: "jsonld"}


def chosen_format(accept: str | None) -> str:
    """``json`` or ``jsonld`` for an Accept header, the first acceptable in its order.

    >>> chosen_format(None), chosen_format("application/ld+json"), chosen_format("text/html, */*;q=0.8")
    ('json', 'jsonld', 'json')
    >>> chosen_format("application/json;q=0.5, application/ld+json")
    'jsonld'
    """
    for media, _ in parse_accept(accept):
        if media in _BY_MEDIA_TYPE:
            return _BY_MEDIA_TYPE[media]
    raise NotAcceptable(f"this route answers {JSON} or {JSON_LD} (or ?format=json or ?format=jsonld)")


async def answer_format(
    request: Request,
    format: Annotated[
        Literal["json", "jsonld"] | None,
        Query(
            description="the answer's format, before Accept: json (the default) or jsonld (JSON-LD, "
            "its @context at /api/context.jsonld)",
            openapi_examples=example("jsonld", "JSON-LD"),
        ),
    ] = None,
) -> None:
    """The router dependency choosing the answer's format (kept in ``request.state``)."""
    request.state.answer_format = format or chosen_format(request.headers.get("accept"))


class RestRoute(APIRoute):
    """A REST route answering JSON, or JSON-LD when :func:`answer_format` chose it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            response = await handler(request)
            if response.media_type != JSON or response.status_code != 200:
                return response
            if getattr(request.state, "answer_format", "json") == "jsonld":
                context = str(request.url_for(CONTEXT_ROUTE))
                response = JSONResponse(linked(json.loads(bytes(response.body)), context), media_type=JSON_LD)
            else:
                twin = request.url.include_query_params(format="jsonld")
                response.headers["link"] = f'<{twin}>; rel="alternate"; type="{JSON_LD}"'
            response.headers["vary"] = "Accept"
            return response

        return handle
