"""The W3C Reconciliation Service API (version 0.2, as OpenRefine speaks it) at /reconcile:
the manifest, matching (``queries=``), data extension (``extend=``) and its property
proposals, previews and the suggest services for entities, types and properties.

The routes answer from an index of the graph (``pactesur_kg.reconcile.index``) built at the
first request over either backend and kept until the graph is updated through this service.
GET answers also come as JSONP with ``callback=``.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.openapi.models import Example
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from ... import __version__
from ...errors import BadRequest, UnsupportedMediaType
from ...reconcile import extend as extension
from ...reconcile import suggest
from ...reconcile.batch import read_batch, read_extend
from ...reconcile.index import ReconIndex, load_index
from ...reconcile.manifest import BATCH_SIZE, manifest
from ...reconcile.matching import candidates
from ...reconcile.preview import card
from .. import examples
from ..body import media_type, read_body
from ..deps import ServiceState, StateDep
from ..examples import Responses, answer_of, answers, example, url

router = APIRouter(prefix="/reconcile", tags=["Reconciliation"])

_CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$.]{0,99}$")
_FORM = "application/x-www-form-urlencoded"
_JSONP = "application/javascript"

Callback = Annotated[
    str | None,
    Query(
        max_length=100,
        description="JSONP: wrap the JSON answer in a call of this function",
        openapi_examples=example("jsonp_callback", "the answer as JSONP, in a call of jsonp_callback"),
    ),
]
Cursor = Annotated[
    int,
    Query(
        ge=0,
        le=100_000,
        description="suggestions to skip",
        openapi_examples={**example(0, "the first suggestions"), **example(3, "after the first three")},
    ),
]
SuggestLimit = Annotated[
    int,
    Query(
        ge=1,
        le=suggest.MAX_LIMIT,
        description="suggestions to return",
        openapi_examples=example(3, "three suggestions"),
    ),
]
TypeId = Annotated[
    str | None,
    Query(
        max_length=300,
        description="a type: class IRI, pac:Name or Name (City, Organisation, Incident, Threat, Measure, …)",
        openapi_examples={
            **example("City", "cities"),
            **example("pac:Incident", "incidents (attacks and crowd disasters)"),
        },
    ),
]


def _prefix(value: str, summary: str) -> Any:
    return Query(
        max_length=200,
        description="what the user typed, any case and accents",
        openapi_examples=example(value, summary),
    )


def _json(description: str, path: str, **params: str) -> Responses:
    """The ``responses=`` of a route answering JSON, or JSONP with ``callback=``: the
    examples are the answers to ``path`` with ``params``, without and with a callback."""
    return answers(
        f"{description}; as JSONP with callback=",
        {
            "application/json": answer_of(url(path, **params)),
            _JSONP: answer_of(url(path, **params, callback="jsonp_callback")),
        },
    )


async def _index(request: Request, state: ServiceState) -> ReconIndex:
    queries_dir = state.settings.queries_dir / "reconcile"
    return await state.derived.get("reconcile index", lambda: load_index(queries_dir, state.reader.unbounded().values))


def _answer(body: Any, callback: str | None) -> Response:
    """JSON, or JSONP when a callback is named."""
    if callback is None:
        return JSONResponse(body)
    if not _CALLBACK.fullmatch(callback):
        raise BadRequest(
            "callback: a JavaScript function name (letters, digits, _, $ and dots, not starting with a digit)"
        )
    # json.dumps escapes every non-ASCII character, U+2028 and U+2029 included
    return Response(f"/**/{callback}({json.dumps(body)});", media_type="application/javascript")


async def _respond(
    request: Request, state: StateDep, queries: str | None, extend: str | None, callback: str | None
) -> Response:
    index = await _index(request, state)
    if queries is not None and extend is not None:
        raise BadRequest("send either queries= (matching) or extend= (data extension), not both")
    if queries is not None:
        batch = read_batch(queries, BATCH_SIZE)
        body: Any = await run_in_threadpool(_match, index, batch)
    elif extend is not None:
        body = await run_in_threadpool(extension.extend, index, read_extend(extend))
    else:
        body = manifest(index, str(request.base_url), __version__)
    return _answer(body, callback)


def _match(index: ReconIndex, batch: dict[str, Any]) -> dict[str, Any]:
    return {
        key: {"result": [candidate.as_json(index) for candidate in candidates(index, query, key)]}
        for key, query in batch.items()
    }


@router.get("/", include_in_schema=False, response_model=None)
@router.get(
    "",
    summary="Reconciliation service: manifest, matching (queries=) or data extension (extend=)",
    response_model=None,
    responses=answers(
        "with queries=, the candidates of each query (shown as JSON); with extend=, property values; without "
        "either, the service manifest (shown as JSONP, with callback=)",
        {
            "application/json": answer_of(url("/reconcile", queries=examples.RECONCILE_QUERIES)),
            _JSONP: answer_of(url("/reconcile", callback="jsonp_callback")),
        },
    ),
)
async def service(
    request: Request,
    state: StateDep,
    queries: Annotated[
        str | None,
        Query(
            description="a reconciliation query batch (JSON)",
            openapi_examples={
                **example(examples.RECONCILE_QUERIES, "Torino, of type City"),
                **example(examples.RECONCILE_QUERIES_BY_IDENTIFIER, "Nizza, with its Wikidata identifier"),
            },
        ),
    ] = None,
    extend: Annotated[
        str | None,
        Query(
            description="a data extension query (JSON)",
            openapi_examples=example(examples.RECONCILE_EXTEND, "the country code and Wikidata item of Turin"),
        ),
    ] = None,
    callback: Callback = None,
) -> Response:
    """Without parameters, the service manifest (paste this URL into OpenRefine); with
    ``queries=``, the candidates of each query, best first; with ``extend=``, property values."""
    return await _respond(request, state, queries, extend, callback)


@router.post("/", include_in_schema=False, response_model=None)
@router.post(
    "",
    summary="Matching (form field queries=) or data extension (form field extend=)",
    response_model=None,
    responses={
        200: {
            "description": "with queries=, the candidates of each query; with extend=, property values",
            "content": {
                "application/json": answer_of(
                    "/reconcile",
                    method="POST",
                    body=urlencode({"queries": examples.RECONCILE_QUERIES}),
                    content_type=_FORM,
                )
            },
        }
    },
    openapi_extra={
        "requestBody": {
            "description": "the form field queries= (matching) or extend= (data extension), as JSON",
            "content": {
                _FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "queries": {"type": "string", "description": "a reconciliation query batch (JSON)"},
                            "extend": {"type": "string", "description": "a data extension query (JSON)"},
                        },
                    },
                    "examples": {
                        "matching": Example(
                            summary="Torino, of type City", value={"queries": examples.RECONCILE_QUERIES}
                        ),
                        "extension": Example(
                            summary="the country code and Wikidata item of Turin",
                            value={"extend": examples.RECONCILE_EXTEND},
                        ),
                    },
                }
            },
        }
    },
)
async def service_form(request: Request, state: StateDep) -> Response:
    """The same as GET, with ``queries`` or ``extend`` in an
    ``application/x-www-form-urlencoded`` body (what OpenRefine sends)."""
    body = await read_body(request, state.settings.max_body_bytes)
    if body and media_type(request) != _FORM:
        raise UnsupportedMediaType(f"send the form fields queries= or extend= as {_FORM}")
    try:
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise BadRequest("the form is not UTF-8 text") from None
    fields = {name: values[0] for name, values in form.items() if values}
    fields.update({name: value for name, value in request.query_params.items() if name not in fields})
    if "queries" not in fields and "extend" not in fields:
        raise BadRequest(
            'send a form field queries= (e.g. queries={"q0": {"query": "Nice"}}) or extend=; '
            "GET /reconcile gives the manifest",
        )
    return await _respond(request, state, fields.get("queries"), fields.get("extend"), None)


@router.get(
    "/preview",
    summary="An entity's card (HTML) for the preview service",
    response_model=None,
    response_class=HTMLResponse,
    responses={
        **answers("the entity's card", {"text/html": answer_of("/reconcile/preview?id=resource/city/turin")}),
        404: {"description": "no entity with this id"},
    },
)
async def preview(
    request: Request,
    state: StateDep,
    id: Annotated[
        str,
        Query(
            max_length=300,
            description="an entity id, e.g. resource/city/nice",
            openapi_examples={
                **example("resource/city/turin", "Turin"),
                **example("concept/threat/vehicle-as-weapon", "Vehicle as a weapon"),
            },
        ),
    ],
) -> HTMLResponse:
    """A small HTML card: name, types, description, identifiers and a link to the entity's page."""
    index = await _index(request, state)
    entity = index.find_entity(id)
    if entity is None:
        return HTMLResponse(
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found</title>'
            "<p>No entity with this id in the PACTESUR knowledge graph.</p></html>",
            status_code=404,
        )
    return HTMLResponse(card(entity, [index.type_ref(t)["name"] for t in entity.types]))


