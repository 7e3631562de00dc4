"""Time the REST routes against the bare SPARQL query each one shows.

    python bench/rest_resources.py bench/out/store-1m [--reps 9] [--timeout 30]

Serves the on-disk store read-only (``pactesur-kg serve --store``), calls each route once to
warm it up (the search index is built then), then ``--reps`` times, and as many times the query
it shows in ``query.sparql`` on ``/sparql``; prints the medians, their ratio, the rows of the
bare query and the size of the answer. A route slower than 2 s is timed once. The search shows
the equivalent SPARQL query (it answers from an index of the names), so its ratio is not an
overhead. ``/api/recommendations`` runs the query it shows (the overview) and one details
query per measure of the page: "all" times what a SPARQL client would send for the same
answer, the overview then the details queries four at a time.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from pactesur_kg.sparql.binding import bind, text_literal

DETAILS = Path(__file__).resolve().parent.parent / "queries" / "api" / "recommendation-details.rq"

ROUTES: list[tuple[str, dict[str, Any]]] = [
    ("/api/recommendations", {"threat": "vehicle-as-weapon"}),
    ("/api/recommendations", {"threat": "crowd-crush"}),
    ("/api/threats", {}),
    ("/api/measures", {}),
    ("/api/threats/vehicle-as-weapon", {}),
    ("/api/cities", {}),
    ("/api/cities/nice", {}),
    ("/api/cities/syn-0", {}),
    ("/api/incidents", {}),
    ("/api/incidents", {"threat": "vehicle-as-weapon"}),
    ("/api/incidents", {"threat": "vehicle-as-weapon", "offset": 15000}),
    ("/api/incidents", {"city": "syn-0"}),
    ("/api/incidents", {"from": "2017-01-01", "to": "2017-12-31"}),
    ("/api/incidents/nice-2016-07-14", {}),
    ("/api/lessons", {}),
    ("/api/lessons", {"threat": "vehicle-as-weapon"}),
    ("/api/lessons", {"city": "nice"}),
    ("/api/events", {}),
    ("/api/publications", {}),
    ("/api/organisations", {}),
    ("/api/organisations", {"offset": 5000}),
    ("/api/search", {"q": "nice"}),
    ("/api/search", {"q": "liege"}),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def timed_get(client: httpx.Client, url: str, params: dict[str, Any]) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    response = client.get(url, params=params)
    return (time.perf_counter() - start) * 1000, response


def timed_query(client: httpx.Client, url: str, query: str) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    response = client.post(
        url,
        content=query,
        headers={"content-type": "application/sparql-query", "accept": "application/sparql-results+json"},
    )
    return (time.perf_counter() - start) * 1000, response


def details_queries(body: dict[str, Any]) -> list[str]:
    """The details queries ``/api/recommendations`` runs for the measures of its page."""
    text = DETAILS.read_text(encoding="utf-8")
    measures = dict.fromkeys(item["measure"]["iri"] for item in body.get("items", []))
    return [bind(text, measure=ox.NamedNode(iri), lang=text_literal(body.get("lang", "en"))) for iri in measures]


def timed_all(client: httpx.Client, url: str, overview: str, details: list[str]) -> float:
    """The overview query, then the details queries four at a time, as a client would."""
    start = time.perf_counter()
    timed_query(client, url, overview)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda query: timed_query(client, url, query), details))
    return (time.perf_counter() - start) * 1000


def measure(client: httpx.Client, base: str, route: str, params: dict[str, Any], reps: int) -> str:
    """One line: the medians of the route and of its bare query, their ratio, rows and bytes."""
    first, response = timed_get(client, base + route, params)
    name = route + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    body = response.json() if response.status_code == 200 else {}
    query = body.get("query", {}).get("sparql") if isinstance(body.get("query"), dict) else None
    reps = 1 if first > 2000 or response.status_code != 200 else reps
    details = details_queries(body) if route == "/api/recommendations" else []
    rest: list[float] = []
    bare: list[float] = []
    every: list[float] = []
    rows: Any = "-"
    for _ in range(reps):
        elapsed, response = timed_get(client, base + route, params)
        rest.append(elapsed)
        if query:
            elapsed, answer = timed_query(client, f"{base}/sparql", query)
            bare.append(elapsed)
            rows = len(answer.json()["results"]["bindings"]) if answer.status_code == 200 else answer.status_code
        if query and details:
            every.append(timed_all(client, f"{base}/sparql", query, details))
    rest_ms = statistics.median(rest)
    bare_ms = statistics.median(bare) if bare else float("nan")
    line = (
        f"{name:58} {response.status_code} rest {rest_ms:8.1f} ms  bare {bare_ms:8.1f} ms  "
        f"ratio {rest_ms / bare_ms:5.2f}  rows {rows}  bytes {len(response.content)}  (first {first:.0f} ms)"
    )
    if every:
        all_ms = statistics.median(every)
        line += f"\n{'':58}     all {len(details) + 1} queries {all_ms:8.1f} ms  ratio {rest_ms / all_ms:5.2f}"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args(argv)
    port = free_port()
    command = [sys.executable, "-m", "pactesur_kg", "serve", "--store", args.store, "--port", str(port)]
    command += ["--timeout", str(args.timeout)]
    # a session of its own, so that the server and its query workers are stopped together
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(timeout=args.timeout + 30) as client:
            for _ in range(600):
                try:
                    client.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            for route, params in ROUTES:
                print(measure(client, base, route, params, args.reps), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # the workers ignore SIGTERM
        server.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
