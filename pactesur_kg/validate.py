"""Validating a contribution before it goes in: parse, build a small context, run SHACL.

A contribution is validated against the shapes in a small graph: the contribution, the
ontology, and what the graph says about the nodes the contribution refers to (their
types, labels, schemes and the work packages and projects they belong to), with the
entailments materialised. The graph is only read, through the one
:class:`~pactesur_kg.engine.reader.Reader` (in the service: under the engine's limits);
nothing is fetched from the network. The SHACL run itself may be isolated in a child
process (:mod:`pactesur_kg.isolation`), as the service does.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from .checks import load_checks
from .describe import ontology_triples
from .engine.reader import Reader
from .errors import PayloadTooLarge, UnreadableContribution
from .inference import load_rules, materialise
from .isolation import run_isolated
from .lines import subject_lines
from .namespaces import BASE, ONTOLOGY
from .rdf_input import check_rdf_input
from .shacl import ShaclResult, load_shapes, read_results, run_shacl, to_rdflib
from .sparql.queryfiles import QueryFile, QueryFiles
from .store import Store

#: contribution formats by file extension and by media type
FORMATS_BY_EXTENSION = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
FORMATS_BY_MEDIA_TYPE = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

#: what the store may say about a node the contribution refers to
_REFERENCED_PROPERTIES = [
    ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ox.NamedNode("http://www.w3.org/2004/02/skos/core#inScheme"),
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
    ox.NamedNode(f"{ONTOLOGY}partOf"),
]
_PART_OF = ox.NamedNode(f"{ONTOLOGY}partOf")
_TYPE = _REFERENCED_PROPERTIES[0]

_HINTS: dict[str, tuple[str, str]] = {
    "MinCountConstraintComponent": ("add a value for this property", "ajoutez une valeur pour cette propriété"),
    "MaxCountConstraintComponent": (
        "keep only the allowed number of values",
        "ne gardez que le nombre de valeurs permis",
    ),
    "DatatypeConstraintComponent": (
        'write the value with the expected datatype, e.g. "2019-03-28"^^xsd:date',
        'écrivez la valeur avec le type attendu, par ex. "2019-03-28"^^xsd:date',
    ),
    "ClassConstraintComponent": (
        "refer to a resource of the expected class (or give it that type)",
        "faites référence à une ressource de la classe attendue (ou donnez-lui ce type)",
    ),
    "NodeKindConstraintComponent": (
        "use an IRI such as <https://…>, not a string",
        "utilisez une IRI <https://…>, pas une chaîne",
    ),
    "PatternConstraintComponent": (
        "write the value in the documented form",
        "écrivez la valeur sous la forme documentée",
    ),
    "LanguageInConstraintComponent": (
        "tag the text with an allowed language",
        "étiquetez le texte avec une langue permise",
    ),
    "UniqueLangConstraintComponent": ("keep one value per language", "gardez une seule valeur par langue"),
    "MinInclusiveConstraintComponent": (
        "use a value in the allowed range",
        "utilisez une valeur dans l'intervalle permis",
    ),
    "MaxInclusiveConstraintComponent": (
        "use a value in the allowed range",
        "utilisez une valeur dans l'intervalle permis",
    ),
    "InConstraintComponent": ("use one of the allowed values", "utilisez l'une des valeurs permises"),
    "OrConstraintComponent": ("use one of the allowed forms", "utilisez l'une des formes permises"),
    "SPARQLConstraintComponent": ("see the message", "voir le message"),
    "QualityCheck": (
        "see the message: the build refuses the graph while this holds",
        "voir le message : la construction refuse le graphe tant que cela reste vrai",
    ),
}


@dataclass(frozen=True)
class ContributionFile:
    """One contributed document: a name to report it by, its bytes and its RDF format."""

    name: str
    data: bytes
    format: ox.RdfFormat

    @classmethod
    def read(cls, path: Path) -> ContributionFile:
        rdf_format = FORMATS_BY_EXTENSION.get(path.suffix.lower())
        if rdf_format is None:
            known = ", ".join(sorted(FORMATS_BY_EXTENSION))
            raise UnreadableContribution(f"{path}: unknown file type {path.suffix!r}; use one of {known}")
        try:
            return cls(str(path), path.read_bytes(), rdf_format)
        except OSError as error:
            raise UnreadableContribution(f"{path}: cannot read: {error.strerror}") from None


@dataclass(frozen=True)
class LocatedResult:
    """A SHACL result with where its focus node is written and a hint to fix it."""

    result: ShaclResult
    file: str | None
    line: int | None

    @property
    def severity(self) -> str:
        return self.result.severity.rsplit("#", 1)[-1]

    def hint(self, language: str = "en") -> str:
        component = self.result.component.rsplit("#", 1)[-1]
        english, french = _HINTS.get(component, ("see the shape's description", "voir la description de la forme"))
        return french if language == "fr" else english

    def to_json(self, language: str) -> dict[str, object]:
        return {
            "focus": self.result.focus,
            "file": self.file,
            "line": self.line,
            "path": self.result.path,
            "value": self.result.value,
            "severity": self.severity,
            "shape": self.result.source_shape,
            "component": self.result.component,
            "message": self.result.message(language),
            "hint": self.hint(language),
        }


@dataclass(frozen=True)
class ValidationReport:
    results: list[LocatedResult]
    report_graph: rdflib.Graph
    triples: int

    @property
    def violations(self) -> list[LocatedResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[LocatedResult]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def to_json(self, language: str = "en") -> dict[str, object]:
        """The stable JSON form, documented in docs/validation.md."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "results": [r.to_json(language) for r in self.results],
        }

    def to_text(self, language: str = "en") -> str:
        """Results grouped by focus node, each group headed by where the node is written."""
        if not self.results:
            return f"conforms: {self.triples} triples, no violation, no warning\n"
        groups: dict[str, list[LocatedResult]] = defaultdict(list)
        for result in self.results:
            groups[result.result.focus].append(result)
        lines: list[str] = []
        for focus, results in groups.items():
            where = (
                f"{results[0].file}:{results[0].line}: "
                if results[0].line
                else (f"{results[0].file}: " if results[0].file else "")
            )
            lines.append(f"{where}{focus}")
            for result in results:
                path = f" {result.result.path}" if result.result.path else ""
                value = f" = {result.result.value}" if result.result.value else ""
                lines.append(f"  {result.severity}{path}{value}")
                lines.append(f"    {result.result.message(language)}")
                lines.append(f"    hint: {result.hint(language)}")
        verdict = "does not conform" if not self.conforms else "conforms with warnings"
        lines.append(f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines) + "\n"

    def to_turtle(self) -> bytes:
        return self.report_graph.serialize(format="turtle").encode("utf-8")


