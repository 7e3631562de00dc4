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
  comes out.
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


def without_repeats(rule: str) -> str:
    """A rule that gives only what the graph does not hold yet. The rule's pattern is a
    subquery: Virtuoso 7.2 refuses a property path with ``+`` whose variables a negation
    shares (docs/engines.md), and evaluates it as a derived table of its own.

    >>> print(without_repeats("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } FILTER NOT EXISTS { ?s ?p ?o } }
    """
    text = "\n".join(line for line in rule.splitlines() if not line.lstrip().startswith("#"))
    text = text.strip()
    match = _RULE.match(text)
    if match is None:
        raise ValueError("an inference rule is a CONSTRUCT query with a template and a WHERE pattern")
    template = match["template"].strip()
    # the rule's own text, its pattern put in a group followed by the filter
    start, end = match.span("where")
    pattern = text[start:end].strip()
    return f"{text[:start]} {{ SELECT * WHERE {{ {pattern} }} }} FILTER NOT EXISTS {{ {template} }} {text[end:]}"


async def rematerialise(reader: Reader, writer: Writer, rules: dict[str, str]) -> int:
    """Make the inferred graph again from nothing, on the engine. :returns: its size."""
    graph = f"<{INFERRED_GRAPH}>"
    await writer.update(f"DROP SILENT GRAPH {graph}", what="contribution", graphs=(INFERRED_GRAPH,))
    wrapped = [without_repeats(rule) for rule in rules.values()]
    total = 0
    for _ in range(MAX_ROUNDS):
        new: set[ox.Triple] = set()
        for rule in wrapped:
            new.update(await reader.construct(rule))
        if not new:
            break
        await writer.update(
            insert_data({INFERRED_GRAPH: sorted(new, key=str)}), what="contribution", graphs=(INFERRED_GRAPH,)
        )
        total += len(new)
    return total


def statements(triples: list[ox.Triple]) -> str:
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)


def insert_data(graphs: dict[str, list[ox.Triple]]) -> str:
    """One INSERT DATA operation (blank nodes of one operation are the same nodes)."""
    body = "".join(f"GRAPH <{graph}> {{\n{statements(triples)}}}\n" for graph, triples in graphs.items() if triples)
    return f"INSERT DATA {{\n{body}}}" if body else ""


def delete_data(graphs: dict[str, list[ox.Triple]]) -> str:
    body = "".join(f"GRAPH <{graph}> {{\n{statements(triples)}}}\n" for graph, triples in graphs.items() if triples)
    return f"DELETE DATA {{\n{body}}}" if body else ""
