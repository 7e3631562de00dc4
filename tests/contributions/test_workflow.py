"""The workflow on a real store: what an accept writes, that a build gives the same graph,
corrections, conflicts, and recovery from every point where a process can die."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pyoxigraph as ox
import pytest

from pactesur_kg import accepted
from pactesur_kg.contributions.files import write_atomically
from pactesur_kg.contributions.queue import Submission
from pactesur_kg.errors import BadRequest, Conflict, Forbidden, InvalidContribution, NotFound
from pactesur_kg.namespaces import INFERRED_GRAPH

from ..conftest import FIXTURES
from .conftest import LESSON, Bench, quads_of, run

LESSON_IRI = ox.NamedNode("https://w3id.org/pactesur/resource/lesson/contributed-example")
LESSONS_GRAPH = "https://w3id.org/pactesur/graph/data/lessons/lessons"
CURATED_LABEL = ox.Triple(
    ox.NamedNode("https://w3id.org/pactesur/resource/lesson/liege-modular-barriers-replace-sandbags"),
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ox.Literal("Certified modular barriers replace sandbags (Liège)", language="en"),
)
CORRECTION = f"""DELETE DATA {{ {CURATED_LABEL.subject} rdfs:label {CURATED_LABEL.object} }} ;
INSERT DATA {{ {CURATED_LABEL.subject} rdfs:label "Certified modular barriers took the place of sandbags (Liège)"@en }}
""".encode()


def _pending(bench: Bench, body: bytes = LESSON, kind: str = "text/turtle") -> str:
    return run(bench.workflow.submit(bench.contributor, body, kind, "from our market")).id


def test_workflow_submit_keeps_a_conforming_contribution_pending_and_the_graph_unchanged(bench: Bench) -> None:
    before = quads_of(bench.store)
    submission = run(bench.workflow.submit(bench.contributor, LESSON, "text/turtle", "from our market"))
    assert (submission.id, submission.status) == ("0001", "pending")
    assert submission.record["report"]["conforms"] is True
    assert submission.record["diff"]["added"] == 7
    assert quads_of(bench.store) == before
    assert not (bench.root / accepted.FOLDER).exists()


def test_workflow_submit_refuses_violations_and_keeps_nothing(bench: Bench) -> None:
    body = (FIXTURES / "contributions" / "invalid-lesson.ttl").read_bytes()
    with pytest.raises(InvalidContribution) as raised:
        run(bench.workflow.submit(bench.contributor, body, "text/turtle"))
    report = raised.value.report
    assert report["conforms"] is False
    results: list[dict[str, Any]] = report["results"]  # type: ignore[assignment]
    assert {r["path"] for r in results} >= {"http://purl.org/dc/terms/source"}
    assert bench.workflow.queue.all() == []


def test_workflow_accept_makes_the_graph_a_fresh_build_of_the_sources_gives(bench: Bench) -> None:
    identifier = _pending(bench)
    decided = run(bench.workflow.accept(bench.curator, identifier, "checked the source"))
    assert decided.status == "accepted"
    files = accepted.accepted_in(bench.root)
    assert [(f.sequence, f.identifier) for f in files] == [(1, identifier)]
    assert files[0].additions.name == "0001-0001-contributed-example.trig"
    graph = ox.NamedNode(files[0].graph)
    assert (
        ox.Quad(
            LESSON_IRI,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("https://w3id.org/pactesur/ontology#LessonLearnt"),
            graph,
        )
        in bench.store.inner
    )
    # the same statements in every named graph, the inferred graph included
    assert quads_of(bench.store) == quads_of(bench.rebuilt())
    inferred = set(bench.store.graph_quads(INFERRED_GRAPH))
    concerns = ox.NamedNode("https://w3id.org/pactesur/ontology#concerns")
    assert any(q.subject == LESSON_IRI and q.predicate == concerns for q in inferred)


def test_workflow_accept_records_who_proposed_and_who_accepted(bench: Bench) -> None:
    identifier = _pending(bench)
    run(bench.workflow.accept(bench.curator, identifier, "checked the source"))
    rows = bench.store.select(
        """SELECT ?submitter ?curator ?accepted ?message ?comment WHERE {
             GRAPH ?g { <https://w3id.org/pactesur/resource/lesson/contributed-example> rdfs:label ?label }
             GRAPH ?g { ?g a pac:Contribution ; prov:wasAttributedTo/rdfs:label ?submitter ;
                        pac:acceptedBy/rdfs:label ?curator ; dcterms:dateAccepted ?accepted ;
                        dcterms:description ?message ; pac:reviewComment ?comment ;
                        dcterms:source <https://todayinliege.be/?p=49331> } }"""
    )
    assert [(r["submitter"].value, r["curator"].value, r["message"].value, r["comment"].value) for r in rows] == [
        ("City of Liège", "Efus", "from our market", "checked the source")
    ]


def test_workflow_correction_removes_from_the_curated_graph_without_rewriting_it(bench: Bench) -> None:
    curated = (bench.root / "data/lessons/lessons.ttl").read_bytes()
    identifier = _pending(bench, CORRECTION, "application/sparql-update")
    submission = bench.workflow.queue.get(identifier)
    assert submission.record["kind"] == "correction"
    assert (submission.record["diff"]["added"], submission.record["diff"]["removed"]) == (1, 1)
    run(bench.workflow.accept(bench.curator, identifier))
    (files,) = accepted.accepted_in(bench.root)
    subject, predicate, value = CURATED_LABEL.subject, CURATED_LABEL.predicate, CURATED_LABEL.object
    assert accepted.read_removals(files) == [ox.Quad(subject, predicate, value, ox.NamedNode(LESSONS_GRAPH))]
    assert (bench.root / "data/lessons/lessons.ttl").read_bytes() == curated
    assert CURATED_LABEL not in {q.triple for q in bench.store.quads()}
    assert quads_of(bench.store) == quads_of(bench.rebuilt())


@pytest.mark.parametrize(
    ("update", "message"),
    [
        (f'DELETE DATA {{ {CURATED_LABEL.subject} rdfs:label "Not there"@en }}', "not in the graph"),
        (
            f"DELETE DATA {{ {CURATED_LABEL.subject} pac:concerns measure:temporary-vehicle-security-barrier }}",
            "inferred from others",
        ),
        ('DELETE DATA { pac:LessonLearnt rdfs:label "Lesson learnt"@en }', "belongs to the ontology"),
    ],
)
def test_workflow_correction_refuses_what_cannot_be_removed(bench: Bench, update: str, message: str) -> None:
    with pytest.raises(InvalidContribution) as raised:
        run(bench.workflow.submit(bench.contributor, update.encode(), "application/sparql-update"))
    assert message in json.dumps(raised.value.report)


def test_workflow_correction_is_validated_as_the_resource_would_be_after_it(bench: Bench) -> None:
    """Removing the only source of a curated lesson breaks its shape."""
    rows = bench.store.select(f"SELECT ?source WHERE {{ {CURATED_LABEL.subject} dcterms:source ?source }}")
    sources = " , ".join(str(r["source"]) for r in rows)
    update = f"DELETE DATA {{ {CURATED_LABEL.subject} dcterms:source {sources} }}"
    with pytest.raises(InvalidContribution):
        run(bench.workflow.submit(bench.contributor, update.encode(), "application/sparql-update"))


def test_workflow_decisions_are_for_curators_and_taken_once(bench: Bench) -> None:
    identifier = _pending(bench)
    with pytest.raises(Forbidden):
        run(bench.workflow.accept(bench.contributor, identifier))
    with pytest.raises(BadRequest, match="give a reason"):
        run(bench.workflow.reject(bench.curator, identifier, " "))
    rejected = run(bench.workflow.reject(bench.curator, identifier, "the source does not say so"))
    assert rejected.decision is not None
    assert rejected.decision["reason"] == "the source does not say so"
    with pytest.raises(Conflict, match="rejected already"):
        run(bench.workflow.accept(bench.curator, identifier))
    assert not (bench.root / accepted.FOLDER).exists()


def test_workflow_two_accepts_at_once_one_wins(bench: Bench) -> None:
    identifier = _pending(bench)

    async def both() -> tuple[object, object]:
        return await asyncio.gather(
            bench.workflow.accept(bench.curator, identifier),
            bench.reopened().accept(bench.curator, identifier),  # another workflow: only the lock file is shared
            return_exceptions=True,
        )

    outcomes = run(both())
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Submission"]
    assert len(accepted.accepted_in(bench.root)) == 1


def test_workflow_accept_refuses_what_no_longer_conforms(bench: Bench) -> None:
    """The measure the lesson points to went away since it was submitted."""
    identifier = _pending(bench)
    measure = ox.NamedNode("https://w3id.org/pactesur/concept/measure/temporary-vehicle-security-barrier")
    for quad in list(bench.store.inner.quads_for_pattern(measure, None, None, None)):
        bench.store.inner.remove(quad)
    with pytest.raises(Conflict) as raised:
        run(bench.workflow.accept(bench.curator, identifier))
    assert raised.value.details["report"]["conforms"] is False  # type: ignore[index]
    assert bench.workflow.queue.get(identifier).status == "pending"


def test_workflow_contributors_see_only_their_own(bench: Bench) -> None:
    identifier = _pending(bench)
    other, _ = bench.workflow.accounts.add("Città di Torino", "contributor")
    assert bench.workflow.visible(other) == []
    with pytest.raises(NotFound):
        bench.workflow.get(other, identifier)
    assert [s.id for s in bench.workflow.visible(bench.curator, "pending")] == [identifier]


# -- recovery: the process died at some point of an accept ---------------------------------


def _interrupted(bench: Bench, stop_after: str) -> str:
    """An accept run up to ``stop_after`` (intent, removals, additions, decision), then the
    process "dies": what it wrote stays, the store is not changed."""
    identifier = _pending(bench, CORRECTION, "application/sparql-update")
    workflow = bench.workflow
    steps = {"intent": 1, "removals": 2, "additions": 3, "decision": 4}[stop_after]

    class Died(Exception):
        pass

    original_write, original_decide = workflow._write_files, workflow.queue.decide

    def write_files(files: accepted.AcceptedFiles, additions: list[ox.Quad], removals: list[ox.Quad]) -> None:
        if steps >= 2:
            write_atomically(files.removals, accepted.serialise_nquads(removals))
        if steps >= 3:
            original_write(files, additions, removals)
        if steps < 4:
            raise Died

    def decide(submission: Submission, decision: dict[str, Any]) -> Submission:
        original_decide(submission, decision)
        raise Died

    workflow._write_files = write_files  # type: ignore[method-assign]
    workflow.queue.decide = decide  # type: ignore[method-assign]
    with pytest.raises(Died):
        run(workflow.accept(bench.curator, identifier))
    return identifier


@pytest.mark.parametrize("stop_after", ["intent", "removals"])
def test_workflow_recover_forgets_an_accept_that_did_not_reach_the_sources(bench: Bench, stop_after: str) -> None:
    before = quads_of(bench.store)
    identifier = _interrupted(bench, stop_after)
    restarted = bench.reopened()
    assert run(restarted.recover())["forgotten"] == 1
    assert restarted.queue.get(identifier).status == "pending"
    assert list((bench.root / accepted.FOLDER).glob("*")) == []
    assert quads_of(bench.store) == before
    run(restarted.accept(bench.curator, identifier))  # and it can be accepted again
    assert quads_of(bench.store) == quads_of(bench.rebuilt())


@pytest.mark.parametrize("stop_after", ["additions", "decision"])
def test_workflow_recover_completes_an_accept_that_reached_the_sources(bench: Bench, stop_after: str) -> None:
    identifier = _interrupted(bench, stop_after)
    assert CURATED_LABEL in {q.triple for q in bench.store.quads()}  # the store was not changed yet
    restarted = bench.reopened()
    outcome = run(restarted.recover())
    assert outcome["applied"] == 1
    assert restarted.queue.get(identifier).status == "accepted"
    assert quads_of(bench.store) == quads_of(bench.rebuilt())
    assert run(restarted.recover()) == {"finished": 0, "forgotten": 0, "applied": 0}


def test_workflow_correction_stands_when_the_inferred_graph_cannot_be_made_again(
    bench: Bench, caplog: pytest.LogCaptureFixture
) -> None:
    """The remaking after a correction fails (the engine gives up): the correction is in the
    sources, the queue and the store and stays accepted; the next start remakes the graph."""
    identifier = _pending(bench, CORRECTION, "application/sparql-update")
    writer = bench.workflow.graph.writer

    async def gives_up(rules: dict[str, str], *, what: str = "update") -> int | None:
        raise RuntimeError("the engine gave up")

    writer.remake_inferred = gives_up  # type: ignore[method-assign]
    decided = run(bench.workflow.accept(bench.curator, identifier))
    assert decided.status == "accepted"
    assert len(accepted.accepted_in(bench.root)) == 1
    assert CURATED_LABEL not in {q.triple for q in bench.store.quads()}
    assert (bench.folder / "inferred-stale").exists()
    assert "the inferred graph could not be made again (the engine gave up)" in caplog.text
    restarted = bench.reopened()
    assert run(restarted.recover())["applied"] == 0
    assert not (bench.folder / "inferred-stale").exists()
    assert quads_of(bench.store) == quads_of(bench.rebuilt())
