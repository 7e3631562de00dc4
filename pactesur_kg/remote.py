"""A remote SPARQL 1.1 endpoint seen through the same reading interface as :class:`Store`.

Used by the service when it runs with ``--endpoint URL`` (Oxigraph server, Fuseki,
GraphDB, Virtuoso, QLever…) for what it reads itself: descriptions, validation context.
The endpoint is expected to use the union of its named graphs as default graph (for the
Oxigraph server: ``--union-default-graph``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
import pyoxigraph as ox

from .errors import QuerySyntaxError, StoreError
from .namespaces import prefix_block

_RESULTS = "application/sparql-results+json"


def _term(binding: dict[str, Any]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class RemoteStore:
    """Reads from a SPARQL endpoint with the project's prefixes (synchronous: call it
    from a worker thread in async code)."""

    def __init__(self, endpoint: str, timeout: float = 30.0) -> None:
        self.endpoint = endpoint
        self._client = httpx.Client(timeout=timeout)

    def _post(self, sparql: str, accept: str) -> httpx.Response:
        try:
            response = self._client.post(
                self.endpoint,
                content=prefix_block() + sparql,
                headers={"content-type": "application/sparql-query", "accept": accept},
            )
        except httpx.HTTPError as error:
            raise StoreError(f"{self.endpoint}: cannot reach the endpoint: {error}") from None
        if response.status_code == 400:
            raise QuerySyntaxError(f"the endpoint refused the query: {response.text.strip()[:500]}")
        if response.status_code != 200:
            raise StoreError(f"{self.endpoint}: HTTP {response.status_code}: {response.text.strip()[:500]}")
        return response

    def select(
        self, sparql: str, *, substitutions: dict[str, Any] | None = None, union: bool = True
    ) -> list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
        """Rows of a SELECT query; the endpoint decides the default graph (union expected)."""
        if substitutions:
            raise StoreError("variable substitutions are not sent to remote endpoints")
        body = self._post(sparql, _RESULTS).json()
        return [{name: _term(value) for name, value in row.items()} for row in body["results"]["bindings"]]

    def ask(self, sparql: str) -> bool:
        return bool(self._post(sparql, _RESULTS).json()["boolean"])

    def query(self, sparql: str, *, substitutions: dict[str, Any] | None = None, union: bool = True) -> list[ox.Triple]:
        """CONSTRUCT or DESCRIBE results as triples."""
        if substitutions:
            raise StoreError("variable substitutions are not sent to remote endpoints")
        response = self._post(sparql, "application/n-triples")
        return list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(row["g"].value) for row in rows)

    def triples_per_graph(self) -> dict[str, int]:
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {str(row["g"].value): int(row["n"].value) for row in sorted(rows, key=lambda r: r["g"].value)}

    def statements_about(
        self, nodes: Iterable[ox.NamedNode], properties: Iterable[ox.NamedNode] | None = None
    ) -> list[ox.Triple]:
        """What the endpoint says about the nodes (only through ``properties`` if given)."""
        # parsed IRIs written back in N-Triples form: safe to place in a VALUES block
        node_values = " ".join(str(node) for node in nodes)
        if not node_values:
            return []
        restriction = ""
        if properties is not None:
            restriction = "VALUES ?p { " + " ".join(str(p) for p in properties) + " }"
        return self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {node_values} }} {restriction} ?s ?p ?o }}")

    def graph_quads(self, graph: str) -> Iterable[ox.Quad]:
        name = ox.NamedNode(graph)
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")
        return [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]

    def close(self) -> None:
        self._client.close()
