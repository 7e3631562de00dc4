"""Side-by-side latency and throughput of pactesur-kg's endpoint and `oxigraph serve`.

    python bench/run.py --triples 100000 [--repetitions 20] [--clients 8] [--seconds 10]

Builds the curated graph into an on-disk store, loads a synthetic graph of about
``--triples`` triples into it, copies it so each server has its own, starts both servers
on 127.0.0.1, checks that both give the same number of results for every query, runs the
queries with interleaved repetitions, then a throughput run with concurrent clients, and
stops every process it started by its id. Results go to bench/out/ as JSON and a table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SYNTHETIC_GRAPH = "https://w3id.org/pactesur/graph/bench/synthetic"
PREFIXES = """PREFIX pac: <https://w3id.org/pactesur/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX city: <https://w3id.org/pactesur/resource/city/>
PREFIX threat: <https://w3id.org/pactesur/concept/threat/>
PREFIX measure: <https://w3id.org/pactesur/concept/measure/>
PREFIX role: <https://w3id.org/pactesur/concept/role/>
PREFIX project: <https://w3id.org/pactesur/resource/project/>
PREFIX organisation: <https://w3id.org/pactesur/resource/organisation/>
"""

EXTRA_QUERIES = {
    "lookup-city": "SELECT ?p ?o WHERE { <https://w3id.org/pactesur/resource/city/syn-3> ?p ?o }",
    "describe-incident": "DESCRIBE <https://w3id.org/pactesur/resource/incident/syn-42>",
    "count-incidents": "SELECT (COUNT(*) AS ?n) WHERE { ?i a pac:Incident }",
    "incidents-per-city-top10": """SELECT ?city (COUNT(?i) AS ?n) WHERE { ?i a pac:Incident ; pac:inCity ?city }
        GROUP BY ?city ORDER BY DESC(?n) LIMIT 10""",
    "recommendations-by-broader": """SELECT ?measure (COUNT(DISTINCT ?city) AS ?cities) WHERE {
        ?threat skos:broaderTransitive* threat:vehicle-as-weapon . ?measure pac:mitigates ?threat .
        OPTIONAL { ?measure pac:pilotedIn ?city } } GROUP BY ?measure""",
    "optional-heavy": """SELECT ?city ?label ?population ?year WHERE { ?city a pac:City ; rdfs:label ?label .
        OPTIONAL { ?city pac:population ?population } OPTIONAL { ?city pac:populationYear ?year }
        FILTER(LANG(?label) = "en") } LIMIT 500""",
    "not-exists": """SELECT ?city WHERE { ?city a pac:City FILTER NOT EXISTS { ?i pac:inCity ?city } } LIMIT 100""",
    "text-filter": """SELECT ?s ?label WHERE { ?s rdfs:label ?label
        FILTER(CONTAINS(LCASE(?label), "mar")) } LIMIT 50""",
    "ask": "ASK { ?i pac:threatType threat:crowd-crush }",
    "construct-lessons": """CONSTRUCT { ?l ?p ?o } WHERE { ?l a pac:LessonLearnt ; ?p ?o } LIMIT 2000""",
}


def queries() -> dict[str, str]:
    found = {
        f"cq/{p.stem}": PREFIXES + p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries" / "cq").glob("*.rq"))
    }
    found.update({name: PREFIXES + text for name, text in EXTRA_QUERIES.items()})
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class System:
    name: str
    command: list[str]
    url: str
    process: subprocess.Popen[bytes] | None = None
    latencies: dict[str, list[float]] = field(default_factory=dict)
    results: dict[str, int] = field(default_factory=dict)

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def memory_kib(self) -> int:
        """Proportional set size of the server and its children (shared pages counted once)."""
        assert self.process is not None
        pids = [self.process.pid]
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            pids += [int(c) for c in (task / "children").read_text().split()]
        total = 0
        for pid in pids:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        return total


def ask(client: httpx.Client, system: System, query: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.post(
        system.url,
        content=query,
        headers={
            "content-type": "application/sparql-query",
            "accept": "application/sparql-results+json, application/n-triples",
        },
    )
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{system.name}: {response.status_code} {response.text[:300]}")
    if response.headers["content-type"].startswith("application/sparql-results+json"):
        body = response.json()
        size = len(body["results"]["bindings"]) if "results" in body else int(body["boolean"])
    else:
        size = len([line for line in response.text.splitlines() if line.strip()])
    return elapsed, size


def prepare_store(triples: int) -> Path:
    label = f"{triples // 1000}k" if triples < 1_000_000 else f"{triples // 1_000_000}m"
    store = OUT / f"store-{label}"
    if store.exists():
        return store
    synthetic = OUT / f"synthetic-{label}.nt"
    subprocess.run(
        [sys.executable, "bench/generate.py", "--triples", str(triples), "--seed", "1", "--out", str(synthetic)],
        check=True,
        cwd=ROOT,
    )
    env = {**os.environ, "PACTESUR_ROOT": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "build", "--no-reason", "--store", str(store)],
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pactesur_kg",
            "load",
            str(synthetic),
            "--store",
            str(store),
            "--graph",
            SYNTHETIC_GRAPH,
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return store


def throughput(system: System, texts: list[str], clients: int, seconds: float) -> float:
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        with httpx.Client(timeout=120) as http:
            position = index
            while time.monotonic() < stop:
                ask(http, system, texts[position % len(texts)])
                done[index] += 1
                position += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    store = prepare_store(args.triples)
    oxigraph_store = store.with_name(store.name + "-oxigraph")
    if not oxigraph_store.exists():
        shutil.copytree(store, oxigraph_store)
    ours_port, oxigraph_port = free_port(), free_port()
    systems = [
        System(
            "pactesur-kg",
            [
                sys.executable,
                "-m",
                "pactesur_kg",
                "serve",
                "--store",
                str(store),
                "--port",
                str(ours_port),
                "--workers",
                str(args.workers),
                "--timeout",
                "120",
            ],
            f"http://127.0.0.1:{ours_port}/sparql",
        ),
        System(
            "oxigraph",
            [
                "oxigraph",
                "serve-read-only",
                "--location",
                str(oxigraph_store),
                "--bind",
                f"127.0.0.1:{oxigraph_port}",
                "--union-default-graph",
            ],
            f"http://127.0.0.1:{oxigraph_port}/query",
        ),
    ]
    texts = queries()
    report: dict[str, object] = {"triples": args.triples, "repetitions": args.repetitions, "clients": args.clients}
    try:
        for system in systems:
            system.start()
        with httpx.Client(timeout=300) as client:
            for name, text in texts.items():
                sizes = {system.name: ask(client, system, text)[1] for system in systems for _ in range(2)}
                if len(set(sizes.values())) != 1:
                    raise RuntimeError(f"{name}: result sizes differ: {sizes}")
                for system in systems:
                    system.results[name] = sizes[system.name]
                    system.latencies[name] = []
                for _ in range(args.repetitions):
                    for system in systems:  # interleaved, so drifts of the machine hit both
                        system.latencies[name].append(ask(client, system, text)[0])
        memory = {system.name: system.memory_kib() for system in systems}
        rates = {
            system.name: throughput(system, list(texts.values()), args.clients, args.seconds) for system in systems
        }
    finally:
        for system in systems:
            system.stop()
    ours, theirs = systems
    rows = []
    for name in texts:
        a = statistics.median(ours.latencies[name])
        b = statistics.median(theirs.latencies[name])
        p95a = sorted(ours.latencies[name])[int(0.95 * (len(ours.latencies[name]) - 1))]
        rows.append(
            {
                "query": name,
                "results": ours.results[name],
                "ours_ms": a * 1000,
                "oxigraph_ms": b * 1000,
                "ours_p95_ms": p95a * 1000,
                "ratio": a / b,
            }
        )
    ratio = geometric_mean([row["ratio"] for row in rows])  # type: ignore[misc]
    report.update(
        queries=rows,
        geometric_mean_ratio=ratio,
        throughput_qps=rates,
        throughput_ratio=rates["pactesur-kg"] / rates["oxigraph"],
        memory_pss_kib=memory,
        memory_ratio=memory["pactesur-kg"] / memory["oxigraph"],
    )
    (OUT / f"results-{args.triples}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("| query | results | pactesur-kg median ms | oxigraph median ms | ratio |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        cells = [
            row["query"],
            row["results"],
            f"{row['ours_ms']:.1f}",
            f"{row['oxigraph_ms']:.1f}",
            f"{row['ratio']:.2f}",
        ]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")
    print(f"\ngeometric-mean latency ratio: {ratio:.3f}")
    ours_rate, their_rate = rates["pactesur-kg"], rates["oxigraph"]
    print(f"throughput ({args.clients} clients, {args.seconds:g} s): pactesur-kg {ours_rate:.1f} q/s, ", end="")
    print(f"oxigraph {their_rate:.1f} q/s, ratio {ours_rate / their_rate:.3f}")
    ours_mib, their_mib = memory["pactesur-kg"] / 1024, memory["oxigraph"] / 1024
    print(f"memory (PSS): pactesur-kg {ours_mib:.0f} MiB, oxigraph {their_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
