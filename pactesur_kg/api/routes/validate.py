"""POST /validate: a contribution checked against the ontology and the shapes, never stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...errors import NotAcceptable, UnsupportedMediaType
from ...isolation import run_isolated
from ...sparql.formats import parse_accept
from ...validate import FORMATS_BY_MEDIA_TYPE, ContributionFile, parse_contribution, validate_parsed
from .. import examples
from ..body import media_type, read_body
from ..deps import StateDep
from ..examples import answer_of, example, request_body

router = APIRouter(tags=["Validation"])

_REPORT_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/json": "json"}


def _report_format(accept: str | None) -> str:
    for media, _ in parse_accept(accept):
        if media in _REPORT_TYPES:
            return _REPORT_TYPES[media]
        if media in ("*/*", "application/*"):
            return "json"
    raise NotAcceptable("the report is JSON (application/json), Turtle or JSON-LD")


@router.post(
    "/validate",
    summary="Validate a contribution",
    responses={
        200: {
            "description": "the validation report, whether the contribution conforms or not",
            "content": {
                "application/json": answer_of(
                    "/validate", method="POST", body=examples.CONTRIBUTION, content_type="text/turtle"
                )
            },
        },
        400: {"description": "syntax error, with line and column"},
        413: {"description": "body over the size limit, or more statements than one validation takes"},
        415: {"description": "unknown content type"},
    },
    openapi_extra=request_body(
        "the contribution, in Turtle (or N-Triples, JSON-LD, RDF/XML)", "text/turtle", examples.CONTRIBUTION
    ),
)
async def validate(
    request: Request,
    state: StateDep,
    lang: Annotated[
        str,
        Query(
            description="language of the messages: en or fr",
            openapi_examples={**example("en", "English"), **example("fr", "French")},
        ),
    ] = "en",
) -> Response:
    """Send Turtle, N-Triples, JSON-LD or RDF/XML (by Content-Type). The report says, for
    each node that breaks a shape, the line where it is written, the path, the value, the
    message (English or French with `?lang=fr`) and a hint. Nothing is written to the store."""
    kind = media_type(request)
    rdf_format = FORMATS_BY_MEDIA_TYPE.get(kind)
    if rdf_format is None:
        raise UnsupportedMediaType(
            f"unsupported content type {kind or '(none)'!r}; send one of {', '.join(FORMATS_BY_MEDIA_TYPE)}"
        )
    wanted = _report_format(request.headers.get("accept"))
    body = await read_body(request, state.settings.max_body_bytes)
    contribution = ContributionFile(name="contribution", data=body, format=rdf_format)
    settings = state.settings
    # parsed in a child process under the time limit and memory budget, so that what a parser
    # makes of hostile input (time, memory, a crash) never reaches the server's process
    quads, origins = await run_isolated(
        lambda: parse_contribution([contribution], settings.max_contribution_statements),
        timeout=settings.timeout,
        what="reading the contribution",
        memory=settings.query_memory_budget,
    )
    report = await validate_parsed(
        quads,
        origins,
        state.reader,
        state.queries,
        await state.checks(),
        await state.ontology(),
        isolate_for=settings.timeout,
        memory=settings.query_memory_budget,
    )
    if wanted == "turtle":
        return Response(await run_in_threadpool(report.to_turtle), media_type="text/turtle; charset=utf-8")
    if wanted == "json-ld":
        json_ld = await run_in_threadpool(report.report_graph.serialize, format="json-ld")
        return Response(json_ld.encode("utf-8"), media_type="application/ld+json")
    return JSONResponse(report.to_json("fr" if lang == "fr" else "en"))
