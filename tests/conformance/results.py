"""Reading SPARQL results (expected files and our responses) and comparing them.

Solutions are compared as multisets, blank nodes matched up to a consistent renaming (a
small backtracking search). Literals compare as terms: lexical form, datatype and
language tag (tags case-insensitively). When the query is ordered, the sequence of the
rows projected on the leading plain ORDER BY variables must also be the same (rows that
tie on those keys may come in any order). Graph results compare by RDF isomorphism
(rdflib). CSV results compare textually per cell, a ``_:`` cell being a blank node.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SRX = "{http://www.w3.org/2005/sparql-results#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Term(NamedTuple):
    """An RDF term, or the text of a CSV cell (``kind`` ``text``)."""

    kind: str  # "iri", "bnode", "literal" or "text"
    value: str
    datatype: str = ""
    language: str = ""

    def __str__(self) -> str:
        if self.kind == "iri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.kind == "text":
            return repr(self.value)
        if self.language:
            return f"{json.dumps(self.value, ensure_ascii=False)}@{self.language}"
        return f"{json.dumps(self.value, ensure_ascii=False)}^^<{self.datatype}>"


def iri(value: str) -> Term:
    return Term("iri", value)


def bnode(label: str) -> Term:
    return Term("bnode", label)


def literal(lexical: str, datatype: str | None = None, language: str | None = None) -> Term:
    """A literal in RDF 1.1 form: simple literals are ``xsd:string``, tagged ones ``rdf:langString``."""
    if language:
        return Term("literal", lexical, RDF_LANG_STRING, language.lower())
    return Term("literal", lexical, datatype or XSD_STRING)


Row = dict[str, Term]


@dataclass
class Solutions:
    variables: tuple[str, ...]
    rows: list[Row]


@dataclass
class Boolean:
    value: bool


@dataclass
class Graph:
    triples: list[tuple[Term, Term, Term]]


Result = Solutions | Boolean | Graph


# -- SPARQL XML results ----------------------------------------------------------


def parse_srx(data: bytes) -> Solutions | Boolean:
    root = ET.fromstring(data)
    boolean = root.find(f"{SRX}boolean")
    if boolean is not None:
        return Boolean((boolean.text or "").strip() == "true")
    variables = tuple(v.attrib["name"] for v in root.iterfind(f"{SRX}head/{SRX}variable"))
    rows: list[Row] = []
    for result in root.iterfind(f"{SRX}results/{SRX}result"):
        row: Row = {}
        for binding in result.iterfind(f"{SRX}binding"):
            row[binding.attrib["name"]] = _srx_term(binding[0])
        rows.append(row)
    return Solutions(variables, rows)


def _srx_term(element: ET.Element) -> Term:
    tag = element.tag.removeprefix(SRX)
    text = element.text or ""
    if tag == "uri":
        return iri(text.strip())
    if tag == "bnode":
        return bnode(text.strip())
    if tag == "literal":
        return literal(text, element.attrib.get("datatype"), element.attrib.get(XML_LANG))
    raise ValueError(f"unknown term element <{tag}>")


# -- SPARQL JSON results ---------------------------------------------------------


def parse_srj(data: bytes) -> Solutions | Boolean:
    document = json.loads(data)
    if "boolean" in document:
        return Boolean(bool(document["boolean"]))
    variables = tuple(document["head"].get("vars", []))
    rows = [{name: _json_term(term) for name, term in binding.items()} for binding in document["results"]["bindings"]]
    return Solutions(variables, rows)


def _json_term(term: dict[str, Any]) -> Term:
    kind = term["type"]
    if kind == "uri":
        return iri(term["value"])
    if kind == "bnode":
        return bnode(term["value"])
    if kind in ("literal", "typed-literal"):
        return literal(term["value"], term.get("datatype"), term.get("xml:lang"))
    raise ValueError(f"unknown JSON term type {kind!r}")


# -- SPARQL TSV results ----------------------------------------------------------

_TSV_TERM = re.compile(
    r"""
      <(?P<iri>[^>]*)>
    | _:(?P<bnode>\S+)
    | (?P<quote>"|')(?P<string>(?:\\.|(?!(?P=quote)).)*)(?P=quote)
        (?:@(?P<lang>[A-Za-z0-9-]+)|\^\^<(?P<datatype>[^>]*)>)?
    | (?P<double>[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+)
    | (?P<decimal>[+-]?\d*\.\d+)
    | (?P<integer>[+-]?\d+)
    | (?P<boolean>true|false)
    """,
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        if code:
            return chr(int(code, 16))
        return _ECHAR[match.group(3)]

    return _ESCAPE.sub(one, text)


def tsv_term(cell: str) -> Term:
    """A term in the syntax of SPARQL TSV results (Turtle terms).

    >>> tsv_term('"chat"@FR')
    Term(kind='literal', value='chat', datatype='http://www.w3.org/1999/02/22-rdf-syntax-ns#langString', language='fr')
    >>> tsv_term("1.0e6").datatype
    'http://www.w3.org/2001/XMLSchema#double'
    """
    match = _TSV_TERM.fullmatch(cell)
    if match is None:
        raise ValueError(f"not a TSV term: {cell!r}")
    if match.group("iri") is not None:
        return iri(_unescape(match.group("iri")))
    if match.group("bnode") is not None:
        return bnode(match.group("bnode"))
    if match.group("quote") is not None:
        return literal(_unescape(match.group("string")), match.group("datatype"), match.group("lang"))
    for kind in ("double", "decimal", "integer", "boolean"):
        if match.group(kind) is not None:
            return literal(match.group(kind), XSD + kind)
    raise AssertionError(cell)


def parse_tsv(data: bytes) -> Solutions:
    lines = data.decode("utf-8").replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    variables = tuple(name.strip()[1:] for name in lines[0].split("\t")) if lines[0].strip() else ()
    rows: list[Row] = []
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append(
            {name: tsv_term(cell.strip()) for name, cell in zip(variables, cells, strict=False) if cell.strip()}
        )
    return Solutions(variables, rows)


# -- SPARQL CSV results (compared as text) -----------------------------------------


def parse_csv(data: bytes) -> Solutions:
    """CSV rows as text cells; a cell ``_:x`` is a blank node, an empty cell is unbound."""
    records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    variables = tuple(records[0]) if records else ()
    rows: list[Row] = []
    for record in records[1:]:
        row: Row = {}
        for name, cell in zip(variables, record, strict=False):
            if cell.startswith("_:"):
                row[name] = bnode(cell[2:])
            elif cell:
                row[name] = Term("text", cell)
        rows.append(row)
    return Solutions(variables, rows)


# -- RDF: graphs and result sets in the result-set vocabulary -------------------------


def term(node: Any) -> Term:
    """Our term for a pyoxigraph term."""
    if isinstance(node, ox.NamedNode):
        return iri(node.value)
    if isinstance(node, ox.BlankNode):
        return bnode(node.value)
    if isinstance(node, ox.Literal):
        return literal(node.value, node.datatype.value, node.language)
    raise ValueError(f"unsupported term {node!r}")


def rdf_format(path: Path) -> ox.RdfFormat:
    formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}
    return formats[path.suffix]


def parse_rdf(data: bytes, syntax: ox.RdfFormat, base_iri: str | None = None) -> Graph:
    triples = [
        (term(q.subject), term(q.predicate), term(q.object)) for q in ox.parse(data, format=syntax, base_iri=base_iri)
    ]
    return Graph(triples)


def read_rdf_result(path: Path) -> Result:
    """An RDF result file: a graph, or a result set written with the result-set vocabulary."""
    graph = parse_rdf(path.read_bytes(), rdf_format(path), path.as_uri())
    result_sets = [s for s, p, o in graph.triples if p == iri(RDF_TYPE) and o == iri(RS + "ResultSet")]
    if not result_sets:
        return graph
    return _result_set(graph, result_sets[0])


def _result_set(graph: Graph, result_set: Term) -> Solutions | Boolean:
    index: dict[Term, list[tuple[Term, Term]]] = {}
    for s, p, o in graph.triples:
        index.setdefault(s, []).append((p, o))

    def values(subject: Term, predicate: str) -> list[Term]:
        return [o for p, o in index.get(subject, []) if p == iri(RS + predicate)]

    boolean = values(result_set, "boolean")
    if boolean:
        return Boolean(boolean[0].value == "true")
    variables = tuple(v.value for v in values(result_set, "resultVariable"))
    numbered: list[tuple[int, Row]] = []
    for solution in values(result_set, "solution"):
        row: Row = {}
        for binding in values(solution, "binding"):
            row[values(binding, "variable")[0].value] = values(binding, "value")[0]
        position = values(solution, "index")
        numbered.append((int(position[0].value) if position else 0, row))
    numbered.sort(key=lambda item: item[0])
    return Solutions(variables, [row for _, row in numbered])


def read_expected(path: Path) -> Result:
    """The expected result of a test, by the extension of its file."""
    data = path.read_bytes()
    if path.suffix == ".srx":
        return parse_srx(data)
    if path.suffix == ".srj":
        return parse_srj(data)
    if path.suffix == ".tsv":
        return parse_tsv(data)
    if path.suffix == ".csv":
        return parse_csv(data)
    return read_rdf_result(path)


# -- comparing --------------------------------------------------------------------


def _bnodes(row: Row) -> bool:
    return any(value.kind == "bnode" for value in row.values())


def _extend(expected: Row, actual: Row, mapping: dict[str, str], reverse: dict[str, str]) -> list[str] | None:
    """Extend the blank node bijection so that ``expected`` maps onto ``actual``; return the
    newly mapped labels, or None when the rows cannot match."""
    if expected.keys() != actual.keys():
        return None
    added: list[str] = []
    for name, left in expected.items():
        right = actual[name]
        if left.kind == "bnode" and right.kind == "bnode":
            known = mapping.get(left.value)
            if known is None:
                if right.value in reverse:
                    break
                mapping[left.value] = right.value
                reverse[right.value] = left.value
                added.append(left.value)
            elif known != right.value:
                break
        elif left != right:
            break
    else:
        return added
    for label in added:
        del reverse[mapping.pop(label)]
    return None


def same_rows(expected: Sequence[Row], actual: Sequence[Row]) -> bool:
    """Whether two multisets of rows are equal up to a renaming of blank nodes."""
    if len(expected) != len(actual):
        return False
    ground_expected = [r for r in expected if not _bnodes(r)]
    ground_actual = [r for r in actual if not _bnodes(r)]
    if Counter(_frozen(r) for r in ground_expected) != Counter(_frozen(r) for r in ground_actual):
        return False
    left = [r for r in expected if _bnodes(r)]
    right = [r for r in actual if _bnodes(r)]
    used = [False] * len(right)
    mapping: dict[str, str] = {}
    reverse: dict[str, str] = {}

    def search(position: int) -> bool:
        if position == len(left):
            return True
        for candidate, row in enumerate(right):
            if used[candidate]:
                continue
            added = _extend(left[position], row, mapping, reverse)
            if added is None:
                continue
            used[candidate] = True
            if search(position + 1):
                return True
            used[candidate] = False
            for label in added:
                del reverse[mapping.pop(label)]
        return False

    return search(0)


def _frozen(row: Row) -> frozenset[tuple[str, Term]]:
    return frozenset(row.items())


def _blind(value: Term | None) -> Term | None:
    """A term with blank nodes made indistinguishable (for order and difference reports)."""
    return Term("bnode", "") if value is not None and value.kind == "bnode" else value


def _rdflib(value: Term) -> rdflib.term.Node:
    if value.kind == "iri":
        return rdflib.URIRef(value.value)
    if value.kind == "bnode":
        return rdflib.BNode(value.value)
    if value.language:
        return rdflib.Literal(value.value, lang=value.language, normalize=False)
    return rdflib.Literal(value.value, datatype=rdflib.URIRef(value.datatype), normalize=False)


def _rdflib_graph(triples: Iterable[tuple[Term, Term, Term]]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((_rdflib(s), _rdflib(p), _rdflib(o)))
    return graph


def _show_row(row: Row) -> str:
    return " ".join(f"?{name}={row[name]}" for name in sorted(row)) or "(empty solution)"


def _difference(expected: Sequence[Row], actual: Sequence[Row], limit: int = 8) -> str:
    wanted = Counter(frozenset((k, _blind(v)) for k, v in r.items()) for r in expected)
    got = Counter(frozenset((k, _blind(v)) for k, v in r.items()) for r in actual)
    lines = [f"expected {len(expected)} rows, got {len(actual)}"]
    for title, rows in (("missing", wanted - got), ("unexpected", got - wanted)):
        for row in sorted(rows.elements(), key=lambda r: sorted((k, str(v)) for k, v in r))[:limit]:
            lines.append(f"  {title}: {_show_row({k: v for k, v in row if v is not None})}")
    return "\n".join(lines)


def compare(expected: Result, actual: Result, order: list[str] | None = None) -> str | None:
    """None when ``actual`` is the expected result, else why not. ``order``: the leading
    plain ORDER BY variables of an ordered query."""
    if type(expected) is not type(actual):
        return f"expected a {type(expected).__name__} result, got {type(actual).__name__}"
    if isinstance(expected, Boolean):
        assert isinstance(actual, Boolean)
        return None if expected.value == actual.value else f"expected {expected.value}, got {actual.value}"
    if isinstance(expected, Graph):
        assert isinstance(actual, Graph)
        if isomorphic(_rdflib_graph(expected.triples), _rdflib_graph(actual.triples)):
            return None
        return "graphs are not isomorphic\n" + _difference(_rows(expected), _rows(actual))
    assert isinstance(expected, Solutions)
    assert isinstance(actual, Solutions)
    if set(expected.variables) != set(actual.variables):
        return f"expected variables {sorted(expected.variables)}, got {sorted(actual.variables)}"
    if not same_rows(expected.rows, actual.rows):
        return _difference(expected.rows, actual.rows)
    keys: list[str] = []
    for key in order or []:
        if key not in expected.variables:
            break
        keys.append(key)
    if keys:
        wanted = [tuple(_blind(r.get(k)) for k in keys) for r in expected.rows]
        got = [tuple(_blind(r.get(k)) for k in keys) for r in actual.rows]
        if wanted != got:
            return f"rows in another order on the ORDER BY keys {keys}"
    return None


def _rows(graph: Graph) -> list[Row]:
    return [{"s": s, "p": p, "o": o} for s, p, o in graph.triples]
