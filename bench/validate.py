"""Time the validation of a 50-resource contribution against a big store.

    python bench/validate.py --store bench/out/store-1m [--resources 50] [--runs 7]

The store is one made by bench/run.py (curated graph plus a synthetic graph). The
contribution has lessons learnt that refer to synthetic cities and incidents, as a
contributor's file would. Reports the median and the spread of the wall-clock time, and
the time to validate the whole curated data (the build's SHACL gate) for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from pactesur_kg.build import build
from pactesur_kg.engine.inprocess import InProcessEngine
from pactesur_kg.engine.reader import Reader
from pactesur_kg.settings import Settings
from pactesur_kg.shacl import run_shacl, to_rdflib
from pactesur_kg.sparql.queryfiles import QueryFiles
from pactesur_kg.store import Store
from pactesur_kg.validate import Checks, ContributionFile, validate_contribution

ROOT = Path(__file__).resolve().parent.parent


def contribution(resources: int) -> bytes:
    lines = [
        "@prefix pac: <https://w3id.org/pactesur/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
    ]
    for n in range(resources):
        lines.append(
            f"<https://w3id.org/pactesur/resource/lesson/contributed-{n}> a pac:LessonLearnt ;\n"
            f'    rdfs:label "Contributed lesson {n}"@en ;\n'
            f'    pac:statement "What was learnt in case {n}."@en ;\n'
            "    pac:concernsThreat <https://w3id.org/pactesur/concept/threat/vehicle-as-weapon> ;\n"
            "    pac:concernsMeasure <https://w3id.org/pactesur/concept/measure/temporary-vehicle-security-barrier> ;\n"
            f"    pac:learntFrom <https://w3id.org/pactesur/resource/city/syn-{n % 200}> ,\n"
            f"        <https://w3id.org/pactesur/resource/incident/syn-{n * 7}> ;\n"
            f"    dcterms:source <https://example.org/contributions/{n}> .\n"
        )
    return "\n".join(lines).encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--resources", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    settings = Settings(root=ROOT, reason=False)
    store = Store.open(args.store)
    checks = Checks.load(settings.data_shapes_dir, settings.inference_dir)
    shapes = checks.shapes
    reader, queries = Reader(InProcessEngine(store)), QueryFiles(settings.queries_dir)
    files = [ContributionFile("contribution.ttl", contribution(args.resources), ox.RdfFormat.TURTLE)]
    triples = sum(store.triples_per_graph().values())
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        report = asyncio.run(validate_contribution(files, reader, queries, checks))
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"store: {triples} triples; contribution: {args.resources} resources, {report.triples} triples")
    print(
        f"conforms: {report.conforms}; validation median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s"
    )
    curated, _ = build(settings)
    started = time.perf_counter()
    conforms, _ = run_shacl(to_rdflib(curated.quads()), shapes)
    size = sum(curated.triples_per_graph().values())
    print(
        f"curated data ({size} triples) against shapes/data: {time.perf_counter() - started:.2f} s, conforms={conforms}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
