"""Reading the W3C SPARQL 1.1 test manifests into test cases.

Manifests are parsed with their file URL as base IRI, so every file a test names (query,
data, named graphs, expected result) is a ``file:`` IRI; named graphs keep exactly that
IRI as their name. ``mf:include`` lists are followed recursively; the test list is never
written down here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox

from ..conftest import REPO

#: the ``sparql11/`` folder of the W3C test suite (override with ``PACTESUR_W3C_SPARQL11``)
SPARQL11 = Path(os.environ.get("PACTESUR_W3C_SPARQL11", REPO.parent / "shared" / "conformance" / "sparql11"))

#: the manifests the query suite starts from: the query language, and the result formats
#: (``csv-tsv-res/``, ``json-res/``), which hold the ``mf:CSVResultFormatTest`` tests
ENTRY_MANIFESTS = ("manifest-sparql11-query.ttl", "manifest-sparql11-results.ttl")

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
DAWGT = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

#: a term of a manifest
Node = ox.NamedNode | ox.BlankNode | ox.Literal

#: the test types this suite runs
QUERY_TYPES = {MF + "QueryEvaluationTest": "QueryEvaluationTest", MF + "CSVResultFormatTest": "CSVResultFormatTest"}
#: approvals that take a test out of the suite
RETIRED = {DAWGT + "Withdrawn": "dawgt:Withdrawn", DAWGT + "Deprecated": "dawgt:Deprecated"}


@dataclass(frozen=True)
class QueryTest:
    """One query evaluation test of a manifest."""

    #: ``<manifest folder>/<test local name>``, e.g. ``aggregates/agg01``
    id: str
    name: str
    #: ``QueryEvaluationTest`` or ``CSVResultFormatTest``
    type: str
    query: Path
    #: ``qt:data`` files, merged into the default graph
    data: tuple[Path, ...]
    #: ``qt:graphData``: (graph IRI as the manifest resolves it, file)
    graph_data: tuple[tuple[str, Path], ...]
    result: Path
    #: ``dawgt:Withdrawn`` / ``dawgt:Deprecated`` when the W3C retired the test, else None
    retired: str | None
    #: the action needs remote SPARQL endpoints (``qt:serviceData``)
    needs_service: bool
    #: the action names an entailment regime (``sd:entailmentRegime``)
    needs_entailment: bool

    @property
    def query_text(self) -> str:
        return self.query.read_text(encoding="utf-8")

    @property
    def has_dataset_clause(self) -> bool:
        """Whether the query names its own dataset with FROM or FROM NAMED."""
        return has_dataset_clause(self.query_text)


def file_path(iri: str) -> Path:
    """The local path of a ``file:`` IRI."""
    parts = urlsplit(iri)
    if parts.scheme != "file":
        raise ValueError(f"not a file IRI: {iri}")
    return Path(unquote(parts.path))


class _Manifest:
    """The triples of one manifest file, indexed by subject."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.iri = path.as_uri()
        self.triples: dict[str, list[tuple[str, Node]]] = {}
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=self.iri):
            subject = quad.subject
            if isinstance(subject, ox.NamedNode | ox.BlankNode):
                obj = quad.object
                if isinstance(obj, Node):
                    self.triples.setdefault(_key(subject), []).append((quad.predicate.value, obj))

    def values(self, subject: Node, predicate: str) -> list[Node]:
        return [obj for pred, obj in self.triples.get(_key(subject), []) if pred == predicate]

    def value(self, subject: Node, predicate: str) -> Node | None:
        found = self.values(subject, predicate)
        return found[0] if found else None

    def items(self, head: Node) -> Iterator[Node]:
        """The members of an RDF list."""
        node: Node | None = head
        while node is not None and not (isinstance(node, ox.NamedNode) and node.value == RDF + "nil"):
            first = self.value(node, RDF + "first")
            if first is None:
                raise ValueError(f"{self.path}: broken RDF list at {node}")
            yield first
            node = self.value(node, RDF + "rest")


def _key(node: Node) -> str:
    return str(node)


