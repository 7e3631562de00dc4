"""Loading a built graph into a remote SPARQL endpoint through the Graph Store Protocol."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pyoxigraph as ox

from .errors import StoreError
from .store import Store


def publish(
    store: Store, graph_store: str, progress: Callable[[str], None] | None = None, timeout: float = 120.0
) -> int:
    """Replace every named graph of ``store`` on the endpoint (HTTP PUT ?graph=IRI).

    Each graph is replaced on its own: the endpoint never holds half a graph, but during
    the upload it holds the new version of some graphs and the old one of others.

    :returns: the number of graphs sent.
    """
    graphs = store.graphs()
    with httpx.Client(timeout=timeout) as client:
        for graph in graphs:
            if progress:
                progress(f"uploading {graph}")
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.graph_quads(graph))
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            try:
                response = client.put(
                    graph_store,
                    params={"graph": graph},
                    content=body,
                    headers={"content-type": "application/n-triples"},
                )
            except httpx.HTTPError as error:
                raise StoreError(f"{graph_store}: cannot reach the Graph Store: {error}") from None
            if response.status_code not in (200, 201, 204):
                raise StoreError(f"{graph_store}: PUT {graph} answered {response.status_code}: {response.text[:500]}")
    return len(graphs)
