"""The SPARQL 1.1 Graph Store HTTP Protocol at /store: reads for everyone, writes with the token."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ...engine.base import QueryRequest
from ...errors import BadRequest, NotFound, UnsupportedMediaType
from ...isolation import run_isolated
from ...sparql.binding import bind
from ...sparql.formats import parse_accept
from ...sparql.graph_store import UPLOAD_FORMATS, graph_node, write_graph
from .. import examples
from ..auth import TOKEN_NEEDED, require_writes
from ..body import media_type, read_body
from ..deps import ServiceState, StateDep
from ..examples import Responses, answer_of, answers, example, parameter, request_body, url
from ..problems import WRITE_PROBLEMS

router = APIRouter(tags=["Graph Store"])

_GRAPH = parameter(
    "graph", "the IRI of a named graph (or give ?default)", example(examples.CITIES_GRAPH, "the graph of the cities")
)
_DEFAULT = parameter(
    "default", "the default graph: the union of all named graphs (or give ?graph=)", example("", "the default graph")
)
_WRITTEN: Responses = {204: {"description": "done"}, **WRITE_PROBLEMS}
_WRITE = {
    **TOKEN_NEEDED,
    "parameters": [_GRAPH],
    **request_body("the graph, in Turtle (or N-Triples, RDF/XML, …)", "text/turtle", examples.GRAPH),
}


def _target(request: Request) -> str | None:
    """The graph named by ``?graph=IRI``, or None for ``?default`` (exactly one of them)."""
    params = request.query_params
    graphs = params.getlist("graph")
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise BadRequest("name exactly one graph: ?graph=IRI or ?default")
    return graphs[0] if graphs else None


async def _exists(state: ServiceState, iri: str) -> bool:
    return await state.reader.any(state.queries.text("service/graph-exists"), graph=graph_node(iri))


@router.get(
    "/store",
    response_class=Response,
    summary="Read a named graph (?graph=IRI) or the default graph (?default)",
    responses=answers(
        "the graph, as RDF by Accept (Turtle by default)",
        {"text/turtle": answer_of(url("/store", graph=examples.CITIES_GRAPH))},
    ),
    openapi_extra={"parameters": [_GRAPH, _DEFAULT]},
)
async def read(request: Request, state: StateDep) -> Response:
    """The default graph is the union of all named graphs, as for queries."""
    iri = _target(request)
    if iri is not None and not await _exists(state, iri):
        raise NotFound(f"no graph named <{iri}> in this dataset")
    if iri is None:
        query = state.queries.text("service/default-graph-triples")
    else:
        query = bind(state.queries.text("service/graph-triples"), graph=graph_node(iri))
    answer = await state.reader.run(QueryRequest(query=query, accept=parse_accept(request.headers.get("accept"))))
    return Response(answer.body, headers={"content-type": answer.content_type, "vary": "Accept"})


async def _write(request: Request, state: ServiceState, method: str) -> Response:
    require_writes(state.settings, request, "Graph Store writes")
    iri = _target(request)
    if iri is None:
        raise BadRequest("writes name a graph: ?graph=IRI (the default graph is the union of all graphs)")
    body = await read_body(request, state.settings.max_body_bytes) if method != "DELETE" else b""
    if method == "DELETE" and not await _exists(state, iri):
        raise NotFound(f"no graph named <{iri}> in this dataset")
    if method != "DELETE" and media_type(request) not in UPLOAD_FORMATS:
        raise UnsupportedMediaType(f"send the graph as one of: {', '.join(UPLOAD_FORMATS)}")
    kind, settings = media_type(request), state.settings
    # the upload is parsed in a child process under the time limit and memory budget (see
    # validate): the server's process only holds the update it gives back
    if method == "DELETE":
        update = write_graph(method, iri, body, kind)
    else:
        update = await run_isolated(
            lambda: write_graph(method, iri, body, kind),
            timeout=settings.timeout,
            what="reading the graph",
            memory=settings.query_memory_budget,
        )
    await state.writer.update(update, what="graph-store", graphs=(iri,))
    return Response(status_code=204)


@router.put(
    "/store", summary="Replace a named graph (token needed)", status_code=204, responses=_WRITTEN, openapi_extra=_WRITE
)
async def put(request: Request, state: StateDep) -> Response:
    return await _write(request, state, "PUT")


@router.post(
    "/store", summary="Add to a named graph (token needed)", status_code=204, responses=_WRITTEN, openapi_extra=_WRITE
)
async def post(request: Request, state: StateDep) -> Response:
    return await _write(request, state, "POST")


@router.delete(
    "/store",
    summary="Drop a named graph (token needed)",
    status_code=204,
    responses=_WRITTEN,
    openapi_extra={**TOKEN_NEEDED, "parameters": [_GRAPH]},
)
async def delete(request: Request, state: StateDep) -> Response:
    return await _write(request, state, "DELETE")