#: the longest text a contribution may hold: a statement or a rationale is a few paragraphs;
#: a text of megabytes only makes the shapes' patterns run until the time limit
MAX_LITERAL = 100_000


def parse_contribution(
    files: list[ContributionFile], max_statements: int | None = None
) -> tuple[list[ox.Quad], dict[str, tuple[str, int | None]]]:
    """The contributed statements (in the default graph) and where each subject is written;
    more than ``max_statements`` in all (None: no limit) are refused (:class:`PayloadTooLarge`)
    as soon as the parser has read one too many."""
    quads: list[ox.Quad] = []
    origins: dict[str, tuple[str, int | None]] = {}
    for file in files:
        check_rdf_input(file.data, file.format, file.name)
        try:
            parsed = ox.parse(file.data, format=file.format, base_iri=None)
            triples = list(itertools.islice(parsed, _room(quads, max_statements)))
        except SyntaxError as error:
            line, column = error.lineno, error.offset
            reason = str(error.msg).split(": ", 1)[-1] if isinstance(error.msg, str) else str(error)
            where = f"{file.name}:{line}:{column}" if line else file.name
            raise UnreadableContribution(f"{where}: {reason}", line=line, column=column) from None
        except (UnicodeDecodeError, ValueError) as error:
            raise UnreadableContribution(f"{file.name}: not readable as {file.format.name}: {error}") from None
        if max_statements is not None and len(quads) + len(triples) > max_statements:
            raise PayloadTooLarge(
                f"the contribution has more than {max_statements} statements, more than one validation takes; "
                "send it in parts (the statements about a few resources at a time)"
            )
        lines: dict[str, int] = {}
        if file.format in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            lines = subject_lines(file.data.decode("utf-8", errors="replace"))
        for triple in triples:
            if isinstance(triple.object, ox.Literal) and len(triple.object.value) > MAX_LITERAL:
                at = lines.get(triple.subject.value) if isinstance(triple.subject, ox.NamedNode) else None
                raise PayloadTooLarge(
                    f"{file.name}{f':{at}' if at else ''}: a text of {len(triple.object.value)} characters "
                    f"for {triple.predicate.value}; a contribution's texts are at most {MAX_LITERAL} characters: "
                    "cite the document with dcterms:source instead of copying it"
                )
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))
            if isinstance(triple.subject, ox.NamedNode):
                origins.setdefault(triple.subject.value, (file.name, lines.get(triple.subject.value)))
    return quads, origins


