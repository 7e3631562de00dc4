"""The materialised entailments that queries rely on."""

from __future__ import annotations

import pytest

from pactesur_kg.inference import load_rules, materialise
from pactesur_kg.store import Store

from .conftest import FIXTURES, REPO, GraphWith


@pytest.fixture
def sample(graph_with: GraphWith) -> Store:
    return graph_with(FIXTURES / "inference" / "sample.ttl")


@pytest.mark.parametrize(
    "pattern",
    [
        "space:square a pac:PublicSpace",  # subclass
        "space:square a <http://schema.org/Place>",  # subclass into an aligned vocabulary
        "threat:top rdfs:label 'Top'@en",  # skos:prefLabel is a subproperty of rdfs:label
        "threat:top skos:narrower threat:middle",  # inverse
        "threat:leaf skos:broaderTransitive threat:top",  # subproperty + transitive
        "threat:other skos:related threat:middle",  # symmetric
        "measure:barrier pac:mitigates threat:leaf",  # property chain through the recommendation
        "threat:leaf pac:mitigatedBy measure:barrier",  # chain, then inverse
        "measure:barrier pac:pilotedIn city:here",  # property chain through the pilot
        "pub:old pac:replacedBy pub:new",  # inverse
    ],
)
def test_inference_entails(sample: Store, pattern: str) -> None:
    assert sample.query(f"ASK {{ {pattern} }}"), pattern


def test_inference_adds_nothing_on_second_run(sample: Store) -> None:
    report = materialise(sample, load_rules(REPO / "queries" / "inference"))
    assert report.added == 0
    assert report.rounds == 1


def test_inference_does_not_invent_reverse_chain(sample: Store) -> None:
    assert not sample.query("ASK { measure:barrier pac:mitigates threat:top }")
