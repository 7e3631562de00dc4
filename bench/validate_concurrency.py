"""`ASK {}` on /sparql while a 1 MiB contribution is validated on /validate, against its idle latency.

    python bench/validate_concurrency.py [--triples 100000] [--bytes 1048576] [--rounds 3] [--idle 50]

Starts ``pactesur-kg serve`` (embedded, in memory: the curated graph, plus with
``--triples`` > 0 a synthetic graph of bench/generate.py given with ``--load``) on a free
port of 127.0.0.1, and writes a contribution of about ``--bytes`` bytes of Turtle: lessons
learnt as a contributor would send them (labels in English and a local language,
statements, threats and measures of the project's schemes, the cities, incidents and pilots
of the graph they were learnt from, web sources), which should conform.

Then, ``--rounds`` times, interleaved: ``--idle`` requests ``ASK {}`` one after the other
(a pause of ``--pause`` seconds between them), then the contribution is POSTed to
/validate from another thread and ``ASK {}`` is asked again, the same way, until the
validation answers. A request counts as busy if it started while the validation request
was in flight (from the first byte sent to the last received). Reports the median and p95
of the idle and busy latencies, their ratio busy / idle (issue 13's target: within 2x) and
the time each validation took. Bounded: at most ``--max-busy`` busy requests per round and
``--budget`` seconds in all (a validation still running then is waited for, up to
``--timeout``). The server, and the query workers that die with it, is stopped by its
process id. A summary is printed and the results written to
``--out``/validate-concurrency-<triples>.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import MEASURES, THREATS  # noqa: E402
from bench.run import (  # noqa: E402
    SPARQL_JSON,
    System,
    environment,
    free_port,
    median_ms,
    p95_ms,
    pactesur,
    run_quietly,
)

PREFIXES = """@prefix pac:     <https://w3id.org/pactesur/ontology#> .
@prefix lesson:  <https://w3id.org/pactesur/resource/lesson/> .
@prefix threat:  <https://w3id.org/pactesur/concept/threat/> .
@prefix measure: <https://w3id.org/pactesur/concept/measure/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

#: (language tag, words for "lesson", for "of", a publisher's host) of the second label
LOCAL = [
    ("fr", "Enseignement", "sur", "www.lemonde.fr"),
    ("it", "Lezione", "su", "www.repubblica.it"),
    ("es", "Lección", "sobre", "elpais.com"),
    ("de", "Erkenntnis", "zu", "www.spiegel.de"),
    ("nl", "Les", "over", "nos.nl"),
    ("pl", "Wniosek", "o", "wyborcza.pl"),
    ("pt", "Lição", "sobre", "www.publico.pt"),
]
SETTINGS = ["a weekly market", "a Christmas market", "a pedestrian street", "a stadium approach", "a seafront"]
FINDINGS = [
    "{measure} was set up before {setting} opened and kept vehicles away without closing the area to residents.",
    "After the attack, the city reviewed how {measure} is planned for {setting}, with the police and the organisers.",
    "{measure} worked best when the people running {setting} had rehearsed it with the emergency services.",
    "The exercise showed that {measure} must be checked every day during {setting}, not only at installation.",
]

ASK_EMPTY = "ASK {}"


def words(concept: str) -> str:
    """'temporary-vehicle-security-barrier' -> 'temporary vehicle security barrier'."""
    return concept.replace("-", " ")