def _room(quads: list[ox.Quad], max_statements: int | None) -> int | None:
    """How many statements to read from the next file: one more than may still come."""
    return None if max_statements is None else max(0, max_statements - len(quads)) + 1


def _project_iris(quads: list[ox.Quad]) -> tuple[set[ox.NamedNode], set[ox.NamedNode]]:
    subjects = {q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}
    objects = {
        q.object
        for q in quads
        if isinstance(q.object, ox.NamedNode)
        and (q.object.value.startswith(f"{BASE}resource/") or q.object.value.startswith(f"{BASE}concept/"))
    }
    return subjects, objects - subjects


@dataclass(frozen=True)
class Checks:
    """What a contribution is checked with: the data shapes and the inference rules
    (``queries/inference``) that materialise the entailments the shapes rely on."""

    shapes: rdflib.Graph
    rules: dict[str, str]
    #: the build's quality checks (``queries/checks``), run on the contribution in its
    #: context too, so that what is accepted does not fail the next build
    quality: tuple[QueryFile, ...] = ()

    @classmethod
    def load(cls, shapes_folder: Path, rules_folder: Path, checks_folder: Path | None = None) -> Checks:
        quality = tuple(load_checks(checks_folder)) if checks_folder is not None else ()
        return cls(load_shapes(shapes_folder), load_rules(rules_folder), quality)


async def context_statements(
    contribution: list[ox.Quad], reader: Reader, queries: QueryFiles, ontology: list[ox.Triple]
) -> list[ox.Triple]:
    """What the graph holds that a contribution is validated with (see the module's
    docstring): the ``ontology`` (:func:`~pactesur_kg.describe.ontology_triples`) and what
    the graph says of the nodes the contribution describes or refers to."""
    known = list(ontology)
    described, referenced = _project_iris(contribution)

    async def about(nodes: set[ox.NamedNode], properties: list[ox.NamedNode] | None = None) -> list[ox.Triple]:
        ordered = sorted(nodes, key=lambda n: n.value)
        if not ordered:
            return []
        if properties is None:
            return await reader.construct(queries.text("service/statements-about"), node=ordered)
        through = queries.text("service/statements-about-through")
        return await reader.construct(through, node=ordered, property=list(properties))

    referred = await about(referenced, _REFERENCED_PROPERTIES)
    known += referred
    # the projects and work packages the referenced nodes belong to, transitively, with their types
    containers = {t.object for t in referred if t.predicate == _PART_OF and isinstance(t.object, ox.NamedNode)}
    seen: set[ox.NamedNode] = set()
    while containers - seen:
        batch = containers - seen
        seen.update(batch)
        found = await about(batch, [_TYPE, _PART_OF])
        known += found
        containers |= {t.object for t in found if t.predicate == _PART_OF and isinstance(t.object, ox.NamedNode)}
    known += await about(described)
    return known


def context_graph(contribution: list[ox.Quad], context: list[ox.Triple], rules: dict[str, str]) -> Store:
    """The small graph a contribution is validated in: it, its context, their entailments."""
    graph = Store.in_memory()
    graph.add_all(contribution)
    graph.add_all(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in context)
    materialise(graph, rules)
    return graph


def check_in_context(
    contribution: list[ox.Quad],
    origins: Mapping[str, tuple[str, int | None]],
    context: list[ox.Triple],
    checks: Checks,
) -> ValidationReport:
    """Validate parsed contributed statements in their context (the graph's statements
    :func:`context_statements` gave)."""
    graph = context_graph(contribution, context, checks.rules)
    report = validate_graph(graph, checks.shapes, origins, triples=len(contribution))
    report.results.extend(_quality_results(graph, checks.quality, contribution, origins))
    # Nodes of the graph that the contribution only refers to are in the context with their
    # types and labels, not their whole description: results about them are not the
    # contributor's to fix. Contributed blank nodes are kept.
    contributed = {q.subject.value for q in contribution if isinstance(q.subject, ox.NamedNode)}
    kept = [r for r in report.results if r.result.focus in contributed or r.result.focus.startswith("_:")]
    return ValidationReport(results=_without_repeats(kept), report_graph=report.report_graph, triples=report.triples)


