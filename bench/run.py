"""Side by side: pactesur-kg's endpoint, `oxigraph serve` and rdflib-endpoint on the same data.

    python bench/run.py --triples 100000 [--repetitions 15] [--clients 8] [--seconds 10] [--connections both]

Generates a synthetic graph of about ``--triples`` triples (bench/generate.py, seed 1) and
exports the curated graph (``pactesur-kg export --format nq``), then gives the same data,
the curated graph plus the synthetic one in its own named graph, to each system:

* ``pactesur-memory``: ``pactesur-kg serve --load synthetic.nt`` (builds the curated graph
  in memory, adds the file, forks the query workers);
* ``pactesur-disk``: ``pactesur-kg build --store`` then ``pactesur-kg load``, served with
  ``pactesur-kg serve --store``;
* ``oxigraph-memory``: ``oxigraph serve`` without ``--location``, loaded through its Graph
  Store endpoint (POST /store);
* ``oxigraph-disk``: ``oxigraph load --location`` then ``oxigraph serve-read-only``;
* ``rdflib-endpoint``: rdflib-endpoint over an rdflib Dataset (bench/rdflib_server.py).

It checks that every system gives the same number of results for every query, runs the
queries with interleaved repetitions (on one kept-alive connection, on a new connection per
request as curl and SPARQLWrapper do, or both, by ``--connections``; rdflib-endpoint
afterwards, alone, on a kept connection, with a time limit per query: a query over it is
reported as "timeout" and the server restarted), measures
throughput with concurrent clients, memory (PSS and peak RSS of each server and its
children) and, for pactesur-kg, REST routes against the bare SPARQL query they run. Every
process it starts listens on 127.0.0.1 and is stopped by its process id. Results go to
``--out`` (default bench/out/) as results-<triples>.json, and a summary is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pactesur_kg.namespaces import prefix_block  # noqa: E402

SYSTEMS = ("pactesur-memory", "pactesur-disk", "oxigraph-memory", "oxigraph-disk", "rdflib-endpoint")
#: which system each is compared with (same storage kind)
COMPARED = {"pactesur-memory": "oxigraph-memory", "pactesur-disk": "oxigraph-disk"}
#: how the latency comparison connects: one kept-alive connection per client, or a new
#: connection per request (``Connection: close``, as SPARQLWrapper's urllib sends, and as curl
#: does, one process per request)
CONNECTIONS = {"keep": ("keep",), "new": ("new",), "both": ("keep", "new")}
SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
ROUTES = (
    "/api/recommendations?threat=vehicle-as-weapon",
    "/api/threats/vehicle-as-weapon",
    "/api/incidents?threat=vehicle-as-weapon&limit=50",
    "/api/cities/nice",
)

EXTRA_QUERIES = {
    "lookup-city": "SELECT ?p ?o WHERE { <https://w3id.org/pactesur/resource/city/syn-3> ?p ?o }",
    "describe-incident": "DESCRIBE <https://w3id.org/pactesur/resource/incident/syn-42>",
    "count-incidents": "SELECT (COUNT(*) AS ?n) WHERE { ?i a pac:Incident }",
    "incidents-per-city-top10": """SELECT ?city (COUNT(?i) AS ?n) WHERE { ?i a pac:Incident ; pac:inCity ?city }
        GROUP BY ?city ORDER BY DESC(?n) LIMIT 10""",
    "group-by-threat": """SELECT ?threat (COUNT(?i) AS ?n) (SUM(?killed) AS ?dead) WHERE {
        ?i pac:threatType ?threat ; pac:killed ?killed } GROUP BY ?threat""",
    "recommendations-by-broader": """SELECT ?measure (COUNT(DISTINCT ?city) AS ?cities) WHERE {
        ?threat skos:broaderTransitive* threat:vehicle-as-weapon . ?measure pac:mitigates ?threat .
        OPTIONAL { ?measure pac:pilotedIn ?city } } GROUP BY ?measure""",
    "property-path": """SELECT ?measure ?top WHERE { ?measure skos:broader+ ?top .
        FILTER NOT EXISTS { ?top skos:broader ?above } }""",
    "optional-heavy": """SELECT ?city ?label ?population ?year WHERE { ?city a pac:City ; rdfs:label ?label .
        OPTIONAL { ?city pac:population ?population } OPTIONAL { ?city pac:populationYear ?year }
        FILTER(LANG(?label) = "en") } LIMIT 500""",
    "not-exists": """SELECT ?city WHERE { ?city a pac:City FILTER NOT EXISTS { ?i pac:inCity ?city } } LIMIT 100""",
    "minus": """SELECT ?measure WHERE { ?measure skos:inScheme ?scheme . ?scheme a skos:ConceptScheme .
        MINUS { ?pilot pac:deploysMeasure ?measure } }""",
    "text-filter": """SELECT ?s ?label WHERE { ?s rdfs:label ?label
        FILTER(CONTAINS(LCASE(?label), "mar")) } LIMIT 50""",
    "top-k-deadliest": """SELECT ?i ?killed WHERE { ?i a pac:Incident ; pac:killed ?killed }
        ORDER BY DESC(?killed) ?i LIMIT 20""",
    "ask": "ASK { ?i pac:threatType threat:crowd-crush }",
    "construct-lessons": """CONSTRUCT { ?l ?p ?o } WHERE { ?l a pac:LessonLearnt ; ?p ?o } LIMIT 2000""",
}


def queries() -> dict[str, str]:
    """The route queries of queries/api (with their default VALUES), the competency
    questions of queries/cq and the extra shapes of query above, with the project's prefixes."""
    prefixes = prefix_block()
    found: dict[str, str] = {}
    for folder in ("api", "cq"):
        for path in sorted((ROOT / "queries" / folder).glob("*.rq")):
            found[f"{folder}/{path.stem}"] = prefixes + path.read_text(encoding="utf-8")
    found.update({name: prefixes + text for name, text in EXTRA_QUERIES.items()})
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    found = [pid]
    for parent in found:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for task in Path(f"/proc/{parent}/task").iterdir():
                found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def memory_kib(pid: int) -> dict[str, int]:
    """PSS (shared pages split between the processes sharing them), RSS and peak RSS
    (VmHWM) summed over the process and its children, and the peak RSS of the process alone."""
    pss = rss = peak = 0
    for member in process_tree(pid):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
            rss += _status_kib(member, "VmRSS")
            peak += _status_kib(member, "VmHWM")
    return {"pss": pss, "rss": rss, "peak_rss": peak, "peak_rss_main": _status_kib(pid, "VmHWM")}


