"""The contribution workflow over HTTP: submit, list, show, accept, reject, and the history.

Every route but ``/changes`` needs an account's token (``Authorization: Bearer …``) and
answers 404 while the server runs without ``--contributions``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...contributions.accounts import Account
from ...contributions.atom import atom_feed
from ...contributions.changeset import MEDIA_TYPES
from ...contributions.queue import STATUSES
from ...contributions.workflow import changes_in
from ...errors import BadRequest, InvalidParameter, NotAcceptable, UnsupportedMediaType
from ...namespaces import PREFIXES
from ...sparql.formats import parse_accept
from .. import examples
from ..body import media_type, read_body
from ..deps import ServiceState, StateDep
from ..examples import request_body

router = APIRouter(tags=["Contributions"])

_FORM = "application/x-www-form-urlencoded"
_TOKEN: dict[str, Any] = {"security": [{"contributorToken": []}]}
_AUTH_PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "no token, or a token no account holds"},
    404: {"description": "the workflow is off (no --contributions), or no such contribution of yours"},
}


def _account(state: ServiceState, request: Request) -> Account:
    return state.workflow.accounts.authenticate(request.headers.get("authorization"))


async def _fields(request: Request, state: ServiceState) -> dict[str, str]:
    """The form fields of a form-encoded body (one value each), else none."""
    if media_type(request) != _FORM:
        return {}
    body = await read_body(request, state.settings.max_body_bytes)
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise BadRequest("the form is not UTF-8") from None
    return {name: values[-1] for name, values in parsed.items()}


async def _curator_says(request: Request, state: ServiceState, name: str, given: str) -> tuple[Account, str]:
    """The account deciding and what it says (``name``: a form field, else the query's value)."""
    account = _account(state, request)
    fields = await _fields(request, state)
    return account, fields.get(name) or given


@router.post(
    "/contributions",
    summary="Submit a contribution",
    status_code=201,
    responses={
        201: {"description": "queued for review: its id, the validation report and the diff against the graph"},
        **_AUTH_PROBLEMS,
        422: {"description": "the contribution breaks the shapes or the quality checks: the report; nothing kept"},
    },
    openapi_extra={
        **_TOKEN,
        **request_body(
            "new resources in Turtle (or N-Triples, JSON-LD, RDF/XML), or a correction as a SPARQL Update made "
            "only of DELETE DATA and INSERT DATA (application/sparql-update); or a form with the fields "
            "contribution, format (its media type) and message",
            "text/turtle",
            examples.CONTRIBUTION,
        ),
    },
)
async def submit(
    request: Request,
    state: StateDep,
    message: Annotated[str, Query(description="why, and from what source (also a form field)")] = "",
) -> Response:
    """Validated at once against the shapes, the quality checks and the graph (for a
    correction, the resources as they would be after it). Nothing is visible on `/sparql` or
    the REST routes until a curator accepts it."""
    account = _account(state, request)
    fields = await _fields(request, state)
    if fields:
        body = fields.get("contribution", "").encode("utf-8")
        kind = fields.get("format") or "text/turtle"
    else:
        kind = media_type(request)
        body = await read_body(request, state.settings.max_body_bytes)
    if kind not in MEDIA_TYPES:
        raise UnsupportedMediaType(
            f"unsupported content type {kind or '(none)'!r}; send one of {', '.join(MEDIA_TYPES)} "
            f"(or a form, {_FORM}, with the fields contribution, format and message)"
        )
    submission = await state.workflow.submit(account, body, kind, fields.get("message") or message)
    answer = submission.as_json()  # its diff was made against the graph just now
    return JSONResponse(answer, status_code=201, headers={"location": f"/contributions/{submission.id}"})


@router.get(
    "/contributions",
    summary="List contributions",
    responses={200: {"description": "a curator sees every contribution, a contributor their own"}, **_AUTH_PROBLEMS},
    openapi_extra=_TOKEN,
)
async def list_contributions(
    request: Request,
    state: StateDep,
    status: Annotated[str | None, Query(description="pending, accepted or rejected")] = None,
) -> Response:
    account = _account(state, request)
    if status is not None and status not in STATUSES:
        raise InvalidParameter(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    found = await run_in_threadpool(state.workflow.visible, account, status)
    return JSONResponse({"total": len(found), "contributions": [s.summary() for s in reversed(found)]})


@router.get(
    "/contributions/{identifier}",
    summary="One contribution",
    responses={
        200: {
            "description": "who, when, why, the status and review, the report and the diff against the graph; "
            "with Accept: text/turtle, the statements it adds"
        },
        **_AUTH_PROBLEMS,
    },
    openapi_extra=_TOKEN,
)
async def show(identifier: str, request: Request, state: StateDep) -> Response:
    account = _account(state, request)
    submission = await run_in_threadpool(state.workflow.get, account, identifier)
    for media, _ in parse_accept(request.headers.get("accept")):
        if media == "text/turtle":
            changes = await state.workflow.changes_of(submission)
            turtle = ox.serialize(changes.added, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
            return Response(turtle, media_type="text/turtle; charset=utf-8")
        if media in ("application/json", "*/*", "application/*"):
            break
    else:
        if request.headers.get("accept"):
            raise NotAcceptable("a contribution is JSON (application/json) or its statements in Turtle (text/turtle)")
    return JSONResponse(await state.workflow.describe(submission))


@router.post(
    "/contributions/{identifier}/accept",
    summary="Accept a contribution (curators)",
    responses={
        200: {"description": "accepted: in the graph and in the sources (data/contributions/) at once"},
        **_AUTH_PROBLEMS,
        403: {"description": "a contributor's token: only curators accept"},
        409: {"description": "decided already, or no longer valid against the graph as it is now (the new report)"},
    },
    openapi_extra=_TOKEN,
)
async def accept(
    identifier: str,
    request: Request,
    state: StateDep,
    comment: Annotated[str, Query(description="the curator's comment (also a form field)")] = "",
) -> Response:
    account, said = await _curator_says(request, state, "comment", comment)
    decided = await state.workflow.accept(account, identifier, said)
    return JSONResponse(await state.workflow.describe(decided))


@router.post(
    "/contributions/{identifier}/reject",
    summary="Reject a contribution (curators)",
    responses={
        200: {"description": "rejected, with the reason; the graph is unchanged"},
        400: {"description": "no reason given"},
        **_AUTH_PROBLEMS,
        403: {"description": "a contributor's token: only curators reject"},
        409: {"description": "decided already"},
    },
    openapi_extra=_TOKEN,
)
async def reject(
    identifier: str,
    request: Request,
    state: StateDep,
    reason: Annotated[str, Query(description="why (required; also a form field)")] = "",
) -> Response:
    account, said = await _curator_says(request, state, "reason", reason)
    decided = await state.workflow.reject(account, identifier, said)
    return JSONResponse(await state.workflow.describe(decided))


_ATOM = "application/atom+xml"


@router.get(
    "/changes",
    summary="Accepted contributions, in order",
    responses=examples.answers(
        "the accepted contributions the graph holds, oldest first (JSON), or an Atom feed, newest first "
        "(Accept: application/atom+xml or ?format=atom)",
        {"application/json": examples.answer_of("/changes"), _ATOM: examples.answer_of("/changes?format=atom")},
    ),
)
async def changes(
    request: Request,
    state: StateDep,
    format: Annotated[
        str | None,
        Query(
            description="json or atom (default: by Accept)",
            openapi_examples={**examples.example("json", "JSON"), **examples.example("atom", "an Atom feed")},
        ),
    ] = None,
) -> Response:
    found = await changes_in(state.reader, state.queries)
    accepted = [m for m, _ in parse_accept(request.headers.get("accept")) if m in (_ATOM, "application/json")]
    wanted = format or ("atom" if accepted[:1] == [_ATOM] else "json")
    if wanted == "atom":
        base = str(request.base_url).rstrip("/")
        return Response(atom_feed(found, base), media_type=f"{_ATOM}; charset=utf-8")
    if wanted != "json":
        raise InvalidParameter(f"format must be json or atom, not {wanted!r}")
    return JSONResponse({"total": len(found), "changes": [{**c, "link": f"/contributions/{c['id']}"} for c in found]})
