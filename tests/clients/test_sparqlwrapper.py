"""SPARQLWrapper, the most used Python SPARQL client, against the running server: every
return format for SELECT, ASK, CONSTRUCT and DESCRIBE, by GET and by POST, gives the same
data as the protocol's own JSON and N-Triples answers.

SPARQLWrapper sends ``format=``, ``output=`` and ``results=`` with its own names (and, for
some, a media type as a second ``format=``); asked for a format that does not fit the query
(Turtle of a SELECT), it sends ``Accept: */*`` and warns: those warnings are the client's.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from xml.dom.minidom import Document

import httpx
import pytest
import rdflib
from rdflib.compare import to_canonical_graph
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from ..api.server import RunningServer

QUERIES = {
    "SELECT": "SELECT ?city WHERE { ?city a pac:City } ORDER BY ?city LIMIT 3",
    "ASK": "ASK { city:nice a pac:City }",
    "CONSTRUCT": "CONSTRUCT { city:nice rdfs:label ?label } WHERE { city:nice rdfs:label ?label }",
    "DESCRIBE": "DESCRIBE city:nice",
}
FORMATS = [JSON, XML, TURTLE, N3, RDF, RDFXML, CSV, TSV, JSONLD]


def _expected(server: RunningServer, kind: str) -> Any:
    """What the protocol itself answers, as plain values."""
    if kind in ("SELECT", "ASK"):
        body = httpx.get(f"{server.url}/sparql", params={"query": QUERIES[kind], "format": "json"}).json()
        return body["boolean"] if kind == "ASK" else [row["city"]["value"] for row in body["results"]["bindings"]]
    answer = httpx.get(f"{server.url}/sparql", params={"query": QUERIES[kind], "format": "ntriples"})
    return _canonical(rdflib.Graph().parse(data=answer.text, format="nt"))


def _canonical(graph: rdflib.Graph) -> set[Any]:
    """The statements of ``graph`` with blank nodes named by the graph's shape, not by the
    answer (an engine behind the remote backend names them anew at each answer)."""
    plain = rdflib.Graph()
    for triple in graph:
        plain.add(triple)
    return set(to_canonical_graph(plain))


def _plain(kind: str, converted: Any, content_type: str) -> Any:
    """What SPARQLWrapper's converted answer holds, as plain values."""
    if kind in ("SELECT", "ASK"):
        if isinstance(converted, dict):
            if kind == "ASK":
                return converted["boolean"]
            return [row["city"]["value"] for row in converted["results"]["bindings"]]
        if isinstance(converted, Document):
            if kind == "ASK":
                return converted.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]
            return [uri.firstChild.data for uri in converted.getElementsByTagName("uri")]  # type: ignore[union-attr]
        text = converted.decode("utf-8")
        if kind == "ASK":
            return text.strip().splitlines()[-1] == "true"
        delimiter = "\t" if "tab-separated" in content_type else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[1:]
        return [row[0].strip("<>") for row in rows]
    if isinstance(converted, rdflib.Graph):
        return _canonical(converted)
    return _canonical(rdflib.Graph().parse(data=converted.decode("utf-8"), format="turtle"))


@pytest.mark.filterwarnings("ignore::RuntimeWarning:SPARQLWrapper")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("kind", sorted(QUERIES))
@pytest.mark.parametrize("return_format", FORMATS)
def test_sparqlwrapper_every_return_format(server: RunningServer, return_format: str, kind: str, method: str) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(QUERIES[kind])
    client.setMethod(method)
    client.setReturnFormat(return_format)
    result = client.query()
    assert result.response.status == 200
    content_type = result.info()["content-type"]
    assert _plain(kind, result.convert(), content_type) == _expected(server, kind)


def test_sparqlwrapper_fit_formats_get_what_they_asked_for(server: RunningServer) -> None:
    """Where the format fits the query, the answer is in that format (no fallback)."""
    asked = {
        (CSV, "SELECT"): "text/csv",
        (TSV, "SELECT"): "text/tab-separated-values",
        (XML, "ASK"): "sparql-results+xml",
    }
    asked |= {(XML, "CONSTRUCT"): "application/rdf+xml", (JSONLD, "DESCRIBE"): "application/ld+json"}
    asked |= {(TURTLE, "CONSTRUCT"): "text/turtle", (RDFXML, "DESCRIBE"): "application/rdf+xml"}
    for (return_format, kind), media in asked.items():
        client = SPARQLWrapper(f"{server.url}/sparql")
        client.setQuery(QUERIES[kind])
        client.setReturnFormat(return_format)
        assert media in client.query().info()["content-type"], (return_format, kind)