@router.get(
    "/suggest/entity",
    summary="Suggest entities by the beginning of a name",
    response_model=None,
    responses=_json("the entities, best first", "/reconcile/suggest/entity", prefix="Tori"),
)
async def suggest_entity(
    request: Request,
    state: StateDep,
    prefix: Annotated[str, _prefix("Tori", "Torino, Turin in Italian")],
    type: TypeId = None,
    cursor: Cursor = 0,
    limit: SuggestLimit = suggest.DEFAULT_LIMIT,
    callback: Callback = None,
) -> Response:
    """Entities with a name (any language, other names included) that begins with, has a word
    beginning with, or contains the prefix; of one type (subclasses included) with ``type=``."""
    index = await _index(request, state)
    return _answer({"result": suggest.entities(index, prefix, type, cursor, limit)}, callback)


@router.get(
    "/suggest/type",
    summary="Suggest types by the beginning of a name",
    response_model=None,
    responses=_json("the types, best first", "/reconcile/suggest/type", prefix="police"),
)
async def suggest_type(
    request: Request,
    state: StateDep,
    prefix: Annotated[str, _prefix("police", "police forces")],
    cursor: Cursor = 0,
    limit: SuggestLimit = suggest.DEFAULT_LIMIT,
    callback: Callback = None,
) -> Response:
    """The classes that can be reconciled against (City, Organisation and its kinds, Incident,
    Attack, CrowdDisaster, Threat, Measure) with their broader classes."""
    index = await _index(request, state)
    return _answer({"result": suggest.types(index, prefix, cursor, limit)}, callback)


