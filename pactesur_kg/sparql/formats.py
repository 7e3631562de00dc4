"""Media types of SPARQL results and RDF, and content negotiation between them."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class MediaFormat:
    """A result serialisation: its media type, ``format=`` name and what it serialises."""

    name: str
    media_type: str
    kind: str  # "solutions" (SELECT/ASK) or "graph" (CONSTRUCT/DESCRIBE)
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        # JSON formats are UTF-8 by definition; text formats say it explicitly
        return self.media_type if "json" in self.media_type else f"{self.media_type}; charset=utf-8"


SOLUTION_FORMATS = [
    MediaFormat("json", "application/sparql-results+json", "solutions", ("application/json",)),
    MediaFormat("xml", "application/sparql-results+xml", "solutions", ("application/xml", "text/xml")),
    MediaFormat("csv", "text/csv", "solutions"),
    MediaFormat("tsv", "text/tab-separated-values", "solutions"),
]
GRAPH_FORMATS = [
    MediaFormat("turtle", "text/turtle", "graph", ("application/x-turtle",)),
    MediaFormat("ntriples", "application/n-triples", "graph", ("text/plain",)),
    MediaFormat("jsonld", "application/ld+json", "graph", ("application/json",)),
    MediaFormat("rdfxml", "application/rdf+xml", "graph", ("application/xml", "text/xml")),
    MediaFormat("nquads", "application/n-quads", "graph"),
    MediaFormat("trig", "application/trig", "graph"),
]
ALL_FORMATS = SOLUTION_FORMATS + GRAPH_FORMATS
BY_NAME = {f.name: f for f in ALL_FORMATS}

#: what a ``format=`` (or ``output=``) value asks for, as media types to negotiate with the
#: kind of the result: the project's names, those of SPARQLWrapper, Virtuoso and Fuseki
#: ("xml" is SPARQL XML for solutions and RDF/XML for a graph, "json" SPARQL JSON or JSON-LD)
FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "n3": ("text/turtle",),  # Turtle is N3
    "ntriples": ("application/n-triples",),
    "nt": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",),
    "rdfxml": ("application/rdf+xml",),
    "rdf+xml": ("application/rdf+xml",),
    "rdf": ("application/rdf+xml",),
    "nquads": ("application/n-quads",),
    "nq": ("application/n-quads",),
    "trig": ("application/trig",),
}
_MEDIA_TYPES = {media for f in ALL_FORMATS for media in (f.media_type, *f.aliases)} | {"text/n3", "text/rdf+n3"}


def format_media_types(value: str) -> tuple[str, ...] | None:
    """The media types a ``format=`` value asks for (a name or a media type), or None for a
    value this service does not know.

    >>> format_media_types("XML"), format_media_types("text/tab-separated-values")
    (('application/sparql-results+xml', 'application/rdf+xml'), ('text/tab-separated-values',))
    >>> format_media_types("text/n3"), format_media_types("nope")
    (('text/turtle',), None)
    """
    name = value.strip().lower()
    if name in FORMAT_NAMES:
        return FORMAT_NAMES[name]
    media = name.split(";")[0].strip()
    if media in ("text/n3", "text/rdf+n3"):
        return ("text/turtle",)
    return (media,) if media in _MEDIA_TYPES else None


OX_SOLUTIONS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
OX_GRAPH = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal weights).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('application/sparql-results+json', 1.0), ('text/csv', 0.5)]
    """
    if not header:
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        weight = 1.0
        for parameter in fields[1:]:
            if parameter.startswith("q="):
                try:
                    weight = float(parameter[2:])
                except ValueError:
                    weight = 0.0
        ranges.append((media, weight, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, weight) for media, weight, _ in ranges if weight > 0]


def negotiate(accept: list[tuple[str, float]], kind: str) -> MediaFormat | None:
    """The best format of ``kind`` for the Accept ranges, or None when none is acceptable."""
    candidates = SOLUTION_FORMATS if kind == "solutions" else GRAPH_FORMATS
    for media, _ in accept:
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            for candidate in candidates:
                if prefix == "*" or candidate.media_type.startswith(prefix + "/"):
                    return candidate
            continue
        for candidate in candidates:
            if media == candidate.media_type or media in candidate.aliases:
                return candidate
    return None
