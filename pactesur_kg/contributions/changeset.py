"""What a submission asks to change: statements to add, and for a correction statements to
remove.

A submission in Turtle, N-Triples, JSON-LD or RDF/XML adds resources. A correction is a
SPARQL Update made only of ``DELETE DATA`` and ``INSERT DATA``: its deletions name the
statements to remove (from the graph its ``GRAPH`` names, else from whichever graphs hold
them), its insertions go into the contribution's own graph like an addition's statements.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate

from ..engine.execute import update as apply_update
from ..errors import BadRequest, FederationRefused, QueryFailed, UnreadableContribution
from ..namespaces import PREFIXES
from ..sparql.guard import check_federation
from ..validate import FORMATS_BY_MEDIA_TYPE, ContributionFile, parse_contribution

SPARQL_UPDATE = "application/sparql-update"
MEDIA_TYPES = (*FORMATS_BY_MEDIA_TYPE, SPARQL_UPDATE)

Subject = ox.NamedNode | ox.BlankNode
Object = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Removal:
    """A statement a correction removes: from ``graph``, or (None) from every graph holding it."""

    triple: ox.Triple
    graph: str | None


@dataclass(frozen=True)
class ChangeSet:
    added: list[ox.Triple]
    removed: list[Removal]
    #: where each contributed subject is written (file name, line), for the report
    origins: Mapping[str, tuple[str, int | None]]

    @property
    def kind(self) -> str:
        return "correction" if self.removed else "addition"

    @property
    def subjects(self) -> list[ox.NamedNode]:
        """The resources the change is about, in a stable order."""
        nodes = {t.subject for t in self.added} | {r.triple.subject for r in self.removed}
        return sorted((n for n in nodes if isinstance(n, ox.NamedNode)), key=lambda n: n.value)


def read_changeset(
    body: bytes, media_type: str, name: str = "contribution", max_statements: int | None = None
) -> ChangeSet:
    """The change a submission body asks for (at most ``max_statements`` added).

    :raises UnreadableContribution: a syntax error (with line and column) or an update with
        other operations than ``DELETE DATA`` and ``INSERT DATA``.
    """
    if media_type == SPARQL_UPDATE:
        return _read_update(body, name)
    contribution = ContributionFile(name, body, FORMATS_BY_MEDIA_TYPE[media_type])
    quads, origins = parse_contribution([contribution], max_statements)
    added = list(dict.fromkeys(q.triple for q in quads))
    if not added:
        raise UnreadableContribution(f"{name}: no statement in it: send at least one resource with its statements")
    return ChangeSet(added=added, removed=[], origins=origins)


def _read_update(body: bytes, name: str) -> ChangeSet:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableContribution(f"{name}: not UTF-8: {error.reason} at byte {error.start}") from None
    try:
        check_federation(text, [])
    except FederationRefused:
        raise UnreadableContribution(
            f"{name}: a correction is made only of DELETE DATA and INSERT DATA; LOAD and SERVICE have no place in it"
        ) from None
    # pyoxigraph reports syntax errors with line and column; on a throwaway empty store (and
    # with LOAD and SERVICE refused above) applying the text touches nothing else
    with contextlib.suppress(QueryFailed):
        apply_update(ox.Store(), text)
    try:
        operations = translateUpdate(parseUpdate(text), initNs=PREFIXES).algebra
    except ParseException as error:
        raise UnreadableContribution(f"{name}: {error.msg}", line=error.lineno, column=error.col) from None
    added: list[ox.Triple] = []
    removed: list[Removal] = []
    for operation in operations:
        if operation.name == "InsertData":
            if any(operation.quads.values()):
                raise UnreadableContribution(
                    f"{name}: INSERT DATA of a correction goes into the contribution's own graph: leave out GRAPH"
                )
            added += [_triple(t) for t in operation.triples]
        elif operation.name == "DeleteData":
            removed += [Removal(_triple(t), None) for t in operation.triples]
            removed += [Removal(_triple(t), str(graph)) for graph, ts in operation.quads.items() for t in ts]
        else:
            words = "".join(f" {c}" if c.isupper() else c for c in operation.name).strip().upper()
            raise UnreadableContribution(
                f"{name}: {words} is not allowed: a correction is made only of DELETE DATA and INSERT DATA"
            )
    if any(
        not isinstance(r.triple.subject, ox.NamedNode) or isinstance(r.triple.object, ox.BlankNode) for r in removed
    ):
        raise UnreadableContribution(f"{name}: DELETE DATA names statements by their IRIs and literals: no blank nodes")
    if not added and not removed:
        raise UnreadableContribution(f"{name}: the update changes nothing")
    return ChangeSet(added=list(dict.fromkeys(added)), removed=list(dict.fromkeys(removed)), origins={})


def _term(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise BadRequest(f"not an RDF term: {term!r}")


def _triple(triple: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]) -> ox.Triple:
    subject, predicate, value = (_term(t) for t in triple)
    assert isinstance(predicate, ox.NamedNode)
    assert not isinstance(subject, ox.Literal)
    return ox.Triple(subject, predicate, value)
