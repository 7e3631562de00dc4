"""The JSON-LD context of the REST answers, at /api/context.jsonld."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from ..examples import answer_of, answers
from ..rest.answer_format import CONTEXT_ROUTE, JSON_LD
from ..rest.jsonld import CONTEXT

router = APIRouter(tags=["REST"])


@router.get(
    "/api/context.jsonld",
    name=CONTEXT_ROUTE,
    response_class=Response,
    summary="The JSON-LD context of the REST answers",
    responses=answers("the context", {JSON_LD: answer_of("/api/context.jsonld")}),
)
async def context() -> JSONResponse:
    """What the keys of the REST answers mean as RDF: each maps to the predicate its query
    reads (``iri`` is the ``@id``); the keys the service computes (slugs, totals, paging,
    links) are not in it, so JSON-LD processors leave them out. Ask a REST route for
    ``application/ld+json`` (or ``?format=jsonld``) to have an answer that uses it."""
    return JSONResponse(CONTEXT, media_type=JSON_LD, headers={"cache-control": "public, max-age=3600"})
