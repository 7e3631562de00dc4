"""HermiT finds contradictions between the ontology and data, and accepts the curated graph."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
import pytest

from pactesur_kg.errors import InconsistentOntology
from pactesur_kg.namespaces import INFERRED_GRAPH
from pactesur_kg.reasoning import check_consistency, reasoner_input
from pactesur_kg.sources import SourceFile, parse_file
from pactesur_kg.store import Store

from .conftest import FIXTURES, ontology_store

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java; .ci/run installs it"),
]


def _ontology_plus(name: str) -> list[ox.Quad]:
    store = ontology_store()
    path: Path = FIXTURES / "reasoning" / f"{name}.ttl"
    store.add_all(parse_file(SourceFile(path, PurePosixPath("data/fixture.ttl"))).quads)
    return list(store.quads())


@pytest.mark.parametrize(
    "fixture", ["disjoint-classes", "negative-count", "malformed-date", "attack-and-crowd-disaster"]
)
def test_reasoner_rejects_inconsistent_fixture(fixture: str) -> None:
    with pytest.raises(InconsistentOntology):
        check_consistency(_ontology_plus(fixture))


def test_reasoner_reports_unsatisfiable_class() -> None:
    with pytest.raises(InconsistentOntology, match="Impossible"):
        check_consistency(_ontology_plus("unsatisfiable-class"))


def test_reasoner_accepts_dates_months_years_and_wkt() -> None:
    assert check_consistency(_ontology_plus("consistent")).consistent


def test_reasoner_accepts_curated_graph(graph: Store) -> None:
    curated = [q for q in graph.quads() if q.graph_name.value != INFERRED_GRAPH]  # type: ignore[union-attr]
    assert check_consistency(curated).consistent


def test_reasoner_input_maps_dates_to_datetimes() -> None:
    subject, predicate = ox.NamedNode("http://a.example/s"), ox.NamedNode("http://a.example/p")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    triples = [
        ox.Triple(subject, predicate, ox.Literal("2021-03", datatype=ox.NamedNode(f"{xsd}gYearMonth"))),
        ox.Triple(subject, predicate, ox.Literal("2021", datatype=ox.NamedNode(f"{xsd}gYear"))),
        ox.Triple(subject, predicate, ox.Literal("2016-13-45", datatype=ox.NamedNode(f"{xsd}date"))),
    ]
    text = reasoner_input(triples)
    assert '"2021-03-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in text
    assert '"2021-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in text
    # month 13 stays invalid as a dateTime, so that the reasoner still rejects it
    assert '"2016-13-45T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in text
