"""The SPARQL 1.1 Protocol endpoint: queries by GET and POST, updates by POST with a token,
the service description when no query is given."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response

from ...describe import serialize_triples, service_description
from ...errors import BadRequest, NotAcceptable, UnsupportedMediaType
from ...sparql.formats import negotiate, parse_accept
from .. import examples
from ..auth import TOKEN_FOR_UPDATES, require_writes
from ..body import media_type, read_body
from ..deps import ServiceState, StateDep
from ..examples import answer_of, answers, example, parameter, url
from ..page import query_page, wants_html
from ..problems import WRITE_PROBLEMS
from ..protocol.sparql import endpoint_of, run_query, run_update, single, url_params, utf8

router = APIRouter(tags=["SPARQL"])

_QUERY_TYPES = {"application/sparql-query"}
_UPDATE_TYPES = {"application/sparql-update"}
_FORM = "application/x-www-form-urlencoded"

_RESULTS = answers(
    "query results (SELECT, ASK: SPARQL JSON, XML, CSV or TSV; CONSTRUCT, DESCRIBE: RDF) by Accept or "
    "format=; without a query, the service description (RDF)",
    {
        "application/sparql-results+json": answer_of(url("/sparql", query=examples.SPARQL_QUERY)),
        "text/csv": answer_of(url("/sparql", query=examples.SPARQL_QUERY)),
        "text/turtle": answer_of("/sparql"),
    },
)
_FORMAT = parameter(
    "format",
    "the answer's format, before Accept: json, xml, csv, tsv (results); turtle, ntriples, jsonld, rdfxml, "
    "nquads, trig (graphs); also SPARQLWrapper's and Virtuoso's names (json-ld, rdf+xml, rdf, n3, ttl, nt) and "
    "media types; xml and json fit both (RDF/XML and JSON-LD for graphs); repeatable (`output=` too)",
    {**example("json", "SPARQL results as JSON"), **example("csv", "SPARQL results as CSV")},
)
_FORM_FIELDS = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "description": "a SPARQL query"},
        "update": {"type": "string", "description": "a SPARQL update (with the token)"},
        "default-graph-uri": {"type": "string"},
        "named-graph-uri": {"type": "string"},
        "format": {"type": "string"},
    },
}
"""The fields of a form POSTed to /sparql: exactly one of query= and update=."""

_DATASET = [
    parameter(
        "default-graph-uri",
        "a named graph to use as the default graph (repeatable; default: the union of all named graphs)",
        example(examples.CITIES_GRAPH, "the graph of the cities"),
    ),
    parameter(
        "named-graph-uri",
        "a named graph the query may reach with GRAPH (repeatable)",
        example(examples.CITIES_GRAPH, "the graph of the cities"),
    ),
]


async def _run_query(state: ServiceState, request: Request, query: str, params: dict[str, list[str]]) -> Response:
    endpoint = endpoint_of(request.scope, request.headers.get("host"))
    response = await run_query(state, request.headers.get("accept"), query, params, endpoint)
    return Response(response.body, headers={"content-type": response.content_type, "vary": "Accept"})


async def _run_update(state: ServiceState, request: Request, update: str) -> Response:
    require_writes(state.settings, request, "updates")
    await run_update(state, update)
    return Response(status_code=204)


async def _describe_service(state: ServiceState, request: Request) -> Response:
    chosen = negotiate(parse_accept(request.headers.get("accept")), "graph")
    if chosen is None:
        raise NotAcceptable("the service description is RDF: ask for text/turtle, application/ld+json, …")
    endpoint = str(request.url.replace(query=""))
    triples = await service_description(state.reader, state.queries, endpoint, updates=state.settings.allow_updates)
    return Response(
        serialize_triples(triples, chosen.name), headers={"content-type": chosen.content_type, "vary": "Accept"}
    )


@router.get(
    "/sparql",
    response_class=Response,
    summary="SPARQL query (GET), service description or query page",
    responses=_RESULTS,
    openapi_extra={
        "parameters": [
            parameter("query", "the SPARQL query", example(examples.SPARQL_QUERY, "the first three cities")),
            _FORMAT,
            *_DATASET,
        ]
    },
)
async def sparql_get(request: Request, state: StateDep) -> Response:
    """`?query=` runs a query; without it, browsers get the query page and other clients the
    SPARQL 1.1 Service Description (RDF, by content negotiation)."""
    params = url_params(request)
    if "update" in params:
        raise BadRequest("updates are sent by POST (application/sparql-update or form field update=)")
    query = single(params, "query")
    if query is None:
        if wants_html(request.headers.get("accept")):
            return query_page(state)
        return await _describe_service(state, request)
    return await _run_query(state, request, query, params)


@router.post(
    "/sparql",
    response_class=Response,
    summary="SPARQL query or update (POST)",
    responses={**_RESULTS, 204: {"description": "the update was applied"}, **WRITE_PROBLEMS},
    openapi_extra={
        **TOKEN_FOR_UPDATES,
        "parameters": [_FORMAT, *_DATASET],
        "requestBody": {
            "description": "the query as application/sparql-query, or as the form field query=; an update "
            "(with the token) as application/sparql-update or the form field update=",
            "content": {
                "application/sparql-query": {"schema": {"type": "string"}, "example": examples.SPARQL_QUERY},
                _FORM: {"schema": _FORM_FIELDS, "example": {"query": examples.SPARQL_QUERY}},
            },
        },
    },
)
async def sparql_post(request: Request, state: StateDep) -> Response:
    """POST a query as `application/sparql-query` or form field `query=`; an update as
    `application/sparql-update` or form field `update=` (needs the token)."""
    kind = media_type(request)
    body = await read_body(request, state.settings.max_body_bytes)
    params = url_params(request)
    text = utf8(body)
    if kind == _FORM:
        for key, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
        query, update = single(params, "query"), single(params, "update")
        if (query is None) == (update is None):
            raise BadRequest("send exactly one of the form fields query= and update=")
        if update is not None:
            return await _run_update(state, request, update)
        assert query is not None
        return await _run_query(state, request, query, params)
    if kind in _QUERY_TYPES:
        return await _run_query(state, request, text, params)
    if kind in _UPDATE_TYPES:
        return await _run_update(state, request, text)
    raise UnsupportedMediaType(
        f"unsupported content type {kind or '(none)'!r}: send application/sparql-query, "
        "application/sparql-update or application/x-www-form-urlencoded",
    )