def lesson(n: int, rng: random.Random, cities: list[str], incidents: list[str], pilots: list[str]) -> str:
    """One lesson learnt in Turtle, referring to the given resources of the graph."""
    threat = rng.choice(THREATS)
    measures = rng.sample(MEASURES, rng.randint(1, 2))
    setting = rng.choice(SETTINGS)
    language, noun, about, host = rng.choice(LOCAL)
    finding = rng.choice(FINDINGS).format(measure=words(measures[0]).capitalize(), setting=setting)
    learnt_from = [rng.choice(cities)]
    if incidents and rng.random() < 0.6:
        learnt_from.append(rng.choice(incidents))
    if pilots and rng.random() < 0.3:
        learnt_from.append(rng.choice(pilots))
    lines = [
        f"lesson:contributed-{n} a pac:LessonLearnt ;",
        f'    rdfs:label "{words(measures[0]).capitalize()} for {setting} ({n})"@en ,',
        f'        "{noun} {n} {about} {words(threat)}"@{language} ;',
        f'    pac:statement "{finding}"@en ;',
        f"    pac:concernsThreat threat:{threat} ;",
        "    pac:concernsMeasure " + " , ".join(f"measure:{m}" for m in measures) + " ;",
        "    pac:learntFrom " + " , ".join(f"<{iri}>" for iri in learnt_from) + " ;",
    ]
    if rng.random() < 0.2:
        lines.append(
            f'    skos:editorialNote "Reported by the city; figures not checked against the source ({n})."@en ;'
        )
    lines.append(f"    dcterms:source <https://{host}/{2015 + n % 10}/contribution-{n}.html> .")
    return "\n".join(lines) + "\n"


def contribution(
    size: int, cities: list[str], incidents: list[str], pilots: list[str], seed: int = 1
) -> tuple[bytes, int]:
    """A Turtle contribution of lessons learnt, at least ``size`` bytes (the first lesson that
    reaches it is the last), and the number of lessons. Deterministic for a seed."""
    if not cities:
        raise ValueError("a lesson is learnt from something: give at least one city")
    rng = random.Random(seed)
    parts = [f"# {size} bytes of lessons learnt, generated (seed {seed}).\n{PREFIXES}\n"]
    written = len(parts[0].encode("utf-8"))
    count = 0
    while written < size:
        text = lesson(count, rng, cities, incidents, pilots) + "\n"
        parts.append(text)
        written += len(text.encode("utf-8"))
        count += 1
    return "".join(parts).encode("utf-8"), count


def busy_flags(starts: list[float], windows: list[tuple[float, float]]) -> list[bool]:
    """For each request start time, whether it falls in one of the (start, end) windows."""
    return [any(first <= at <= last for first, last in windows) for at in starts]


def summary(idle: list[float], busy: list[float]) -> dict[str, Any]:
    """Medians and p95 (ms) of both, and the ratios busy / idle."""
    if not idle or not busy:
        return {"idle_requests": len(idle), "busy_requests": len(busy)}
    result = {
        "idle_requests": len(idle),
        "busy_requests": len(busy),
        "idle_median_ms": median_ms(idle),
        "idle_p95_ms": p95_ms(idle),
        "busy_median_ms": median_ms(busy),
        "busy_p95_ms": p95_ms(busy),
        "busy_max_ms": max(busy) * 1000,
    }
    result["ratio_median"] = result["busy_median_ms"] / result["idle_median_ms"]
    result["ratio_p95"] = result["busy_p95_ms"] / result["idle_p95_ms"]
    return result


def iris(client: httpx.Client, url: str, query: str) -> list[str]:
    response = client.post(
        url, content=query.encode("utf-8"), headers={"content-type": "application/sparql-query", "accept": SPARQL_JSON}
    )
    response.raise_for_status()
    return [row["x"]["value"] for row in response.json()["results"]["bindings"]]


def references(client: httpx.Client, url: str) -> dict[str, list[str]]:
    """Cities, incidents and pilots of the graph, for the lessons to be learnt from."""
    found = {}
    for kind in ("City", "Incident", "Pilot"):
        query = f"SELECT ?x WHERE {{ ?x a <https://w3id.org/pactesur/ontology#{kind}> }} ORDER BY ?x LIMIT 400"
        found[kind] = iris(client, url, query)
    return found


@dataclass
class Validation:
    started: float
    ended: float = 0.0
    status: int = 0
    report: dict[str, Any] | None = None
    error: str = ""


