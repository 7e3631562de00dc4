"""The ontology shapes (shapes/ontology), validated against the ontology graph only: each fixture
gives its expected report, the ontology conforms, every check fires somewhere, every message is
in English and French."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
import rdflib
from rdflib.namespace import SH

from pactesur_kg.namespaces import GRAPH
from pactesur_kg.shacl import ShaclResult, load_shapes, read_results, run_shacl, to_rdflib
from pactesur_kg.sources import SourceFile, parse_file
from pactesur_kg.store import Store

from .support import (
    SHAPES,
    Row,
    checked_shapes,
    expected_rows,
    fixture_files,
    fixture_id,
    fixtures_of,
    is_invalid,
    message_languages,
    rows,
    shape_files,
    sparql_holders,
)

FIXTURES = fixture_files("ontology")
INVALID_FIXTURES = [fixture for fixture in FIXTURES if is_invalid(fixture)]
ONTOLOGY_GRAPHS = f"{GRAPH}ontology/"

_RESULTS: dict[Path, list[ShaclResult]] = {}


@pytest.fixture(scope="module")
def ontology_shapes() -> rdflib.Graph:
    return load_shapes(SHAPES / "ontology")


def results_of(fixture: Path, shapes: rdflib.Graph) -> list[ShaclResult]:
    """The results of validating the fixture on its own, as the ontology's graph."""
    if fixture not in _RESULTS:
        store = Store.in_memory()
        store.add_all(parse_file(SourceFile(fixture, PurePosixPath("ontology/pactesur.ttl"))).quads)
        _, report = run_shacl(to_rdflib(store.quads()), shapes)
        _RESULTS[fixture] = read_results(report)
    return _RESULTS[fixture]


def describe(results: list[ShaclResult]) -> str:
    return "\n".join(f"{r.focus} {r.path or ''} [{r.source_shape}] {r.message()}" for r in results)


@pytest.mark.parametrize("fixture", FIXTURES, ids=fixture_id)
def test_shape_reports_expected_results(fixture: Path, ontology_shapes: rdflib.Graph) -> None:
    results = results_of(fixture, ontology_shapes)
    actual: list[Row] = rows(results)
    assert actual == expected_rows(fixture), describe(results)


def test_ontology_conforms(graph: Store, ontology_shapes: rdflib.Graph) -> None:
    quads = [q for q in graph.quads() if str(q.graph_name.value).startswith(ONTOLOGY_GRAPHS)]  # type: ignore[union-attr]
    assert quads, "no ontology graph in the store"
    conforms, report = run_shacl(to_rdflib(quads), ontology_shapes)
    assert conforms, describe(read_results(report))


def test_every_shape_file_has_valid_and_invalid_fixtures() -> None:
    for shape_file in shape_files("ontology"):
        names = [fixture.stem for fixture in fixtures_of(shape_file)]
        assert "valid" in names, f"{shape_file.name}: no valid.ttl fixture"
        assert any(name.startswith("invalid-") for name in names), f"{shape_file.name}: no invalid fixture"


def test_every_check_fires_in_an_invalid_fixture(ontology_shapes: rdflib.Graph) -> None:
    fired: set[tuple[str, str]] = set()
    for fixture in INVALID_FIXTURES:
        fired |= {(r.source_shape, r.component) for r in results_of(fixture, ontology_shapes)}
    fired_shapes = {shape for shape, _ in fired}
    never = sorted(str(shape) for shape in checked_shapes(ontology_shapes) if str(shape) not in fired_shapes)
    assert never == [], "never fired in an invalid fixture"
    sparql = str(SH.SPARQLConstraintComponent)
    never_sparql = sorted(str(shape) for shape in sparql_holders(ontology_shapes) if (str(shape), sparql) not in fired)
    assert never_sparql == [], "SPARQL constraints never fired in an invalid fixture"


def test_every_message_is_in_english_and_french(ontology_shapes: rdflib.Graph) -> None:
    missing: list[str] = []
    for shape in checked_shapes(ontology_shapes):
        for holder in list(ontology_shapes.objects(shape, SH.sparql)) or [shape]:
            if message_languages(ontology_shapes, holder) != ["en", "fr"]:
                missing.append(str(holder))
    assert sorted(missing) == [], "sh:message needed once in @en and once in @fr"
