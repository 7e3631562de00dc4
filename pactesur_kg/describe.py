"""Describing the service and the dataset: SPARQL 1.1 Service Description and VoID.

Both are RDF graphs built from what the graph holds (read through the one
:class:`~pactesur_kg.engine.reader.Reader`, with the query files of ``queries/service/``),
so their figures are always those of the data being served.
"""

from __future__ import annotations

import pyoxigraph as ox

from .engine.reader import Reader
from .namespaces import BASE, GRAPH
from .sparql.formats import GRAPH_FORMATS, OX_GRAPH, SOLUTION_FORMATS
from .sparql.queryfiles import QueryFiles

DATASET = f"{BASE}dataset"
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

_FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
    "nquads": "http://www.w3.org/ns/formats/N-Quads",
    "trig": "http://www.w3.org/ns/formats/TriG",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


async def triples_per_graph(reader: Reader, queries: QueryFiles) -> dict[str, int]:
    """The named graphs and the number of triples in each, by graph IRI."""
    rows = await reader.select(queries.text("service/triples-per-graph"))
    return {row["g"].value: int(row["n"].value) for row in rows}


async def service_description(reader: Reader, queries: QueryFiles, endpoint: str, *, updates: bool) -> list[ox.Triple]:
    """A SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    service = _n(endpoint)
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, RDF_TYPE, _n(f"{SD}Service")),
        ox.Triple(service, _n(f"{SD}endpoint"), service),
        ox.Triple(service, _n(f"{SD}supportedLanguage"), _n(f"{SD}SPARQL11Query")),
        ox.Triple(service, _n(f"{SD}feature"), _n(f"{SD}UnionDefaultGraph")),
        ox.Triple(service, _n(f"{SD}feature"), _n(f"{SD}BasicFederatedQuery")),
        ox.Triple(service, _n(f"{SD}defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _n(f"{SD}Dataset")),
        ox.Triple(dataset, _n(f"{SD}defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _n(f"{SD}Graph")),
        ox.Triple(dataset, _n(f"{VOID}inDataset"), _n(DATASET)),
    ]
    if updates:
        triples.append(ox.Triple(service, _n(f"{SD}supportedLanguage"), _n(f"{SD}SPARQL11Update")))
    for media in SOLUTION_FORMATS + GRAPH_FORMATS:
        triples.append(ox.Triple(service, _n(f"{SD}resultFormat"), _n(_FORMAT_IRIS[media.name])))
    counts = await triples_per_graph(reader, queries)
    for index, graph in enumerate(sorted(counts)):
        named = ox.BlankNode(f"namedGraph{index}")
        description = ox.BlankNode(f"graph{index}")
        triples += [
            ox.Triple(dataset, _n(f"{SD}namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _n(f"{SD}NamedGraph")),
            ox.Triple(named, _n(f"{SD}name"), _n(graph)),
            ox.Triple(named, _n(f"{SD}graph"), description),
            ox.Triple(description, RDF_TYPE, _n(f"{SD}Graph")),
            ox.Triple(description, _n(f"{VOID}triples"), _count(counts[graph])),
        ]
    return triples


async def ontology_triples(reader: Reader, queries: QueryFiles) -> list[ox.Triple]:
    """The triples of the ontology's named graphs."""
    graphs = [ox.NamedNode(g) for g in await triples_per_graph(reader, queries) if g.startswith(f"{GRAPH}ontology/")]
    return await reader.construct(queries.text("service/graph-triples"), graph=graphs)


async def void_description(reader: Reader, queries: QueryFiles, endpoint: str) -> list[ox.Triple]:
    """A VoID description: sizes, classes, properties, named graphs and linksets."""
    return void_endpoint(endpoint) + await void_statistics(reader, queries)


def void_endpoint(endpoint: str) -> list[ox.Triple]:
    """The part of the VoID description that names the SPARQL endpoint."""
    return [ox.Triple(_n(DATASET), _n(f"{VOID}sparqlEndpoint"), _n(endpoint))]


async def void_statistics(reader: Reader, queries: QueryFiles) -> list[ox.Triple]:
    """The VoID description without its endpoint: what the graph holds, whoever asks."""
    dataset = _n(DATASET)
    (stats,) = await reader.select(queries.text("service/void-statistics"))
    (entities,) = await reader.select(queries.text("service/void-entities"))
    triples = [
        ox.Triple(dataset, RDF_TYPE, _n(f"{VOID}Dataset")),
        ox.Triple(dataset, _n(f"{VOID}triples"), _count(int(stats["triples"].value))),
        ox.Triple(dataset, _n(f"{VOID}entities"), _count(int(entities["n"].value))),
        ox.Triple(dataset, _n(f"{VOID}distinctSubjects"), _count(int(stats["subjects"].value))),
        ox.Triple(dataset, _n(f"{VOID}distinctObjects"), _count(int(stats["objects"].value))),
        ox.Triple(dataset, _n(f"{VOID}properties"), _count(int(stats["properties"].value))),
        ox.Triple(dataset, _n(f"{VOID}uriSpace"), ox.Literal(BASE)),
    ]
    classes = await reader.select(queries.text("service/void-classes"))
    triples.append(ox.Triple(dataset, _n(f"{VOID}classes"), _count(len(classes))))
    for index, row in enumerate(classes):
        partition = ox.BlankNode(f"class{index}")
        triples += [
            ox.Triple(dataset, _n(f"{VOID}classPartition"), partition),
            ox.Triple(partition, _n(f"{VOID}class"), row["class"]),
            ox.Triple(partition, _n(f"{VOID}entities"), _count(int(row["n"].value))),
        ]
    for index, row in enumerate(await reader.select(queries.text("service/void-properties"))):
        partition = ox.BlankNode(f"property{index}")
        triples += [
            ox.Triple(dataset, _n(f"{VOID}propertyPartition"), partition),
            ox.Triple(partition, _n(f"{VOID}property"), row["p"]),
            ox.Triple(partition, _n(f"{VOID}triples"), _count(int(row["n"].value))),
        ]
    for graph, count in (await triples_per_graph(reader, queries)).items():
        subset = _n(graph)
        triples += [
            ox.Triple(dataset, _n(f"{VOID}subset"), subset),
            ox.Triple(subset, RDF_TYPE, _n(f"{VOID}Dataset")),
            ox.Triple(subset, _n(f"{VOID}triples"), _count(count)),
        ]
    for row in await reader.select(queries.text("service/void-linksets")):
        linkset = row["linkset"]
        triples += [
            ox.Triple(dataset, _n(f"{VOID}subset"), linkset),
            ox.Triple(linkset, RDF_TYPE, _n(f"{VOID}Linkset")),  # type: ignore[arg-type]
            ox.Triple(linkset, _n(f"{VOID}linkPredicate"), row["predicate"]),  # type: ignore[arg-type]
            ox.Triple(linkset, _n(f"{VOID}objectsTarget"), row["target"]),  # type: ignore[arg-type]
            ox.Triple(linkset, _n(f"{VOID}subjectsTarget"), dataset),  # type: ignore[arg-type]
            ox.Triple(linkset, _n(f"{VOID}triples"), _count(int(row["links"].value))),  # type: ignore[arg-type]
        ]
    return triples


def serialize_triples(triples: list[ox.Triple], format_name: str) -> bytes:
    """The triples in one of the graph formats of :mod:`pactesur_kg.sparql.formats`."""
    serialized = ox.serialize(triples, format=OX_GRAPH[format_name])
    assert serialized is not None  # None only when writing to a stream
    return serialized
