"""A REST facade for people who do not write SPARQL: the threat and measure schemes, one
concept, and what to do against a threat. Every route runs a query file of ``queries/api/``
with its parameters bound as RDF terms (see ``binding``), over either backend."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request

from ...namespaces import CONCEPT
from ...sparql.binding import SLUG_PATTERN, bind, concept_iri, keep_lines, text_literal
from ..deps import ServiceState, StateDep
from ..examples import example, rest_answer
from ..rest.answer_format import RestRoute, answer_format
from ..rest.facade import Row, check_text, query_file, query_link, request_language, select
from ..rest.lookup import recommender_iris, unknown_concept
from ..rest.params import Lang, Limit, MeasureSlug, Offset, RecommenderFilter, Search, ThreatSlug
from ..rest.recommendations import add_details, incidents_link, overview
from ..rest.shaping import concept_tree, page, ref

router = APIRouter(prefix="/api", tags=["REST"], route_class=RestRoute, dependencies=[Depends(answer_format)])


async def scheme_answer(
    state: ServiceState, scheme: str, language: str, q: str, limit: int, offset: int
) -> dict[str, Any]:
    check_text("q", q)
    sparql = bind((query_file(state, f"{scheme}s")).text, lang=text_literal(language), q=text_literal(q))
    flat, tree = concept_tree(await select(state, sparql))
    return {
        "scheme": f"{CONCEPT}{scheme}",
        "lang": language,
        **({"q": q} if q else {}),
        **page(flat, limit, offset),
        "tree": tree,
        "query": query_link(sparql),
    }


async def concept_answer(state: ServiceState, scheme: str, slug: str, language: str) -> dict[str, Any]:
    iri = concept_iri(scheme, slug)
    sparql = bind((query_file(state, scheme)).text, concept=iri, lang=text_literal(language))
    rows = await select(state, sparql)
    if not rows:
        raise await unknown_concept(state, scheme, slug, "slug")
    first = rows[0]
    parts: dict[str, list[Row]] = {}
    for row in rows:
        if "part" in row:
            parts.setdefault(row["part"], []).append(row)

    def related(part: str) -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for row in parts.get(part, []):
            found.setdefault(
                row["related"],
                ref(row["related"], row.get("relatedLabel"), row.get("relatedLabelLang")),
            )
        return sorted(found.values(), key=lambda concept: concept["slug"])

    return {
        "slug": slug,
        "iri": iri.value,
        "lang": language,
        "label": first.get("label"),
        "labelLang": first.get("labelLang"),
        "definition": first.get("definition"),
        "definitionLang": first.get("definitionLang"),
        "altLabels": sorted({row["value"] for row in parts.get("altLabel", [])}),
        "broader": related("broader"),
        "narrower": related("narrower"),
        "sources": sorted({row["value"] for row in parts.get("source", [])}),
        "query": query_link(sparql),
    }


@router.get("/threats", summary="The threat scheme, as a tree", responses=rest_answer("/api/threats"))
async def threats(
    request: Request,
    state: StateDep,
    lang: Lang = None,
    q: Search = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every threat concept (slug, IRI, label, definition, broader and narrower concepts):
    ``items`` is one page of the concepts in tree order, ``tree`` nests them under the top
    concepts."""
    return await scheme_answer(state, "threat", request_language(request, lang), q, limit, offset)


@router.get("/threats/{slug}", summary="One threat", responses=rest_answer("/api/threats/vehicle-as-weapon"))
async def threat(request: Request, state: StateDep, slug: ThreatSlug, lang: Lang = None) -> dict[str, Any]:
    """A threat concept with its label, definition, other names, broader and narrower threats
    and sources; 404 with the closest known slugs for an unknown one."""
    return await concept_answer(state, "threat", slug, request_language(request, lang))


