"""pySHACL and rudof (pyrudof) side by side on the same shapes and data.

    python bench/validators.py [--invalid tests/fixtures/contributions/invalid-lesson.ttl]

Validates the curated graph (with its inferences) against shapes/data with both engines,
reporting time, conformance and result counts, then an invalid contribution, to show
which constraints each engine reports.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from pactesur_kg.build import build
from pactesur_kg.describe import ontology_triples
from pactesur_kg.engine.inprocess import InProcessEngine
from pactesur_kg.engine.reader import Reader
from pactesur_kg.inference import load_rules
from pactesur_kg.settings import Settings
from pactesur_kg.shacl import load_shapes, read_results, run_shacl, to_rdflib
from pactesur_kg.sparql.queryfiles import QueryFiles
from pactesur_kg.store import Store
from pactesur_kg.validate import ContributionFile, context_graph, context_statements, parse_contribution

ROOT = Path(__file__).resolve().parent.parent


def pyshacl_run(store: Store, shapes_folder: Path) -> tuple[float, bool, int]:
    shapes = load_shapes(shapes_folder)
    data = to_rdflib(store.quads())
    started = time.perf_counter()
    conforms, report = run_shacl(data, shapes)
    return time.perf_counter() - started, conforms, len(read_results(report, shapes))


def rudof_run(store: Store, shapes_folder: Path) -> tuple[float, bool, int] | str:
    try:
        import pyrudof
    except ImportError:
        return "pyrudof is not installed (pip install pyrudof)"
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data.nt"
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads())
        data.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        shapes = Path(folder) / "shapes.ttl"
        shapes.write_text(load_shapes(shapes_folder).serialize(format="turtle"), encoding="utf-8")
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        try:
            rudof.read_data(str(data), format=pyrudof.RDFFormat.NTriples)
            rudof.read_shacl(str(shapes))
            started = time.perf_counter()
            report = rudof.validate_shacl()
        except Exception as error:
            return f"rudof refused: {type(error).__name__}: {str(error).splitlines()[0][:300]}"
        return time.perf_counter() - started, bool(report.conforms), len(report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invalid", type=Path, default=ROOT / "tests/fixtures/contributions/invalid-lesson.ttl")
    args = parser.parse_args()
    settings = Settings(root=ROOT, reason=False)
    curated, _ = build(settings)
    contribution, _ = parse_contribution([ContributionFile.read(args.invalid)])
    reader, queries = Reader(InProcessEngine(curated)), QueryFiles(settings.queries_dir)
    ontology = asyncio.run(ontology_triples(reader, queries))
    context = asyncio.run(context_statements(contribution, reader, queries, ontology))
    invalid = context_graph(contribution, context, load_rules(settings.inference_dir))
    for name, store in (("curated graph", curated), (f"context of {args.invalid.name}", invalid)):
        triples = sum(1 for _ in store.quads())
        print(f"## {name} ({triples} triples)")
        seconds, conforms, results = pyshacl_run(store, settings.data_shapes_dir)
        print(f"pySHACL: {seconds:.2f} s, conforms={conforms}, {results} results")
        outcome = rudof_run(store, settings.data_shapes_dir)
        if isinstance(outcome, str):
            print(f"rudof: {outcome}")
        else:
            print(f"rudof: {outcome[0]:.2f} s, conforms={outcome[1]}, {outcome[2]} results")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