def connection_modes(value: str) -> tuple[str, ...]:
    """The modes of ``--connections``: keep, new or both (keep first)."""
    try:
        return CONNECTIONS[value]
    except KeyError:
        raise ValueError(f"--connections: {value!r}; one of {', '.join(CONNECTIONS)}") from None


def new_connection_client(timeout: float) -> httpx.Client:
    """A client that opens a new TCP connection for each request: it asks the server to close
    the connection after the answer (``Connection: close``), so none is kept for the next."""
    return httpx.Client(timeout=timeout, headers={"connection": "close"})


class Timeout(Exception):
    """The system did not answer within the time limit."""


def is_graph_query(query: str) -> bool:
    """Whether the query is a CONSTRUCT or DESCRIBE (its first keyword after the prologue)."""
    for line in query.splitlines():
        words = line.split("#", 1)[0].split()
        if words and words[0].upper() not in ("PREFIX", "BASE") and not words[0].startswith("<"):
            return words[0].upper() in ("CONSTRUCT", "DESCRIBE")
    return False


def ask(client: httpx.Client, url: str, query: str, timeout: float | None = None) -> tuple[float, int]:
    """Post the query; return the wall-clock time and the number of results (rows, triples or the boolean)."""
    accept = N_TRIPLES if is_graph_query(query) else SPARQL_JSON
    started = time.perf_counter()
    try:
        response = client.post(
            url,
            content=query.encode("utf-8"),
            headers={"content-type": "application/sparql-query", "accept": accept},
            timeout=timeout if timeout is not None else client.timeout,
        )
    except httpx.TimeoutException:
        raise Timeout(f"no answer within {timeout} s") from None
    elapsed = time.perf_counter() - started
    if response.status_code in (500, 503) and "timeout" in response.text.lower():  # the server's own limit
        raise Timeout(f"stopped by the server after {elapsed:.0f} s")
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
    if "json" in response.headers.get("content-type", ""):
        body = response.json()
        size = len(body["results"]["bindings"]) if "results" in body else int(body["boolean"])
    else:
        size = len([line for line in response.text.splitlines() if line.strip() and not line.startswith("@prefix")])
    return elapsed, size


