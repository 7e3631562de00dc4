"""The curated files themselves: two parsers agree, the ontology header is complete."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from pactesur_kg.sources import SourceFile, discover
from pactesur_kg.store import Store

from .conftest import REPO

SOURCES = discover(REPO)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: str(s.relative))
def test_curated_file_parses_the_same_with_rdflib_and_pyoxigraph(source: SourceFile) -> None:
    with source.path.open("rb") as stream:
        triples = ox.serialize(ox.parse(stream, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    assert triples is not None
    from_oxigraph = rdflib.Graph().parse(data=triples.decode("utf-8"), format="nt")
    from_rdflib = rdflib.Graph().parse(source.path, format="turtle")
    assert len(from_rdflib) == len(from_oxigraph)
    assert isomorphic(from_rdflib, from_oxigraph)


def test_ontology_header_has_version_licence_and_title(graph: Store) -> None:
    rows = graph.select(
        """SELECT ?version ?licence ?title WHERE {
             <https://w3id.org/pactesur/ontology> a owl:Ontology ; owl:versionIRI ?version ;
                 dcterms:license ?licence ; dcterms:title ?title . FILTER(LANG(?title) = "en") }"""
    )
    assert len(rows) == 1
    assert rows[0]["licence"].value == "https://creativecommons.org/licenses/by/4.0/"


def test_ontology_terms_are_labelled_in_english_french_and_italian(graph: Store) -> None:
    missing = graph.select(
        """SELECT ?term ?lang WHERE {
             GRAPH <https://w3id.org/pactesur/graph/ontology/pactesur> { ?term rdfs:isDefinedBy ?o }
             VALUES ?lang { "en" "fr" "it" }
             FILTER NOT EXISTS { ?term rdfs:label ?l FILTER(LANG(?l) = ?lang) } }"""
    )
    assert missing == []


@pytest.mark.parametrize(
    ("kind", "minimum"),
    [
        ("pac:City", 33),
        ("pac:Incident", 25),
        ("pac:Threat", 18),
        ("pac:Measure", 22),
        ("pac:Recommendation", 30),
        ("pac:LessonLearnt", 25),
        ("pac:Event", 14),
        ("pac:Pilot", 3),
        ("pac:WorkPackage", 5),
    ],
)
def test_curated_data_has_at_least(graph: Store, kind: str, minimum: int) -> None:
    rows = graph.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {kind} }}")
    assert int(rows[0]["n"].value) >= minimum


def test_curated_threat_and_concept_labels_in_three_languages(graph: Store) -> None:
    missing = graph.select(
        """SELECT ?concept ?lang WHERE {
             VALUES ?class { pac:Threat pac:Measure pac:Role }
             ?concept a ?class . VALUES ?lang { "en" "fr" "it" }
             FILTER NOT EXISTS { ?concept skos:prefLabel ?l FILTER(LANG(?l) = ?lang) } }"""
    )
    assert missing == []
