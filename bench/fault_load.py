"""Ordinary clients beside hostile ones and a killed worker: latency, answers and memory.

    python bench/fault_load.py [--seconds 30] [--clients 16] [--hostile 2] [--workers 2] [--query-memory 300M]

Starts ``pactesur-kg serve`` (embedded, in memory, the curated graph) on a free port of
127.0.0.1 with the given memory budget per query, then runs two phases of ``--seconds``
each: ``--clients`` ordinary clients alone (SPARQL, REST and linked-data requests in turn),
then the same clients beside ``--hostile`` clients sending requests that must be refused
(deep nesting, a greedy and an endless query, billion laughs, invalid UTF-8, an oversized
body), while one worker is killed with SIGKILL half-way; then that again on a server that
gives each client (each on its own loopback address) its fair share, ``--client-seconds``
of work per minute. Reports, for each phase, the
answers by status, p50 and p99 latency of the ordinary requests, and the peak resident
memory of the server's process tree against the budget (workers x budget over the idle
tree). The server is stopped by its process id. Results: ``--out``/fault-load.json.
``tests/robustness/test_fault_load.py`` runs the second phase, shortly, as a test.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent

Request = tuple[str, str, dict[str, str], bytes | None, str | None]

_QUERY = "application/sparql-query"
DEEP = 5000
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/pactesur/resource/city/laughs">
    <rdfs:label>&g;</rdfs:label>
  </rdf:Description>
</rdf:RDF>
"""
#: a cross product of the graph with itself, three times, sorted: it only grows
GREEDY = "SELECT DISTINCT ?a ?c ?f ?i ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a"
#: a count over the same cross product: it takes its time, in constant memory
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

ORDINARY: list[Request] = [
    ("GET", "/sparql", {"query": "SELECT ?c WHERE { ?c a pac:City } LIMIT 5"}, None, None),
    ("GET", "/api/recommendations", {"threat": "vehicle-as-weapon"}, None, None),
    ("GET", "/api/cities/nice", {}, None, None),
    ("GET", "/api/search", {"q": "liege"}, None, None),
    ("GET", "/resource/city/nice", {}, None, None),
]
HOSTILE: list[Request] = [
    ("POST", "/sparql", {}, ("SELECT * WHERE " + "{" * DEEP + " ?s ?p ?o " + "}" * DEEP).encode(), _QUERY),
    ("GET", "/sparql", {"query": GREEDY}, None, None),
    ("GET", "/sparql", {"query": ENDLESS}, None, None),
    ("POST", "/validate", {}, BILLION_LAUGHS, "application/rdf+xml"),
    ("GET", "/sparql?query=ASK%7B%7D%FF", {}, None, None),
    ("POST", "/sparql", {}, b"ASK { \xff }", _QUERY),
    ("GET", "/api/cities/%FF", {}, None, None),
    ("POST", "/sparql", {}, ("SELECT * { VALUES ?x { " + "1 " * 2_000_000 + "} }").encode(), _QUERY),
]


def tree_rss(pid: int) -> int:
    """Resident memory of a process and its children, in bytes."""
    total = 0
    for process in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except FileNotFoundError:
            pass
    return total


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _send(client: httpx.Client, url: str, request: Request) -> int:
    method, path, params, body, content_type = request
    headers = {"content-type": content_type} if content_type else {}
    # params=None, not {}: an empty mapping would drop the query string written in the path
    return client.request(method, f"{url}{path}", params=params or None, content=body, headers=headers).status_code


@dataclass
class Phase:
    """What one phase of the load saw."""

    ordinary: Counter[int | str] = field(default_factory=Counter)
    hostile: Counter[int | str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    peak_rss: int = 0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def as_json(self) -> dict[str, object]:
        return {
            "ordinary": {str(k): v for k, v in self.ordinary.items()},
            "hostile": {str(k): v for k, v in self.hostile.items()},
            "ordinary_p50_ms": round(self.percentile(0.5) * 1000, 2),
            "ordinary_p99_ms": round(self.percentile(0.99) * 1000, 2),
            "ordinary_median_ms": round(statistics.median(self.latencies) * 1000, 2) if self.latencies else None,
            "peak_rss_mib": self.peak_rss >> 20,
        }


def run_load(
    url: str, pid: int, *, seconds: float, clients: int, hostile: int, kill_worker: bool, own_addresses: bool = False
) -> Phase:
    """``clients`` ordinary and ``hostile`` hostile clients for ``seconds``; one worker
    killed with SIGKILL half-way if ``kill_worker``. With ``own_addresses``, each client
    connects from its own loopback address (127.0.1.n ordinary, 127.0.2.n hostile), so that
    a server counting loopback clients gives each its fair share."""
    phase = Phase(peak_rss=tree_rss(pid))
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client_loop(number: int, requests: list[Request], counts: Counter[int | str], timed: bool) -> None:
        network = 1 if timed else 2
        address = f"127.0.{network}.{number + 1}" if own_addresses else None
        transport = httpx.HTTPTransport(local_address=address) if address else None
        with httpx.Client(timeout=60, transport=transport) as client:
            step = number
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    status: int | str = _send(client, url, requests[step % len(requests)])
                except httpx.HTTPError as error:
                    status = type(error).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    counts[status] += 1
                    if timed:
                        phase.latencies.append(elapsed)
                step += 1

    def watch_memory() -> None:
        while time.monotonic() < deadline + 2:
            phase.peak_rss = max(phase.peak_rss, tree_rss(pid))
            time.sleep(0.1)

    threads = [threading.Thread(target=client_loop, args=(n, ORDINARY, phase.ordinary, True)) for n in range(clients)]
    threads += [threading.Thread(target=client_loop, args=(n, HOSTILE, phase.hostile, False)) for n in range(hostile)]
    threads.append(threading.Thread(target=watch_memory))
    for thread in threads:
        thread.start()
    if kill_worker:
        time.sleep(seconds / 2)
        os.kill(max(children(pid)), signal.SIGKILL)  # as an operator or the kernel would
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return phase


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from pactesur_kg.settings import byte_size
    from tests.api.server import serve

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--hostile", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=3.0, help="query timeout of the server")
    parser.add_argument("--query-memory", default="300M")
    parser.add_argument("--client-seconds", type=float, default=10.0, help="fair share: seconds per minute")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    budget = byte_size(args.query_memory)
    options = ["--workers", str(args.workers), "--timeout", str(args.timeout), "--query-memory", args.query_memory]
    fair = {"PACTESUR_FAIR_SHARE_LOOPBACK": "1", "PACTESUR_CLIENT_SECONDS": str(args.client_seconds)}
    with serve(*options, env=fair) as running:
        shared = run_load(
            running.url,
            running.pid,
            seconds=args.seconds,
            clients=args.clients,
            hostile=args.hostile,
            kill_worker=True,
            own_addresses=True,
        )
    with serve(*options) as running:
        idle = tree_rss(running.pid)
        alone = run_load(
            running.url, running.pid, seconds=args.seconds, clients=args.clients, hostile=0, kill_worker=False
        )
        beside = run_load(
            running.url, running.pid, seconds=args.seconds, clients=args.clients, hostile=args.hostile, kill_worker=True
        )
    result = {
        "options": vars(args) | {"out": str(args.out)},
        "idle_rss_mib": idle >> 20,
        "budget_mib": (idle + args.workers * budget) >> 20,
        "alone": alone.as_json(),
        "with_hostile_and_killed_worker": beside.as_json(),
        "the_same_with_fair_share": shared.as_json(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "fault-load.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
