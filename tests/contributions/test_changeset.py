"""Reading what a submission asks to change: additions in RDF, corrections as DATA updates."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from pactesur_kg.contributions.changeset import read_changeset
from pactesur_kg.errors import BadRequest, PayloadTooLarge, UnreadableContribution

from .conftest import LESSON

LESSON_IRI = "https://w3id.org/pactesur/resource/lesson/contributed-example"


def test_changeset_reads_turtle_as_an_addition_with_lines() -> None:
    changes = read_changeset(LESSON, "text/turtle")
    assert changes.kind == "addition"
    assert len(changes.added) == 7
    assert changes.removed == []
    assert [str(node) for node in changes.subjects] == [f"<{LESSON_IRI}>"]
    assert changes.origins[LESSON_IRI] == ("contribution", 10)


def test_changeset_reads_a_correction_with_project_prefixes() -> None:
    update = b"""DELETE DATA {
  lesson:x rdfs:label "Old"@en .
  GRAPH <https://w3id.org/pactesur/graph/data/lessons/lessons> { lesson:x pac:statement "S"@en }
} ;
INSERT DATA { lesson:x rdfs:label "New"@en }"""
    changes = read_changeset(update, "application/sparql-update")
    assert changes.kind == "correction"
    lesson = ox.NamedNode("https://w3id.org/pactesur/resource/lesson/x")
    assert changes.added == [
        ox.Triple(lesson, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("New", language="en"))
    ]
    assert {(str(r.triple.object), r.graph) for r in changes.removed} == {
        ('"Old"@en', None),
        ('"S"@en', "https://w3id.org/pactesur/graph/data/lessons/lessons"),
    }


@pytest.mark.parametrize(
    ("update", "reason"),
    [
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE is not allowed"),
        ("CLEAR ALL", "CLEAR is not allowed"),
        ("LOAD <http://127.0.0.1:9/x.ttl>", "LOAD and SERVICE"),
        ("INSERT { ?s a pac:City } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "LOAD and SERVICE"),
        ("INSERT DATA { GRAPH <urn:g> { lesson:x rdfs:label 'x' } }", "leave out GRAPH"),
        ("DELETE DATA { lesson:x rdfs:seeAlso _:b }", "blank nodes are not allowed in DELETE DATA"),
    ],
)
def test_changeset_refuses_other_updates(update: str, reason: str) -> None:
    with pytest.raises(BadRequest, match=reason):
        read_changeset(update.encode("utf-8"), "application/sparql-update")


def test_changeset_reports_the_line_and_column_of_a_syntax_error() -> None:
    with pytest.raises(BadRequest) as raised:
        read_changeset(b"INSERT DATA {\n  lesson:x rdfs:label \n}", "application/sparql-update")
    assert raised.value.line == 3


def test_changeset_reports_turtle_syntax_errors_with_their_position() -> None:
    with pytest.raises(UnreadableContribution) as raised:
        read_changeset(b'<urn:a> <urn:b> "open .\n', "text/turtle")
    assert raised.value.line == 1


def test_changeset_refuses_an_empty_submission() -> None:
    with pytest.raises(UnreadableContribution, match="no statement"):
        read_changeset(b"@prefix pac: <https://w3id.org/pactesur/ontology#> .\n", "text/turtle")


def test_changeset_refuses_a_text_longer_than_a_contribution_needs() -> None:
    body = b'<https://w3id.org/pactesur/resource/lesson/x> <http://www.w3.org/2000/01/rdf-schema#comment> "'
    with pytest.raises(PayloadTooLarge, match="at most 100000 characters"):
        read_changeset(body + b"x" * 100_001 + b'" .\n', "text/turtle")
    assert read_changeset(body + b"x" * 100_000 + b'" .\n', "text/turtle").added
