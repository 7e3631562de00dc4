"""Examples for the OpenAPI document at /openapi.json (shown by /docs).

Requests are written here (parameter values, request bodies); answers are not: each route
names the request whose answer is its example (:func:`answer_of`), and ``api.openapi`` puts
that answer, cut short, into the document. ``tests/api/test_openapi.py`` sends every
documented example request to the running service.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi.openapi.models import Example

Responses = dict[int | str, dict[str, Any]]


def example(value: str | int, summary: str | None = None) -> dict[str, Example]:
    """One named example of a parameter for the OpenAPI document (its value is its name).

    >>> example("nice", "Nice")
    {'nice': {'summary': 'Nice', 'value': 'nice'}}
    """
    return {str(value) or "empty": Example(summary=summary or str(value), value=value)}


def parameter(name: str, description: str, examples: dict[str, Example], where: str = "query") -> dict[str, Any]:
    """An optional string parameter, for ``openapi_extra`` of the routes that read their
    parameters from the request themselves (the SPARQL and Graph Store protocols)."""
    return {
        "name": name,
        "in": where,
        "required": False,
        "description": description,
        "schema": {"type": "string"},
        "examples": examples,
    }


def request_body(description: str, media_type: str, value: str) -> dict[str, Any]:
    """A request body with an example, for ``openapi_extra``."""
    return {"requestBody": {"description": description, "content": {media_type: {"example": value}}}}


SOURCE = "x-example-from"
"""Where a documented answer says which request its example is the answer of (replaced by
the example in the document served)."""


def answer_of(
    request: str, *, method: str = "GET", body: str | None = None, content_type: str | None = None
) -> dict[str, Any]:
    """A documented answer whose example is the service's answer to ``request`` (a path
    and query), asked with the answer's media type as Accept.

    >>> answer_of("/api/threats?limit=2")[SOURCE]["request"]
    '/api/threats?limit=2'
    """
    return {SOURCE: {"request": request, "method": method, "body": body, "content_type": content_type}}


def url(path: str, **params: str) -> str:
    """A path with its query string.

    >>> url("/api/search", q="Liège", type="city")
    '/api/search?q=Li%C3%A8ge&type=city'
    """
    return f"{path}?{urlencode(params)}" if params else path


def rest_answer(request: str, description: str = "Successful Response") -> Responses:
    """The ``responses=`` of a REST route, answering JSON or JSON-LD (``rest/answer_format``),
    its examples the answers to ``request``."""
    return answers(description, {"application/json": answer_of(request), "application/ld+json": answer_of(request)})


def answers(description: str, by_media_type: dict[str, dict[str, Any]]) -> Responses:
    """The ``responses=`` of a route answering several media types, each with where its
    example comes from (:func:`answer_of`)."""
    return {200: {"description": description, "content": by_media_type}}


#: a SELECT query over the cities, sent as ``query=``
SPARQL_QUERY = (
    "SELECT ?city ?label WHERE { ?city a <https://w3id.org/pactesur/ontology#City> ; "
    '<http://www.w3.org/2000/01/rdf-schema#label> ?label . FILTER(LANG(?label) = "en") } ORDER BY ?label LIMIT 3'
)

#: the graph of data/cities/cities.ttl
CITIES_GRAPH = "https://w3id.org/pactesur/graph/data/cities/cities"

#: a graph to write with PUT or POST /store (one of the city geometries)
GRAPH = """<https://w3id.org/pactesur/resource/geometry/city-nice> \
<http://purl.org/dc/terms/source> <https://en.wikipedia.org/wiki/Nice> ;
\t<http://www.opengis.net/ont/geosparql#asWKT> \
"POINT(7.2663 43.7034)"^^<http://www.opengis.net/ont/geosparql#wktLiteral> ;
\t<http://www.w3.org/2000/01/rdf-schema#label> "Point of Nice"@en ;
\ta <http://www.opengis.net/ont/geosparql#Geometry> .
"""

#: a contribution missing most of what a city needs
CONTRIBUTION = """@prefix pac: <https://w3id.org/pactesur/ontology#> .
<https://w3id.org/pactesur/resource/city/example> a pac:City .
"""

#: a reconciliation query batch, sent as ``queries=``
RECONCILE_QUERIES = '{"q0": {"query": "Torino", "type": "City"}}'

#: a query decided by an identifier property
RECONCILE_QUERIES_BY_IDENTIFIER = '{"q0": {"query": "Nizza", "properties": [{"pid": "wikidata", "v": "Q33959"}]}}'

#: a data extension query, sent as ``extend=``
RECONCILE_EXTEND = '{"ids": ["resource/city/turin"], "properties": [{"id": "pac:countryCode"}, {"id": "wikidata"}]}'