def validate_in_thread(base: str, body: bytes, timeout: float) -> tuple[threading.Thread, Validation]:
    validation = Validation(started=time.perf_counter())

    def post() -> None:
        try:
            with httpx.Client(timeout=timeout) as client:
                validation.started = time.perf_counter()
                response = client.post(
                    f"{base}/validate",
                    content=body,
                    headers={"content-type": "text/turtle", "accept": "application/json"},
                )
                validation.ended = time.perf_counter()
                validation.status = response.status_code
                if response.status_code == 200:
                    validation.report = response.json()
                else:
                    validation.error = response.text[:300]
        except httpx.HTTPError as error:
            validation.ended = time.perf_counter()
            validation.error = f"{type(error).__name__}: {error}"

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    return thread, validation


def ask_empty(client: httpx.Client, url: str) -> tuple[float, float]:
    """Start time and latency of one ASK {}."""
    started = time.perf_counter()
    response = client.post(
        url, content=ASK_EMPTY.encode(), headers={"content-type": "application/sparql-query", "accept": SPARQL_JSON}
    )
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or response.json().get("boolean") is not True:
        raise RuntimeError(f"ASK {{}}: {response.status_code} {response.text[:200]}")
    return started, elapsed


def measure(system: System, body: bytes, args: argparse.Namespace) -> dict[str, Any]:
    idle: list[float] = []
    busy: list[float] = []
    rounds: list[dict[str, Any]] = []
    deadline = time.monotonic() + args.budget
    with httpx.Client(timeout=args.timeout) as client:
        for round_number in range(args.rounds):
            if time.monotonic() > deadline:
                print(f"  time budget spent after {round_number} rounds", file=sys.stderr, flush=True)
                break
            round_idle = []
            for _ in range(args.idle):
                round_idle.append(ask_empty(client, system.url)[1])
                time.sleep(args.pause)
            starts: list[float] = []
            latencies: list[float] = []
            thread, validation = validate_in_thread(system.base, body, args.timeout)
            while thread.is_alive() and len(starts) < args.max_busy and time.monotonic() < deadline:
                started, elapsed = ask_empty(client, system.url)
                starts.append(started)
                latencies.append(elapsed)
                time.sleep(args.pause)
            thread.join(args.timeout)
            if thread.is_alive():
                raise RuntimeError(f"the validation did not answer within {args.timeout} s")
            if validation.status != 200:
                raise RuntimeError(f"POST /validate: {validation.status} {validation.error}")
            flags = busy_flags(starts, [(validation.started, validation.ended)])
            round_busy = [latency for latency, flag in zip(latencies, flags, strict=True) if flag]
            idle += round_idle
            busy += round_busy
            assert validation.report is not None
            row = {
                "validation_seconds": validation.ended - validation.started,
                "conforms": validation.report["conforms"],
                "triples": validation.report["triples"],
                "violations": validation.report["violations"],
                "warnings": validation.report["warnings"],
                "asked_during": len(starts),
                **summary(round_idle, round_busy),
            }
            rounds.append(row)
            idle_ms, busy_ms = row.get("idle_median_ms", math.nan), row.get("busy_median_ms", math.nan)
            print(
                f"  round {round_number + 1}: validation {row['validation_seconds']:.1f} s "
                f"(conforms {row['conforms']}, {row['triples']} triples); ASK idle "
                f"{idle_ms:.1f} ms, busy {busy_ms:.1f} ms over {len(round_busy)} requests",
                file=sys.stderr,
                flush=True,
            )
    return {"rounds": rounds, **summary(idle, busy)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="synthetic triples to --load (0: curated only)")
    parser.add_argument("--bytes", type=int, default=1 << 20, help="size of the contribution")
    parser.add_argument("--rounds", type=int, default=3, help="validations (each after an idle series)")
    parser.add_argument("--idle", type=int, default=50, help="idle ASK {} per round")
    parser.add_argument("--max-busy", type=int, default=2000, help="busy ASK {} per round at most")
    parser.add_argument("--pause", type=float, default=0.005, help="seconds between two ASK {}")
    parser.add_argument("--workers", type=int, default=2, help="pactesur-kg query workers")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one request may take")
    parser.add_argument("--budget", type=float, default=600.0, help="seconds for all rounds")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = pactesur("serve", "--port", str(port), "--workers", str(args.workers))
    synthetic = None
    if args.triples > 0:
        label = f"{args.triples // 1000}k" if args.triples < 1_000_000 else f"{args.triples // 1_000_000}m"
        synthetic = args.out / f"synthetic-{label}.nt"
        if not synthetic.exists():
            generate = [sys.executable, str(ROOT / "bench/generate.py"), "--triples", str(args.triples)]
            run_quietly([*generate, "--out", str(synthetic)])
        command += ["--load", str(synthetic)]
    system = System("pactesur-memory", command, port)
    print("starting pactesur-kg serve", file=sys.stderr, flush=True)
    try:
        system.start(ready_timeout=900)
        print(f"  ready after {system.load_seconds:.1f} s", file=sys.stderr, flush=True)
        with httpx.Client(timeout=60) as client:
            found = references(client, system.url)
        body, lessons = contribution(args.bytes, found["City"], found["Incident"], found["Pilot"])
        (args.out / "contribution.ttl").write_bytes(body)
        print(f"contribution: {len(body)} bytes, {lessons} lessons learnt", file=sys.stderr, flush=True)
        result = measure(system, body, args)
    finally:
        system.stop()
    output = {
        "target": "ASK {} within 2x of its idle latency while a 1 MiB contribution is validated (issue 13)",
        "triples": args.triples,
        "contribution": {"bytes": len(body), "lessons": lessons, "references": {k: len(v) for k, v in found.items()}},
        "server": {"command": " ".join(Path(p).name if p.startswith("/") else p for p in command)},
        "start_seconds": system.start_seconds,
        "options": {k: v for k, v in vars(args).items() if k != "out"},
        "environment": environment(),
        **result,
    }
    path = args.out / f"validate-concurrency-{args.triples}.json"
    path.write_text(json.dumps(output, indent=2), encoding="utf-8")
    print_summary(output)
    print(f"\nwritten: {path}")
    return 0


