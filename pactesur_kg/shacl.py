"""SHACL validation with pySHACL: loading the shapes, preparing the data, reading the report.

The data handed to pySHACL already holds the ontology and the materialised inferences
(subclass types, inverse and transitive relations), so ``sh:class`` follows the
ontology's class hierarchy without asking pySHACL to reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from .prepared_queries import install as install_prepared_queries

SHAPES = "https://w3id.org/pactesur/shapes#"


@dataclass(frozen=True)
class ShaclResult:
    """One result of a validation report, with its messages by language."""

    focus: str
    path: str | None
    value: str | None
    source_shape: str
    component: str
    severity: str
    messages: dict[str, str] = field(default_factory=dict)

    def message(self, language: str = "en") -> str:
        return self.messages.get(language) or self.messages.get("en") or next(iter(self.messages.values()), "")


def load_shapes(folder: Path) -> rdflib.Graph:
    """All ``*.ttl`` files under ``folder`` (recursively) as one shapes graph."""
    graph = rdflib.Graph()
    for path in sorted(folder.rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def to_rdflib(quads: Iterable[ox.Quad | ox.Triple]) -> rdflib.Graph:
    """The statements (graph names dropped) as an rdflib graph."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    serialized = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert serialized is not None  # None only when writing to a stream
    graph = rdflib.Graph()
    graph.parse(data=serialized.decode("utf-8"), format="nt")
    return graph


def run_shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, rdflib.Graph]:
    """Validate ``data`` (already holding the ontology and inferences) against ``shapes``."""
    from pyshacl import validate  # imported late: slow to import, only validation needs it

    install_prepared_queries()  # pySHACL sends the same queries' text at every validation
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
        meta_shacl=False,
    )
    assert isinstance(report, rdflib.Graph)
    return bool(conforms), report


def _text(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.BNode):
        # a path or a value that is a blank node: show its Turtle-ish form
        return str(node.n3())
    return str(node)


# a {?var} or {$this} placeholder, as it reads once the template went through re.escape
_PLACEHOLDER = re.compile(r"\\\{\\[?$]\w+\\\}")


def _language_of(message: str, templates: list[rdflib.Literal]) -> str | None:
    """The language of the sh:message template that ``message`` was filled in from.

    pySHACL drops the language tag when it fills in a SPARQL constraint's message."""
    for template in templates:
        pattern = _PLACEHOLDER.sub(".*?", re.escape(str(template)))
        if template.language and re.fullmatch(pattern, message, re.DOTALL):
            return str(template.language)
    return None


def read_results(report: rdflib.Graph, shapes: rdflib.Graph | None = None) -> list[ShaclResult]:
    """The top-level results of a report (not the nested sh:detail ones), sorted by focus
    node, path and shape. With the shapes graph, messages of SPARQL constraints get back
    their language."""
    results: list[ShaclResult] = []
    top_level = [
        r
        for report_node in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(report_node, SH.result)
    ]
    for result in top_level:
        messages: dict[str, str] = {}
        constraint = report.value(result, SH.sourceConstraint)
        templates = (
            [m for m in shapes.objects(constraint, SH.message) if isinstance(m, rdflib.Literal)]
            if shapes is not None and constraint is not None
            else []
        )
        for message in report.objects(result, SH.resultMessage):
            if isinstance(message, rdflib.Literal) and message.language:
                language = str(message.language)
            else:
                language = _language_of(str(message), templates) or "en"
            messages.setdefault(language, str(message))
        focus = report.value(result, SH.focusNode)
        results.append(
            ShaclResult(
                focus=f"_:{focus}" if isinstance(focus, rdflib.BNode) else str(focus),
                path=_text(report, report.value(result, SH.resultPath)),
                value=_text(report, report.value(result, SH.value)),
                source_shape=str(report.value(result, SH.sourceShape)),
                component=str(report.value(result, SH.sourceConstraintComponent)),
                severity=str(report.value(result, SH.resultSeverity)),
                messages=messages,
            )
        )
    return sorted(results, key=lambda r: (r.focus, r.path or "", r.source_shape, r.value or ""))