async def validate_contribution(
    files: list[ContributionFile], reader: Reader, queries: QueryFiles, checks: Checks
) -> ValidationReport:
    """Validate contributed files against the shapes, in the context of the graph."""
    quads, origins = parse_contribution(files)
    ontology = await ontology_triples(reader, queries)
    return await validate_parsed(quads, origins, reader, queries, checks, ontology)


async def validate_parsed(
    quads: list[ox.Quad],
    origins: Mapping[str, tuple[str, int | None]],
    reader: Reader,
    queries: QueryFiles,
    checks: Checks,
    ontology: list[ox.Triple],
    *,
    isolate_for: float | None = None,
    memory: int = 0,
    removed: Collection[ox.Triple] = (),
) -> ValidationReport:
    """Validate parsed contributed statements (:func:`parse_contribution`); with
    ``isolate_for`` (seconds), the SHACL run happens in a child process stopped past that
    time or past ``memory`` bytes (0: no limit), so that the caller's process stays free.
    ``removed``: statements a correction takes away, left out of the graph's context."""
    context = await context_statements(quads, reader, queries, ontology)
    if removed:
        gone = set(removed)
        context = [t for t in context if t not in gone]
    if isolate_for is None:
        return check_in_context(quads, origins, context, checks)
    return await run_isolated(
        lambda: check_in_context(quads, origins, context, checks),
        timeout=isolate_for,
        what="the validation",
        memory=memory,
    )


async def prepare_checks(reader: Reader, queries: QueryFiles, checks: Checks, ontology: list[ox.Triple]) -> None:
    """Validate one instance of each class of the graph in this process (in a thread), so
    that rdflib keeps the shapes' SPARQL prepared (``prepared_queries``) before validations
    run in child processes, which inherit it but could not hand it back."""
    sample = [ox.NamedNode(row["instance"]) for row in await reader.values(queries.text("service/one-of-each-class"))]
    if not sample:
        return
    triples = await reader.construct(queries.text("service/statements-about"), node=sample)
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    context = await context_statements(quads, reader, queries, ontology)
    await asyncio.to_thread(check_in_context, quads, {}, context, checks)


def _without_repeats(results: list[LocatedResult]) -> list[LocatedResult]:
    """One result per focus node, shape, component and value: an inferred super-property
    (pac:concerns over pac:concernsMeasure) would otherwise repeat a SPARQL-based result."""
    seen: set[tuple[str, str, str, str | None]] = set()
    unique: list[LocatedResult] = []
    for located in results:
        result = located.result
        key = (result.focus, result.source_shape, result.component, result.value)
        if result.component.endswith("SPARQLConstraintComponent") and key in seen:
            continue
        seen.add(key)
        unique.append(located)
    return unique


def validate_graph(
    graph: Store, shapes: rdflib.Graph, origins: Mapping[str, tuple[str, int | None]], *, triples: int
) -> ValidationReport:
    """Validate a whole prepared graph (used for the curated data at build time too)."""
    _, report = run_shacl(to_rdflib(graph.quads()), shapes)
    located = [
        LocatedResult(result, *origins.get(result.focus, (None, None))) for result in read_results(report, shapes)
    ]
    return ValidationReport(results=located, report_graph=report, triples=triples)


def _quality_results(
    graph: Store,
    quality: tuple[QueryFile, ...],
    contribution: list[ox.Quad],
    origins: Mapping[str, tuple[str, int | None]],
) -> list[LocatedResult]:
    """The rows of the build's quality checks that name a contributed resource, as results
    (a check row names its offending resource in one of its columns)."""
    contributed = {q.subject.value for q in contribution if isinstance(q.subject, ox.NamedNode)}
    found: list[LocatedResult] = []
    for check in quality:
        named: set[str] = set()  # one result per check and resource (n duplicates make n² rows)
        for row in graph.select(check.text):
            values = {name: str(term.value) for name, term in row.items()}
            focus = next((v for v in values.values() if v in contributed), None)
            if focus is None or focus in named:
                continue
            named.add(focus)
            others = ", ".join(f"{name}={value}" for name, value in values.items() if value != focus)
            result = ShaclResult(
                focus=focus,
                path=None,
                value=others or None,
                source_shape=f"https://w3id.org/pactesur/check/{check.name}",
                component=f"{ONTOLOGY}QualityCheck",
                severity="http://www.w3.org/ns/shacl#Violation",
                messages={"en": f"quality check {check.name}: {check.summary}"},
            )
            found.append(LocatedResult(result, *origins.get(focus, (None, None))))
    return found
