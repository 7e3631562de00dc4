"""Building the knowledge graph from the curated sources.

parse every source into its own named graph → materialise the inferred graph → run
the quality checks → check consistency with the OWL reasoner → (on disk) replace the
store atomically. The build works on an in-memory staging store, so a failure at any
step leaves an existing on-disk store untouched.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import accepted
from .checks import load_checks, run_checks
from .errors import CheckFailed, PactesurError, ShapeViolations, SourceSyntaxError
from .inference import InferenceReport, load_rules, materialise
from .lines import subject_lines
from .namespaces import GRAPH, INFERRED_GRAPH
from .reasoning import check_consistency
from .settings import Settings
from .shacl import load_shapes
from .sources import SourceFile, discover, parse_file
from .store import Store, replace_directory
from .validate import validate_graph

#: called with the name of each step as it starts
Progress = Callable[[str], None]


@dataclass
class BuildReport:
    sources: int = 0
    contributions: int = 0
    triples_per_graph: dict[str, int] = field(default_factory=dict)
    inference: InferenceReport | None = None
    checks_run: int = 0
    shapes_checked: bool = False
    reasoned: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_triples(self) -> int:
        return sum(self.triples_per_graph.values())


class SourceErrors(SourceSyntaxError):
    """Several source files have syntax errors; all are reported at once."""

    def __init__(self, errors: list[SourceSyntaxError]) -> None:
        self.errors = errors
        PactesurError.__init__(self, "\n".join(str(e) for e in errors))


def _timed(report: BuildReport, step: str, progress: Progress | None) -> Callable[[], None]:
    if progress:
        progress(step)
    started = time.perf_counter()

    def done() -> None:
        report.seconds[step] = round(time.perf_counter() - started, 3)

    return done


def build(
    settings: Settings, target: Path | None = None, progress: Progress | None = None
) -> tuple[Store, BuildReport]:
    """Build the graph; with ``target``, write it as an on-disk store there.

    :returns: the store (in memory, or the on-disk one opened read-only) and a report.
    :raises SourceSyntaxError: for unparsable sources (all of them, with positions).
    :raises CheckFailed: when a quality check returns rows.
    :raises InconsistentOntology: when the reasoner finds a contradiction.
    """
    report = BuildReport()
    staging = Store.in_memory()

    done = _timed(report, "parse", progress)
    sources = discover(settings.root)
    errors: list[SourceSyntaxError] = []
    for source in sources:
        try:
            staging.add_all(parse_file(source).quads)
        except SourceSyntaxError as error:
            errors.append(error)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SourceErrors(errors)
    # accepted contributions, in the order they were accepted, after the curated files
    report.contributions = accepted.replay(settings.root, staging)
    report.sources = len(sources)
    done()

    done = _timed(report, "inference", progress)
    report.inference = materialise(staging, load_rules(settings.inference_dir))
    done()

    done = _timed(report, "checks", progress)
    result = run_checks(staging, load_checks(settings.checks_dir))
    report.checks_run = result.checks_run
    if result.violations:
        raise CheckFailed(result.violations)
    done()

    done = _timed(report, "shapes", progress)
    report.shapes_checked = check_shapes(staging, settings, sources)
    done()

    if settings.reason:
        done = _timed(report, "reasoning", progress)
        curated = (q for q in staging.quads() if q.graph_name.value != INFERRED_GRAPH)  # type: ignore[union-attr]
        check_consistency(curated)
        report.reasoned = True
        done()

    report.triples_per_graph = staging.triples_per_graph()
    if target is None:
        return staging, report

    done = _timed(report, "write", progress)
    store = _write_on_disk(staging, target)
    done()
    return store, report


def check_shapes(store: Store, settings: Settings, sources: list[SourceFile]) -> bool:
    """The SHACL gate: the curated data against shapes/data, the ontology against
    shapes/ontology. Warnings pass; any violation fails with the file and line of its node.

    :returns: whether any shapes were there to check.
    """
    checked = False
    origins = {
        subject: (str(source.relative), line)
        for source in sources
        for subject, line in subject_lines(source.path.read_text(encoding="utf-8")).items()
    }
    ontology = Store.in_memory()
    ontology.add_all(
        q
        for q in store.quads()
        if str(q.graph_name.value).startswith(f"{GRAPH}ontology/")  # type: ignore[union-attr]
    )
    for folder, graph in ((settings.ontology_shapes_dir, ontology), (settings.data_shapes_dir, store)):
        if not folder.is_dir() or not any(folder.rglob("*.ttl")):
            continue
        checked = True
        result = validate_graph(graph, load_shapes(folder), origins, triples=0)
        if not result.conforms:
            raise ShapeViolations(
                f"{len(result.violations)} SHACL violation(s) against {folder.relative_to(settings.root)}/",
                result.to_text(),
            )
    return checked


def _write_on_disk(staging: Store, target: Path) -> Store:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.building-{os.getpid()}")
    if temporary.exists():
        shutil.rmtree(temporary)
    try:
        disk = Store.create(temporary)
        disk.add_all(staging.quads())
        disk.close()
        replace_directory(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return Store.open(target, read_only=True)
