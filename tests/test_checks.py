"""Every quality check fires on its fixture and passes on the curated graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactesur_kg.checks import load_checks, run_checks
from pactesur_kg.sparql.queryfiles import QueryFile
from pactesur_kg.store import Store

from .conftest import FIXTURES, REPO, GraphWith

CHECKS = load_checks(REPO / "queries" / "checks")
# fixtures that describe the ontology itself are loaded into the ontology's graph
ONTOLOGY_FIXTURES = {"ontology-term-hygiene-violation"}


def test_checks_each_have_a_fixture() -> None:
    fixtures = {path.stem for path in (FIXTURES / "checks").glob("*.ttl")}
    assert {check.name for check in CHECKS} == fixtures


def test_checks_each_have_a_summary() -> None:
    assert all(check.metadata.get("summary") for check in CHECKS)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_check_fires_on_its_fixture(check: QueryFile, graph_with: GraphWith) -> None:
    fixture: Path = FIXTURES / "checks" / f"{check.name}.ttl"
    as_path = "ontology/pactesur.ttl" if check.name in ONTOLOGY_FIXTURES else "data/fixture.ttl"
    result = run_checks(graph_with(fixture, as_path=as_path), [check])
    assert result.violations, f"{check.name} found nothing in its fixture"
    assert {v.check for v in result.violations} == {check.name}


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_check_passes_on_curated_graph(check: QueryFile, graph: Store) -> None:
    result = run_checks(graph, [check])
    assert [str(v) for v in result.violations] == []


def test_dangling_reference_names_subject_and_target(graph_with: GraphWith) -> None:
    (check,) = [c for c in CHECKS if c.name == "dangling-reference-violation"]
    rows = run_checks(graph_with(FIXTURES / "checks" / "dangling-reference-violation.ttl"), [check]).violations
    targets = {v.row["target"] for v in rows}
    assert targets == {"https://w3id.org/pactesur/resource/city/nowhere"}


def test_missing_translation_names_resource_property_and_language(graph_with: GraphWith) -> None:
    (check,) = [c for c in CHECKS if c.name == "missing-translation-violation"]
    rows = run_checks(graph_with(FIXTURES / "checks" / "missing-translation-violation.ttl"), [check]).violations
    found = {(v.row["resource"].rsplit("/", 1)[1], v.row["property"].rsplit("#", 1)[1], v.row["missing"]) for v in rows}
    assert found == {
        ("x", "statement", "it"),
        ("x", "rationale", "fr"),
        ("x", "rationale", "it"),
        ("y", "label", "en"),
        ("y", "label", "it"),
    }


def test_missing_label_translation_names_resource_and_language(graph_with: GraphWith) -> None:
    (check,) = [c for c in CHECKS if c.name == "missing-label-translation-violation"]
    rows = run_checks(graph_with(FIXTURES / "checks" / "missing-label-translation-violation.ttl"), [check]).violations
    found = {(v.row["resource"].rsplit("/", 1)[1], v.row["missing"]) for v in rows}
    assert found == {("x", "it"), ("y", "fr"), ("y", "it")}


def test_retired_resource_names_each_problem(graph_with: GraphWith) -> None:
    (check,) = [c for c in CHECKS if c.name == "retired-resource-violation"]
    rows = run_checks(graph_with(FIXTURES / "checks" / "retired-resource-violation.ttl"), [check]).violations
    found = {(v.row["resource"].rsplit("/", 1)[1], v.row["problem"]) for v in rows}
    assert found == {
        ("replaced-by-nothing", "no dcterms:isReplacedBy of a resource of the graph"),
        ("still-typed", "no dcterms:isReplacedBy of a resource of the graph"),
        ("still-typed", "still typed https://w3id.org/pactesur/ontology#Recommendation"),
    }