@dataclass
class Data:
    """The files every system loads."""

    curated: Path
    synthetic: Path
    graph: str
    synthetic_triples: int
    curated_quads: int


@dataclass
class System:
    name: str
    command: list[str]
    port: int
    #: loading done before the server starts (on-disk stores), timed
    prepare: Callable[[], None] | None = None
    #: loading done through the running server (in-memory Oxigraph), timed
    feed: Callable[[System], None] | None = None
    process: subprocess.Popen[bytes] | None = None
    prepare_seconds: float = 0.0
    start_seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    #: the same, a new connection per request
    new_latencies: dict[str, list[float]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    results: dict[str, int] = field(default_factory=dict)
    memory: dict[str, int] = field(default_factory=dict)
    throughput: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/query" if self.name.startswith("oxigraph") else f"{self.base}/sparql"

    def start(self, ready_timeout: float = 1800) -> None:
        if self.prepare is not None and self.prepare_seconds == 0.0:
            started = time.perf_counter()
            self.prepare()
            self.prepare_seconds = time.perf_counter() - started
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + ready_timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped with exit code {self.process.returncode}")
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start")
            time.sleep(0.1)
        if self.feed is not None:
            self.feed(self)
        if self.start_seconds == 0.0:  # the first start; a restart after a timeout is not a load
            self.start_seconds = time.perf_counter() - started

    def stop(self) -> None:
        """Stop the server by its process id, then any of its children still there."""
        if self.process is None:
            return
        children = process_tree(self.process.pid)[1:]
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # e.g. rdflib-endpoint busy in a query on its event loop
            self.process.kill()
            self.process.wait()
        self.process = None
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    @property
    def load_seconds(self) -> float:
        return self.prepare_seconds + self.start_seconds


def run_quietly(command: list[str]) -> None:
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def pactesur(*args: str) -> list[str]:
    return [sys.executable, "-m", "pactesur_kg", *args]


def prepare_data(triples: int, out: Path) -> Data:
    label = f"{triples // 1000}k" if triples < 1_000_000 else f"{triples // 1_000_000}m"
    synthetic = out / f"synthetic-{label}.nt"
    if not synthetic.exists():
        run_quietly(
            [sys.executable, str(ROOT / "bench/generate.py"), "--triples", str(triples), "--out", str(synthetic)]
        )
    curated = out / "curated.nq"
    run_quietly(pactesur("export", "--format", "nq", "-o", str(curated)))
    with synthetic.open("rb") as lines:
        synthetic_triples = sum(1 for _ in lines)
    with curated.open("rb") as lines:
        curated_quads = sum(1 for _ in lines)
    graph = f"https://w3id.org/pactesur/graph/loaded/{synthetic.stem}"
    return Data(curated, synthetic, graph, synthetic_triples, curated_quads)


def post_store(system: System, path: Path, media_type: str, graph: str | None, chunk_bytes: int = 32 << 20) -> None:
    """POST a file to Oxigraph's Graph Store endpoint, in chunks of whole lines."""
    params = {"graph": graph} if graph else {}
    with path.open("rb") as stream, httpx.Client(timeout=600) as client:
        while chunk := stream.read(chunk_bytes):
            chunk += stream.readline()
            response = client.post(
                f"{system.base}/store", params=params, content=chunk, headers={"content-type": media_type}
            )
            if response.status_code not in (200, 201, 204):
                raise RuntimeError(f"{system.name}: POST /store: {response.status_code} {response.text[:300]}")


def make_systems(names: list[str], data: Data, out: Path, workers: int, timeout: float) -> list[System]:
    stores = out / "stores"
    ours_store, oxigraph_store = stores / "pactesur", stores / "oxigraph"

    def prepare_ours() -> None:
        shutil.rmtree(ours_store, ignore_errors=True)
        run_quietly(pactesur("build", "--no-reason", "--store", str(ours_store)))
        run_quietly(pactesur("load", str(data.synthetic), "--store", str(ours_store)))

    def prepare_oxigraph() -> None:
        shutil.rmtree(oxigraph_store, ignore_errors=True)
        run_quietly(["oxigraph", "load", "--location", str(oxigraph_store), "--file", str(data.curated)])
        run_quietly(
            [
                "oxigraph",
                "load",
                "--location",
                str(oxigraph_store),
                "--file",
                str(data.synthetic),
                "--graph",
                data.graph,
            ]
        )

    def feed_oxigraph(system: System) -> None:
        post_store(system, data.curated, "application/n-quads", None)
        post_store(system, data.synthetic, "application/n-triples", data.graph)

    serve_options = ["--workers", str(workers), "--timeout", str(int(timeout))]
    made: list[System] = []
    for name in names:
        port = free_port()
        bind = f"127.0.0.1:{port}"
        if name == "pactesur-memory":
            command = pactesur("serve", "--port", str(port), "--load", str(data.synthetic), *serve_options)
            made.append(System(name, command, port))
        elif name == "pactesur-disk":
            command = pactesur("serve", "--port", str(port), "--store", str(ours_store), *serve_options)
            made.append(System(name, command, port, prepare=prepare_ours))
        elif name == "oxigraph-memory":
            command = ["oxigraph", "serve", "--bind", bind, "--union-default-graph", "--timeout-s", str(int(timeout))]
            made.append(System(name, command, port, feed=feed_oxigraph))
        elif name == "oxigraph-disk":
            command = ["oxigraph", "serve-read-only", "--location", str(oxigraph_store), "--bind", bind]
            command += ["--union-default-graph", "--timeout-s", str(int(timeout))]
            made.append(System(name, command, port, prepare=prepare_oxigraph))
        elif name == "rdflib-endpoint":
            script = str(ROOT / "bench" / "rdflib_server.py")
            command = [sys.executable, script, "--port", str(port), "--graph", data.graph]
            made.append(System(name, [*command, str(data.curated), str(data.synthetic)], port))
        else:
            raise SystemExit(f"unknown system {name!r}; known: {', '.join(SYSTEMS)}")
    return made


@contextlib.contextmanager
def running(systems: list[System]) -> Iterator[None]:
    """Start the systems one after the other (so their load times are not mixed up); stop
    them all by process id, whatever happens."""
    try:
        for system in systems:
            print(f"starting {system.name}", file=sys.stderr, flush=True)
            system.start()
            print(f"  ready after {system.load_seconds:.1f} s", file=sys.stderr, flush=True)
        yield
    finally:
        for system in systems:
            system.stop()


def throughput(system: System, texts: list[str], clients: int, seconds: float, timeout: float) -> dict[str, Any]:
    """Queries answered per second by ``clients`` clients, each going round the query list.

    As load generators such as wrk count them: the answers that arrive within the window of
    ``seconds``, divided by it. The queries still running when the window closes are waited
    for (so the next measurement starts on an idle machine) and reported apart, with the
    time they took to drain: which heavy query happens to be running at that moment decides
    the drain, not the rate."""
    within = [0] * clients
    late = [0] * clients
    timeouts = [0] * clients
    started = time.monotonic()
    stop = started + seconds

    def client(index: int) -> None:
        with httpx.Client(timeout=timeout) as http:
            position = index
            while time.monotonic() < stop:
                try:
                    ask(http, system.url, texts[position % len(texts)])
                    if time.monotonic() <= stop:
                        within[index] += 1
                    else:
                        late[index] += 1
                except Timeout:
                    timeouts[index] += 1
                position += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    drained = time.monotonic() - stop
    return {
        "qps": sum(within) / seconds,
        "answered": sum(within),
        "answered_after_window": sum(late),
        "drain_seconds": max(drained, 0.0),
        "timeouts": sum(timeouts),
        "seconds": seconds,
    }


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p95_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] * 1000


