"""rdflib's SPARQLStore, read-only, against the running server: queries and triple patterns
through a Graph, as rdflib applications use a remote endpoint."""

from __future__ import annotations

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from ..api.server import RunningServer

NICE = rdflib.URIRef("https://w3id.org/pactesur/resource/city/nice")
PAC = rdflib.Namespace("https://w3id.org/pactesur/ontology#")


def test_sparqlstore_select_and_ask(server: RunningServer) -> None:
    graph = rdflib.Graph(SPARQLStore(f"{server.url}/sparql", returnFormat="json"))
    rows = list(graph.query("SELECT ?city WHERE { ?city a pac:City } ORDER BY ?city LIMIT 3"))
    assert len(rows) == 3
    assert all(isinstance(row[0], rdflib.URIRef) for row in rows)  # type: ignore[index]
    assert graph.query("ASK { city:nice a pac:City }").askAnswer is True


def test_sparqlstore_triple_patterns(server: RunningServer) -> None:
    graph = rdflib.Graph(SPARQLStore(f"{server.url}/sparql"))
    assert (NICE, rdflib.RDF.type, PAC.City) in graph
    labels = {str(label) for label in graph.objects(NICE, rdflib.RDFS.label)}
    assert "Nice" in labels


def test_sparqlstore_construct(server: RunningServer) -> None:
    graph = rdflib.Graph(SPARQLStore(f"{server.url}/sparql"))
    result = graph.query("CONSTRUCT { city:nice rdfs:label ?l } WHERE { city:nice rdfs:label ?l }")
    triples = set(result)
    assert triples
    assert all(triple[0] == NICE for triple in triples)  # type: ignore[index]
