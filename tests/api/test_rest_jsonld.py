"""JSON-LD from the REST routes: read by two JSON-LD processors (rdflib and PyLD) into the
same statements, every one of which the graph holds, on every engine; JSON stays the
default, other media types get 406."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import rdflib
from pyld import jsonld

from .server import RunningServer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(server_on_every_engine: RunningServer) -> RunningServer:
    """These answers are the same on every engine (conftest.EVERY_ENGINE)."""
    return server_on_every_engine


ROUTES = [
    "/api/recommendations?threat=vehicle-as-weapon",
    "/api/recommendations?threat=vehicle-as-weapon&lang=fr",
    "/api/recommendations?threat=vehicle-as-weapon&recommendedBy=pactesur",
    "/api/cities",
    "/api/cities/nice?lang=it",
    "/api/threats",
    "/api/threats/vehicle-as-weapon",
    "/api/measures/permanent-vehicle-security-barrier",
    "/api/incidents",
    "/api/incidents/nice-2016-07-14",
    "/api/lessons",
    "/api/events",
    "/api/events?lang=it",
    "/api/publications",
    "/api/organisations",
    "/api/search?q=nice",
]
PAC = "https://w3id.org/pactesur/ontology#"
RDF_TYPE = rdflib.RDF.type

# rdflib's JSON-LD parser itself goes through its deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def _local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """PyLD's document loader, for the service's own context only."""
    assert urlsplit(url).hostname == "127.0.0.1", url
    response = httpx.get(url, headers={"accept": "application/ld+json"})
    response.raise_for_status()
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": response.json()}


def _jsonld(server: RunningServer, route: str) -> dict[str, Any]:
    response = httpx.get(server.url + route, headers={"accept": "application/ld+json"}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    body: dict[str, Any] = response.json()
    return body


def _statements(document: dict[str, Any]) -> tuple[set[Any], set[Any]]:
    """The statements rdflib and PyLD read from a JSON-LD document."""
    by_rdflib = set(rdflib.Graph().parse(data=json.dumps(document), format="json-ld"))
    quads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _local_loader})
    by_pyld = set(rdflib.Graph().parse(data=quads, format="nt"))
    return by_rdflib, by_pyld


def _held(server: RunningServer, statements: set[Any]) -> set[Any]:
    """Those of ``statements`` the graph holds, by one SELECT on /sparql of every statement
    about their subjects (rows of texts in a language in one VALUES block match nothing on
    Virtuoso 7.2: docs/engines.md)."""
    values = " ".join(sorted({s.n3() for s, _, _ in statements}))
    query = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"
    response = httpx.post(
        f"{server.url}/sparql", data={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    result = rdflib.query.Result.parse(io.BytesIO(response.content), format="json")
    return statements & {tuple(row) for row in result}  # type: ignore[arg-type]


@pytest.mark.parametrize("route", ROUTES)
def test_rest_jsonld_statements_are_in_the_graph(server: RunningServer, route: str) -> None:
    by_rdflib, by_pyld = _statements(_jsonld(server, route))
    assert by_rdflib == by_pyld
    assert len(by_rdflib) >= 10
    assert not [t for t in by_rdflib if any(isinstance(term, rdflib.BNode) for term in t)]
    assert {p for _, p, o in by_rdflib if p == RDF_TYPE and str(o).startswith(PAC)}
    missing = by_rdflib - _held(server, by_rdflib)
    assert not missing, sorted(missing)[:10]


def test_rest_jsonld_of_recommendations_says_what_the_json_says(server: RunningServer) -> None:
    route = "/api/recommendations?threat=vehicle-as-weapon"
    answer = httpx.get(server.url + route).json()
    statements, _ = _statements(_jsonld(server, route))
    entry = answer["items"][0]
    measure = rdflib.URIRef(entry["measure"]["iri"])
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    assert (measure, RDF_TYPE, rdflib.URIRef(PAC + "Measure")) in statements
    assert (measure, skos.prefLabel, rdflib.Literal(entry["measure"]["label"], lang="en")) in statements
    for why in entry["why"]:
        assert (rdflib.URIRef(why["iri"]), rdflib.URIRef(PAC + "recommendsMeasure"), measure) in statements
    for threat in entry["mitigates"]:
        assert (measure, rdflib.URIRef(PAC + "mitigates"), rdflib.URIRef(threat["iri"])) in statements
    # computed keys make no statement
    literals = {str(o) for _, _, o in statements if isinstance(o, rdflib.Literal)}
    assert not literals & {"exact", "narrower", "broader", str(answer["total"])}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_rest_jsonld_of_recommendations_says_which_lessons_are_behind_them(server: RunningServer, lang: str) -> None:
    route = f"/api/recommendations?threat=vehicle-as-weapon&lang={lang}&limit=200"
    answer = httpx.get(server.url + route).json()
    document = _jsonld(server, route)
    by_rdflib, by_pyld = _statements(document)
    assert by_rdflib == by_pyld
    based_on = rdflib.URIRef(PAC + "basedOnLesson")
    expected = set()
    for entry in answer["items"]:
        for why in entry["why"]:
            for lesson in why["basedOn"]:
                node = rdflib.URIRef(lesson["iri"])
                expected.add((rdflib.URIRef(why["iri"]), based_on, node))
                assert (node, RDF_TYPE, rdflib.URIRef(PAC + "LessonLearnt")) in by_rdflib
                assert (node, rdflib.RDFS.label, rdflib.Literal(lesson["label"], lang=lang)) in by_rdflib
    # Liège's mobile barriers rest on three lessons (data/recommendations/recommendations.ttl)
    assert len({o for s, _, o in expected if str(s).endswith("/temporary-barriers-for-events")}) == 3
    assert {t for t in by_rdflib if t[1] == based_on} == expected
    assert not expected - _held(server, expected)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_rest_jsonld_of_lessons_says_which_recommendations_rest_on_them(server: RunningServer, lang: str) -> None:
    # the lessons' "recommendations" read pac:basedOnLesson the other way (@reverse): the
    # statements made run from the recommendation to the lesson, as the graph holds them
    route = f"/api/lessons?lang={lang}&limit=200"
    answer = httpx.get(server.url + route).json()
    by_rdflib, by_pyld = _statements(_jsonld(server, route))
    assert by_rdflib == by_pyld
    based_on = rdflib.URIRef(PAC + "basedOnLesson")
    expected = {
        (rdflib.URIRef(recommendation["iri"]), based_on, rdflib.URIRef(lesson["iri"]))
        for lesson in answer["items"]
        for recommendation in lesson["recommendations"]
    }
    for lesson in answer["items"]:
        for recommendation in lesson["recommendations"]:
            node = rdflib.URIRef(recommendation["iri"])
            assert (node, rdflib.RDFS.label, rdflib.Literal(recommendation["label"], lang=lang)) in by_rdflib
    # every pac:basedOnLesson of the curated recommendations (all lessons fit on the page)
    curated = rdflib.Graph().parse(REPO / "data" / "recommendations" / "recommendations.ttl")
    assert answer["total"] == len(answer["items"])
    assert expected == set(curated.triples((None, based_on, None)))
    assert {t for t in by_rdflib if t[1] == based_on} == expected
    assert not expected - _held(server, expected)


def test_rest_jsonld_of_events_gives_their_descriptions(server: RunningServer) -> None:
    route = "/api/events?lang=fr&limit=200"
    answer = httpx.get(server.url + route).json()
    statements, _ = _statements(_jsonld(server, route))
    described = {
        (rdflib.URIRef(event["iri"]), rdflib.DCTERMS.description, rdflib.Literal(event["description"], lang="fr"))
        for event in answer["items"]
        if event["description"] is not None
    }
    # the four meetings of data/events/events.ttl with a description
    assert len(described) == 4
    assert {t for t in statements if t[1] == rdflib.DCTERMS.description} == described


def test_rest_jsonld_by_format_parameter(embedded_server: RunningServer) -> None:
    asked = httpx.get(f"{embedded_server.url}/api/cities/nice", params={"format": "jsonld"})
    assert asked.headers["content-type"] == "application/ld+json"
    assert asked.json()["@context"] == f"{embedded_server.url}/api/context.jsonld"
    plain = httpx.get(
        f"{embedded_server.url}/api/cities/nice", params={"format": "json"}, headers={"accept": "application/ld+json"}
    )
    assert plain.headers["content-type"] == "application/json"
    assert "@context" not in plain.json()


def test_rest_json_stays_the_default_and_links_its_jsonld(embedded_server: RunningServer) -> None:
    for accept in (None, "*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8"):
        headers = {"accept": accept} if accept else {}
        answer = httpx.get(f"{embedded_server.url}/api/cities", params={"limit": 1}, headers=headers)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json"
    assert "Accept" in answer.headers["vary"]
    link = answer.headers["link"]
    assert 'rel="alternate"; type="application/ld+json"' in link
    assert "format=jsonld" in link
    assert "limit=1" in link


@pytest.mark.parametrize("accept", ["text/turtle", "text/html", "application/xml", "application/ld+json;q=0"])
def test_rest_refuses_media_types_not_served(embedded_server: RunningServer, accept: str) -> None:
    answer = httpx.get(f"{embedded_server.url}/api/threats", headers={"accept": accept})
    assert answer.status_code == 406
    assert answer.json()["error"] == "not-acceptable"
    assert "application/ld+json" in answer.json()["message"]


def test_rest_refuses_an_unknown_format(embedded_server: RunningServer) -> None:
    answer = httpx.get(f"{embedded_server.url}/api/threats", params={"format": "turtle"})
    assert answer.status_code == 422


def test_rest_context_is_published(embedded_server: RunningServer) -> None:
    answer = httpx.get(f"{embedded_server.url}/api/context.jsonld")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/ld+json"
    context = answer.json()["@context"]
    assert context["iri"] == "@id"
    assert context["City"]["@id"] == "pac:City"
    assert context["basedOn"] == {"@id": "pac:basedOnLesson", "@type": "@id"}
    assert context["description"] == {"@id": "dcterms:description"}
    # computed keys are not in it
    assert not {"slug", "total", "limit", "offset", "relation", "more", "query"} & set(context)


def test_rest_openapi_documents_json_and_jsonld(embedded_server: RunningServer) -> None:
    document = httpx.get(f"{embedded_server.url}/openapi.json", timeout=60).json()
    rest = {path: item for path, item in document["paths"].items() if path.startswith("/api/") and "jsonld" not in path}
    assert len(rest) >= 13
    for path, item in rest.items():
        content = item["get"]["responses"]["200"]["content"]
        assert set(content) == {"application/json", "application/ld+json"}, path
        assert "@context" in content["application/ld+json"]["example"], path
        assert "format" in {parameter["name"] for parameter in item["get"]["parameters"]}, path
