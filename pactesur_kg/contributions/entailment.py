"""Keeping the inferred graph what a build would make of the sources after a change.

The build materialises the entailments of ``queries/inference`` over the whole graph
(:func:`~pactesur_kg.inference.materialise`): every statement the rules entail that no graph
asserts. A service cannot redo that over a large graph at every accepted contribution, so:

- an **addition** only adds entailments, and only near what it added: the rules (subclass,
  subproperty, inverse, symmetric, transitive, property chains) join a new statement with
  the ontology and with statements one step away, whose own entailments (transitive
  closures, inverses) the inferred graph already holds: the statements *of* every node the
  addition mentions, and those pointing *to* its subjects (a new statement ``s p o`` extends
  a chain or closure through what ``o`` says and what says ``s``; what points to ``o`` is
  reached through its inverse, which ``o`` states). So the rules run on a small graph, the
  additions plus those statements, plus the ontology; what comes out that the graph does not
  hold yet is what the inferred graph gains. (The statements pointing to a much-cited node,
  a city or a threat, would make that graph as big as the store.) A statement
  the addition asserts leaves the inferred graph (the build keeps only what no graph asserts).
- a **correction** can take entailments away, which a small graph cannot tell: the inferred
  graph is made again from nothing, with the rules run on the engine until nothing new
  comes out (the embedded store in this process, a remote endpoint by SPARQL Update).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..engine.reader import Reader
from ..engine.writer import Writer
from ..inference import MAX_ROUNDS, materialise
from ..namespaces import INFERRED_GRAPH
from ..sparql.queryfiles import QueryFiles
from ..store import Store

_RULE = re.compile(r"^(?P<prologue>.*?)CONSTRUCT\s*\{(?P<template>[^{}]*)\}\s*WHERE\s*\{(?P<where>.*)\}\s*$", re.S)


async def entailed_by_addition(
    added: list[ox.Triple], reader: Reader, queries: QueryFiles, rules: dict[str, str], ontology: list[ox.Triple]
) -> list[ox.Triple]:
    """The statements the inferred graph gains when ``added`` is asserted."""
    nodes = sorted(
        {term for t in added for term in (t.subject, t.object) if isinstance(term, ox.NamedNode)},
        key=lambda n: n.value,
    )
    subjects = sorted({t.subject for t in added if isinstance(t.subject, ox.NamedNode)}, key=lambda n: n.value)
    touching = (
        await reader.construct(queries.text("service/statements-touching"), node=nodes, subject=subjects)
        if nodes
        else []
    )
    small = Store.in_memory()
    small.add_all(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in [*ontology, *touching, *added])
    materialise(small, rules)
    candidates = [q.triple for q in small.graph_quads(INFERRED_GRAPH)]
    subjects = sorted({t.subject for t in candidates if isinstance(t.subject, ox.NamedNode)}, key=lambda n: n.value)
    held = set(await reader.construct(queries.text("service/statements-about"), node=subjects)) if subjects else set()
    return [t for t in candidates if t not in held]


def _new_only(rule: str) -> tuple[str, str, str]:
    """A rule's prologue, template, and a WHERE clause that keeps what the graph does not hold
    yet (its comments left out)."""
    text = "\n".join(line for line in rule.splitlines() if not line.lstrip().startswith("#")).strip()
    match = _RULE.match(text)
    if match is None:
        raise ValueError("an inference rule is a CONSTRUCT query with a template and a WHERE pattern")
    template, pattern = match["template"].strip(), match["where"].strip()
    where = f"{{ {{ SELECT * WHERE {{ {pattern} }} }} FILTER NOT EXISTS {{ {template} }} }}"
    return match["prologue"].strip(), template, where


def without_repeats(rule: str) -> str:
    """A rule that gives only what the graph does not hold yet: what the remaking of the
    inferred graph inserts (:func:`inserting`). The rule's pattern is a subquery: Virtuoso 7.2
    refuses a property path with ``+`` whose variables a negation shares (docs/engines.md),
    and evaluates it as a derived table of its own.

    >>> print(without_repeats("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } FILTER NOT EXISTS { ?s ?p ?o } }
    """
    prologue, template, where = _new_only(rule)
    return f"{prologue} CONSTRUCT {{ {template} }} WHERE {where}".strip()


def inserting(rule: str, graphs: list[str]) -> str:
    r"""The update that adds to the inferred graph what ``rule`` gives over ``graphs`` (their
    merge, by ``USING``: the same dataset on every engine) and they do not hold yet.

    >>> update = inserting("CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o }", ["urn:g1", "urn:g2"])
    >>> print(update.replace(" USING", "\nUSING").replace(" WHERE {", "\nWHERE {", 1))
    INSERT { GRAPH <https://w3id.org/pactesur/graph/inferred> { ?o ?p ?s } }
    USING <urn:g1>
    USING <urn:g2>
    WHERE { { SELECT * WHERE { ?s ?p ?o } } FILTER NOT EXISTS { ?o ?p ?s } }
    """
    prologue, template, where = _new_only(rule)
    using = " ".join(f"USING <{graph}>" for graph in graphs)
    return f"{prologue} INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ {template} }} }} {using} WHERE {where}".strip()


async def rematerialise(reader: Reader, writer: Writer, queries: QueryFiles, rules: dict[str, str]) -> int:
    """Make the inferred graph again from nothing, on the engine: each round one update of
    every rule (nothing goes through the service, whatever the size of the graph), until a
    round adds nothing. An engine over a store of this process does it itself, over the union
    (:meth:`~pactesur_kg.engine.writer.Writer.remake_inferred`). :returns: its size."""
    if (size := await writer.remake_inferred(rules, what="contribution")) is not None:
        return size
    await writer.update(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>", what="contribution", graphs=(INFERRED_GRAPH,))
    held = [row["g"] for row in await reader.values(queries.text("service/triples-per-graph"))]
    graphs = sorted({*held, INFERRED_GRAPH})
    update = " ;\n".join(inserting(rule, graphs) for rule in rules.values())
    size_query, inferred = queries.text("service/graph-size"), ox.NamedNode(INFERRED_GRAPH)
    size = 0
    for _ in range(MAX_ROUNDS):
        await writer.update(update, what="contribution", graphs=(INFERRED_GRAPH,))
        (row,) = await reader.values(size_query, graph=inferred)
        if int(row["n"]) == size:
            break
        size = int(row["n"])
    return size


def statements(triples: list[ox.Triple]) -> str:
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)


def insert_data(graphs: dict[str, list[ox.Triple]]) -> str:
    """One INSERT DATA operation (blank nodes of one operation are the same nodes)."""
    body = "".join(f"GRAPH <{graph}> {{\n{statements(triples)}}}\n" for graph, triples in graphs.items() if triples)
    return f"INSERT DATA {{\n{body}}}" if body else ""


def delete_data(graphs: dict[str, list[ox.Triple]]) -> str:
    body = "".join(f"GRAPH <{graph}> {{\n{statements(triples)}}}\n" for graph, triples in graphs.items() if triples)
    return f"DELETE DATA {{\n{body}}}" if body else ""
