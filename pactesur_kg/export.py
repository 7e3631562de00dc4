"""Exporting the dataset (or one graph) as a deterministic release artefact."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox

from .errors import UsageError
from .namespaces import PREFIXES
from .store import Store


class ExportFormat(StrEnum):
    nq = "nq"
    trig = "trig"
    ttl = "ttl"
    jsonld = "jsonld"


_FORMATS = {
    ExportFormat.nq: ox.RdfFormat.N_QUADS,
    ExportFormat.trig: ox.RdfFormat.TRIG,
    ExportFormat.ttl: ox.RdfFormat.TURTLE,
    ExportFormat.jsonld: ox.RdfFormat.JSON_LD,
}


def export(store: Store, output: ExportFormat, graph: str | None = None) -> bytes:
    """The quads of the store (or the triples of one named graph), in a stable order.

    Datasets (nq, trig, jsonld) keep the named graphs; Turtle holds one graph, so it needs
    ``graph``. Two exports of the same build are byte for byte the same.
    """
    if graph is not None and graph not in store.graphs():
        raise UsageError(f"no graph named <{graph}>; see `pactesur-kg stats` for the graphs")
    quads = sorted(store.graph_quads(graph) if graph else store.quads(), key=str)
    if output is ExportFormat.ttl:
        if graph is None:
            raise UsageError("Turtle holds one graph: give --graph IRI, or use nq, trig or jsonld for the dataset")
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        serialized = ox.serialize(triples, format=_FORMATS[output], prefixes=PREFIXES)
    else:
        serialized = ox.serialize(quads, format=_FORMATS[output])
    return serialized or b""