@router.get(
    "/suggest/property",
    summary="Suggest properties by the beginning of a name",
    response_model=None,
    responses=_json("the properties, best first", "/reconcile/suggest/property", prefix="country"),
)
async def suggest_property(
    request: Request,
    state: StateDep,
    prefix: Annotated[str, _prefix("country", "the country code")],
    cursor: Cursor = 0,
    limit: SuggestLimit = suggest.DEFAULT_LIMIT,
    callback: Callback = None,
) -> Response:
    """Properties for queries and data extension: the ontology's properties that entities
    have, and the identifier properties wikidata, geonames and sameAs."""
    index = await _index(request, state)
    return _answer({"result": suggest.properties(index, prefix, cursor, limit)}, callback)


@router.get(
    "/properties",
    summary="Properties to propose for data extension",
    response_model=None,
    responses=_json("the properties, the most common first", "/reconcile/properties", type="City"),
)
async def properties(
    request: Request,
    state: StateDep,
    type: TypeId = None,
    limit: Annotated[
        int, Query(ge=1, le=200, description="properties to return", openapi_examples=example(10, "ten properties"))
    ] = 50,
    callback: Callback = None,
) -> Response:
    """The properties that entities of the type have, the most common first (no type: every
    entity's); none for an unknown type."""
    index = await _index(request, state)
    body = {**({"type": type} if type else {}), "limit": limit, "properties": extension.propose(index, type, limit)}
    return _answer(body, callback)
