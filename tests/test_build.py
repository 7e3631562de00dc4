"""Building the graph: named graphs, inferences, determinism, atomic on-disk stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactesur_kg.build import SourceErrors, build
from pactesur_kg.errors import CheckFailed, SourceSyntaxError
from pactesur_kg.namespaces import INFERRED_GRAPH
from pactesur_kg.settings import Settings
from pactesur_kg.sources import discover
from pactesur_kg.store import Store

from .sandbox import copy_sources


def test_build_loads_each_source_into_its_named_graph(settings: Settings, graph: Store) -> None:
    expected = {source.graph for source in discover(settings.root)} | {INFERRED_GRAPH}
    assert set(graph.graphs()) == expected


def test_build_default_graph_is_the_union(graph: Store) -> None:
    # the label of a city (data graph) and the label of its class (ontology graph) in one pattern
    rows = graph.select("SELECT ?label WHERE { city:nice a ?c . ?c rdfs:label ?label FILTER(lang(?label) = 'en') }")
    assert "City" in {str(r["label"].value) for r in rows}


def test_build_is_deterministic(settings: Settings) -> None:
    first, _ = build(settings)
    second, _ = build(settings)
    assert sorted(map(str, first.quads())) == sorted(map(str, second.quads()))


def test_build_writes_on_disk_store(settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "store"
    store, report = build(settings, target=target)
    assert store.path == target.resolve()
    assert store.triples_per_graph() == report.triples_per_graph
    store.close()
    reopened = Store.open(target)
    assert sum(reopened.triples_per_graph().values()) == report.total_triples


def test_build_syntax_error_leaves_existing_store_untouched(settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "store"
    store, report = build(settings, target=target)
    store.close()
    broken = copy_sources(tmp_path / "repo")
    (broken / "data" / "broken.ttl").write_text('<http://a.example/s> <http://a.example/p> "x .\n', encoding="utf-8")
    with pytest.raises(SourceSyntaxError, match=r"^data/broken\.ttl:1:"):
        build(Settings(root=broken, reason=False), target=target)
    reopened = Store.open(target)
    assert sum(reopened.triples_per_graph().values()) == report.total_triples
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store")] == []


def test_build_reports_every_broken_file(tmp_path: Path) -> None:
    broken = copy_sources(tmp_path / "repo")
    (broken / "data" / "a.ttl").write_text("<http://a.example/s> <http://a.example/p> .\n", encoding="utf-8")
    (broken / "data" / "b.ttl").write_text("@prefix x: <http://a.example/> .\nx:s x:p x:o\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        build(Settings(root=broken, reason=False))
    assert [str(e.position.path) for e in caught.value.errors] == ["data/a.ttl", "data/b.ttl"]


def test_build_fails_on_check_violation(tmp_path: Path) -> None:
    broken = copy_sources(tmp_path / "repo")
    (broken / "data" / "unsourced.ttl").write_text(
        "@prefix pac: <https://w3id.org/pactesur/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/pactesur/resource/city/atlantis> a pac:City ; rdfs:label "Atlantis"@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(CheckFailed) as caught:
        build(Settings(root=broken, reason=False))
    assert {v.check for v in caught.value.violations} == {"missing-source-violation"}


def test_build_materialises_inferred_graph_separately(graph: Store) -> None:
    inferred = graph.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}", union=False)
    assert int(inferred[0]["n"].value) > 0
    overlap = graph.select(
        f"""SELECT ?s ?p ?o WHERE {{
              GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}
              GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INFERRED_GRAPH}>) }} LIMIT 1""",
        union=False,
    )
    assert overlap == []
