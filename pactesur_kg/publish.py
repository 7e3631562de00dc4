"""Loading a built graph into a remote SPARQL endpoint through the Graph Store Protocol.

After the graphs, the list of what was loaded goes into the graph ``LOADED_GRAPHS``: the
remote engine reads it and queries exactly these graphs, so that an engine's own graphs
(Virtuoso keeps its schemas and system data as RDF graphs) never show in the answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import httpx
import pyoxigraph as ox

from .endpoint_auth import split_credentials
from .errors import StoreError
from .namespaces import LOADED_GRAPHS, PREFIXES
from .store import Store

_HAS_PART = ox.NamedNode(PREFIXES["dcterms"] + "hasPart")


def loaded_graphs_list(graphs: list[str]) -> list[ox.Triple]:
    """The statements of ``LOADED_GRAPHS`` naming each loaded graph."""
    listing = ox.NamedNode(LOADED_GRAPHS)
    return [ox.Triple(listing, _HAS_PART, ox.NamedNode(graph)) for graph in graphs]


def publish(
    store: Store, graph_store: str, progress: Callable[[str], None] | None = None, timeout: float = 120.0
) -> int:
    """Replace every named graph of ``store`` on the endpoint (HTTP PUT ?graph=IRI), then
    the list of loaded graphs. ``graph_store`` may carry a user and password
    (``http://user:password@host/…``), sent as the endpoint asks (Digest or Basic).

    Each graph is replaced on its own: the endpoint never holds half a graph, but during
    the upload it holds the new version of some graphs and the old one of others.

    :returns: the number of graphs sent (the list not counted).
    """
    url, auth = split_credentials(graph_store)
    graphs = store.graphs()
    with httpx.Client(timeout=timeout, auth=auth) as client:
        for graph in graphs:
            if progress:
                progress(f"uploading {graph}")
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.graph_quads(graph))
            _put(client, url, graph, triples)
        _put(client, url, LOADED_GRAPHS, loaded_graphs_list(graphs))
    return len(graphs)


def _put(client: httpx.Client, url: str, graph: str, triples: Iterable[ox.Triple]) -> None:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    try:
        response = client.put(
            url, params={"graph": graph}, content=body, headers={"content-type": "application/n-triples"}
        )
    except httpx.HTTPError as error:
        raise StoreError(f"{url}: cannot reach the Graph Store: {error}") from None
    if response.status_code not in (200, 201, 204):
        raise StoreError(f"{url}: PUT {graph} answered {response.status_code}: {response.text[:500]}")
