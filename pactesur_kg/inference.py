"""Materialising the entailments that queries need into their own named graph.

The rules are SPARQL CONSTRUCT queries in ``queries/inference/*.rq`` (subclass,
subproperty, inverse, transitive, symmetric, property chains). They run over the union
of all graphs until nothing new comes out; only statements not already asserted go
into the inferred graph, which is regenerable and never mixed into curated graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .namespaces import INFERRED_GRAPH
from .store import Store

#: a safety net: the rules reach their fixpoint in a handful of rounds on real data
MAX_ROUNDS = 20


@dataclass(frozen=True)
class InferenceReport:
    rounds: int
    added: int


def load_rules(folder: Path) -> dict[str, str]:
    """The rules, by file stem, in a stable order."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.rq"))}


def remake_inferred(store: Store, rules: dict[str, str]) -> int:
    """Drop the inferred graph and materialise it again. :returns: its size."""
    store.inner.update(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>")
    return materialise(store, rules).added  # all of it is new: the graph was empty


def materialise(store: Store, rules: dict[str, str]) -> InferenceReport:
    """Add the entailed statements to the inferred graph until a fixpoint."""
    graph = ox.NamedNode(INFERRED_GRAPH)
    added = 0
    for round_number in range(1, MAX_ROUNDS + 1):
        new: set[ox.Triple] = set()
        for sparql in rules.values():
            for triple in store.query(sparql):
                if triple not in new and not store.contains(triple):
                    new.add(triple)
        if not new:
            return InferenceReport(rounds=round_number, added=added)
        store.add_all(ox.Quad(t.subject, t.predicate, t.object, graph) for t in sorted(new, key=str))
        added += len(new)
    return InferenceReport(rounds=MAX_ROUNDS, added=added)
