"""The REST facade over the resources of the graph: cities, incidents, lessons learnt, events,
publications and organisations, and a search over every label. Like ``rest``, every route
runs a query file of ``queries/api/`` with its parameters bound as RDF terms (see
``binding``), over either backend."""

from __future__ import annotations

import asyncio
import datetime
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from ...errors import InvalidParameter, NotFound
from ...namespaces import BASE, CONCEPT, RESOURCE
from ...sparql.binding import SLUG_PATTERN, bind, is_slug, keep_lines, page_clause, text_literal
from ...text import fold
from ..deps import ServiceState, StateDep
from ..examples import example, json_answer
from ..rest.facade import (
    Row,
    check_text,
    query_file,
    query_link,
    request_language,
    select,
    slug_of,
    suggest,
)
from ..rest.search_index import CHUNK, SearchIndex
from .rest import Lang, Limit, Offset

router = APIRouter(prefix="/api", tags=["REST"])

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def _slug(value: str, summary: str) -> Any:
    return Path(
        pattern=SLUG_PATTERN,
        max_length=100,
        description=f"lower-case ASCII words joined by hyphens, e.g. {value}",
        openapi_examples=example(value, summary),
    )


CitySlug = Annotated[str, _slug("nice", "Nice")]
IncidentSlug = Annotated[str, _slug("nice-2016-07-14", "2016 Nice truck attack")]


def _slug_filter(description: str, value: str, summary: str) -> Any:
    return Query(
        pattern=SLUG_PATTERN,
        max_length=100,
        description=f"{description} (slug, e.g. {value})",
        openapi_examples=example(value, summary),
    )


ThreatFilter = Annotated[
    str | None,
    _slug_filter("only those about this threat or a narrower one", "vehicle-as-weapon", "Vehicle as a weapon"),
]
MeasureFilter = Annotated[
    str | None,
    _slug_filter(
        "only those about this measure or a narrower one",
        "permanent-vehicle-security-barrier",
        "Permanent vehicle security barrier",
    ),
]
CityFilter = Annotated[str | None, _slug_filter("only those of this city", "nice", "Nice")]

KINDS = ("city", "incident", "threat", "measure", "organisation", "event", "publication", "lesson", "pilot")
"""The kinds ``/api/search`` looks into."""

_ROLE_RANK = {"lead-partner": 0, "coordinator": 1, "partner": 2, "associated-city": 3}

# the IRI of each kind of resource or concept
_PREFIXES = {
    "city": f"{RESOURCE}city/",
    "incident": f"{RESOURCE}incident/",
    "threat": f"{CONCEPT}threat/",
    "measure": f"{CONCEPT}measure/",
}
_PLURALS = {"city": "cities", "incident": "incidents", "threat": "threats", "measure": "measures"}


def _iri(kind: str, slug: str) -> ox.NamedNode:
    if not is_slug(slug):
        raise InvalidParameter(f"invalid parameters: {kind}: not a slug: {slug!r}")
    return ox.NamedNode(f"{_PREFIXES[kind]}{slug}")


