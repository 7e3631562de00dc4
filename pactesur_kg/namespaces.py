"""IRIs of the project: namespaces, graph names and where the sources live."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

BASE = "https://w3id.org/pactesur/"
ONTOLOGY = f"{BASE}ontology#"
ONTOLOGY_IRI = f"{BASE}ontology"
RESOURCE = f"{BASE}resource/"
CONCEPT = f"{BASE}concept/"
GRAPH = f"{BASE}graph/"
INFERRED_GRAPH = f"{GRAPH}inferred"
#: on a remote endpoint, the graph where ``build --endpoint`` lists the graphs it loaded
#: (``<LOADED_GRAPHS> dcterms:hasPart <graph>``): the dataset the remote engine queries
LOADED_GRAPHS = f"{GRAPH}loaded-graphs"

#: prefixes offered to every query run through the library (a query may override them)
PREFIXES: dict[str, str] = {
    "pac": ONTOLOGY,
    "city": f"{RESOURCE}city/",
    "space": f"{RESOURCE}public-space/",
    "organisation": f"{RESOURCE}organisation/",
    "person": f"{RESOURCE}person/",
    "project": f"{RESOURCE}project/",
    "event": f"{RESOURCE}event/",
    "incident": f"{RESOURCE}incident/",
    "pilot": f"{RESOURCE}pilot/",
    "rec": f"{RESOURCE}recommendation/",
    "lesson": f"{RESOURCE}lesson/",
    "pub": f"{RESOURCE}publication/",
    "threat": f"{CONCEPT}threat/",
    "measure": f"{CONCEPT}measure/",
    "role": f"{CONCEPT}role/",
    "evidence": f"{CONCEPT}evidence/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "wd": "http://www.wikidata.org/entity/",
}

#: folders of the repository whose Turtle files make up the graph, in build order
SOURCE_FOLDERS = ("ontology", "data")


def graph_iri(relative_path: PurePosixPath | Path) -> str:
    """The named graph of one source file: its path without the extension.

    >>> graph_iri(PurePosixPath("data/cities/cities.ttl"))
    'https://w3id.org/pactesur/graph/data/cities/cities'
    """
    path = PurePosixPath(relative_path)
    return GRAPH + str(path.with_suffix(""))


def prefix_block(prefixes: dict[str, str] | None = None) -> str:
    """SPARQL PREFIX declarations for the given (default: the project's) prefixes."""
    chosen = PREFIXES if prefixes is None else prefixes
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in chosen.items())


def prefix_line() -> str:
    """The project's prefixes as SPARQL declarations on one line, to put in front of a query
    without moving its line numbers.

    >>> prefix_line().startswith("PREFIX pac: <https://w3id.org/pactesur/ontology#> PREFIX city: ")
    True
    """
    return "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items())
