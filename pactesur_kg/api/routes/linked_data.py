"""Linked-data pages: every resource and concept IRI of the graph, and the ontology, can be
looked up by a person (HTML) and by a machine (Turtle, JSON-LD, N-Triples, RDF/XML)."""

from __future__ import annotations

import asyncio
import html
import re
from collections import defaultdict
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse

from ...describe import serialize_triples
from ...errors import NotAcceptable, NotFound
from ...namespaces import BASE
from ...ontodoc import render, short_iri
from ...settings import Settings
from ...sparql.formats import GRAPH_FORMATS, negotiate, parse_accept
from ..deps import ServiceState, StateDep
from ..examples import Responses, answer_of, answers, example, parameter
from ..page import wants_html

router = APIRouter(tags=["Linked data"])

_FORMAT = parameter(
    "format",
    "the RDF format, instead of Accept: turtle, jsonld, ntriples or rdfxml",
    {**example("turtle", "Turtle"), **example("jsonld", "JSON-LD")},
)


_PAGE_MEDIA_TYPES = ("text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")


def _page(path: str) -> Responses:
    return answers(
        "a readable page for browsers (Accept: text/html), RDF for machines",
        {media: answer_of(path) for media in _PAGE_MEDIA_TYPES},
    )


_NUMBER = r"([-+]?\d+(?:\.\d+)?)"
_POINT = re.compile(
    rf"\s*(?:<http://www\.opengis\.net/def/crs/OGC/1\.3/CRS84>\s*)?POINT\s*\(\s*{_NUMBER}\s+{_NUMBER}\s*\)\s*",
    re.IGNORECASE,
)


def wkt_point(wkt: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a WKT point (longitude first, WGS 84); None for another shape.

    >>> wkt_point("POINT(7.2663 43.7034)")
    (43.7034, 7.2663)
    >>> wkt_point("LINESTRING(0 0, 1 1)") is None
    True
    """
    found = _POINT.fullmatch(wkt)
    if found is None:
        return None
    longitude, latitude = float(found[1]), float(found[2])
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


async def _place_point(state: ServiceState, node: ox.NamedNode) -> tuple[float, float] | None:
    """Where the place ``node`` is, if it is a place (a city, a public space) with a point."""
    rows = await state.reader.select(state.queries.text("service/place-point"), node=node)
    return wkt_point(rows[0]["wkt"].value) if rows else None


def _map(title: str, point: tuple[float, float] | None, tiles: str | None, attribution: str) -> str:
    """The map of a place: a marker over the offline basemap (country borders and coastlines)
    with a scale (Leaflet, from /static), on the tiles of ``tiles`` only when they are configured."""
    if point is None:
        return ""
    latitude, longitude = point
    where = (
        f"{abs(latitude):.4f}\u00b0\u00a0{'N' if latitude >= 0 else 'S'}, "
        f"{abs(longitude):.4f}\u00b0\u00a0{'E' if longitude >= 0 else 'W'}"
    )
    data = {"lat": repr(latitude), "lon": repr(longitude), "label": title}
    if tiles:
        data |= {"tiles": tiles, "attribution": attribution}
    attributes = " ".join(f'data-{name}="{html.escape(value)}"' for name, value in data.items())
    return f"""<figure class="place-map"><div id="map" {attributes}></div>
<figcaption class="coordinates">{where} (WGS 84)</figcaption></figure>
<script src="/static/leaflet/leaflet.js"></script>
<script src="/static/topojson-client/topojson-client.min.js"></script>
<script src="/static/pactesur-map.js"></script>
"""


async def _incoming(state: ServiceState, node: ox.NamedNode) -> list[tuple[str, str]]:
    """(subject, property) of the statements that point to ``node``, for the page's
    "referred to by" part."""
    rows = await state.reader.values(state.queries.text("service/incoming"), node=node)
    return [(row["subject"], row["property"]) for row in rows]


async def _labels(state: ServiceState, nodes: set[str]) -> dict[str, str]:
    if not nodes:
        return {}
    named = [ox.NamedNode(node) for node in sorted(nodes)]
    labels: dict[str, str] = {}
    for row in await state.reader.values(state.queries.text("service/labels"), node=named):
        labels.setdefault(row["node"], row["label"])  # the rows come best first
    return labels


def _href(iri: str) -> str:
    """Local page for the graph's own IRIs, the IRI itself for the rest of the web."""
    return iri[len(BASE) - 1 :] if iri.startswith(f"{BASE}resource/") or iri.startswith(f"{BASE}concept/") else iri


def _html_page(
    iri: str,
    triples: list[ox.Triple],
    labels: dict[str, str],
    incoming: list[tuple[str, str]],
    settings: Settings,
    point: tuple[float, float] | None = None,
    history: list[dict[str, str]] | None = None,
) -> str:
    grouped: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]] = defaultdict(list)
    for triple in triples:
        grouped[triple.predicate.value].append(triple.object)  # type: ignore[arg-type]
    title = labels.get(iri, iri.rsplit("/", 1)[-1])
    rows = []
    for predicate in sorted(grouped, key=short_iri):
        cells = []
        for value in sorted(grouped[predicate], key=str):
            if isinstance(value, ox.NamedNode):
                text = labels.get(value.value, short_iri(value.value))
                cells.append(f'<a href="{html.escape(_href(value.value))}">{html.escape(text)}</a>')
            elif isinstance(value, ox.Literal):
                language = f' <span class="lang">@{value.language}</span>' if value.language else ""
                cells.append(f"{html.escape(value.value)}{language}")
        rows.append(f"<tr><th>{html.escape(short_iri(predicate))}</th><td>{'<br>'.join(cells)}</td></tr>")
    place_map = _map(title, point, settings.map_tiles, settings.map_attribution)
    leaflet = '<link rel="stylesheet" href="/static/leaflet/leaflet.css">' if place_map else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>{html.escape(title)}: PACTESUR knowledge graph</title>{leaflet}