def measure_fast(
    systems: list[System],
    texts: dict[str, str],
    repetitions: int,
    timeout: float,
    slow: float,
    modes: tuple[str, ...] = ("keep",),
) -> dict[str, int]:
    """Result counts (the same on every system, or a failure) and interleaved latencies.

    Each query is first run once on the first system: past ``timeout`` it is reported as a
    timeout and not run on the others; past ``slow`` seconds it is run once on each system
    instead of ``repetitions`` times. These first runs, which check the counts, use kept
    connections; then each repetition asks every system in each of ``modes`` in turn (keep:
    one kept-alive connection; new: a new connection per request), so that drifts of the
    machine hit all alike."""
    counts: dict[str, int] = {}
    first = systems[0]
    with httpx.Client(timeout=timeout + 30) as client, new_connection_client(timeout + 30) as fresh:
        by_mode = {"keep": client, "new": fresh}

        def timings(system: System, mode: str) -> dict[str, list[float]]:
            return system.latencies if mode == "keep" else system.new_latencies

        for name, text in texts.items():
            for system in systems:
                system.latencies[name] = []
                system.new_latencies[name] = []
            try:
                probe, size = ask(client, first.url, text, timeout)
            except Timeout:
                first.status[name] = f"timeout (> {timeout:g} s)"
                for system in systems[1:]:
                    system.status[name] = f"not run (timeout on {first.name})"
                print(f"  {name}: timeout on {first.name}", file=sys.stderr, flush=True)
                continue
            sizes = {first.name: size}
            single = probe > slow
            first.latencies[name].append(probe)
            for system in systems[1:]:
                try:
                    elapsed, sizes[system.name] = ask(client, system.url, text, timeout)
                except Timeout:
                    system.status[name] = f"timeout (> {timeout:g} s)"
                    continue
                if single:
                    system.latencies[name].append(elapsed)
            # the same count on the systems of one storage kind (memory, disk); across kinds
            # a page taken in store order (no ORDER BY: lessons, organisations) may hold other
            # items, each described by another number of rows
            for kind in ("memory", "disk"):
                same_kind = {sizes[s] for s in sizes if s.endswith(kind)}
                if len(same_kind) > 1:
                    raise RuntimeError(f"{name}: result counts differ: {sizes}")
            counts[name] = size
            for system in systems:
                system.results[name] = size
                system.status.setdefault(name, "ok (1 run)" if single else "ok")
            if single and "new" in modes:  # once more each, on a new connection
                for system in systems:
                    with contextlib.suppress(Timeout):
                        system.new_latencies[name].append(ask(fresh, system.url, text, timeout)[0])
            if not single:
                first.latencies[name] = []
                for _ in range(repetitions):
                    for system in systems:  # interleaved, so drifts of the machine hit all alike
                        for mode in modes:
                            timings(system, mode)[name].append(ask(by_mode[mode], system.url, text)[0])
            shown = [
                f"{median_ms(times):.1f} ms{label}"
                for times, label in ((first.latencies[name], ""), (first.new_latencies[name], " (new connections)"))
                if times
            ]
            print(f"  {name}: {', '.join(shown)} on {first.name}", file=sys.stderr, flush=True)
    return counts


