"""The SPARQL 1.1 Protocol's rules, shared by the ``/sparql`` route and its fast path:
reading the parameters, choosing the format, running a query and an update."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request
from starlette.types import Scope

from ...engine.base import QueryRequest, QueryResponse
from ...errors import BadRequest
from ...sparql.formats import FORMAT_NAMES, format_media_types, parse_accept
from ...sparql.guard import federated
from ..deps import ServiceState
from ..inputs import check_utf8


def accepted(accept_header: str | None, formats: list[str]) -> list[tuple[str, float]]:
    """The media types asked for: those of the ``format=`` values first (every value, in
    order: SPARQLWrapper sends a name and a media type), then the Accept header's, for a
    result that no ``format=`` value fits (SPARQLWrapper asks ``format=csv`` with
    ``Accept: */*`` of a CONSTRUCT).

    >>> accepted("text/csv", ["xml", "application/rdf+xml", ""])[:3]
    [('application/sparql-results+xml', 1.0), ('application/rdf+xml', 1.0), ('text/csv', 0.5)]
    """
    given = [value for value in formats if value.strip()]
    asked: list[str] = []
    for value in given:
        asked += [media for media in format_media_types(value) or () if media not in asked]
    if given and not asked:
        names = ", ".join(FORMAT_NAMES)
        raise BadRequest(f"unknown format={given[0]!r}; use one of {names}, or a media type")
    if not asked:
        return parse_accept(accept_header)
    return [(media, 1.0) for media in asked] + [(media, weight / 2) for media, weight in parse_accept(accept_header)]


async def run_query(
    state: ServiceState,
    accept_header: str | None,
    query: str,
    params: dict[str, list[str]],
    endpoint: str | None = None,
) -> QueryResponse:
    """Run a query with the protocol's parameters (``format`` or ``output``,
    ``default-graph-uri``, ``named-graph-uri``): the negotiated serialisation of its result."""
    settings = state.settings
    return await state.reader.run(
        QueryRequest(
            query=federated(query, settings.federation_allowlist, settings.service_mirrors),
            accept=accepted(accept_header, params.get("format") or params.get("output") or []),
            default_graphs=params.get("default-graph-uri", []),
            named_graphs=params.get("named-graph-uri", []),
            base=endpoint,
        )
    )


async def run_update(state: ServiceState, update: str) -> None:
    settings = state.settings
    await state.writer.update(federated(update, settings.federation_allowlist, settings.service_mirrors))


def single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise BadRequest(f"give the parameter {name!r} once, not {len(values)} times")
    return values[0]


def url_params(request: Request) -> dict[str, list[str]]:
    return query_string_params(request.scope["query_string"])


def query_string_params(query_string: bytes) -> dict[str, list[str]]:
    """Each parameter of a URL's query string with its values, in order (read as Starlette
    reads them).

    >>> query_string_params(b"query=ASK+%7B%7D&default-graph-uri=a&default-graph-uri=b&format=")
    {'query': ['ASK {}'], 'default-graph-uri': ['a', 'b'], 'format': ['']}
    """
    params: dict[str, list[str]] = {}
    try:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        check_utf8("the query string", query_string)  # says where
        raise
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    return params


def endpoint_of(scope: Scope, host: str | None) -> str | None:
    """The URL of the endpoint a request was sent to (what relative IRIs of its query mean),
    from its Host header; None when it has none that makes an IRI.

    >>> endpoint_of({"scheme": "http", "path": "/sparql"}, "www.example")
    'http://www.example/sparql'
    >>> endpoint_of({"scheme": "http", "path": "/sparql"}, "bad host") is None
    True
    """
    if not host:
        return None
    url = f"{scope.get('scheme', 'http')}://{host}{scope['path']}"
    try:
        return ox.NamedNode(url).value
    except ValueError:
        return None


def utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the request body is not UTF-8") from None