<style>body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.4 }}
th {{ text-align: left; vertical-align: top; padding: .3rem 1rem .3rem 0; color: #555; font-weight: normal }}
td {{ padding: .3rem 0 }} .lang, .iri {{ color: #595959; font-size: .85rem }}
.place-map {{ margin: 1rem 0 }} #map {{ height: 18rem; border: 1px solid #ccd }}
#map.map-plain {{ background: #eef2f5 }}
.coordinates {{ color: #555; font-size: .9rem; margin-top: .3rem }}</style></head>
<body><p><a href="/sparql">SPARQL</a> · <a href="/ontology">ontology</a></p>
<h1>{html.escape(title)}</h1><p class="iri"><code>{html.escape(iri)}</code></p>
{place_map}<table>{"".join(rows)}</table>
{_referred_to_by(incoming, labels)}
{_history_section(history or [])}
<p class="iri">Also as <a href="?format=turtle">Turtle</a>, <a href="?format=jsonld">JSON-LD</a>,
<a href="?format=ntriples">N-Triples</a>, <a href="?format=rdfxml">RDF/XML</a>.</p>
</body></html>
"""


async def _history(state: ServiceState, node: ox.NamedNode) -> list[dict[str, str]]:
    """The accepted contributions that touched ``node``, oldest first."""
    return await state.reader.values(state.queries.text("service/history-of"), node=node)


def _history_section(history: list[dict[str, str]]) -> str:
    if not history:
        return ""
    items = "".join(
        f'<li><a href="/changes">Contribution {html.escape(row["identifier"])}</a> by '
        f"{html.escape(row['submitter'])}, accepted by {html.escape(row['curator'])} on "
        f"{html.escape(row['accepted'][:10])}"
        + (f": {html.escape(row['message'])}" if row.get("message") else "")
        + "</li>"
        for row in history
    )
    return f'<h2>History</h2><ul class="history">{items}</ul>'


def _referred_to_by(incoming: list[tuple[str, str]], labels: dict[str, str]) -> str:
    if not incoming:
        return ""
    through: dict[str, list[str]] = defaultdict(list)  # one entry per resource, its properties together
    for subject, prop in incoming:
        through[subject].append(short_iri(prop))
    items = "".join(
        f'<li><a href="{html.escape(_href(subject))}">{html.escape(labels.get(subject, short_iri(subject)))}</a>'
        f' <span class="lang">({html.escape(", ".join(sorted(props)))})</span></li>'
        for subject, props in sorted(through.items(), key=lambda item: labels.get(item[0], item[0]))
    )
    return f'<h2>Referred to by</h2><ul class="incoming">{items}</ul>'


async def _describe(request: Request, state: ServiceState, iri: str) -> Response:
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise NotFound(f"<{iri}> is not in this graph (it is not a valid IRI)") from None
    triples = await state.reader.construct(state.queries.text("service/statements-about"), node=node)
    if not triples:
        raise NotFound(f"<{iri}> is not in this graph")
    format_name = request.query_params.get("format")
    if format_name is None and wants_html(request.headers.get("accept")):
        incoming, point, history = await asyncio.gather(
            _incoming(state, node), _place_point(state, node), _history(state, node)
        )
        linked = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)} | {iri}
        labels = await _labels(state, linked | {subject for subject, _ in incoming})
        return HTMLResponse(_html_page(iri, triples, labels, incoming, state.settings, point, history))
    if format_name:
        chosen = next((f for f in GRAPH_FORMATS if f.name == format_name), None)
    else:
        chosen = negotiate(parse_accept(request.headers.get("accept")), "graph")
    if chosen is None:
        raise NotAcceptable(
            "ask for text/html, text/turtle, application/ld+json, application/n-triples or application/rdf+xml"
        )
    return Response(
        serialize_triples(triples, chosen.name), headers={"content-type": chosen.content_type, "vary": "Accept"}
    )


@router.get(
    "/resource/{kind}/{slug}",
    response_class=Response,
    summary="A resource of the graph (HTML or RDF)",
    responses=_page("/resource/city/nice"),
    openapi_extra={"parameters": [_FORMAT]},
)
async def resource(
    kind: Annotated[str, Path(description="the kind of resource", openapi_examples=example("city", "a city"))],
    slug: Annotated[str, Path(description="its slug", openapi_examples=example("nice", "Nice"))],
    request: Request,
    state: StateDep,
) -> Response:
    return await _describe(request, state, f"{BASE}resource/{kind}/{slug}")


@router.get(
    "/concept/{scheme}/{slug}",
    response_class=Response,
    summary="A concept of the threat, measure, role or evidence scheme (HTML or RDF)",
    responses=_page("/concept/threat/vehicle-as-weapon"),
    openapi_extra={"parameters": [_FORMAT]},
)
async def concept(
    scheme: Annotated[
        str,
        Path(description="threat, measure, role or evidence", openapi_examples=example("threat", "the threat scheme")),
    ],
    slug: Annotated[
        str, Path(description="its slug", openapi_examples=example("vehicle-as-weapon", "Vehicle as a weapon"))
    ],
    request: Request,
    state: StateDep,
) -> Response:
    return await _describe(request, state, f"{BASE}concept/{scheme}/{slug}")


@router.get(
    "/ontology",
    response_class=Response,
    summary="The ontology: documentation for browsers, RDF for machines",
    responses=_page("/ontology"),
)
async def ontology(request: Request, state: StateDep) -> Response:
    if wants_html(request.headers.get("accept")) and "format" not in request.query_params:

        async def documentation() -> bytes:
            return (await render(state.reader.unbounded(), state.queries)).encode("utf-8")

        return HTMLResponse(await state.derived.get("ontology.html", documentation))
    chosen = negotiate(parse_accept(request.headers.get("accept")), "graph")
    if chosen is None:
        raise NotAcceptable(
            "ask for text/html, text/turtle, application/ld+json, application/n-triples or application/rdf+xml"
        )
    triples = await state.ontology()
    return Response(
        serialize_triples(triples, chosen.name), headers={"content-type": chosen.content_type, "vary": "Accept"}
    )
