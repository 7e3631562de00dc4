"""SPARQL texts for the Graph Store Protocol, built from parsed terms only.

Graph IRIs and uploaded data are parsed by pyoxigraph first and written back in
N-Triples form, so nothing a client sends is pasted into a query as text.
"""

from __future__ import annotations

import pyoxigraph as ox

from .base import EngineError
from .formats import OX_GRAPH

UPLOAD_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def graph_term(iri: str) -> str:
    """``<iri>`` for a valid absolute IRI; :class:`EngineError` otherwise."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as error:
        raise EngineError(f"{iri!r} is not a valid IRI: {error}") from None


def read_graph(iri: str | None) -> str:
    """CONSTRUCT the named graph ``iri``, or the default graph (the union) when None."""
    if iri is None:
        return "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph_term(iri)} {{ ?s ?p ?o }} }}"


def graph_exists(iri: str) -> str:
    return f"ASK {{ GRAPH {graph_term(iri)} {{ ?s ?p ?o }} }}"


def write_graph(method: str, iri: str, data: bytes, media_type: str) -> str:
    """The SPARQL Update for a Graph Store write: PUT replaces, POST adds, DELETE drops."""
    target = graph_term(iri)
    if method == "DELETE":
        return f"DROP GRAPH {target}"
    rdf_format = UPLOAD_FORMATS.get(media_type)
    if rdf_format is None:
        raise EngineError(f"unsupported media type {media_type!r}; send one of {', '.join(UPLOAD_FORMATS)}")
    try:
        triples = list(ox.parse(data, format=rdf_format))
    except SyntaxError as error:
        raise EngineError(f"invalid RDF: {error}") from None
    serialized = ox.serialize(triples, format=OX_GRAPH["ntriples"])
    body = serialized.decode("utf-8") if serialized else ""
    insert = f"INSERT DATA {{ GRAPH {target} {{\n{body}}} }}"
    return f"DROP SILENT GRAPH {target} ;\n{insert}" if method == "PUT" else insert
