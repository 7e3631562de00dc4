"""Running one W3C query test against the SPARQL endpoint, over HTTP only.

The test's data goes in with SPARQL Update (``INSERT DATA``): ``qt:data`` into a graph
named after the test (its default graph), each ``qt:graphData`` into a graph named by the
file's IRI, cleared first since tests share these files. The query then runs with that
dataset given by ``default-graph-uri`` / ``named-graph-uri``, unless it has FROM or FROM
NAMED of its own. The query text is sent after a ``BASE`` of its file URL, so relative
IRIs in it (``FROM <data.ttl>``, ``<data01.ttl>``) name the same graphs as the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox

from .manifests import QueryTest
from .results import Boolean, Graph, Result, Solutions, parse_csv, parse_rdf, parse_srj, parse_tsv, rdf_format

JSON = "application/sparql-results+json"
TSV = "text/tab-separated-values"
CSV = "text/csv"
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Endpoint:
    """The SPARQL endpoint under test and the token that allows updates."""

    url: str
    token: str
    client: httpx.Client

    def update(self, text: str) -> None:
        response = self.client.post(
            self.url,
            content=text.encode("utf-8"),
            headers={"content-type": "application/sparql-update", "authorization": f"Bearer {self.token}"},
        )
        if response.status_code != 204:
            raise AssertionError(f"loading the test data failed: HTTP {response.status_code}: {response.text}")

    def query(self, text: str, accept: str, params: list[tuple[str, str]]) -> httpx.Response:
        return self.client.post(
            self.url,
            params=tuple(params),
            content=text.encode("utf-8"),
            headers={"content-type": "application/sparql-query", "accept": accept},
        )


def default_graph(test: QueryTest) -> str:
    """The graph holding the test's default graph (one per test; it may stay empty)."""
    return f"urn:w3c-test:{quote(test.id, safe='/')}:default"


def _triples(path: Path, prefix: str) -> str:
    """The triples of a data file as N-Triples, blank nodes labelled ``<prefix>_<label>`` so
    that files loaded in one request keep their blank nodes apart."""
    lines = []
    for quad in ox.parse(path=str(path), format=rdf_format(path), base_iri=path.as_uri()):
        subject, obj = quad.subject, quad.object
        if isinstance(subject, ox.BlankNode):
            subject = ox.BlankNode(f"{prefix}_{subject.value}")
        if isinstance(obj, ox.BlankNode):
            obj = ox.BlankNode(f"{prefix}_{obj.value}")
        lines.append(f"{subject} {quad.predicate} {obj} .")
    return "\n".join(lines)


def load(endpoint: Endpoint, test: QueryTest) -> None:
    """Put the test's dataset into the store, in one update request."""
    graphs: list[tuple[str, list[Path]]] = [(default_graph(test), list(test.data))]
    graphs += [(name, [path]) for name, path in test.graph_data]
    operations = [f"CLEAR SILENT GRAPH <{name}>" for name, _ in graphs]
    blocks = []
    counter = 0
    for name, paths in graphs:
        parts = []
        for path in paths:
            counter += 1
            parts.append(_triples(path, f"f{counter}"))
        blocks.append(f"GRAPH <{name}> {{\n" + "\n".join(parts) + "\n}")
    operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    endpoint.update(" ;\n".join(operations))


def accept_for(test: QueryTest, expected: Result) -> str:
    """The media type to ask for: CSV and TSV for the result-format tests, JSON for other
    solutions, N-Triples for graphs."""
    if isinstance(expected, Graph):
        return NTRIPLES
    if test.type == "CSVResultFormatTest":
        return CSV
    if test.result.suffix == ".tsv":
        return TSV
    return JSON


def dataset_params(test: QueryTest) -> list[tuple[str, str]]:
    if test.has_dataset_clause:
        return []
    return [("default-graph-uri", default_graph(test))] + [("named-graph-uri", name) for name, _ in test.graph_data]


def run(endpoint: Endpoint, test: QueryTest, expected: Result) -> Result:
    """Load the data, run the query over HTTP and parse the response."""
    load(endpoint, test)
    accept = accept_for(test, expected)
    text = f"BASE <{test.query.as_uri()}>\n{test.query_text}"
    response = endpoint.query(text, accept, dataset_params(test))
    if response.status_code != 200:
        raise AssertionError(f"HTTP {response.status_code}: {response.text}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip()
    if content_type != accept:
        raise AssertionError(f"asked for {accept}, got {content_type or 'no content type'}")
    parsed: Solutions | Boolean | Graph
    if accept == JSON:
        parsed = parse_srj(response.content)
    elif accept == TSV:
        parsed = parse_tsv(response.content)
    elif accept == CSV:
        parsed = parse_csv(response.content)
    else:
        parsed = parse_rdf(response.content, ox.RdfFormat.N_TRIPLES)
    return parsed
