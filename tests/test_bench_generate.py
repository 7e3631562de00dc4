"""The benchmark's synthetic graph: valid against the project's shapes and checks, deterministic."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate import main as generate_main
from pactesur_kg.checks import load_checks, run_checks
from pactesur_kg.inference import load_rules, materialise
from pactesur_kg.shacl import load_shapes
from pactesur_kg.sources import discover, parse_file
from pactesur_kg.store import Store
from pactesur_kg.validate import validate_graph

from .conftest import REPO

TRIPLES = 10_000
SYNTHETIC = ox.NamedNode("https://w3id.org/pactesur/graph/bench/synthetic")


def generate(tmp_path: Path, seed: int, name: str) -> bytes:
    out = tmp_path / name
    assert generate_main(["--triples", str(TRIPLES), "--seed", str(seed), "--out", str(out)]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return generate(tmp_path_factory.mktemp("generated"), 7, "synthetic.nt")


def with_sources(data: bytes, *, curated: bool) -> Store:
    """The generated graph with the ontology and the threat and measure schemes it refers to
    (and, if ``curated``, every curated file), with the build's inferences."""
    store = Store.in_memory()
    for source in discover(REPO):
        parts = source.relative.parts
        if parts[0] == "ontology" or parts[:2] == ("data", "concepts") or curated:
            store.add_all(parse_file(source).quads)
    parsed = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    store.add_all(ox.Quad(t.subject, t.predicate, t.object, SYNTHETIC) for t in parsed)
    materialise(store, load_rules(REPO / "queries" / "inference"))
    return store


def test_generate_output_conforms_to_the_data_shapes(generated: bytes) -> None:
    store = with_sources(generated, curated=False)
    report = validate_graph(store, load_shapes(REPO / "shapes" / "data"), {}, triples=TRIPLES)
    assert report.results == [], report.to_text()


def test_generate_output_passes_the_build_checks_beside_the_curated_data(generated: bytes) -> None:
    store = with_sources(generated, curated=True)
    result = run_checks(store, load_checks(REPO / "queries" / "checks"))
    assert result.checks_run > 0
    assert result.violations == []


def test_generate_same_seed_gives_same_bytes(generated: bytes, tmp_path: Path) -> None:
    assert generate(tmp_path, 7, "again.nt") == generated
    assert generate(tmp_path, 8, "other.nt") != generated


def test_generate_writes_about_the_asked_number_of_triples(generated: bytes) -> None:
    triples = list(ox.parse(generated, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == generated.count(b"\n")
    assert TRIPLES <= len(triples) <= TRIPLES * 1.01
    assert len(set(triples)) > 0.97 * len(triples)  # few repeated statements (pac:pilotedIn of a measure)