def measure_slow(
    system: System,
    texts: dict[str, str],
    counts: dict[str, int],
    skip: dict[str, str],
    repetitions: int,
    timeout: float,
    budget: float,
) -> None:
    """Latencies of a slow system, alone: a query that takes longer than ``timeout`` is
    reported as "timeout" and the server is restarted (it cannot stop the query); once
    ``budget`` seconds are spent, the remaining queries are "not run", as are those in ``skip``."""
    deadline = time.monotonic() + budget
    with httpx.Client(timeout=timeout) as client:
        # the route queries last: they are the slowest, and the budget may run out
        for name in sorted(texts, key=lambda name: name.startswith("api/")):
            text = texts[name]
            system.latencies[name] = []
            if name in skip:
                system.status[name] = skip[name]
                continue
            if time.monotonic() > deadline:
                system.status[name] = "not run (time budget spent)"
                continue
            try:
                for _ in range(repetitions):
                    elapsed, size = ask(client, system.url, text, timeout)
                    system.latencies[name].append(elapsed)
                    system.results[name] = size
            except Timeout:
                system.status[name] = f"timeout (> {timeout:g} s)"
                system.latencies[name] = []
                print(f"  {system.name}: {name}: timeout, restarting", file=sys.stderr, flush=True)
                system.stop()
                system.start()
                continue
            except RuntimeError as error:
                system.status[name] = f"error: {str(error)[:200]}"
                system.latencies[name] = []
                continue
            expected = counts.get(name)
            system.status[name] = "ok" if expected is None or system.results[name] == expected else "differs"
            if repetitions == 1:
                system.status[name] += " (1 run)"
            print(f"  {system.name}: {name}: {median_ms(system.latencies[name]):.1f} ms", file=sys.stderr, flush=True)


