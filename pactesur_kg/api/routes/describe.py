"""The dataset's VoID description at /.well-known/void."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from ...describe import serialize_triples, void_endpoint, void_statistics
from ...errors import NotAcceptable
from ...sparql.formats import negotiate, parse_accept
from ..deps import StateDep
from ..examples import answer_of, answers

router = APIRouter(tags=["Dataset"])


@router.get(
    "/.well-known/void",
    response_class=Response,
    summary="VoID description of the dataset",
    responses=answers(
        "the VoID description, as RDF (Turtle by default)", {"text/turtle": answer_of("/.well-known/void")}
    ),
)
async def void(request: Request, state: StateDep) -> Response:
    """Triples, entities, classes, properties, named graphs and linksets, as RDF."""
    chosen = negotiate(parse_accept(request.headers.get("accept")), "graph")
    if chosen is None:
        raise NotAcceptable("the VoID description is RDF: ask for text/turtle, application/ld+json, …")
    # the endpoint comes from the request (its Host): kept apart from what is cached, so
    # that no client can make the cache grow by naming other hosts
    endpoint = str(request.url.replace(path="/sparql", query=""))
    statistics = await state.derived.get("void", lambda: void_statistics(state.reader.unbounded(), state.queries))
    body = await run_in_threadpool(serialize_triples, void_endpoint(endpoint) + statistics, chosen.name)
    return Response(body, headers={"content-type": chosen.content_type, "vary": "Accept"})