def _iri(node: Node | None) -> str:
    if not isinstance(node, ox.NamedNode):
        raise ValueError(f"expected an IRI, got {node}")
    return node.value


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def read_manifest(path: Path) -> Iterator[QueryTest]:
    """The query tests of a manifest and of the manifests it includes, in manifest order."""
    manifest = _Manifest(path)
    this = ox.NamedNode(manifest.iri)
    for include in manifest.values(this, MF + "include"):
        members = manifest.items(include) if isinstance(include, ox.BlankNode) else iter([include])
        for member in members:
            yield from read_manifest(file_path(_iri(member)))
    for entries in manifest.values(this, MF + "entries"):
        for entry in manifest.items(entries):
            kinds = [t.value for t in manifest.values(entry, RDF + "type") if isinstance(t, ox.NamedNode)]
            kind = next((QUERY_TYPES[k] for k in kinds if k in QUERY_TYPES), None)
            if kind is not None:
                yield _query_test(manifest, entry, kind)


def _query_test(manifest: _Manifest, entry: Node, kind: str) -> QueryTest:
    action = manifest.value(entry, MF + "action")
    result = manifest.value(entry, MF + "result")
    if action is None or result is None:
        raise ValueError(f"{manifest.path}: {entry} has no mf:action or mf:result")
    approval = manifest.value(entry, DAWGT + "approval")
    name = manifest.value(entry, MF + "name")
    return QueryTest(
        id=f"{manifest.path.parent.name}/{_local_name(_iri(entry))}",
        name=name.value if isinstance(name, ox.Literal) else "",
        type=kind,
        query=file_path(_iri(manifest.value(action, QT + "query"))),
        data=tuple(file_path(_iri(node)) for node in manifest.values(action, QT + "data")),
        graph_data=tuple((_iri(node), file_path(_iri(node))) for node in manifest.values(action, QT + "graphData")),
        result=file_path(_iri(result)),
        retired=RETIRED.get(approval.value) if isinstance(approval, ox.NamedNode) else None,
        needs_service=bool(manifest.values(action, QT + "serviceData")),
        needs_entailment=bool(manifest.values(action, SD + "entailmentRegime")),
    )


def query_tests(root: Path = SPARQL11) -> list[QueryTest]:
    """All query evaluation tests reachable from the entry manifests (retired ones included,
    marked by :attr:`QueryTest.retired`)."""
    tests = [test for entry in ENTRY_MANIFESTS for test in read_manifest(root / entry)]
    ids = [test.id for test in tests]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"test ids are not unique: {duplicates}")
    return tests


# -- looking into query text -------------------------------------------------------

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<variable>[?$][\w\u00b7\u00c0-\uffff]+)
    | (?P<name>[A-Za-z_][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(query: str) -> list[tuple[str, str]]:
    """(kind, text) of the tokens of a query, without comments and white space."""
    found: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        assert kind is not None
        if kind not in ("comment", "space"):
            found.append((kind, match.group()))
    return found


def has_dataset_clause(query: str) -> bool:
    """Whether a query has FROM or FROM NAMED (outside strings, IRIs and comments).

    >>> has_dataset_clause("SELECT * FROM <g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT * { ?s ?p "FROM" } # FROM')
    False
    """
    return any(kind == "name" and text.upper() == "FROM" for kind, text in tokens(query))


def order_keys(query: str) -> list[str] | None:
    """The variables of the leading plain-variable conditions of the top-level ORDER BY
    (``?x``, ``ASC(?x)``, ``DESC(?x)``), or None when the query is not ordered at the top
    level. Conditions after the first expression are dropped: the order of the rows is
    only determined on the leading plain keys.

    >>> order_keys("SELECT * { { SELECT ?x { ?x ?p ?o } ORDER BY ?x } } ORDER BY DESC(?y) str(?z) ?w")
    ['y']
    >>> order_keys("SELECT * { { SELECT ?x { ?x ?p ?o } ORDER BY ?x LIMIT 1 } }") is None
    True
    """
    found = tokens(query)
    depth = 0
    for index, (kind, text) in enumerate(found):
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
        elif (
            depth == 0
            and kind == "name"
            and text.upper() == "ORDER"
            and index + 1 < len(found)
            and found[index + 1][1].upper() == "BY"
        ):
            return _plain_keys(found[index + 2 :])
    return None


def _plain_keys(rest: list[tuple[str, str]]) -> list[str]:
    keys: list[str] = []
    position = 0
    while position < len(rest):
        kind, text = rest[position]
        if kind == "variable":
            keys.append(text[1:])
            position += 1
            continue
        if (
            kind == "name"
            and text.upper() in {"ASC", "DESC"}
            and [k for k, _ in rest[position + 1 : position + 4]] == ["other", "variable", "other"]
            and rest[position + 1][1] == "("
            and rest[position + 3][1] == ")"
        ):
            keys.append(rest[position + 2][1][1:])
            position += 4
            continue
        break  # an expression, or the end of the ORDER BY clause
    return keys