def measure_routes(system: System, repetitions: int, timeout: float, slow: float) -> list[dict[str, Any]]:
    """Each REST route against the bare SPARQL query it runs (the one its answer names),
    posted to /sparql; interleaved. A route slower than ``slow`` seconds is timed once."""
    rows: list[dict[str, Any]] = []
    with httpx.Client(timeout=timeout) as client:
        for route in ROUTES:
            try:
                started = time.perf_counter()
                response = client.get(f"{system.base}{route}")
                first = time.perf_counter() - started
            except httpx.TimeoutException:
                rows.append({"route": route, "status": f"timeout (> {timeout:g} s)"})
                continue
            if response.status_code != 200:
                rows.append({"route": route, "status": f"HTTP {response.status_code}: {response.text[:200]}"})
                continue
            bare = response.json()["query"]["sparql"]
            rest_times = [first]
            bare_times = [ask(client, system.url, bare)[0]]
            runs = 1 if first > slow else repetitions
            if runs > 1:
                rest_times, bare_times = [], []
            for _ in range(runs if runs > 1 else 0):
                started = time.perf_counter()
                client.get(f"{system.base}{route}").raise_for_status()
                rest_times.append(time.perf_counter() - started)
                bare_times.append(ask(client, system.url, bare)[0])
            rows.append(
                {
                    "route": route,
                    "status": "ok" if runs > 1 else "ok (1 run)",
                    "rest_ms": median_ms(rest_times),
                    "rest_p95_ms": p95_ms(rest_times),
                    "bare_ms": median_ms(bare_times),
                    "ratio": statistics.median(rest_times) / statistics.median(bare_times),
                    "bare_rows": ask(client, system.url, bare)[1],
                }
            )
    return rows


def environment() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().splitlines()[0].split()
    versions = {}
    for package in ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn"):
        with contextlib.suppress(Exception):
            versions[package] = version(package)
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cores": os.cpu_count(),
        "memory_gib": round(int(meminfo[1]) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "versions": versions,
        "load_average": os.getloadavg(),
    }


def pair_ratios(rows: list[dict[str, Any]], pairs: list[tuple[str, str]], key: str = "median_ms") -> dict[str, Any]:
    """For each pair (ours, theirs), the geometric mean, min and max of ours / theirs of the
    ``key`` medians over the query rows that both answered ("ok" statuses), and the worst queries."""
    ratios: dict[str, Any] = {}
    for ours, theirs in pairs:
        both = {
            row["query"]: row[key][ours] / row[key][theirs]
            for row in rows
            if ours in row.get(key, {})
            and theirs in row.get(key, {})
            and row["status"][ours].startswith("ok")
            and row["status"][theirs].startswith("ok")
        }
        values = list(both.values())
        ratios[f"{ours}/{theirs}"] = {
            "geometric_mean": geometric_mean(values),
            "queries": len(values),
            "min": min(values, default=float("nan")),
            "max": max(values, default=float("nan")),
            "worst": dict(sorted(both.items(), key=lambda item: -item[1])[:5]),
        }
    return ratios