@router.get("/measures", summary="The measure scheme, as a tree", responses=rest_answer("/api/measures"))
async def measures(
    request: Request,
    state: StateDep,
    lang: Lang = None,
    q: Search = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every measure concept, as ``/api/threats`` gives the threats."""
    return await scheme_answer(state, "measure", request_language(request, lang), q, limit, offset)


@router.get(
    "/measures/{slug}", summary="One measure", responses=rest_answer("/api/measures/permanent-vehicle-security-barrier")
)
async def measure(request: Request, state: StateDep, slug: MeasureSlug, lang: Lang = None) -> dict[str, Any]:
    """A measure concept, as ``/api/threats/{slug}`` gives a threat."""
    return await concept_answer(state, "measure", slug, request_language(request, lang))


@router.get(
    "/recommendations",
    summary="What to do against a threat",
    responses=rest_answer("/api/recommendations?threat=vehicle-as-weapon"),
)
async def recommendations(
    request: Request,
    state: StateDep,
    threat: Annotated[
        str,
        Query(
            pattern=SLUG_PATTERN,
            max_length=100,
            description="slug of the threat, e.g. vehicle-as-weapon (GET /api/threats lists them)",
            openapi_examples=example("vehicle-as-weapon", "Vehicle as a weapon"),
        ),
    ],
    recommended_by: RecommenderFilter = None,
    lang: Lang = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The measures that mitigate the threat (relation ``exact``), a narrower threat
    (``narrower``) or a broader one (``broader``), ranked in that order and, within each, by
    number of recommendations; each with why (recommendations, who makes them, the kinds of
    evidence they rest on, the lessons learnt behind them in ``basedOn``, and their sources),
    where it was piloted and the lessons learnt about it (up to 10 of each, with their totals and a link to
    the full list). Plus the incidents of that threat type or a narrower one (their number and
    up to 20, with a link to the full list), and the SPARQL query of the overview, with a link
    opening it in the query page. With ``recommendedBy``, only the recommendations made by that
    organisation or project (``pactesur`` for PACTESUR's own), and only the measures they
    recommend."""
    return await recommendations_answer(
        state, threat, request_language(request, lang), limit, offset, recommended_by=recommended_by
    )


async def recommendations_answer(
    state: ServiceState,
    threat: str,
    language: str,
    limit: int,
    offset: int,
    recommended_by: str | None = None,
) -> dict[str, Any]:
    """The answer of ``/api/recommendations`` (the route's documentation says what it holds);
    404 with the closest known slugs for an unknown threat or recommender."""
    iri = concept_iri("threat", threat)
    text = (query_file(state, "recommendations")).text
    filters: dict[str, list[ox.NamedNode]] = {}
    if recommended_by is not None:
        filters["recommender"] = await recommender_iris(state, recommended_by, "recommendedBy")
    sparql = bind(keep_lines(text, filters), threat=iri, lang=text_literal(language), **filters)
    found = overview(await select(state, sparql), recommended_only=recommended_by is not None)
    if found is None:
        raise await unknown_concept(state, "threat", threat, "threat")
    listed = page(found.entries, limit, offset)
    details = (query_file(state, "recommendation-details")).text
    measures = list(dict.fromkeys(entry["measure"]["iri"] for entry in listed["items"]))
    answers = await asyncio.gather(
        *(
            select(state, bind(details, measure=ox.NamedNode(measure), lang=text_literal(language)))
            for measure in measures
        )
    )
    by_measure = dict(zip(measures, answers, strict=True))
    for entry in listed["items"]:
        add_details(entry, by_measure[entry["measure"]["iri"]])
    return {
        "threat": ref(iri.value, found.threat_label, found.threat_label_lang),
        **({"recommendedBy": recommended_by} if recommended_by is not None else {}),
        "lang": language,
        **listed,
        "incidents": found.incidents,
        "incidentsTotal": found.incidents_total,
        "more": {"incidents": incidents_link(threat)},
        "query": query_link(sparql),
    }
