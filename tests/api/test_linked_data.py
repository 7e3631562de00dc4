"""Resource and concept IRIs, and the ontology, by content negotiation."""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox
import pytest

from .server import RunningServer


@pytest.fixture(scope="module")
def server(server_on_every_engine: RunningServer) -> RunningServer:
    """These answers are the same on every engine (conftest.EVERY_ENGINE)."""
    return server_on_every_engine


def test_resource_page_for_browsers(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/resource/city/nice", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Nice</h1>" in response.text
    assert "https://w3id.org/pactesur/resource/city/nice" in response.text
    assert "https://en.wikipedia.org/wiki/Nice" in response.text  # its source


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_resource_as_rdf(server: RunningServer, accept: str, rdf_format: ox.RdfFormat) -> None:
    response = httpx.get(f"{server.url}/resource/incident/nice-2016-07-14", headers={"accept": accept})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=rdf_format))
    killed = [t for t in triples if t.predicate.value == "https://w3id.org/pactesur/ontology#killed"]
    assert [t.object.value for t in killed] == ["86"]


def test_concept_page_links_to_broader_concept(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/concept/threat/penetrative-vehicle-attack", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert 'href="/concept/threat/vehicle-as-weapon"' in response.text


def test_resource_format_parameter(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/resource/city/turin", params={"format": "ntriples"})
    assert response.headers["content-type"].startswith("application/n-triples")


@pytest.mark.parametrize(
    ("retired", "kept"),
    [
        ("barriers-holding-vehicle-bombs-at-stand-off", "stand-off-distance-against-vehicle-bombs"),
        ("security-by-design-for-security-equipment", "security-by-design-from-the-start-of-planning"),
        ("co-production-of-physical-security-measures", "physical-measures-for-all-risks"),
    ],
)
def test_retired_recommendation_leads_to_its_replacement(server: RunningServer, retired: str, kept: str) -> None:
    base = "https://w3id.org/pactesur/resource/recommendation/"
    response = httpx.get(f"{server.url}/resource/recommendation/{retired}", params={"format": "ntriples"})
    assert response.status_code == 200
    triples = {(t.predicate.value, t.object.value) for t in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}
    assert ("http://purl.org/dc/terms/isReplacedBy", f"{base}{kept}") in triples
    assert ("http://www.w3.org/2002/07/owl#deprecated", "true") in triples
    # no longer a recommendation: not in the answers of the REST facade
    body = httpx.get(f"{server.url}/api/recommendations", params={"threat": "vbied"}, timeout=30).json()
    shown = {item["slug"] for entry in body["items"] for item in entry["why"]}
    assert retired not in shown


@pytest.mark.parametrize(
    ("retired", "kept"),
    [
        # it only reported the themes of the Gdańsk annual meeting: now that event's description
        ("gdansk-information-sharing-and-communication", "event/annual-meeting-gdansk-2019"),
        # it restated the rationale of the recommendation, from the same source
        ("art-improves-perceived-safety", "recommendation/art-in-public-spaces"),
    ],
)
def test_retired_lesson_leads_to_its_replacement(server: RunningServer, retired: str, kept: str) -> None:
    response = httpx.get(f"{server.url}/resource/lesson/{retired}", params={"format": "ntriples"})
    assert response.status_code == 200
    triples = {(t.predicate.value, t.object.value) for t in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}
    assert ("http://purl.org/dc/terms/isReplacedBy", f"https://w3id.org/pactesur/resource/{kept}") in triples
    assert ("http://www.w3.org/2002/07/owl#deprecated", "true") in triples
    # no longer a lesson: not in the answers of the REST facade
    body = httpx.get(f"{server.url}/api/lessons", params={"limit": 200}, timeout=30).json()
    assert retired not in {item["slug"] for item in body["items"]}


def test_evidence_concept_page(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/concept/evidence/project-experience", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "Project experience" in response.text


def test_unknown_resource_is_404(server: RunningServer) -> None:
    assert httpx.get(f"{server.url}/resource/city/atlantis", headers={"accept": "text/html"}).status_code == 404
    assert httpx.get(f"{server.url}/concept/threat/nothing").status_code == 404


def test_ontology_page_and_rdf(server: RunningServer) -> None:
    page = httpx.get(f"{server.url}/ontology", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert '<section id="City">' in page.text
    rdf = httpx.get(f"{server.url}/ontology", headers={"accept": "text/turtle"})
    assert rdf.status_code == 200
    assert "https://w3id.org/pactesur/ontology#mitigates" in rdf.text


def city_point(server: RunningServer, slug: str) -> tuple[float, float]:
    """(latitude, longitude) of a city, read from the graph (WKT: longitude first)."""
    query = (
        f"SELECT ?wkt WHERE {{ <https://w3id.org/pactesur/resource/city/{slug}> "
        "<http://www.opengis.net/ont/geosparql#hasGeometry>/<http://www.opengis.net/ont/geosparql#asWKT> ?wkt }"
    )
    bindings = httpx.get(f"{server.url}/sparql", params={"query": query}).json()["results"]["bindings"]
    assert len(bindings) == 1
    longitude, latitude = bindings[0]["wkt"]["value"].removeprefix("POINT(").removesuffix(")").split()
    return float(latitude), float(longitude)


def test_place_page_has_a_map_of_its_point(server: RunningServer) -> None:
    latitude, longitude = city_point(server, "nice")
    page = httpx.get(f"{server.url}/resource/city/nice", headers={"accept": "text/html"}).text
    found = re.search(r'<div id="map" data-lat="([^"]+)" data-lon="([^"]+)" data-label="Nice"></div>', page)
    assert found is not None
    assert (float(found[1]), float(found[2])) == (latitude, longitude)
    assert '<script src="/static/leaflet/leaflet.js"></script>' in page
    assert "data-tiles" not in page  # no tile server unless one is configured
    assert f"{latitude:.4f}\u00b0\u00a0N, {longitude:.4f}\u00b0\u00a0E" in page


@pytest.mark.parametrize(
    "path",
    [
        "/resource/incident/nice-2016-07-14",  # it has a point, but it is no place
        "/resource/public-space/promenade-des-anglais",  # a place without a point
        "/resource/city/magdeburg",  # a city without a point
        "/resource/pilot/nice-promenade-des-anglais",
        "/concept/threat/vehicle-as-weapon",
    ],
)
def test_page_has_no_map_unless_a_place_with_a_point(server: RunningServer, path: str) -> None:
    page = httpx.get(f"{server.url}{path}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'id="map"' not in page.text
    assert "leaflet" not in page.text
