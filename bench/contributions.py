"""Submitting and accepting a 50-resource contribution against a big store, beside the
Oxigraph server taking the same statements through its Graph Store.

    python bench/contributions.py [--triples 1000000] [--resources 50] [--repetitions 5] [--corrections 3]
        [--out bench/out/contributions]

Starts ``pactesur-kg serve`` (in memory: the curated graph of a throw-away copy of the
checkout plus a synthetic graph of bench/generate.py given with ``--load``) with the
contribution workflow on, and ``oxigraph serve`` over the same curated and synthetic
statements, each on a free port of 127.0.0.1. Then ``--repetitions`` times: a contribution
of ``--resources`` lessons learnt (as bench/validate_concurrency.py writes them, each
referring to cities, incidents and pilots of the graph) is

- submitted (``POST /contributions``: parsed, validated against the shapes, the quality checks
  and the live graph, diffed, queued): the time until the report is back;
- accepted (``POST /contributions/{id}/accept``: validated again, written into
  ``data/contributions/`` of the copy, applied to the store with its entailments);
- and the same Turtle POSTed into a new named graph of the Oxigraph server (``/store``):
  what a plain write of those statements costs a SPARQL server, without any checking.

Then ``--corrections`` times a correction (``DELETE DATA`` / ``INSERT DATA`` of the English
label of a curated lesson) is submitted and accepted: a correction can take entailments away,
so its accept makes the inferred graph again on the store (``contributions/entailment.py``);
the same update goes to the Oxigraph server's ``/update`` as a plain write.

Reports the medians (and each time), the targets (submit under 1 s, accept under 1 s plus the
file write) and the ratio of accept to the Oxigraph server's write. Bounded by
``--repetitions`` and ``--corrections``; both servers are stopped by their process ids. Results
go to ``--out``/contributions-<triples>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import System, environment, free_port, median_ms, pactesur, prepare_data  # noqa: E402
from bench.validate_concurrency import PREFIXES, lesson, references  # noqa: E402
from tests.sandbox import copy_sources  # noqa: E402


def contribution(count: int, seed: int, refs: dict[str, list[str]]) -> bytes:
    """``count`` lessons learnt under IRIs of their own (``seed`` keeps repetitions apart)."""
    rng = random.Random(seed)
    lessons = [lesson(seed * 1000 + n, rng, refs["City"], refs["Incident"], refs["Pilot"]) for n in range(count)]
    return (PREFIXES + "\n" + "\n".join(lessons)).encode()


#: the curated lesson whose English label the corrections change, and the labels they alternate
CORRECTED = "<https://w3id.org/pactesur/resource/lesson/liege-modular-barriers-replace-sandbags>"
LABELS = ("Certified modular barriers replace sandbags (Liège)", "Modular barriers took the place of sandbags (Liège)")


def correction(number: int) -> bytes:
    """The ``number``-th correction: the lesson's label from one of LABELS to the other."""
    old, new = LABELS[number % 2], LABELS[(number + 1) % 2]
    return (
        f'DELETE DATA {{ {CORRECTED} rdfs:label "{old}"@en }} ;\nINSERT DATA {{ {CORRECTED} rdfs:label "{new}"@en }}'
    ).encode()


