"""The one read interface: the same answers over the in-process engine and the worker pool,
the project's prefixes predeclared, distinct triples."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pyoxigraph as ox
import pytest

from pactesur_kg.engine.base import QueryEngine
from pactesur_kg.engine.embedded import EmbeddedEngine, PoolSettings
from pactesur_kg.engine.inprocess import InProcessEngine
from pactesur_kg.engine.reader import Reader
from pactesur_kg.errors import QuerySyntaxError
from pactesur_kg.store import Store

T = TypeVar("T")

G1, G2 = ox.NamedNode("urn:graph:one"), ox.NamedNode("urn:graph:two")
NICE = ox.NamedNode("https://w3id.org/pactesur/resource/city/nice")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
CITY = ox.NamedNode("https://w3id.org/pactesur/ontology#City")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def tiny() -> Store:
    store = Store.in_memory()
    store.add_all(
        [
            ox.Quad(NICE, TYPE, CITY, G1),
            ox.Quad(NICE, LABEL, ox.Literal("Nice", language="en"), G1),
            ox.Quad(NICE, LABEL, ox.Literal("Nice", language="en"), G2),  # the same statement twice
        ]
    )
    return store


def _on(kind: str, store: Store, ask: Callable[[Reader], Awaitable[T]]) -> T:
    async def run() -> T:
        engine: QueryEngine = (
            InProcessEngine(store) if kind == "in-process" else EmbeddedEngine(store, PoolSettings(workers=1))
        )
        await engine.start()
        try:
            return await ask(Reader(engine))
        finally:
            await engine.close()

    return asyncio.run(run())


BACKENDS = ["in-process", "pool"]


@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_predeclares_the_project_prefixes(kind: str, tiny: Store) -> None:
    rows = _on(kind, tiny, lambda reader: reader.values("SELECT ?c WHERE { ?c a pac:City }"))
    assert rows == [{"c": NICE.value}]


@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_binds_parameters_as_terms(kind: str, tiny: Store) -> None:
    query = "SELECT ?label WHERE { VALUES ?node { city:liege } ?node rdfs:label ?label }"
    rows = _on(kind, tiny, lambda reader: reader.select(query, node=NICE))
    assert rows == [{"label": ox.Literal("Nice", language="en")}] * 2  # one per graph: SELECT keeps both


@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_construct_gives_distinct_triples(kind: str, tiny: Store) -> None:
    triples = _on(kind, tiny, lambda reader: reader.construct("CONSTRUCT WHERE { ?s rdfs:label ?o }"))
    assert triples == [ox.Triple(NICE, LABEL, ox.Literal("Nice", language="en"))]


@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_ask_and_dataset_rules(kind: str, tiny: Store) -> None:
    union = _on(kind, tiny, lambda reader: reader.ask("ASK { ?s a pac:City }"))
    only_two = _on(kind, tiny, lambda reader: reader.ask("ASK FROM <urn:graph:two> WHERE { ?s a pac:City }"))
    assert (union, only_two) == (True, False)


@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_any_says_whether_a_select_has_a_solution(kind: str, tiny: Store) -> None:
    query = "SELECT ?s WHERE { VALUES ?graph { <urn:graph:one> } GRAPH ?graph { ?s ?p ?o } } LIMIT 1"
    known = _on(kind, tiny, lambda reader: reader.any(query, graph=G1))
    empty = _on(kind, tiny, lambda reader: reader.any(query, graph=ox.NamedNode("urn:graph:none")))
    assert (known, empty) == (True, False)


@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_reports_syntax_errors_with_their_place(kind: str, tiny: Store) -> None:
    with pytest.raises(QuerySyntaxError, match="at 1:21") as raised:
        _on(kind, tiny, lambda reader: reader.values("SELECT ?x WHERE { ?x"))
    assert raised.value.extra() == {"line": 1, "column": 21}