def print_summary(result: dict[str, Any]) -> None:
    contribution = result["contribution"]
    print(f"\ncontribution: {contribution['bytes']} bytes, {contribution['lessons']} lessons learnt")
    print("| round | validation s | conforms | triples | ASK idle median / p95 ms | busy median / p95 ms | busy n |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for number, row in enumerate(result["rounds"], 1):
        idle = f"{row.get('idle_median_ms', float('nan')):.1f} / {row.get('idle_p95_ms', float('nan')):.1f}"
        busy = f"{row.get('busy_median_ms', float('nan')):.1f} / {row.get('busy_p95_ms', float('nan')):.1f}"
        print(
            f"| {number} | {row['validation_seconds']:.2f} | {row['conforms']} | {row['triples']} | {idle} | {busy} "
            f"| {row['busy_requests']} |"
        )
    if "ratio_median" in result:
        print(
            f"\nASK {{}}: idle median {result['idle_median_ms']:.1f} ms (p95 {result['idle_p95_ms']:.1f}), "
            f"busy median {result['busy_median_ms']:.1f} ms (p95 {result['busy_p95_ms']:.1f}, "
            f"max {result['busy_max_ms']:.0f}); busy / idle: median {result['ratio_median']:.1f}x, "
            f"p95 {result['ratio_p95']:.1f}x (target: within 2x)"
        )
    else:
        print("\nno busy request was measured")


if __name__ == "__main__":
    raise SystemExit(main())
