"""The contribution forms, read from the SHACL shapes: one field per ``sh:path`` of a kind's
node shape, with what its property shapes say of it (counts, datatypes, classes, languages).

The shapes say what a resource must be; the form only helps to write it. Whatever the form
lets through is still validated against the same shapes by ``POST /validate`` and
``POST /contributions``, so a constraint the form does not translate into a control (a SPARQL
check, a pattern in another regex flavour) is not lost, only reported later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from ...namespaces import ONTOLOGY, RESOURCE

_SUB_PROPERTY = ox.NamedNode(str(RDFS.subPropertyOf))
_LABEL = ox.NamedNode(str(RDFS.label))


@dataclass(frozen=True)
class Kind:
    """A kind of resource a contributor can describe with a form."""

    slug: str
    class_name: str
    #: the folder of its IRIs: https://w3id.org/pactesur/resource/<folder>/<slug>
    folder: str

    @property
    def class_iri(self) -> str:
        return f"{ONTOLOGY}{self.class_name}"

    @property
    def namespace(self) -> str:
        return f"{RESOURCE}{self.folder}/"


#: the kinds with a form, each with the folder its curated resources use in data/
KINDS = (
    Kind("lesson", "LessonLearnt", "lesson"),
    Kind("incident", "Incident", "incident"),
    Kind("pilot", "Pilot", "pilot"),
    Kind("recommendation", "Recommendation", "recommendation"),
    Kind("event", "Event", "event"),
    Kind("public-space", "PublicSpace", "public-space"),
)


@dataclass
class Field:
    """What the shapes say of one property of a kind (several property shapes may share a path)."""

    path: str
    names: dict[str, str] = field(default_factory=dict)
    descriptions: list[rdflib.Literal] = field(default_factory=list)
    min_count: int = 0
    #: a value is advised (a minimum count of a shape of severity Warning or Info)
    advised: bool = False
    max_count: int | None = None
    #: the values must be IRIs of resources of one of these classes
    classes: list[str] = field(default_factory=list)
    #: the values must be literals of one of these datatypes (rdf:langString for text in a language)
    datatypes: list[str] = field(default_factory=list)
    #: the values must be IRIs (web addresses when a pattern says http or https)
    iri: bool = False
    pattern: str | None = None
    languages: list[str] = field(default_factory=list)
    english_required: bool = False
    minimum: str | None = None
    #: the minimum excludes itself (sh:minExclusive)
    minimum_excluded: bool = False
    #: other fields' paths that are subproperties of this one: one of them gives it a value
    given_by: list[str] = field(default_factory=list)

    @property
    def required(self) -> bool:
        return self.min_count > 0 or self.english_required

    @property
    def text_in_a_language(self) -> bool:
        return str(RDF.langString) in self.datatypes or bool(self.languages) or self.english_required

    @property
    def control(self) -> str:
        """How a value is entered: resource, url, iri, date, date-or-month, integer, decimal, text."""
        if self.classes:
            return "resource"
        if self.iri:
            return "url" if self.pattern and "http" in self.pattern else "iri"
        kinds = set(self.datatypes)
        if kinds == {str(XSD.date)}:
            return "date"
        if kinds and kinds <= {str(XSD.date), str(XSD.gYearMonth), str(XSD.gYear)}:
            return "date-or-month"
        if kinds and kinds <= {str(XSD.integer), str(XSD.nonNegativeInteger), str(XSD.positiveInteger)}:
            return "integer"
        if kinds and kinds <= {str(XSD.decimal), str(XSD.double), str(XSD.float)}:
            return "decimal"
        return "text"


@dataclass(frozen=True)
class Form:
    kind: Kind
    fields: list[Field]


def _literal_values(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> list[str]:
    return [str(value) for value in graph.objects(subject, predicate)]


def _alternatives(graph: rdflib.Graph, shape: rdflib.term.Node) -> list[rdflib.term.Node]:
    """The shapes of an ``sh:or`` list (empty when there is none)."""
    found: list[rdflib.term.Node] = []
    for head in graph.objects(shape, SH["or"]):
        found += list(Collection(graph, head))
    return found


def _merge(graph: rdflib.Graph, shape: rdflib.term.Node, into: Field) -> None:
    """Add what the property shape ``shape`` says to ``into``."""
    for name in graph.objects(shape, SH.name):
        if isinstance(name, rdflib.Literal):
            into.names.setdefault(name.language or "en", str(name))
    into.descriptions += [d for d in graph.objects(shape, SH.description) if isinstance(d, rdflib.Literal)]
    counts = [int(c) for c in _literal_values(graph, shape, SH.minCount)]
    if graph.value(shape, SH.severity) in (SH.Warning, SH.Info):
        into.advised = into.advised or any(counts)
    else:
        into.min_count = max([into.min_count, *counts])
    for maximum in (int(c) for c in _literal_values(graph, shape, SH.maxCount)):
        into.max_count = maximum if into.max_count is None else min(into.max_count, maximum)
    value_shapes = [shape, *_alternatives(graph, shape), *graph.objects(shape, SH.node)]
    for value_shape in value_shapes:
        into.classes += [c for c in _literal_values(graph, value_shape, SH["class"]) if c not in into.classes]
        into.datatypes += [d for d in _literal_values(graph, value_shape, SH.datatype) if d not in into.datatypes]
    if (shape, SH.nodeKind, SH.IRI) in graph:
        into.iri = True
    into.pattern = next(iter(_literal_values(graph, shape, SH.pattern)), into.pattern)
    for head in graph.objects(shape, SH.languageIn):
        into.languages += [str(tag) for tag in Collection(graph, head) if str(tag) not in into.languages]
    for qualified in graph.objects(shape, SH.qualifiedValueShape):
        for head in graph.objects(qualified, SH.languageIn):
            if [str(tag) for tag in Collection(graph, head)] == ["en"]:
                into.english_required = True
    for bound, excluded in ((SH.minInclusive, False), (SH.minExclusive, True)):
        for value in _literal_values(graph, shape, bound):
            into.minimum, into.minimum_excluded = value, excluded


def _file_order(text: str, local_name: str) -> int:
    """Where a shape is first named in its file: the order of the node shape's sh:property
    list, which rdflib does not keep."""
    found = re.search(rf"[:#]{re.escape(local_name)}(?![\w-])", text)
    return found.start() if found else len(text)


def read_form(kind: Kind, shapes_folder: Path, ontology: Iterable[ox.Triple]) -> Form:
    """The form of ``kind`` from ``shapes_folder/<Class>.ttl`` (its node shape targeting the
    class) and the ontology (subproperties, so that a superproperty whose values are
    inferred is not asked for twice)."""
    path = shapes_folder / f"{kind.class_name}.ttl"
    text = path.read_text(encoding="utf-8")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    fields: dict[str, Field] = {}
    order: dict[str, int] = {}
    for node_shape in graph.subjects(SH.targetClass, rdflib.URIRef(kind.class_iri)):
        for shape in graph.objects(node_shape, SH.property):
            target = graph.value(shape, SH.path)
            if not isinstance(target, rdflib.URIRef):
                continue  # a path expression: the form writes direct statements only
            local_name = str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            key = str(target)
            order[key] = min(order.get(key, len(text)), _file_order(text, local_name))
            _merge(graph, shape, fields.setdefault(key, Field(key)))
    sub_properties = [
        (t.subject.value, t.object.value)
        for t in ontology
        if t.predicate == _SUB_PROPERTY and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)
    ]
    for sub, sup in sub_properties:
        if sub in fields and sup in fields and sub != sup:
            fields[sup].given_by.append(sub)
    return Form(kind, sorted(fields.values(), key=lambda f: order[f.path]))


def ontology_labels(ontology: Iterable[ox.Triple]) -> dict[str, dict[str, str]]:
    """The labels of the ontology's terms, by IRI and language."""
    labels: dict[str, dict[str, str]] = {}
    for triple in ontology:
        subject, value = triple.subject, triple.object
        if triple.predicate != _LABEL or not isinstance(subject, ox.NamedNode) or not isinstance(value, ox.Literal):
            continue
        if value.language:
            labels.setdefault(subject.value, {}).setdefault(value.language, value.value)
    return labels


def kind_of(slug: str) -> Kind | None:
    return next((kind for kind in KINDS if kind.slug == slug), None)
