"""Consistency of the ontology plus the data, checked by HermiT through owlready2.

HermiT accepts only the datatypes of the OWL 2 datatype map, which lacks ``xsd:date``,
``xsd:gYear``, ``xsd:gYearMonth`` and GeoSPARQL's WKT literal. The copy given to the
reasoner therefore writes dates as the first instant of their day, month or year
(``xsd:dateTime``), keeping malformed ones malformed so the reasoner still rejects
them, and other unsupported literals as plain strings.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InconsistentOntology, ReasonerUnavailable

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# The OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps).
OWL2_DATATYPES = {
    f"{XSD}{name}"
    for name in [
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "double",
        "float",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "boolean",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "dateTime",
        "dateTimeStamp",
    ]
} | {
    f"{RDF}PlainLiteral",
    f"{RDF}XMLLiteral",
    f"{RDF}langString",
    "http://www.w3.org/2000/01/rdf-schema#Literal",
    "http://www.w3.org/2002/07/owl#real",
    "http://www.w3.org/2002/07/owl#rational",
}

_DATE_FORMS = {
    f"{XSD}date": (re.compile(r"^-?\d{4,}-\d{2}-\d{2}$"), "{}T00:00:00Z"),
    f"{XSD}gYearMonth": (re.compile(r"^-?\d{4,}-\d{2}$"), "{}-01T00:00:00Z"),
    f"{XSD}gYear": (re.compile(r"^-?\d{4,}$"), "{}-01-01T00:00:00Z"),
}
DATETIME = ox.NamedNode(f"{XSD}dateTime")
STRING = ox.NamedNode(f"{XSD}string")


@dataclass(frozen=True)
class ReasoningReport:
    consistent: bool
    unsatisfiable: list[str]


def _for_reasoner(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, ox.NamedNode):
        return DATETIME if term.value in _DATE_FORMS else term
    if not isinstance(term, ox.Literal) or term.language:
        return term
    datatype = term.datatype.value
    if datatype in _DATE_FORMS:
        pattern, template = _DATE_FORMS[datatype]
        # a malformed date stays malformed as a dateTime, so HermiT rejects it
        value = template.format(term.value) if pattern.match(term.value) else term.value
        return ox.Literal(value, datatype=DATETIME)
    if datatype not in OWL2_DATATYPES:
        return ox.Literal(term.value, datatype=STRING)
    return term


def reasoner_input(triples: Iterable[ox.Triple | ox.Quad]) -> str:
    """N-Triples of the given statements, rewritten for HermiT's datatype map."""
    rewritten = (
        ox.Triple(_for_reasoner(t.subject), _for_reasoner(t.predicate), _for_reasoner(t.object))  # type: ignore[arg-type]
        for t in triples
    )
    serialized = ox.serialize(rewritten, format=ox.RdfFormat.N_TRIPLES)
    assert serialized is not None  # None only when writing to a stream
    return serialized.decode("utf-8")


def check_consistency(triples: Iterable[ox.Triple | ox.Quad]) -> ReasoningReport:
    """Run HermiT over the statements.

    :raises ReasonerUnavailable: when Java or owlready2 cannot run.
    :raises InconsistentOntology: when the statements are inconsistent or a class is unsatisfiable.
    """
    if shutil.which("java") is None:
        raise ReasonerUnavailable(
            "the OWL reasoner HermiT needs Java: install a Java runtime (e.g. apt-get install "
            "default-jre-headless) or build with PACTESUR_REASON=0 to skip reasoning"
        )
    import owlready2  # imported late: it is slow to import and only the build needs it

    with tempfile.TemporaryDirectory(prefix="pactesur-reasoning-") as folder:
        path = Path(folder) / "graph.nt"
        path.write_text(reasoner_input(triples), encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise InconsistentOntology(
                "the ontology plus the data is inconsistent: some statement contradicts an axiom "
                "(e.g. a resource typed with two disjoint classes, a negative count, a malformed date)"
            ) from None
        except owlready2.OwlReadyJavaError as error:
            raise InconsistentOntology(f"the reasoner rejected the graph: {_java_reason(error)}") from None
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if c.iri != "http://www.w3.org/2002/07/owl#Nothing"
        )
        world.close()
    if unsatisfiable:
        raise InconsistentOntology(f"unsatisfiable classes: {', '.join(unsatisfiable)}")
    return ReasoningReport(consistent=True, unsatisfiable=[])


def _java_reason(error: Exception) -> str:
    for line in str(error).splitlines():
        if "Exception" in line and ":" in line:
            return line.split(":", 1)[1].strip()
    return str(error).strip().splitlines()[-1] if str(error).strip() else "unknown error"
