"""The query text checks run before every query: SERVICE and LOAD targets against the
allowlist, and whether a query names its own dataset (FROM / FROM NAMED). Both read the
text with a tokenizer that takes shortcuts; these cases pin what it must still see."""

from __future__ import annotations

import pytest

from pactesur_kg.errors import FederationRefused
from pactesur_kg.sparql.guard import check_federation, declares_dataset

PROLOGUE = "PREFIX pac: <https://w3id.org/pactesur/ontology#>\n# the cities, from the graph\nBASE <http://b.example/>\n"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://a.example/g> WHERE { ?s ?p ?o }",
        "select * from named <http://a.example/g> { graph ?g { ?s ?p ?o } }",
        PROLOGUE + "SELECT ?s FROM <http://a.example/g> { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } FROM <http://a.example/g> WHERE { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p [ ?q ?r ] } FROM <http://a.example/g> { ?s ?p ?o }",
        "CONSTRUCT FROM <http://a.example/g> WHERE { ?s ?p ?o }",
        "DESCRIBE ?s FROM <http://a.example/g> WHERE { ?s ?p ?o }",
        "ASK FROM <http://a.example/g> { ?s ?p ?o }",
        "SELECT ?from FROM <http://a.example/g> { ?from ?p ?o }",
    ],
)
def test_a_dataset_clause_is_seen(query: str) -> None:
    assert declares_dataset(query)


@pytest.mark.parametrize(
    "query",
    [
        PROLOGUE + "SELECT * WHERE { ?s ?p ?o }",
        "SELECT ?from # FROM <http://a.example/g>\nWHERE { ?from ?p ?o }",
        'SELECT * WHERE { ?s ?p "FROM <http://a.example/g>" }',
        "SELECT * { ?s pac:from ?o } # taken from the graph",
        "SELECT * { { SELECT ?s { ?s ?p ?o } } } # from a subquery",
        "CONSTRUCT { ?s ?p 'from' } WHERE { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s ?p ?o } # from everywhere",
        "SELECT * WHERE { ?s ?p ?o } VALUES ?from { 1 }",
    ],
)
def test_no_dataset_clause_is_seen_where_there_is_none(query: str) -> None:
    assert not declares_dataset(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }",
        "SELECT * { sErViCe <http://127.0.0.1/sparql> { ?s ?p ?o } }",
        PROLOGUE + "SELECT * { ?s ?p ?o . SERVICE SILENT <http://10.0.0.1/sparql> { ?s ?p ?o } }",
        "PREFIX x: <http://127.0.0.1/> SELECT * { SERVICE x:sparql { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o FILTER(?o-1) SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p 'a'.SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE ?endpoint { ?s ?p ?o } }",
        "SELECT * { SERV\\u0049CE <http://127.0.0.1/sparql> { ?s ?p ?o } }",
        "LOAD <http://127.0.0.1/data.ttl>",
        "load silent <http://127.0.0.1/data.ttl> into graph <http://a.example/g>",
    ],
)
def test_every_service_or_load_target_is_checked(query: str) -> None:
    with pytest.raises(FederationRefused):
        check_federation(query, ["https://query.wikidata.org/sparql"])


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s ?p 'SERVICE <http://127.0.0.1/sparql>' }",
        "SELECT * { ?s ?p ?o } # SERVICE <http://127.0.0.1/sparql>",
        "SELECT * { ?s pac:download ?o . ?service ?p ?load }",
        "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_text_that_only_looks_like_federation_passes(query: str) -> None:
    check_federation(query, ["https://query.wikidata.org/sparql"])