def account(folder: Path, name: str, role: str) -> str:
    done = subprocess.run(
        pactesur("accounts", "add", name, "--role", role, "--contributions", str(folder)),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout.strip().splitlines()[-1]


def timed(call: Any) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = call()
    return time.perf_counter() - started, response


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--resources", type=int, default=50)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--corrections", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "contributions")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    data = prepare_data(options.triples, options.out)
    work = Path(tempfile.mkdtemp(prefix="contributions-bench-"))
    root = copy_sources(work / "checkout", with_shapes=True)
    folder = work / "contributions"
    contributor, curator = account(folder, "City of Liège", "contributor"), account(folder, "Efus", "curator")
    ours_port, oxigraph_port = free_port(), free_port()
    serve = ("serve", "--port", str(ours_port), "--load", str(data.synthetic), "--contributions", str(folder))
    ours = System("pactesur-memory", pactesur(*serve), ours_port)
    oxigraph_command = ["oxigraph", "serve", "--bind", f"127.0.0.1:{oxigraph_port}", "--union-default-graph"]
    oxigraph = System("oxigraph-memory", oxigraph_command, oxigraph_port)
    previous_root = os.environ.get("PACTESUR_ROOT")
    os.environ["PACTESUR_ROOT"] = str(root)  # the server accepts into the copy, never the checkout
    rows: list[dict[str, Any]] = []
    corrections: list[dict[str, Any]] = []
    try:
        ours.start()
        oxigraph.start()
        for path, media in ((data.curated, "application/n-quads"), (data.synthetic, "application/n-triples")):
            with path.open("rb") as upload:
                httpx.post(
                    f"{oxigraph.base}/store", content=upload, headers={"content-type": media}, timeout=600
                ).raise_for_status()
        with httpx.Client(timeout=120) as client:
            refs = references(client, ours.url)
            for repetition in range(options.repetitions):
                body = contribution(options.resources, repetition + 1, refs)
                submit_s, accept_s, submitted = submit_and_accept(
                    client, ours.base, body, "text/turtle", contributor, curator
                )
                graph = f"https://w3id.org/pactesur/graph/bench/{repetition}"
                write_s, written = timed(
                    lambda b=body, g=graph: client.post(
                        f"{oxigraph.base}/store",
                        params={"graph": g},
                        content=b,
                        headers={"content-type": "text/turtle"},
                    )
                )
                written.raise_for_status()
                rows.append(
                    {
                        "statements": submitted["diff"]["added"],
                        "submit_s": submit_s,
                        "accept_s": accept_s,
                        "oxigraph_write_s": write_s,
                    }
                )
                print(
                    f"#{repetition + 1}: submit {submit_s * 1000:.0f} ms, accept {accept_s * 1000:.0f} ms, "
                    f"Oxigraph server write {write_s * 1000:.1f} ms ({rows[-1]['statements']} statements)"
                )
            for number in range(options.corrections):
                corrections.append(measure_correction(client, ours.base, oxigraph.base, number, contributor, curator))
                row = corrections[-1]
                print(
                    f"correction #{number + 1}: submit {row['submit_s'] * 1000:.0f} ms, "
                    f"accept {row['accept_s'] * 1000:.0f} ms, "
                    f"Oxigraph server update {row['oxigraph_update_s'] * 1000:.1f} ms"
                )
    finally:
        ours.stop()
        oxigraph.stop()
        if previous_root is None:
            os.environ.pop("PACTESUR_ROOT", None)
        else:
            os.environ["PACTESUR_ROOT"] = previous_root
    result = {
        "environment": environment(),
        "triples": data.synthetic_triples + data.curated_quads,
        "resources": options.resources,
        "rows": rows,
        "submit_median_ms": median_ms([r["submit_s"] for r in rows]),
        "accept_median_ms": median_ms([r["accept_s"] for r in rows]),
        "oxigraph_write_median_ms": median_ms([r["oxigraph_write_s"] for r in rows]),
    }
    result["accept_over_oxigraph_write"] = result["accept_median_ms"] / result["oxigraph_write_median_ms"]
    if corrections:
        result["corrections"] = corrections
        result["correction_submit_median_ms"] = median_ms([r["submit_s"] for r in corrections])
        result["correction_accept_median_ms"] = median_ms([r["accept_s"] for r in corrections])
        result["oxigraph_update_median_ms"] = median_ms([r["oxigraph_update_s"] for r in corrections])
    label = f"{options.triples // 1000}k" if options.triples < 1_000_000 else f"{options.triples // 1_000_000}m"
    (options.out / f"contributions-{label}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"{result['triples']} triples, {options.resources} resources: "
        f"submit median {result['submit_median_ms']:.0f} ms "
        f"(target < 1000), accept median {result['accept_median_ms']:.0f} ms (target < 1000 + the file write), "
        f"{result['accept_over_oxigraph_write']:.1f}x the Oxigraph server's plain write "
        f"({result['oxigraph_write_median_ms']:.1f} ms)"
    )
    if corrections:
        print(
            f"corrections: submit median {result['correction_submit_median_ms']:.0f} ms, accept median "
            f"{result['correction_accept_median_ms']:.0f} ms (the inferred graph made again), the Oxigraph "
            f"server's plain update {result['oxigraph_update_median_ms']:.1f} ms"
        )
    return 0


def submit_and_accept(
    client: httpx.Client, ours: str, body: bytes, media: str, contributor: str, curator: str
) -> tuple[float, float, dict[str, Any]]:
    """Submit ``body`` as the contributor and accept it as the curator: the time of each, and
    the submission's report."""
    submit_s, submitted = timed(
        lambda: client.post(
            f"{ours}/contributions",
            content=body,
            headers={"content-type": media, "authorization": f"Bearer {contributor}"},
        )
    )
    submitted.raise_for_status()
    identifier = submitted.json()["id"]
    accept_s, decided = timed(
        lambda: client.post(f"{ours}/contributions/{identifier}/accept", headers={"authorization": f"Bearer {curator}"})
    )
    decided.raise_for_status()
    report: dict[str, Any] = submitted.json()
    return submit_s, accept_s, report


def measure_correction(
    client: httpx.Client, ours: str, oxigraph: str, number: int, contributor: str, curator: str
) -> dict[str, Any]:
    """Submit and accept the ``number``-th correction; the same update on the Oxigraph server."""
    update = correction(number)
    submit_s, accept_s, _ = submit_and_accept(client, ours, update, "application/sparql-update", contributor, curator)
    prefixed = b"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + update
    update_s, updated = timed(
        lambda: client.post(
            f"{oxigraph}/update", content=prefixed, headers={"content-type": "application/sparql-update"}
        )
    )
    updated.raise_for_status()
    return {"submit_s": submit_s, "accept_s": accept_s, "oxigraph_update_s": update_s}


if __name__ == "__main__":
    sys.exit(main())
