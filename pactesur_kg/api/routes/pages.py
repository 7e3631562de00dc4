"""Pages for people (HTML, in English, French or Italian): the home page for browsers, the
threat scheme, what works against a threat, and the pages of a measure, a city, an incident, a
lesson learnt and a pilot. They answer from the same query files as the REST routes, read through ``state.reader``; the
pages that cost many queries are kept as values derived from the graph until it changes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request, Response

from ...errors import NotFound
from ...sparql.binding import is_slug
from ..deps import ServiceState, StateDep
from ..page import wants_html
from ..pages import home, lesson, not_found, pilot, resources, scheme, search, threat
from ..pages.frame import PageContext, html_response, page_context
from ..rest.lookup import check_known, name_key, unknown_concept

router = APIRouter(include_in_schema=False)

_SCHEMES = {"threat", "measure"}
_LONGEST = 100
"""The longest slug (as the parameters of the REST routes allow)."""


async def _checked(state: ServiceState, kind: str, slug: str) -> None:
    """Raise :class:`NotFound` with the closest known slugs for a path that is not a slug
    (``Vehicle as weapon``): what it would be written as a slug is looked up instead."""
    if is_slug(slug) and len(slug) <= _LONGEST:
        return
    if len(slug) > _LONGEST:  # no name is that long: nothing to suggest
        raise NotFound(f"slug: no {kind} has a slug of {len(slug)} characters", suggestions=[])
    asked = name_key(slug) or "x"
    if kind in _SCHEMES:
        raise await unknown_concept(state, kind, asked, "slug")
    await check_known(state, kind, asked, "slug")
    raise NotFound(f"slug: {slug!r} is not a slug", suggestions=[asked])


async def _answer(
    state: ServiceState, context: PageContext, kind: str, slug: str, render: Callable[[], Awaitable[str]]
) -> Response:
    try:
        await _checked(state, kind, slug)
        body = await render()
    except NotFound as error:
        return html_response(not_found.render(context, kind, slug, error.suggestions or []), context, 404)
    return html_response(body, context)


def _kept(state: ServiceState, name: str, build: Callable[[], Awaitable[str]]) -> Callable[[], Awaitable[str]]:
    """``build``, its page kept until the graph changes (an error is not kept)."""

    async def kept() -> str:
        return await state.derived.get(name, build)

    return kept


@router.get("/", response_class=Response)
async def home_page(request: Request, state: StateDep) -> Response:
    """The home page for browsers; other clients are sent to the SPARQL endpoint, as before."""
    if not wants_html(request.headers.get("accept")):
        return Response(status_code=303, headers={"location": "/sparql"})
    context = page_context(request)
    bare = PageContext(context.lang, "/")
    body = await state.derived.get(f"page / {context.lang}", lambda: home.home_page(state, bare))
    return html_response(body, context)


@router.get("/search", response_class=Response)
async def search_page(request: Request, state: StateDep) -> Response:
    """What the home page's search box finds: every kind of resource, as /api/search finds it."""
    context = page_context(request)
    return html_response(await search.search_page(state, context, request.query_params.get("q", "")), context)


@router.get("/threats", response_class=Response)
async def threats_page(request: Request, state: StateDep) -> Response:
    context = page_context(request)
    q = request.query_params.get("q", "").strip()
    bare = PageContext(context.lang, "/threats")
    tree = await state.derived.get(f"page /threats tree {context.lang}", lambda: scheme.scheme_tree(state, bare.lang))
    matches = await scheme.matching(state, q, context.lang) if q else None
    return html_response(scheme.render(context, tree, q, matches), context)


@router.get("/threats/{slug}", response_class=Response)
async def threat_page(slug: str, request: Request, state: StateDep) -> Response:
    context = page_context(request)
    bare = PageContext(context.lang, request.url.path)
    build = _kept(state, f"page /threats/{slug} {context.lang}", lambda: threat.threat_page(state, bare, slug))
    return await _answer(state, context, "threat", slug, build)


@router.get("/measures/{slug}", response_class=Response)
async def measure_page(slug: str, request: Request, state: StateDep) -> Response:
    context = page_context(request)
    return await _answer(state, context, "measure", slug, lambda: resources.measure_page(state, context, slug))


@router.get("/cities/{slug}", response_class=Response)
async def city_page(slug: str, request: Request, state: StateDep) -> Response:
    context = page_context(request)
    return await _answer(state, context, "city", slug, lambda: resources.city_page(state, context, slug))


@router.get("/incidents/{slug}", response_class=Response)
async def incident_page(slug: str, request: Request, state: StateDep) -> Response:
    context = page_context(request)
    return await _answer(state, context, "incident", slug, lambda: resources.incident_page(state, context, slug))


@router.get("/lessons/{slug}", response_class=Response)
async def lesson_page(slug: str, request: Request, state: StateDep) -> Response:
    context = page_context(request)
    return await _answer(state, context, "lesson", slug, lambda: lesson.lesson_page(state, context, slug))


@router.get("/pilots/{slug}", response_class=Response)
async def pilot_page(slug: str, request: Request, state: StateDep) -> Response:
    context = page_context(request)
    return await _answer(state, context, "pilot", slug, lambda: pilot.pilot_page(state, context, slug))
