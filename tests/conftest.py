"""Shared fixtures: the repository, one build of the real graph, small graphs of fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from pactesur_kg.build import build
from pactesur_kg.inference import load_rules, materialise
from pactesur_kg.settings import Settings
from pactesur_kg.sources import SourceFile, discover, parse_file
from pactesur_kg.store import Store

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(root=REPO, reason=False)


@pytest.fixture(scope="session")
def graph(settings: Settings) -> Store:
    """The real knowledge graph, built once in memory (reasoning is tested on its own)."""
    store, _ = build(settings)
    return store


def ontology_store() -> Store:
    """A store holding only the ontology and its alignments."""
    store = Store.in_memory()
    for source in discover(REPO):
        if source.relative.parts[0] == "ontology":
            store.add_all(parse_file(source).quads)
    return store


GraphWith = Callable[..., Store]


@pytest.fixture
def graph_with() -> GraphWith:
    """The ontology plus one fixture file (in the named graph of ``as_path``), with inferences."""

    def make(fixture: Path, as_path: str = "data/fixture.ttl") -> Store:
        store = ontology_store()
        # as_path="ontology/pactesur.ttl" puts the fixture into the ontology's own graph
        store.add_all(parse_file(SourceFile(fixture, PurePosixPath(as_path))).quads)
        materialise(store, load_rules(REPO / "queries" / "inference"))
        return store

    return make
