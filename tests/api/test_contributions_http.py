"""The contribution workflow over HTTP, on real servers: the embedded store in memory, an
on-disk store and a real Oxigraph server behind --endpoint; killed mid-accept and restarted."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from pactesur_kg.build import build
from pactesur_kg.endpoint_auth import split_credentials
from pactesur_kg.engine.base import QueryRequest
from pactesur_kg.engine.execute import response
from pactesur_kg.settings import Settings

from ..contributions.conftest import LESSON, copy_checkout, lesson
from .server import RunningServer, load_endpoint, oxigraph_server, serve
from .virtuoso import virtuoso_server

LESSON_IRI = "https://w3id.org/pactesur/resource/lesson/contributed-example"
MEASURE = "temporary-vehicle-security-barrier"


@dataclass
class Site:
    """A server with the workflow on, over its own copy of the checkout."""

    server: RunningServer
    root: Path
    folder: Path
    tokens: dict[str, str]

    def headers(self, who: str, **more: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[who]}", **more}

    def submit(self, body: bytes = LESSON, who: str = "liege", **params: str) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}/contributions",
            content=body,
            params=params,
            headers=self.headers(who, **{"content-type": "text/turtle"}),
            timeout=60,
        )

    def decide(self, identifier: str, verb: str, who: str = "efus", **params: str) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}/contributions/{identifier}/{verb}", params=params, headers=self.headers(who), timeout=60
        )

    def ask(self, query: str) -> bool:
        answer = httpx.get(f"{self.server.url}/sparql", params={"query": query}, timeout=30)
        return bool(answer.json()["boolean"])


def add_account(folder: Path, name: str, role: str) -> str:
    """An account made as an operator would, with the command line; its token."""
    done = subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "accounts", "add", name, "--role", role, "--contributions", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def prepare(base: Path) -> tuple[Path, Path, dict[str, str]]:
    root = copy_checkout(base / "checkout")
    folder = base / "contributions"
    tokens = {
        "liege": add_account(folder, "City of Liège", "contributor"),
        "turin": add_account(folder, "Città di Torino", "contributor"),
        "efus": add_account(folder, "Efus", "curator"),
    }
    return root, folder, tokens


Quads = tuple[frozenset[tuple[str, ...]], tuple[tuple[str, int], ...]]
"""Every statement without a blank node, and how many there are with one in each graph
(engines name blank nodes as they like)."""

_ALL = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def _comparable(rows: list[dict[str, dict[str, str]]]) -> Quads:
    plain: set[tuple[str, ...]] = set()
    with_blank: Counter[str] = Counter()
    for row in rows:
        terms = [row[name] for name in ("g", "s", "p", "o")]
        if any(term["type"] == "bnode" for term in terms):
            with_blank[terms[0]["value"]] += 1
        else:
            plain.add(tuple(json.dumps(term, sort_keys=True) for term in terms))
    return frozenset(plain), tuple(sorted(with_blank.items()))


def all_quads(url: str) -> Quads:
    """Every statement of every named graph a server holds."""
    accept = {"accept": "application/sparql-results+json"}
    answer = httpx.get(f"{url}/sparql", params={"query": _ALL}, headers=accept, timeout=60)
    assert answer.status_code == 200, answer.text
    return _comparable(answer.json()["results"]["bindings"])


def built_quads(root: Path) -> Quads:
    """The same of a fresh build of the checkout, as the protocol would write it."""
    store, _ = build(Settings(root=root, reason=False))
    request = QueryRequest(query=_ALL, accept=[("application/sparql-results+json", 1.0)])
    return _comparable(json.loads(response(store.inner, request, 1 << 30).body)["results"]["bindings"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root, folder, tokens = prepare(tmp_path_factory.mktemp("site"))
    with serve("--workers", "2", "--contributions", str(folder), env={"PACTESUR_ROOT": str(root)}) as running:
        yield Site(running, root, folder, tokens)


def test_contributions_http_routes_answer_404_when_the_workflow_is_off(embedded_server: RunningServer) -> None:
    answer = httpx.get(f"{embedded_server.url}/contributions", headers={"authorization": "Bearer x"})
    assert answer.status_code == 404
    assert "--contributions" in answer.json()["message"]
    changes = httpx.get(f"{embedded_server.url}/changes")
    assert (changes.status_code, changes.json()["total"]) == (200, 0)


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic Zm9vOmJhcg=="])
def test_contributions_http_needs_an_account(site: Site, header: str | None) -> None:
    headers = {"content-type": "text/turtle", **({"authorization": header} if header else {})}
    answer = httpx.post(f"{site.server.url}/contributions", content=LESSON, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"


def test_contributions_http_refuses_bad_input_and_keeps_nothing(site: Site) -> None:
    url = f"{site.server.url}/contributions"
    unknown = httpx.post(url, content=b"x", headers=site.headers("turin", **{"content-type": "text/csv"}))
    assert unknown.status_code == 415
    syntax = httpx.post(
        url, content=b'<urn:a> <urn:b> "open .\n', headers=site.headers("turin", **{"content-type": "text/turtle"})
    )
    assert (syntax.status_code, syntax.json()["line"]) == (400, 1)
    update = httpx.post(
        url,
        content=b"DELETE WHERE { ?s ?p ?o }",
        headers=site.headers("turin", **{"content-type": "application/sparql-update"}),
    )
    assert update.status_code == 400
    assert "DELETE DATA and INSERT DATA" in update.json()["message"]
    invalid = httpx.post(
        url,
        content=(Path(__file__).parent.parent / "fixtures/contributions/invalid-lesson.ttl").read_bytes(),
        headers=site.headers("turin", **{"content-type": "text/turtle"}),
    )
    assert invalid.status_code == 422
    assert invalid.json()["error"] == "invalid-contribution"
    assert invalid.json()["report"]["violations"] >= 2
    mine = httpx.get(url, headers=site.headers("turin")).json()
    assert mine["total"] == 0


def test_contributions_http_from_submission_to_the_graph(site: Site) -> None:
    submitted = site.submit(message="our 2024 Christmas market")
    assert submitted.status_code == 201, submitted.text
    body = submitted.json()
    identifier = body["id"]
    assert (body["status"], body["report"]["conforms"], body["diff"]["added"]) == ("pending", True, 7)
    assert submitted.headers["location"] == f"/contributions/{identifier}"
    resource = body["diff"]["resources"][0]
    assert (resource["resource"]["value"], resource["label"]) == (LESSON_IRI, "Barriers for a market square")

    # pending: nowhere to be read
    assert not site.ask(f"ASK {{ <{LESSON_IRI}> ?p ?o }}")
    lessons = httpx.get(f"{site.server.url}/api/lessons", params={"measure": MEASURE}).json()
    assert LESSON_IRI not in str(lessons)

    # others' eyes
    assert httpx.get(f"{site.server.url}/contributions/{identifier}", headers=site.headers("turin")).status_code == 404
    theirs = httpx.get(f"{site.server.url}/contributions", headers=site.headers("liege")).json()
    assert [c["id"] for c in theirs["contributions"]] == [identifier]
    turtle = httpx.get(
        f"{site.server.url}/contributions/{identifier}", headers=site.headers("efus", accept="text/turtle")
    )
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "market square" in turtle.text
    assert site.decide(identifier, "accept", who="liege").status_code == 403

    accepted = site.decide(identifier, "accept", comment="checked the article")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["review"]["curator"] == "Efus"
    assert site.decide(identifier, "accept").status_code == 409
    assert site.decide(identifier, "reject", reason="late").status_code == 409

    # in the graph at once: SPARQL, REST, resource page with its history, /changes
    graph = f"https://w3id.org/pactesur/graph/contributions/{identifier}"
    assert site.ask(f"ASK {{ GRAPH <{graph}> {{ <{LESSON_IRI}> a pac:LessonLearnt }} }}")
    lessons = httpx.get(f"{site.server.url}/api/lessons", params={"measure": MEASURE}).json()
    assert LESSON_IRI in str(lessons)
    page = httpx.get(f"{site.server.url}/resource/lesson/contributed-example", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Barriers for a market square" in page.text
    assert f"Contribution {identifier}</a> by City of Liège, accepted by Efus" in page.text
    changes = httpx.get(f"{site.server.url}/changes").json()
    assert [(c["id"], c["submitter"], c["curator"], c["added"]) for c in changes["changes"]] == [
        (identifier, "City of Liège", "Efus", 7)
    ]
    atom = httpx.get(f"{site.server.url}/changes", headers={"accept": "application/atom+xml"})
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert f"Contribution {identifier} by City of Liège" in atom.text

    # who added this statement, when, on whose review
    who = httpx.get(
        f"{site.server.url}/sparql",
        params={
            "query": f"""SELECT ?submitter ?curator ?when WHERE {{
                GRAPH ?g {{ <{LESSON_IRI}> pac:learntFrom city:liege .
                           ?g prov:wasAttributedTo/rdfs:label ?submitter ; pac:acceptedBy/rdfs:label ?curator ;
                              dcterms:dateAccepted ?when }} }}"""
        },
    ).json()["results"]["bindings"]
    assert [(r["submitter"]["value"], r["curator"]["value"]) for r in who] == [("City of Liège", "Efus")]

    # and the sources give the same graph: every statement of every named graph
    assert all_quads(site.server.url) == built_quads(site.root)


def test_contributions_http_reject_needs_a_reason_and_changes_nothing(site: Site) -> None:
    identifier = site.submit(lesson("rejected-lesson", "A lesson to reject"), who="turin").json()["id"]
    before = all_quads(site.server.url)
    assert site.decide(identifier, "reject").status_code == 400
    rejected = site.decide(identifier, "reject", reason="no source says so")
    assert rejected.status_code == 200
    assert rejected.json()["review"]["reason"] == "no source says so"
    assert all_quads(site.server.url) == before
    listed = httpx.get(f"{site.server.url}/contributions", params={"status": "rejected"}, headers=site.headers("efus"))
    assert [c["id"] for c in listed.json()["contributions"]] == [identifier]


def test_contributions_http_two_curators_at_once(site: Site) -> None:
    identifier = site.submit(lesson("raced-lesson", "A lesson two curators accept")).json()["id"]
    statuses: list[int] = []

    def accept() -> None:
        statuses.append(site.decide(identifier, "accept").status_code)

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(statuses) == [200, 409]
    assert len(list((site.root / "data/contributions").glob(f"*-{identifier}-*.trig"))) == 1


def test_contributions_http_correction_from_a_form(site: Site) -> None:
    old = "Certified modular barriers replace sandbags (Liège)"
    subject = "<https://w3id.org/pactesur/resource/lesson/liege-modular-barriers-replace-sandbags>"
    new = "Modular barriers took the place of sandbags (Liège)"
    update = f'DELETE DATA {{ {subject} rdfs:label "{old}"@en }} ; INSERT DATA {{ {subject} rdfs:label "{new}"@en }}'
    answer = httpx.post(
        f"{site.server.url}/contributions",
        data={"contribution": update, "format": "application/sparql-update", "message": "the article's wording"},
        headers=site.headers("liege"),
    )
    assert answer.status_code == 201, answer.text
    assert (answer.json()["kind"], answer.json()["diff"]["removed"]) == ("correction", 1)
    assert site.decide(answer.json()["id"], "accept").status_code == 200
    assert not site.ask(f'ASK {{ {subject} rdfs:label "{old}"@en }}')
    assert (site.root / "data/lessons/lessons.ttl").read_text(encoding="utf-8").count(
        old
    ) == 1  # the curated file as it was
    assert all_quads(site.server.url) == built_quads(site.root)


# -- other backends, and a server killed in the middle of an accept --------------------------


def _state(site_root: Path, folder: Path, url: str, identifier: str) -> str:
    """What the sources, the queue and the store say of a contribution, checked to agree."""
    files = list((site_root / "data/contributions").glob(f"*-{identifier}-*.trig"))
    decision = folder / "submissions" / identifier / "decision.json"
    graph = f"https://w3id.org/pactesur/graph/contributions/{identifier}"
    answer = httpx.get(f"{url}/sparql", params={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"}, timeout=30)
    in_store = bool(answer.json()["boolean"])
    if files and decision.exists() and in_store:
        return "accepted"
    if not files and not decision.exists() and not in_store:
        return "pending"
    return f"half: files={bool(files)} decision={decision.exists()} store={in_store}"


@pytest.mark.parametrize("store", ["memory", "disk"])
def test_contributions_http_killed_mid_accept_is_all_or_nothing(tmp_path: Path, store: str) -> None:
    """SIGKILL at several moments of an accept: after a restart each contribution is
    accepted everywhere (sources, queue, store) or pending everywhere, never half."""
    root, folder, tokens = prepare(tmp_path)
    args = ["--workers", "2", "--contributions", str(folder)]
    if store == "disk":
        subprocess.run(
            [sys.executable, "-m", "pactesur_kg", "build", "--no-reason", "--store", str(tmp_path / "store")],
            env={**os.environ, "PACTESUR_ROOT": str(root)},
            check=True,
            capture_output=True,
        )
        args += ["--store", str(tmp_path / "store")]
    env = {"PACTESUR_ROOT": str(root)}
    outcomes: dict[str, str] = {}
    # moments spread over an accept (about a second here): while validating, writing, applying
    delays = [0.1, 0.5, 1.0] if store == "memory" else [0.3, 0.9]
    for number, delay in enumerate(delays):
        with serve(*args, env=env) as running:
            site = Site(running, root, folder, tokens)
            identifier = site.submit(lesson(f"killed-{number}", f"A lesson killed at {delay} s")).json()["id"]
            accepting = threading.Thread(target=lambda i=identifier, s=site: _try_accept(s, i), daemon=True)
            accepting.start()
            time.sleep(delay)
            running.process.kill()  # SIGKILL: no clean-up of any kind
            running.process.wait(timeout=10)
            accepting.join(timeout=30)
        with serve(*args, env=env) as restarted:
            outcomes[identifier] = _state(root, folder, restarted.url, identifier)
            if outcomes[identifier] == "pending":  # still pending: it can be accepted now
                site = Site(restarted, root, folder, tokens)
                assert site.decide(identifier, "accept").status_code == 200
                assert _state(root, folder, restarted.url, identifier) == "accepted"
            assert all_quads(restarted.url) == built_quads(root)
    assert set(outcomes.values()) <= {"accepted", "pending"}, outcomes


def _try_accept(site: Site, identifier: str) -> None:
    with contextlib.suppress(httpx.HTTPError):
        site.decide(identifier, "accept")


@pytest.mark.parametrize("engine", ["oxigraph", "virtuoso"])
def test_contributions_http_over_a_remote_endpoint(tmp_path: Path, engine: str) -> None:
    """The same flow with the graph in a real Oxigraph server or Virtuoso behind --endpoint."""
    root, folder, tokens = prepare(tmp_path)
    (tmp_path / engine).mkdir()
    with _remote(engine, tmp_path / engine) as (endpoint, writes, graph_store):
        load_endpoint(endpoint, graph_store, root=root)
        env = {"PACTESUR_ROOT": str(root), **writes}
        with serve("--timeout", "10", "--endpoint", endpoint, "--contributions", str(folder), env=env) as running:
            site = Site(running, root, folder, tokens)
            identifier = site.submit().json()["id"]
            assert not site.ask(f"ASK {{ <{LESSON_IRI}> ?p ?o }}")
            assert site.decide(identifier, "accept").status_code == 200
            lessons = httpx.get(f"{running.url}/api/lessons", params={"measure": MEASURE}).json()
            assert LESSON_IRI in str(lessons)
            # its history on the resource page and in /changes, read from the engine
            page = httpx.get(f"{running.url}/resource/lesson/contributed-example", headers={"accept": "text/html"})
            assert f"Contribution {identifier}</a> by City of Liège, accepted by Efus" in page.text
            changes = httpx.get(f"{running.url}/changes").json()["changes"]
            assert [(c["id"], c["submitter"], c["curator"], c["added"]) for c in changes] == [
                (identifier, "City of Liège", "Efus", 7)
            ]
            assert _same_graph(engine, all_quads(running.url), built_quads(root))


@contextlib.contextmanager
def _remote(engine: str, folder: Path) -> Iterator[tuple[str, dict[str, str], str | None]]:
    """A real engine of that name: its query URL, the service's settings to write to it, and
    its Graph Store URL for ``build --endpoint`` (None: derived from the query URL)."""
    if engine == "oxigraph":
        with oxigraph_server(folder) as endpoint:
            yield endpoint, {}, None
    else:
        with virtuoso_server(folder, timeout_s=10) as virtuoso:
            yield virtuoso.endpoint, {"PACTESUR_UPDATE_ENDPOINT": virtuoso.update_endpoint}, virtuoso.graph_store


@pytest.mark.parametrize("state", ["missing", "unlisted"])
@pytest.mark.parametrize("engine", ["oxigraph", "virtuoso"])
def test_contributions_http_accepted_but_not_applied_are_applied_at_start(
    tmp_path: Path, engine: str, state: str
) -> None:
    """A contribution accepted in the sources and the queue that the remote store does not
    hold (``missing``: the service stopped between the two; ``unlisted``: it stopped after the
    update but before the graph joined the project's list, so queries do not see it) is applied
    when the service starts, and seen. On Virtuoso the check that finds it missing must not be an
    ASK (docs/engines.md)."""
    root, folder, tokens = prepare(tmp_path)
    (tmp_path / engine).mkdir()
    with _remote(engine, tmp_path / engine) as (endpoint, writes, graph_store):
        load_endpoint(endpoint, graph_store, root=root)
        # accepted by a service over a graph of its own: the endpoint knows nothing of it
        with serve("--contributions", str(folder), env={"PACTESUR_ROOT": str(root)}) as local:
            site = Site(local, root, folder, tokens)
            identifier = site.submit().json()["id"]
            assert site.decide(identifier, "accept").status_code == 200
        if state == "unlisted":  # its statements written to the endpoint, not through the service
            (accepted,) = (root / "data" / "contributions").glob(f"*-{identifier}-*.trig")
            quads = ox.parse(path=accepted, format=ox.RdfFormat.TRIG)
            statements = "".join(f"GRAPH {q.graph_name} {{ {q.triple} }} " for q in quads)
            default_update = endpoint.removesuffix("query") + "update"  # the Oxigraph server's
            update_url, auth = split_credentials(writes.get("PACTESUR_UPDATE_ENDPOINT", default_update))
            httpx.post(
                update_url,
                content=f"INSERT DATA {{ {statements}}}".encode(),
                headers={"content-type": "application/sparql-update"},
                auth=auth,
                timeout=30,
            ).raise_for_status()
        env = {"PACTESUR_ROOT": str(root), **writes}
        with serve("--timeout", "10", "--endpoint", endpoint, "--contributions", str(folder), env=env) as running:
            lessons = httpx.get(f"{running.url}/api/lessons", params={"measure": MEASURE}, timeout=30).json()
            assert LESSON_IRI in {lesson["iri"] for lesson in lessons["items"]}
            assert _state(root, folder, running.url, identifier) == "accepted"
            # the store is what a build of the sources makes, the inferred graph made again on
            # the engine included
            assert _same_graph(engine, all_quads(running.url), built_quads(root))


def _same_graph(engine: str, held: Quads, built: Quads) -> bool:
    """Whether an engine holds what a build makes; Virtuoso writes literals in forms of its own
    (WKT, booleans, numbers: docs/engines.md), so there literals are compared by where they are."""
    if engine == "virtuoso":
        return _literals_by_place(held) == _literals_by_place(built)
    return held == built


def _literals_by_place(quads: Quads) -> Quads:
    """``quads`` with each literal replaced by the kind of literal it is (typed or with a language)."""
    plain, with_blank = quads

    def place(quad: tuple[str, ...]) -> tuple[str, ...]:
        term = json.loads(quad[3])
        if term["type"] != "literal":
            return quad
        return (*quad[:3], "lang" if "xml:lang" in term else "typed")

    return frozenset(place(quad) for quad in plain), with_blank