def _date(value: datetime.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


async def _names(state: ServiceState, kind: str) -> dict[str, set[str]]:
    sparql = bind((query_file(state, "resource-names")).text, prefix=text_literal(_PREFIXES[kind]))
    names: dict[str, set[str]] = {}
    for row in await select(state, sparql):
        names.setdefault(slug_of(row["concept"]), set()).add(row["name"])
    return names


async def _check_known(state: ServiceState, kind: str, slug: str, parameter: str) -> None:
    """Raise :class:`NotFound` with the closest slugs unless ``slug`` names a known resource of
    ``kind`` (the names of every resource of that kind are read only then)."""
    exists = bind((query_file(state, "resource-exists")).text, item=_iri(kind, slug))
    if await select(state, exists):
        return
    names = await _names(state, kind)
    if slug in names:
        return
    suggestions = suggest(slug, names)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise NotFound(
        f"{parameter}: no {kind} {slug!r}{hint} (GET /api/{_PLURALS[kind]} lists them)", suggestions=suggestions
    )


async def _check_filters(state: ServiceState, **filters: tuple[str, str | None]) -> None:
    for parameter, (kind, slug) in filters.items():
        if slug is not None:
            await _check_known(state, kind, slug, parameter)


def _ref(iri: str, label: str | None) -> dict[str, Any]:
    return {"slug": slug_of(iri), "iri": iri, "label": label}


def _collect(rows: list[Row], fields: tuple[str, ...], extras: dict[str, str]) -> list[dict[str, Any]]:
    """Resources from rows of ``?item``, ``fields`` and parts: one entry per item, with each part
    (``?part``, ``?value``, ``?valueLabel``, ``?valueExtra``) as a list: references
    (slug, IRI, label and the extra under its name in ``extras``) for resources of the graph,
    plain values otherwise."""
    items: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = items.setdefault(
            row["item"],
            {
                **_ref(row["item"], row.get("label")),
                "labelLang": row.get("labelLang"),
                **{name: row.get(name) for name in fields},
                "_parts": {},
            },
        )
        _add_part(item["_parts"], row, extras)
    return [_finish(item) for item in items.values()]


# the parts named by their property in the list queries, and those only there to give each
# resource a row
_PART_NAMES = {"inCity": "city", "basedIn": "city"}
_NO_PART = {"type", "date"}


def _add_part(parts: dict[str, list[Any]], row: Row, extras: dict[str, str]) -> None:
    part, value = row.get("part"), row.get("value")
    if part is None or value is None or part in _NO_PART:
        return
    part = _PART_NAMES.get(part, part)
    values = parts.setdefault(part, [])
    if value.startswith(BASE):
        if any(isinstance(known, dict) and known["iri"] == value for known in values):
            return
        entry = _ref(value, row.get("valueLabel"))
        if part in extras:
            extra = row.get("valueExtra")
            entry[extras[part]] = slug_of(extra.rsplit("#", 1)[-1]) if extra and "#" in extra else extra
        values.append(entry)
    elif value not in values:
        values.append(value)


def _finish(item: dict[str, Any]) -> dict[str, Any]:
    parts = item.pop("_parts")
    return {**item, **parts}


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _roles(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roles = [{**role, "via": role.pop("via", None)} for role in refs]
    return sorted(roles, key=lambda role: (_ROLE_RANK.get(role["slug"], len(_ROLE_RANK)), role["slug"]))


async def _paged(
    state: ServiceState,
    name: str,
    language: str,
    filters: dict[str, ox.NamedNode | ox.Literal],
    limit: int,
    offset: int,
) -> tuple[str, list[Row], int]:
    """The query, rows and total of one page of a list route: ``queries/api/<name>.rq`` chooses
    the page (``LIMIT`` and ``OFFSET``) and describes only its resources, while
    ``<name>-count.rq`` counts them all, the two at once. The lines of an optional filter not
    asked for are dropped from both."""
    page_file, count_file = query_file(state, name), query_file(state, f"{name}-count")
    paged = page_clause(keep_lines(page_file.text, filters), limit, offset)
    sparql = bind(paged, lang=text_literal(language), **filters)
    count = bind(keep_lines(count_file.text, filters), **filters)
    rows, totals = await asyncio.gather(select(state, sparql), select(state, count))
    total = int(totals[0]["total"]) if totals and totals[0].get("total", "").isdigit() else 0
    return sparql, rows, total


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _city(item: dict[str, Any]) -> dict[str, Any]:
    roles = _roles(item.pop("role", []))
    population = item.pop("population", None)
    year = item.pop("populationYear", None)
    return {
        **item,
        "population": {"value": _number(population), "year": year} if population is not None else None,
        "role": roles[0]["slug"] if roles else None,
        "roles": roles,
    }


# -- cities -----------------------------------------------------------------------------------


@router.get("/cities", summary="The cities", responses=json_answer("/api/cities"))
async def cities(
    request: Request, state: StateDep, lang: Lang = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The cities by label (slug, IRI, label, country code, population with its year) with their
    role in PACTESUR if any (``lead-partner``, ``partner``, ``associated-city``)."""
    language = request_language(request, lang)
    sparql, rows, total = await _paged(state, "cities", language, {}, limit, offset)
    items = [_city(item) for item in _collect(_role_parts(rows, language), _CITY_FIELDS, {"role": "via"})]
    return {"lang": language, **_page(items, total, limit, offset), "query": query_link(sparql)}


def _role_parts(rows: list[Row], language: str) -> list[Row]:
    """Rows of cities.rq (a role with its label in the asked language and in English) as rows
    of parts (``role``, with the label in the asked language if there is one)."""
    parts: list[Row] = []
    chosen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if "role" not in row:
            parts.append(row)
            continue
        key = (row["item"], row["role"], row.get("roleVia", ""))
        part = {**row, "part": "role", "value": row["role"], "valueLabel": row.get("roleLabel", "")}
        part["valueExtra"] = row.get("roleVia", "")
        if key not in chosen:
            chosen[key] = len(parts)
            parts.append(part)
        elif row.get("roleLabelLang") == language:
            parts[chosen[key]] = part
    return parts


_CITY_FIELDS = ("countryCode", "population", "populationYear")
_CITY_PARTS = {"countryCode", "wkt", "incident", "pilot", "event", "lesson", "sameAs", "source"}


async def _item_rows(state: ServiceState, kind: str, slug: str, language: str) -> tuple[str, list[dict[str, Any]]]:
    """The query and rows of one resource's route (``queries/api/<kind>.rq``), or 404 with the
    closest known slugs when the graph has nothing about it."""
    iri = _iri(kind, slug)
    sparql = bind((query_file(state, kind)).text, item=iri, lang=text_literal(language))
    rows = [{**row, "item": iri.value} for row in await select(state, sparql)]
    # the row of the resource's own facts first (the other rows are its parts and totals)
    rows.sort(key=lambda row: "part" in row)
    if rows and "part" not in rows[0]:
        return sparql, rows
    await _check_known(state, kind, slug, "slug")
    raise AssertionError(f"no rows for the known {kind} {slug!r}")  # the query and the check disagree


@router.get("/cities/{slug}", summary="One city", responses=json_answer("/api/cities/nice"))
async def city(request: Request, state: StateDep, slug: CitySlug, lang: Lang = None) -> dict[str, Any]:
    """A city with its label, country, coordinates (WKT), population, role in PACTESUR (as an
    associated city, or through its municipality as lead partner or partner), its first
    incidents (by date), pilots, events held there (by start date) and lessons learnt from it
    (at most 10 of each, with their ``totals``; ``more`` links to the routes listing them all),
    external identifiers (owl:sameAs) and sources; 404 with the closest known slugs for an
    unknown one."""
    language = request_language(request, lang)
    sparql, rows = await _item_rows(state, "city", slug, language)
    extras = {"role": "via", "incident": "date", "event": "date"}
    item = _city(_collect(rows, (*_CITY_FIELDS, "wkt"), extras)[0])
    counted = {row["part"]: _number(row.get("total")) or 0 for row in rows if "total" in row and "part" in row}
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


def _incident(item: dict[str, Any]) -> dict[str, Any]:
    return {
        **{key: value for key, value in item.items() if key not in {"city", "threatType", "source", "publicSpace"}},
        "killed": _number(item.get("killed")),
        "injured": _number(item.get("injured")),
        "cities": item.get("city", []),
        **({"publicSpaces": item.get("publicSpace", [])} if "publicSpace" in item else {}),
        "threatTypes": item.get("threatType", []),
        "sources": item.get("source", []),
    }


@router.get("/incidents", summary="The incidents", responses=json_answer("/api/incidents"))
async def incidents(
    request: Request,
    state: StateDep,
    threat: ThreatFilter = None,
    city: CityFilter = None,
    from_: Annotated[
        datetime.date | None,
        Query(
            alias="from",
            description="on or after this day (YYYY-MM-DD)",
            openapi_examples=example("2016-01-01", "from the start of 2016"),
        ),
    ] = None,
    to: Annotated[
        datetime.date | None,
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
    await _check_filters(state, threat=("threat", threat), city=("city", city))
    filters: dict[str, ox.NamedNode | ox.Literal] = {}
    if threat is not None:
        filters["threat"] = _iri("threat", threat)
    if city is not None:
        filters["city"] = _iri("city", city)
    if from_ is not None:
        filters["from"] = _date(from_)
    if to is not None:
        filters["to"] = _date(to)
    sparql, rows, total = await _paged(state, "incidents", language, filters, limit, offset)
    items = [_incident(item) for item in _collect(rows, ("date", "killed", "injured"), {})]
    return {"lang": language, **_page(items, total, limit, offset), "query": query_link(sparql)}


@router.get("/incidents/{slug}", summary="One incident", responses=json_answer("/api/incidents/nice-2016-07-14"))
async def incident(request: Request, state: StateDep, slug: IncidentSlug, lang: Lang = None) -> dict[str, Any]:
    """An incident with its date, cities, public spaces (with their kind), threat types,
    casualties (killed, injured; perpetrators excluded), means used and sources; 404 with the
    closest known slugs for an unknown one."""
    language = request_language(request, lang)
    sparql, rows = await _item_rows(state, "incident", slug, language)
    item = _collect(rows, ("date", "killed", "injured"), {"publicSpace": "kind"})[0]
    means = item.pop("meansUsed", [])
    return {"lang": language, **_incident(item), "meansUsed": means, "query": query_link(sparql)}


# -- lessons ----------------------------------------------------------------------------------


@router.get("/lessons", summary="The lessons learnt", responses=json_answer("/api/lessons"))
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
    were learnt from (cities, pilots, events, incidents, publications) and sources;
    ``threat=`` and ``measure=`` keep those about that concept or a narrower one, ``city=``
    those learnt from that city or from something in it."""
    language = request_language(request, lang)
    await _check_filters(state, threat=("threat", threat), measure=("measure", measure), city=("city", city))
    filters: dict[str, ox.NamedNode | ox.Literal] = {}
    if threat is not None:
        filters["threat"] = _iri("threat", threat)
    if measure is not None:
        filters["measure"] = _iri("measure", measure)
    if city is not None:
        filters["city"] = _iri("city", city)
    sparql, rows, total = await _paged(state, "lessons", language, filters, limit, offset)
    items = []
    for item in _collect(rows, ("statement",), {}):
        concerns = item.pop("concernsThreat", []) + item.pop("concernsMeasure", [])
        learnt, sources = item.pop("learntFrom", []), item.pop("source", [])
        items.append({**item, "concerns": concerns, "learntFrom": learnt, "sources": sources})
    return {"lang": language, **_page(items, total, limit, offset), "query": query_link(sparql)}


# -- events, publications, organisations ------------------------------------------------------


async def _listing(
    state: ServiceState, name: str, language: str, fields: tuple[str, ...], limit: int, offset: int
) -> dict[str, Any]:
    sparql, rows, total = await _paged(state, name, language, {}, limit, offset)
    items = _collect(rows, fields, {})
    for item in items:
        item["sources"] = item.pop("source", [])
    return {"lang": language, **_page(items, total, limit, offset), "query": query_link(sparql)}


@router.get("/events", summary="The events", responses=json_answer("/api/events"))
async def events(
    request: Request, state: StateDep, lang: Lang = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The events, by start date: label, type, start and end dates, city (none for an online
    event), organisers and sources."""
    body = await _listing(
        state, "events", request_language(request, lang), ("type", "startDate", "endDate"), limit, offset
    )
    for item in body["items"]:
        item["cities"] = item.pop("city", [])
        item["organisedBy"] = item.pop("organisedBy", [])
    return body


@router.get("/publications", summary="The publications", responses=json_answer("/api/publications"))
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


@router.get("/organisations", summary="The organisations", responses=json_answer("/api/organisations"))
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


@router.get("/search", summary="Search every label", responses=json_answer("/api/search?q=nice"))
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
    index = await _search_index(state)
    total, items = await run_in_threadpool(index.search, q, type, language, limit, offset)
    return {
        "q": q,
        **({"type": type} if type else {}),
        "lang": language,
        **_page(items, total, limit, offset),
        "query": query_link(sparql),
    }


async def _search_index(state: ServiceState) -> SearchIndex:
    async def load() -> SearchIndex:
        text = (query_file(state, "search-index")).text
        rows: list[Row] = []
        while True:
            chunk = await select(state, page_clause(text, CHUNK, len(rows)))
            rows += chunk
            if len(chunk) < CHUNK:
                return await run_in_threadpool(SearchIndex.from_rows, rows)

    return await state.derived.get("search index", load)