def report(
    args: argparse.Namespace, data: Data, systems: list[System], texts: dict[str, str], routes: dict[str, Any]
) -> dict[str, Any]:
    by_name = {system.name: system for system in systems}
    modes = connection_modes(args.connections)
    query_rows = []
    for name in texts:
        row: dict[str, Any] = {"query": name, "median_ms": {}, "p95_ms": {}, "status": {}, "results": {}}
        if "new" in modes:
            row["new_connection_median_ms"], row["new_connection_p95_ms"] = {}, {}
        for system in systems:
            times = system.latencies.get(name, [])
            row["status"][system.name] = system.status.get(name, "not run")
            if name in system.results:
                row["results"][system.name] = system.results[name]
            if times:
                row["median_ms"][system.name] = median_ms(times)
                row["p95_ms"][system.name] = p95_ms(times)
            if "new" in modes and system.new_latencies.get(name):
                row["new_connection_median_ms"][system.name] = median_ms(system.new_latencies[name])
                row["new_connection_p95_ms"][system.name] = p95_ms(system.new_latencies[name])
        query_rows.append(row)
    pairs = [(ours, theirs) for ours, theirs in COMPARED.items() if ours in by_name and theirs in by_name]
    fast_pairs = list(pairs)
    if "rdflib-endpoint" in by_name:
        reference = next((name for name in ("pactesur-memory", "pactesur-disk") if name in by_name), None)
        if reference:
            pairs.append(("rdflib-endpoint", reference))
    ratios = pair_ratios(query_rows, pairs) if "keep" in modes else {}
    new_ratios = pair_ratios(query_rows, fast_pairs, "new_connection_median_ms") if "new" in modes else {}
    return {
        "triples": args.triples,
        "synthetic_triples": data.synthetic_triples,
        "curated_quads": data.curated_quads,
        "total_statements": data.synthetic_triples + data.curated_quads,
        "options": {k: v for k, v in vars(args).items() if k != "out"},
        "environment": environment(),
        "systems": {
            system.name: {
                "command": " ".join(Path(part).name if part.startswith("/") else part for part in system.command),
                "load_seconds": system.load_seconds,
                "prepare_seconds": system.prepare_seconds,
                "start_seconds": system.start_seconds,
                "load_rate": (data.synthetic_triples + data.curated_quads) / system.load_seconds,
                "memory_kib": system.memory,
                "throughput": system.throughput,
            }
            for system in systems
        },
        "queries": query_rows,
        "ratios": ratios,
        "ratios_new_connection": new_ratios,
        "routes": routes,
    }


