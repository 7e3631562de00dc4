"""The REST facade over the resources of the graph: cities, incidents, lessons learnt, events,
publications and organisations, and a search over every label. Like ``rest``, every route
runs a query file of ``queries/api/`` with its parameters bound as RDF terms (see
``binding``), over either backend."""

from __future__ import annotations

from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from ...sparql.binding import bind, date_literal, page_clause, text_literal
from ...text import fold
from ..deps import ServiceState, StateDep
from ..examples import example, rest_answer
from ..rest.answer_format import RestRoute, answer_format
from ..rest.facade import Row, check_text, paged, query_file, query_link, request_language
from ..rest.lookup import item_rows, slug_filters
from ..rest.params import CityFilter, CitySlug, Day, IncidentSlug, Lang, Limit, MeasureFilter, Offset, ThreatFilter
from ..rest.search_index import CHUNK, KINDS, SearchIndex
from ..rest.shaping import city_entry, collect, incident_entry, number, page_of, role_parts

router = APIRouter(prefix="/api", tags=["REST"], route_class=RestRoute, dependencies=[Depends(answer_format)])

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


# -- cities -----------------------------------------------------------------------------------


@router.get("/cities", summary="The cities", responses=rest_answer("/api/cities"))
async def cities(
    request: Request, state: StateDep, lang: Lang = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The cities by label (slug, IRI, label, country code, population with its year) with their
    role in PACTESUR if any (``lead-partner``, ``partner``, ``associated-city``)."""
    language = request_language(request, lang)
    sparql, rows, total = await paged(state, "cities", language, {}, limit, offset)
    items = [city_entry(item) for item in collect(role_parts(rows, language), CITY_FIELDS, {"role": "via"})]
    return {"lang": language, **page_of(items, total, limit, offset), "query": query_link(sparql)}


CITY_FIELDS = ("countryCode", "population", "populationYear")
_CITY_PARTS = {"countryCode", "wkt", "incident", "pilot", "event", "lesson", "sameAs", "source"}


@router.get("/cities/{slug}", summary="One city", responses=rest_answer("/api/cities/nice"))
async def city(request: Request, state: StateDep, slug: CitySlug, lang: Lang = None) -> dict[str, Any]:
    """A city with its label, country, coordinates (WKT), population, role in PACTESUR (as an
    associated city, or through its municipality as lead partner or partner), its first
    incidents (by date), pilots, events held there (by start date) and lessons learnt from it
    (at most 10 of each, with their ``totals``; ``more`` links to the routes listing them all),
    external identifiers (owl:sameAs) and sources; 404 with the closest known slugs for an
    unknown one."""
    return await city_answer(state, slug, request_language(request, lang))


async def city_answer(state: ServiceState, slug: str, language: str) -> dict[str, Any]:
    """The answer of ``/api/cities/{slug}``; 404 with the closest known slugs."""
    sparql, rows = await item_rows(state, "city", slug, language)
    extras = {"role": "via", "incident": "date", "event": "date"}
    item = city_entry(collect(rows, (*CITY_FIELDS, "wkt"), extras)[0])
    counted = {row["part"]: number(row.get("total")) or 0 for row in rows if "total" in row and "part" in row}
    totals = {plural: counted.get(part, 0) for part, plural in _CITY_LISTS.items()}
    return {
        "lang": language,
        **{key: value for key, value in item.items() if key not in _CITY_PARTS},
        "country": item["countryCode"],
        "coordinates": item["wkt"],
        "incidents": item.get("incident", []),
        "pilots": item.get("pilot", []),
        "events": item.get("event", []),
        "lessons": item.get("lesson", []),
        "totals": totals,
        "more": {
            "incidents": f"/api/incidents?city={slug}",
            "lessons": f"/api/lessons?city={slug}",
        },
        "sameAs": item.get("sameAs", []),
        "sources": item.get("source", []),
        "query": query_link(sparql),
    }


_CITY_LISTS = {"incident": "incidents", "pilot": "pilots", "event": "events", "lesson": "lessons"}
"""The lists of a city's page (cut at 10 items by ``city.rq``), with their totals."""


# -- incidents --------------------------------------------------------------------------------

# the properties that say how a protection fared at an incident, each a key of its answer
PROTECTION_OUTCOMES = ("protectionHeld", "protectionBreached", "protectionBypassed", "protectionAbsent")


@router.get("/incidents", summary="The incidents", responses=rest_answer("/api/incidents"))
async def incidents(
    request: Request,
    state: StateDep,
    threat: ThreatFilter = None,
    city: CityFilter = None,
    from_: Annotated[
        Day | None,
        Query(
            alias="from",
            description="on or after this day (YYYY-MM-DD)",
            openapi_examples=example("2016-01-01", "from the start of 2016"),
        ),
    ] = None,
    to: Annotated[
        Day | None,
        Query(
            description="on or before this day (YYYY-MM-DD)",
            openapi_examples=example("2017-12-31", "until the end of 2017"),
        ),
    ] = None,
    lang: Lang = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The incidents, by date (those of the same day in the store's order): label, date,
    casualties, cities, threat types and sources; ``threat=`` keeps those of that threat type or
    a narrower one, ``city=`` those in that city, ``from=`` and ``to=`` those between the two
    days (included)."""
    language = request_language(request, lang)
    filters: dict[str, ox.NamedNode | ox.Literal] = {
        **await slug_filters(state, threat=("threat", threat), city=("city", city))
    }
    if from_ is not None:
        filters["from"] = date_literal(from_)
    if to is not None:
        filters["to"] = date_literal(to)
    sparql, rows, total = await paged(state, "incidents", language, filters, limit, offset)
    items = [incident_entry(item) for item in collect(rows, ("date", "killed", "injured"), {})]
    return {"lang": language, **page_of(items, total, limit, offset), "query": query_link(sparql)}


@router.get("/incidents/{slug}", summary="One incident", responses=rest_answer("/api/incidents/nice-2016-07-14"))
async def incident(request: Request, state: StateDep, slug: IncidentSlug, lang: Lang = None) -> dict[str, Any]:
    """An incident with its date, cities, public spaces (with their kind), threat types,
    casualties (killed, injured; perpetrators excluded), the protections in place by how they
    fared (``protectionHeld``, ``protectionBreached``, ``protectionBypassed``) and those said to
    be absent (``protectionAbsent``), each a list of measures, empty where no cited page says;
    means used and sources; 404 with the closest known slugs for an unknown one."""
    return await incident_answer(state, slug, request_language(request, lang))


async def incident_answer(state: ServiceState, slug: str, language: str) -> dict[str, Any]:
    """The answer of ``/api/incidents/{slug}``; 404 with the closest known slugs."""
    sparql, rows = await item_rows(state, "incident", slug, language)
    item = collect(rows, ("date", "killed", "injured"), {"publicSpace": "kind"})[0]
    means = item.pop("meansUsed", [])
    protections = {outcome: item.pop(outcome, []) for outcome in PROTECTION_OUTCOMES}
    return {"lang": language, **incident_entry(item), **protections, "meansUsed": means, "query": query_link(sparql)}


# -- lessons ----------------------------------------------------------------------------------


@router.get("/lessons", summary="The lessons learnt", responses=rest_answer("/api/lessons"))
async def lessons(
    request: Request,
    state: StateDep,
    threat: ThreatFilter = None,
    measure: MeasureFilter = None,
    city: CityFilter = None,
    lang: Lang = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The lessons learnt, in the store's order (stable; sorting every lesson by name would cost
    a read of every name): label, statement, the threats and measures they concern, what they
    were learnt from (cities, pilots, events, incidents, publications), sources and the
    ``recommendations`` based on them (pac:basedOnLesson read the other way, by slug);
    ``threat=`` and ``measure=`` keep those about that concept or a narrower one, ``city=``
    those learnt from that city or from something in it."""
    language = request_language(request, lang)
    filters: dict[str, ox.NamedNode | ox.Literal] = {
        **await slug_filters(state, threat=("threat", threat), measure=("measure", measure), city=("city", city))
    }
    sparql, rows, total = await paged(state, "lessons", language, filters, limit, offset)
    items = []
    for item in collect(rows, ("statement", "statementLang"), {}):
        concerns = item.pop("concernsThreat", []) + item.pop("concernsMeasure", [])
        learnt, sources = item.pop("learntFrom", []), item.pop("source", [])
        recommendations = sorted(item.pop("basedOnLesson", []), key=lambda recommendation: recommendation["slug"])
        items.append(
            {**item, "concerns": concerns, "learntFrom": learnt, "sources": sources, "recommendations": recommendations}
        )
    return {"lang": language, **page_of(items, total, limit, offset), "query": query_link(sparql)}


# -- events, publications, organisations ------------------------------------------------------


async def _listing(
    state: ServiceState, name: str, language: str, fields: tuple[str, ...], limit: int, offset: int
) -> dict[str, Any]:
    sparql, rows, total = await paged(state, name, language, {}, limit, offset)
    items = collect(rows, fields, {})
    for item in items:
        item["sources"] = item.pop("source", [])
    return {"lang": language, **page_of(items, total, limit, offset), "query": query_link(sparql)}


@router.get("/events", summary="The events", responses=rest_answer("/api/events"))
async def events(
    request: Request, state: StateDep, lang: Lang = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The events, by start date: label, description (what the event was about or concluded;
    none where the graph has none), type, start and end dates, city (none for an online event),
    organisers and sources."""
    fields = ("description", "descriptionLang", "type", "startDate", "endDate")
    body = await _listing(state, "events", request_language(request, lang), fields, limit, offset)
    for item in body["items"]:
        item["cities"] = item.pop("city", [])
        item["organisedBy"] = item.pop("organisedBy", [])
    return body


@router.get("/publications", summary="The publications", responses=rest_answer("/api/publications"))
async def publications(
    request: Request, state: StateDep, lang: Lang = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The publications, by date: label, type, date (a day, a month or a year), identifier,
    publishers and sources."""
    body = await _listing(
        state, "publications", request_language(request, lang), ("type", "date", "identifier"), limit, offset
    )
    for item in body["items"]:
        item["publishers"] = item.pop("publisher", [])
    return body


@router.get("/organisations", summary="The organisations", responses=rest_answer("/api/organisations"))
async def organisations(
    request: Request, state: StateDep, lang: Lang = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The organisations, in the store's order (stable; sorting every organisation by name would
    cost a read of every name): label, kind, country code, the city they are based in and
    sources."""
    body = await _listing(
        state, "organisations", request_language(request, lang), ("type", "countryCode"), limit, offset
    )
    for item in body["items"]:
        item["kind"] = item.pop("type")
        item["cities"] = item.pop("city", [])
    return body


# -- search -----------------------------------------------------------------------------------


@router.get("/search", summary="Search every label", responses=rest_answer("/api/search?q=nice"))
async def search(
    request: Request,
    state: StateDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="the text, found in any label in any language whatever its case and accents",
            openapi_examples={**example("nice", "Nice and what is named after it"), **example("liege", "Liège")},
        ),
    ],
    type: Annotated[
        str | None,
        Query(
            pattern="^(" + "|".join(KINDS) + ")$",
            description="only this kind: " + ", ".join(KINDS),
            openapi_examples={**example("city", "only cities"), **example("incident", "only incidents")},
        ),
    ] = None,
    lang: Lang = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The cities, incidents, threats, measures, organisations, events, publications, lessons
    and pilots whose labels (in any language, other names included) contain the text, whatever
    its case and accents: first those with a name equal to it, then those with a name starting
    with it, then the others. The route answers from an index of the names read once from the
    graph (``queries/api/search-index.rq``, read again after an update); ``query`` is the
    equivalent SPARQL query, which reads every label."""
    check_text("q", q)
    language = request_language(request, lang)
    folded = fold(q.strip())
    values: dict[str, ox.NamedNode | ox.Literal] = {"q": text_literal(folded), "lang": text_literal(language)}
    if type is not None:
        values["type"] = text_literal(type)
    sparql = bind((query_file(state, "search")).text, **values)
    index = await search_index(state)
    total, items = await run_in_threadpool(index.search, q, type, language, limit, offset)
    return {
        "q": q,
        **({"type": type} if type else {}),
        "lang": language,
        **page_of(items, total, limit, offset),
        "query": query_link(sparql),
    }


async def search_index(state: ServiceState) -> SearchIndex:
    """The index of every name that /api/search answers from, read once until the graph changes."""

    async def load() -> SearchIndex:
        text = (query_file(state, "search-index")).text
        reader = state.reader.unbounded()  # built once per graph and shared
        rows: list[Row] = []
        while True:
            chunk = await reader.values(page_clause(text, CHUNK, len(rows)))
            rows += chunk
            if len(chunk) < CHUNK:
                return await run_in_threadpool(SearchIndex.from_rows, rows)

    return await state.derived.get("search index", load)
