"""The SPARQL Updates of the Graph Store Protocol's writes, built from parsed terms only
(its reads are the query files ``queries/service/graph-*.rq``).

Graph IRIs and uploaded data are parsed by pyoxigraph first and written back in
N-Triples form, so nothing a client sends is pasted into a query as text.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import BadRequest, UnsupportedMediaType
from ..rdf_input import check_rdf_input
from .formats import OX_GRAPH

UPLOAD_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def graph_node(iri: str) -> ox.NamedNode:
    """The named node of a valid absolute IRI; :class:`BadRequest` otherwise."""
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise BadRequest(f"{iri!r} is not a valid IRI: {error}") from None


def write_graph(method: str, iri: str, data: bytes, media_type: str) -> str:
    """The SPARQL Update for a Graph Store write: PUT replaces, POST adds, DELETE drops."""
    target = str(graph_node(iri))
    if method == "DELETE":
        return f"DROP GRAPH {target}"
    rdf_format = UPLOAD_FORMATS.get(media_type)
    if rdf_format is None:
        raise UnsupportedMediaType(f"unsupported media type {media_type!r}; send one of {', '.join(UPLOAD_FORMATS)}")
    check_rdf_input(data, rdf_format, "the graph")
    try:  # straight from the parser to N-Triples, never a list of triples
        serialized = ox.serialize(ox.parse(data, format=rdf_format), format=OX_GRAPH["ntriples"])
    except SyntaxError as error:
        raise BadRequest(f"invalid RDF: {error}", line=error.lineno, column=error.offset) from None
    body = serialized.decode("utf-8") if serialized else ""
    insert = f"INSERT DATA {{ GRAPH {target} {{\n{body}}} }}"
    return f"DROP SILENT GRAPH {target} ;\n{insert}" if method == "PUT" else insert