def print_summary(result: dict[str, Any]) -> None:
    names = list(result["systems"])
    print(f"\n{result['total_statements']} statements ({result['synthetic_triples']} synthetic)\n")
    print("| query | results | " + " | ".join(f"{name} ms" for name in names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for row in result["queries"]:
        cells = []
        for name in names:
            if name in row["median_ms"]:
                status = row["status"][name]
                cells.append(f"{row['median_ms'][name]:.1f}" + ("" if status == "ok" else f" ({status})"))
            else:
                cells.append(row["status"][name])
        results = next(iter(row["results"].values()), "")
        print(f"| {row['query']} | {results} | " + " | ".join(cells) + " |")
    if any("new_connection_median_ms" in row for row in result["queries"]):
        print("\nA new connection per request:\n")
        print("| query | " + " | ".join(f"{name} ms" for name in names) + " |")
        print("|---|" + "---:|" * len(names))
        for row in result["queries"]:
            cells = [
                f"{row['new_connection_median_ms'][n]:.1f}" if n in row["new_connection_median_ms"] else ""
                for n in names
            ]
            print(f"| {row['query']} | " + " | ".join(cells) + " |")
    print()
    for label, key in (("kept connection", "ratios"), ("new connection per request", "ratios_new_connection")):
        for pair, ratio in result.get(key, {}).items():
            worst = ", ".join(f"{query} {value:.2f}" for query, value in list(ratio["worst"].items())[:3])
            print(
                f"geometric-mean latency ratio {pair}, {label}: {ratio['geometric_mean']:.2f} "
                f"over {ratio['queries']} queries (worst: {worst})"
            )
    print("\n| system | load s | statements/s | PSS MiB | peak RSS MiB (all) | peak RSS MiB (main) | q/s | drain s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, system in result["systems"].items():
        memory = system["memory_kib"]
        rate = system["throughput"].get("qps", float("nan"))
        drain = system["throughput"].get("drain_seconds", float("nan"))
        print(
            f"| {name} | {system['load_seconds']:.1f} | {system['load_rate']:.0f} | {memory.get('pss', 0) / 1024:.0f} "
            f"| {memory.get('peak_rss', 0) / 1024:.0f} | {memory.get('peak_rss_main', 0) / 1024:.0f} | {rate:.1f} "
            f"| {drain:.1f} |"
        )
    for name, rows in result["routes"].items():
        print(f"\nREST routes, {name}: | route | REST ms | bare SPARQL ms | ratio |")
        for row in rows:
            if "rest_ms" not in row:
                print(f"| {row['route']} | {row['status']} | | |")
                continue
            print(f"| {row['route']} | {row['rest_ms']:.1f} | {row['bare_ms']:.1f} | {row['ratio']:.2f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0, help="throughput run per system")
    parser.add_argument("--workers", type=int, default=4, help="pactesur-kg query workers")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated, among " + ", ".join(SYSTEMS))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a query or route may take")
    parser.add_argument("--slow", type=float, default=5.0, help="a query slower than this (seconds) is timed once")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per query over rdflib-endpoint")
    parser.add_argument("--rdflib-repetitions", type=int, default=3)
    parser.add_argument("--rdflib-budget", type=float, default=1800.0, help="seconds for all rdflib-endpoint queries")
    parser.add_argument(
        "--connections",
        choices=list(CONNECTIONS),
        default="both",
        help="latencies on a kept-alive connection, a new connection per request, or both (interleaved)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    data = prepare_data(args.triples, args.out)
    texts = queries()
    systems = make_systems(args.systems.split(","), data, args.out, args.workers, args.timeout)
    fast = [system for system in systems if system.name != "rdflib-endpoint"]
    slow = [system for system in systems if system.name == "rdflib-endpoint"]
    routes: dict[str, Any] = {}
    counts: dict[str, int] = {}
    if fast:
        with running(fast):
            modes = connection_modes(args.connections)
            counts = measure_fast(fast, texts, args.repetitions, args.timeout, args.slow, modes)
            for system in fast:
                if system.name.startswith("pactesur"):
                    routes[system.name] = measure_routes(system, args.repetitions, args.timeout, args.slow)
            # the throughput mix: the queries timed with repetitions (the slow ones would be all there is)
            mix = [texts[name] for name in texts if fast[0].status.get(name) == "ok"]
            for system in fast:
                system.throughput = throughput(system, mix, args.clients, args.seconds, args.timeout)
                system.throughput["queries"] = len(mix)
                assert system.process is not None
                system.memory = memory_kib(system.process.pid)
    for system in slow:
        with running([system]):
            # queries that were slow even on the fast systems are not worth a timeout here
            skip = {
                name: f"not run ({fast[0].status[name]} on {fast[0].name})"
                for name in texts
                if fast and fast[0].status.get(name) != "ok"
            }
            measure_slow(system, texts, counts, skip, args.rdflib_repetitions, args.rdflib_timeout, args.rdflib_budget)
            answered = [texts[name] for name, status in system.status.items() if status.startswith(("ok", "differs"))]
            if answered and args.seconds > 0:
                system.throughput = throughput(system, answered, args.clients, args.seconds, args.rdflib_timeout)
                system.throughput["queries"] = len(answered)
            assert system.process is not None
            system.memory = memory_kib(system.process.pid)
    result = report(args, data, systems, texts, routes)
    (args.out / f"results-{args.triples}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print_summary(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
