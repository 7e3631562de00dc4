"""Each inference rule evaluated over the curated graph plus a synthetic one, as the build runs
it and as a correction's remaking of the inferred graph runs it, in-process on pyoxigraph.

    python bench/inference_rules.py [--triples 1000000] [--rules queries/inference] [--repetitions 3]

The store: the curated graph (``pactesur-kg export``) and ``bench/generate.py``'s synthetic
graph, without the inferred graph (as after the ``DROP`` that starts a remaking). For each rule
of ``--rules`` (another folder, e.g. an earlier version of the rules, compares two versions),
the median time of ``--repetitions`` runs of the rule itself (``raw``: what the build's
fixpoint evaluates) and of the rule keeping new statements only (``remake``:
:func:`pactesur_kg.contributions.entailment.without_repeats`), and how many statements each gives.
Bounded by the repetitions; nothing is started.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import environment, prepare_data  # noqa: E402
from pactesur_kg.contributions.entailment import without_repeats  # noqa: E402
from pactesur_kg.inference import load_rules  # noqa: E402
from pactesur_kg.namespaces import INFERRED_GRAPH, PREFIXES  # noqa: E402


def timed_count(store: ox.Store, query: str) -> tuple[float, int]:
    started = time.perf_counter()
    triples = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(triples, ox.QueryTriples)
    count = len(list(triples))
    return time.perf_counter() - started, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rules", type=Path, default=ROOT / "queries" / "inference")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "inference")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    data = prepare_data(options.triples, options.out)
    store = ox.Store()
    store.bulk_load(path=str(data.curated), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(data.synthetic), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(data.graph))
    store.remove_graph(ox.NamedNode(INFERRED_GRAPH))
    rows = []
    for name, rule in load_rules(options.rules).items():
        for form, query in (("raw", rule), ("remake", without_repeats(rule))):
            runs = [timed_count(store, query) for _ in range(options.repetitions)]
            median_ms = statistics.median(seconds for seconds, _ in runs) * 1000
            rows.append({"rule": name, "form": form, "statements": runs[0][1], "median_ms": median_ms})
            print(f"{name:16} {form:7} {runs[0][1]:8} statements  {median_ms:10.1f} ms", flush=True)
    result = {"environment": environment(), "triples": len(store), "rules": str(options.rules), "rows": rows}
    label = f"{options.triples // 1000}k" if options.triples < 1_000_000 else f"{options.triples // 1_000_000}m"
    (options.out / f"inference-rules-{label}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{result['triples']} statements, rules of {options.rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
