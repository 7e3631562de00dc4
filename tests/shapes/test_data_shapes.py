"""The data shapes (shapes/data): each fixture gives its expected report, the curated graph has
no violation, every check fires somewhere, every message is in English and French."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from pactesur_kg.shacl import SHAPES as SHAPES_NS
from pactesur_kg.shacl import ShaclResult, load_shapes, read_results, run_shacl, to_rdflib
from pactesur_kg.store import Store

from ..conftest import GraphWith
from .support import (
    SHAPE_FIXTURES,
    SHAPES,
    Row,
    checked_shapes,
    expected_file,
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

FIXTURES = fixture_files("data")
INVALID_FIXTURES = [fixture for fixture in FIXTURES if is_invalid(fixture)]

# reports of the fixtures, computed once for the tests that share them
_RESULTS: dict[Path, list[ShaclResult]] = {}


@pytest.fixture(scope="module")
def data_shapes() -> rdflib.Graph:
    return load_shapes(SHAPES / "data")


def results_of(fixture: Path, graph_with: GraphWith, shapes: rdflib.Graph) -> list[ShaclResult]:
    """The results of validating the ontology plus the fixture, with inferences."""
    if fixture not in _RESULTS:
        store = graph_with(fixture)
        _, report = run_shacl(to_rdflib(store.quads()), shapes)
        _RESULTS[fixture] = read_results(report)
    return _RESULTS[fixture]


def describe(results: list[ShaclResult]) -> str:
    return "\n".join(
        f"{r.severity.rsplit('#', 1)[-1]}: {r.focus} {r.path or ''} [{r.source_shape}] {r.message()}" for r in results
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=fixture_id)
def test_shape_reports_expected_results(fixture: Path, graph_with: GraphWith, data_shapes: rdflib.Graph) -> None:
    results = results_of(fixture, graph_with, data_shapes)
    actual: list[Row] = rows(results)
    assert actual == expected_rows(fixture), describe(results)


def test_curated_graph_has_no_violation(graph: Store, data_shapes: rdflib.Graph) -> None:
    _, report = run_shacl(to_rdflib(graph.quads()), data_shapes)
    results = read_results(report)
    violations = [r for r in results if r.severity == str(SH.Violation)]
    warnings = [r for r in results if r.severity == str(SH.Warning)]
    assert violations == [], f"violations:\n{describe(violations)}\n\nwarnings:\n{describe(warnings)}"


def test_every_shape_file_has_valid_and_invalid_fixtures() -> None:
    for shape_file in shape_files("data"):
        names = [fixture.stem for fixture in fixtures_of(shape_file)]
        assert "valid" in names, f"{shape_file.name}: no valid.ttl fixture"
        assert any(name.startswith("invalid-") for name in names), f"{shape_file.name}: no invalid fixture"


def test_fixture_folders_match_shape_files() -> None:
    shape_names = {path.stem for folder in ("data", "ontology") for path in (SHAPES / folder).glob("*.ttl")}
    assert {folder.name for folder in SHAPE_FIXTURES.iterdir() if folder.is_dir()} == shape_names


def test_every_invalid_fixture_has_its_expected_report() -> None:
    for fixture in FIXTURES:
        assert fixture.stem == "valid" or is_invalid(fixture), f"{fixture}: name it valid.ttl or invalid-<what>.ttl"
    for fixture in INVALID_FIXTURES:
        assert expected_file(fixture).is_file(), f"{fixture}: no {expected_file(fixture).name}"
    for expected in SHAPE_FIXTURES.glob("*/*.expected.json"):
        assert expected.with_name(expected.name.replace(".expected.json", ".ttl")).is_file(), f"{expected}: no fixture"


def test_every_check_fires_in_an_invalid_fixture(graph_with: GraphWith, data_shapes: rdflib.Graph) -> None:
    fired: set[tuple[str, str]] = set()
    for fixture in INVALID_FIXTURES:
        fired |= {(r.source_shape, r.component) for r in results_of(fixture, graph_with, data_shapes)}
    fired_shapes = {shape for shape, _ in fired}
    never = sorted(str(shape) for shape in checked_shapes(data_shapes) if str(shape) not in fired_shapes)
    assert never == [], "never fired in an invalid fixture"
    sparql = str(SH.SPARQLConstraintComponent)
    never_sparql = sorted(str(shape) for shape in sparql_holders(data_shapes) if (str(shape), sparql) not in fired)
    assert never_sparql == [], "SPARQL constraints never fired in an invalid fixture"


def test_every_message_is_in_english_and_french(data_shapes: rdflib.Graph) -> None:
    missing: list[str] = []
    for shape in checked_shapes(data_shapes):
        constraints = list(data_shapes.objects(shape, SH.sparql))
        for holder in constraints or [shape]:
            if message_languages(data_shapes, holder) != ["en", "fr"]:
                missing.append(str(holder))
    assert sorted(missing) == [], "sh:message needed once in @en and once in @fr"


def _lacking(shapes: rdflib.Graph, shape: rdflib.term.Node, predicates: tuple[rdflib.URIRef, ...]) -> list[str]:
    return [f"{shape}: no {p.n3(shapes.namespace_manager)}" for p in predicates if shapes.value(shape, p) is None]


def test_shapes_are_named_and_described(data_shapes: rdflib.Graph) -> None:
    """No blank-node shape: every result traces to a named rule, which says what it checks."""
    problems: list[str] = []
    shapes = set(data_shapes.subjects(RDF.type, SH.NodeShape)) | set(data_shapes.subjects(RDF.type, SH.PropertyShape))
    shapes |= set(data_shapes.objects(None, SH.property)) | set(data_shapes.subjects(SH.path, None))
    problems += [f"blank-node shape {shape.n3()}" for shape in shapes if not isinstance(shape, rdflib.URIRef)]
    for shape in checked_shapes(data_shapes):
        if (shape, RDF.type, SH.PropertyShape) in data_shapes:
            problems += _lacking(data_shapes, shape, (SH.path, SH.name, SH.description, SH.severity))
        else:
            problems += _lacking(data_shapes, shape, (rdflib.RDFS.label, rdflib.RDFS.comment, SH.severity))
    for shape in data_shapes.subjects(RDF.type, SH.NodeShape):
        problems += _lacking(data_shapes, shape, (rdflib.RDFS.label, rdflib.RDFS.comment))
    for shape in data_shapes.subjects(SH.targetClass, None):
        if (shape, RDF.type, SH.NodeShape) not in data_shapes:
            problems.append(f"{shape}: not typed sh:NodeShape")
    assert sorted(problems) == []


def test_non_canonical_wikidata_link_suggests_the_canonical_form(
    graph_with: GraphWith, data_shapes: rdflib.Graph
) -> None:
    """The warning names the canonical IRI, in English and in French. pySHACL drops the language
    tag of a message it fills in from a SPARQL constraint, so the messages are read from the
    report graph rather than through read_results (which keys them by language)."""
    store = graph_with(SHAPE_FIXTURES / "Links" / "invalid-wikidata-wiki-iri.ttl")
    _, report = run_shacl(to_rdflib(store.quads()), data_shapes)
    (result,) = report.subjects(SH.sourceShape, rdflib.URIRef(f"{SHAPES_NS}SameAs-canonicalForm"))
    assert report.value(result, SH.resultSeverity) == SH.Warning
    assert {str(message) for message in report.objects(result, SH.resultMessage)} == {
        "https://w3id.org/pactesur/resource/city/paris links to https://www.wikidata.org/wiki/Q90, a variant form "
        "of a Wikidata, GeoNames or DBpedia identifier: write the canonical IRI <http://www.wikidata.org/entity/Q90> "
        "instead.",
        "https://w3id.org/pactesur/resource/city/paris renvoie à https://www.wikidata.org/wiki/Q90, une variante "
        "d'un identifiant Wikidata, GeoNames ou DBpedia : écrivez à la place l'IRI canonique "
        "<http://www.wikidata.org/entity/Q90>.",
    }
