"""Submit, review, accept or reject: the contribution workflow over one graph.

The same :class:`Workflow` serves the HTTP routes and the command line. It reads the graph
through the one :class:`~pactesur_kg.engine.reader.Reader` and changes it through the one
:class:`~pactesur_kg.engine.writer.Writer`, whatever the backend (in-memory, on-disk or a
remote endpoint).

An accept is all or nothing, also when the process dies in the middle (see
:mod:`.queue` and :mod:`pactesur_kg.accepted`): the decision to be is written down, then
the contribution's files in the sources (the ``.trig`` file last: from then on it is
accepted), then the decision, then the store changes in one update. :meth:`Workflow.recover`,
run at every start, completes what a crash interrupted: a decision whose file exists is
finished, one whose file does not is forgotten, and an accepted contribution the store does
not hold yet is applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import re
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from .. import accepted
from ..engine.reader import Reader
from ..engine.writer import Writer
from ..errors import BadRequest, Conflict, InvalidContribution, NotFound
from ..isolation import run_isolated
from ..namespaces import GRAPH, INFERRED_GRAPH, RESOURCE
from ..sparql.queryfiles import QueryFiles
from ..text import fold
from ..validate import Checks, ValidationReport, validate_parsed
from .accounts import Account, Accounts, require_curator
from .changeset import ChangeSet, Removal, read_changeset
from .entailment import delete_data, entailed_by_addition, insert_data, rematerialise
from .files import sync_folder, write_atomically
from .queue import Queue, Submission

_PAC = "https://w3id.org/pactesur/ontology#"
_PROV = "http://www.w3.org/ns/prov#"
_DCTERMS = "http://purl.org/dc/terms/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_SOURCE = ox.NamedNode(f"{_DCTERMS}source")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_STALE = "inferred-stale"
_log = logging.getLogger(__name__)


class GraphAccess(Protocol):
    """What the workflow needs of the running service (or of the command line)."""

    reader: Reader
    writer: Writer
    queries: QueryFiles

    async def checks(self) -> Checks: ...

    async def ontology(self) -> list[ox.Triple]: ...


@dataclass(frozen=True)
class Evaluation:
    """A change checked against the graph as it is now."""

    report: dict[str, Any]
    conforms: bool
    removals: list[ox.Quad]
    diff: dict[str, Any]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def slug_of(text: str) -> str:
    """
    >>> slug_of("City of Liège"), slug_of("  Efus / PACTESUR ")
    ('city-of-liege', 'efus-pactesur')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "contribution"


def agent_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RESOURCE}contributor/{slug_of(name)}")


def _term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    """A term as the SPARQL JSON results write it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    written = {"type": "literal", "value": term.value}
    if term.language:
        written["xml:lang"] = term.language
    elif term.datatype.value != f"{_XSD}string":
        written["datatype"] = term.datatype.value
    return written


def _node(term: object) -> ox.NamedNode | ox.BlankNode:
    """A subject: the changes of a contribution hold no RDF-star triples."""
    assert isinstance(term, ox.NamedNode | ox.BlankNode)
    return term


def _value(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    assert isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal)
    return term


def _problem(subject: ox.Triple, message: str, hint: str) -> dict[str, Any]:
    return {
        "focus": str(subject.subject).strip("<>"),
        "file": None,
        "line": None,
        "path": subject.predicate.value,
        "value": str(subject.object),
        "severity": "Violation",
        "shape": None,
        "component": "https://w3id.org/pactesur/ontology#RemovalCheck",
        "message": message,
        "hint": hint,
    }


class Workflow:
    def __init__(
        self,
        folder: Path,
        accounts: Accounts,
        root: Path,
        graph: GraphAccess,
        *,
        isolate_for: float | None = None,
        memory: int = 0,
        max_statements: int | None = None,
    ) -> None:
        self.queue = Queue(folder)
        self.max_statements = max_statements
        self.accounts = accounts
        self.root = root
        self.graph = graph
        self.isolate_for = isolate_for
        self.memory = memory
        self._lock = asyncio.Lock()

    # -- reading --------------------------------------------------------------------------

    async def _read(self, body: bytes, media_type: str) -> ChangeSet:
        """The change a body asks for; in the service, parsed in a child process under the
        time limit and memory budget, as ``/validate`` does, so that what a parser makes of
        hostile input never reaches the server's process."""
        if self.isolate_for is None:
            return await asyncio.to_thread(read_changeset, body, media_type, "contribution", self.max_statements)
        return await run_isolated(
            lambda: read_changeset(body, media_type, "contribution", self.max_statements),
            timeout=self.isolate_for,
            what="reading the contribution",
            memory=self.memory,
        )

    async def changes_of(self, submission: Submission) -> ChangeSet:
        """What a queued submission asks to change."""
        return await self._read(submission.body(), submission.media_type)

    def visible(self, account: Account, status: str | None = None) -> list[Submission]:
        """The submissions an account may see (a curator all, a contributor theirs)."""
        found = [s for s in self.queue.all() if account.is_curator or s.submitter == account.name]
        return [s for s in found if status is None or s.status == status]

    def get(self, account: Account, identifier: str) -> Submission:
        submission = self.queue.get(identifier)
        if not account.is_curator and submission.submitter != account.name:
            # another's submission is not shown, nor said to exist
            raise NotFound(f"no contribution {identifier!r} of yours: GET /contributions lists them")
        return submission

    async def describe(self, submission: Submission) -> dict[str, Any]:
        """The whole of a submission: its record, its status and review, and its diff: against
        the graph as it is now while it is pending, as it was accepted once it is."""
        described = submission.as_json()
        if submission.status == "pending":
            changes = await self.changes_of(submission)
            removals, _ = await self._resolve_removals(changes.removed)
            described["diff"] = await self._diff(changes, removals)
        return described

    # -- submitting -----------------------------------------------------------------------

    async def submit(self, account: Account, body: bytes, media_type: str, message: str = "") -> Submission:
        """Check a submission against the shapes and the live graph and queue it.

        :raises UnreadableContribution: syntax (with line and column) or a forbidden update.
        :raises InvalidContribution: violations (nothing is kept).
        """
        changes = await self._read(body, media_type)
        evaluation = await self.evaluate(changes)
        if not evaluation.conforms:
            raise InvalidContribution(
                f"the contribution has {evaluation.report['violations']} violation(s): nothing was kept; "
                "fix them (see the report) and submit again",
                report=evaluation.report,
            )
        record = {
            "submitter": account.name,
            "submitted": now(),
            "message": message,
            "kind": changes.kind,
            "mediaType": media_type,
            "added": evaluation.diff["added"],
            "removed": evaluation.diff["removed"],
            "resources": [node.value for node in changes.subjects],
            "report": evaluation.report,
            "diff": evaluation.diff,
        }
        return await asyncio.to_thread(self.queue.create, record, body)

    async def evaluate(self, changes: ChangeSet) -> Evaluation:
        """Validate a change against the shapes, the quality checks and the graph as it is:
        an addition on its own statements, a correction on the resources it touches as they
        would be after it."""
        removals, problems = await self._resolve_removals(changes.removed)
        graph = self.graph
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in changes.added]
        if changes.removed:
            taken = {r.triple for r in changes.removed}
            now_held = await graph.reader.construct(
                graph.queries.text("service/statements-about"), node=changes.subjects
            )
            after = [t for t in now_held if t not in taken] + changes.added
            quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in dict.fromkeys(after)]
        report: ValidationReport = await validate_parsed(
            quads,
            changes.origins,
            graph.reader,
            graph.queries,
            await graph.checks(),
            await graph.ontology(),
            isolate_for=self.isolate_for,
            memory=self.memory,
            removed=[r.triple for r in changes.removed],
        )
        written = report.to_json()
        if problems:
            written["results"] = [*problems, *written["results"]]  # type: ignore[misc]
            written["violations"] = int(written["violations"]) + len(problems)  # type: ignore[call-overload]
            written["conforms"] = False
        diff = await self._diff(changes, removals)
        return Evaluation(written, bool(written["conforms"]), removals, diff)

    async def _resolve_removals(self, removed: list[Removal]) -> tuple[list[ox.Quad], list[dict[str, Any]]]:
        """The statements a correction removes, each with its graph, and what is wrong with
        those that cannot be removed."""
        if not removed:
            return [], []
        subjects = sorted({r.triple.subject for r in removed if isinstance(r.triple.subject, ox.NamedNode)}, key=str)
        rows = await self.graph.reader.select(self.graph.queries.text("service/quads-about"), node=subjects)
        graphs: dict[ox.Triple, set[str]] = defaultdict(set)
        for row in rows:
            triple = ox.Triple(row["node"], row["property"], row["value"])  # type: ignore[arg-type]
            graphs[triple].add(row["graph"].value)
        quads: list[ox.Quad] = []
        problems: list[dict[str, Any]] = []
        for removal in removed:
            held = graphs.get(removal.triple, set())
            if removal.graph is not None:
                held &= {removal.graph}
            asserted = {g for g in held if g.startswith((f"{GRAPH}data/", f"{GRAPH}contributions/"))}
            if asserted:
                triple = removal.triple
                quads += [
                    ox.Quad(_node(triple.subject), triple.predicate, triple.object, ox.NamedNode(g))
                    for g in sorted(asserted)
                ]
            elif held - {INFERRED_GRAPH}:
                problems.append(
                    _problem(
                        removal.triple,
                        "this statement belongs to the ontology, which contributions do not change",
                        "propose the change to the ontology's maintainers (ontology/ in the sources)",
                    )
                )
            elif held:
                problems.append(
                    _problem(
                        removal.triple,
                        "this statement is inferred from others, not stated",
                        "remove the statements it follows from (see the resource's page)",
                    )
                )
            else:
                where = f" in <{removal.graph}>" if removal.graph else ""
                problems.append(
                    _problem(
                        removal.triple,
                        f"this statement is not in the graph{where}: there is nothing to remove",
                        "copy the statement exactly as the resource's page or /sparql shows it",
                    )
                )
        return quads, problems

    async def _diff(self, changes: ChangeSet, removals: list[ox.Quad]) -> dict[str, Any]:
        """Statements added and removed, grouped by resource, with labels."""
        reader, queries = self.graph.reader, self.graph.queries
        subjects = changes.subjects
        rows = await reader.select(queries.text("service/quads-about"), node=subjects) if subjects else []
        stated = {
            ox.Triple(r["node"], r["property"], r["value"])  # type: ignore[arg-type]
            for r in rows
            if r["graph"].value != INFERRED_GRAPH
        }
        added = [t for t in changes.added if t not in stated]
        labels: dict[str, str] = {}
        for triple in changes.added:
            if (
                triple.predicate in (_LABEL, _PREF_LABEL)
                and isinstance(triple.object, ox.Literal)
                and triple.object.language in ("en", None)
                and isinstance(triple.subject, ox.NamedNode)
            ):
                labels.setdefault(triple.subject.value, triple.object.value)
        named = {
            term.value
            for t in [*added, *(q.triple for q in removals)]
            for term in (t.subject, t.predicate, t.object)
            if isinstance(term, ox.NamedNode) and term.value not in labels
        }
        if named:
            nodes = [ox.NamedNode(iri) for iri in sorted(named)]
            for row in await reader.values(queries.text("service/labels"), node=nodes):
                labels.setdefault(row["node"], row["label"])
        grouped: dict[str, dict[str, Any]] = {}

        def entry(subject: ox.NamedNode | ox.BlankNode) -> dict[str, Any]:
            key = str(subject)
            if key not in grouped:
                grouped[key] = {
                    "resource": _term_json(subject),
                    "label": labels.get(subject.value),
                    "added": [],
                    "removed": [],
                }
            return grouped[key]

        def statement(triple: ox.Triple) -> dict[str, Any]:
            value = _term_json(_value(triple.object))
            return {
                "property": triple.predicate.value,
                "propertyLabel": labels.get(triple.predicate.value),
                "value": value,
                "valueLabel": labels.get(triple.object.value) if isinstance(triple.object, ox.NamedNode) else None,
            }

        for triple in added:
            entry(_node(triple.subject))["added"].append(statement(triple))
        for quad in removals:
            assert isinstance(quad.graph_name, ox.NamedNode)
            entry(_node(quad.subject))["removed"].append({**statement(quad.triple), "graph": quad.graph_name.value})
        return {
            "added": len(added),
            "removed": len(removals),
            "resources": sorted(grouped.values(), key=lambda g: (g["resource"]["type"], g["resource"]["value"])),
        }

    # -- deciding -------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _deciding(self) -> AsyncIterator[None]:
        """One decision at a time: in this process (an asyncio lock) and across processes
        (the queue's lock file, so a curator at the command line and the server agree)."""
        async with self._lock:
            with self.queue.lock_path.open("a") as handle:
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        await asyncio.sleep(0.05)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    @staticmethod
    def _undecided(submission: Submission) -> None:
        if submission.decision is not None:
            raise Conflict(
                f"contribution {submission.id} was {submission.status} already",
                details={"contributionStatus": submission.status, "review": submission.decision},
            )

    async def reject(self, account: Account, identifier: str, reason: str) -> Submission:
        require_curator(account, "reject a contribution")
        if not reason.strip():
            raise BadRequest("say why the contribution is rejected: give a reason (the submitter will read it)")
        async with self._deciding():
            submission = self.queue.get(identifier)
            self._undecided(submission)
            decision = {"status": "rejected", "curator": account.name, "time": now(), "reason": reason.strip()}
            return await asyncio.to_thread(self.queue.decide, submission, decision)

    async def accept(self, account: Account, identifier: str, comment: str = "") -> Submission:
        """Validate again against the graph as it is now, then write the contribution into
        the sources and the store (all or nothing, see the module's docstring).

        :raises Conflict: decided already, or no longer valid (with the new report).
        """
        require_curator(account, "accept a contribution")
        async with self._deciding():
            submission = self.queue.get(identifier)
            self._undecided(submission)
            changes = await self.changes_of(submission)
            evaluation = await self.evaluate(changes)
            if not evaluation.conforms:
                raise Conflict(
                    f"contribution {identifier} no longer conforms with the graph as it is now: see the new report",
                    details={"report": evaluation.report},
                )
            sequence = max((f.sequence for f in accepted.accepted_in(self.root)), default=0) + 1
            accepted_at = now()
            slug = slug_of(changes.subjects[0].value.rsplit("/", 1)[-1]) if changes.subjects else ""
            files = accepted.AcceptedFiles(
                sequence, identifier, self.root / accepted.FOLDER / accepted.file_name(sequence, identifier, slug)
            )
            provenance = self._provenance(submission, changes, evaluation, account, accepted_at, comment)
            graph = ox.NamedNode(files.graph)
            additions = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in [*changes.added, *provenance]]
            decision = {
                "status": "accepted",
                "curator": account.name,
                "time": accepted_at,
                "comment": comment,
                "sequence": sequence,
                "file": str(accepted.FOLDER / files.additions.name),
                "graph": files.graph,
            }
            update = await self._update(changes, evaluation.removals, additions)
            await asyncio.to_thread(self.queue.intend, submission, decision)
            await asyncio.to_thread(self._write_files, files, additions, evaluation.removals)
            decided = await asyncio.to_thread(self.queue.decide, submission, decision)
            correction = bool(evaluation.removals)
            try:
                await self._apply(update, files.graph, correction)
            except BaseException:
                await asyncio.to_thread(self._take_back, decided, files)
                raise
            if correction:
                await self._remake_inferred()
            return decided

    def _provenance(
        self,
        submission: Submission,
        changes: ChangeSet,
        evaluation: Evaluation,
        curator: Account,
        accepted_at: str,
        comment: str,
    ) -> list[ox.Triple]:
        """PROV-O statements on the contribution's graph: who proposed it and when, who
        accepted it and when, why, what it touched and which sources its resources cite."""
        me = ox.NamedNode(accepted.contribution_graph(submission.id))
        submitter, reviewer = agent_iri(submission.submitter), agent_iri(curator.name)
        date_time = ox.NamedNode(f"{_XSD}dateTime")
        submitted, message = submission.record["submitted"], submission.record.get("message", "")
        count = ox.NamedNode(f"{_XSD}nonNegativeInteger")
        triples = [
            ox.Triple(me, _RDF_TYPE, ox.NamedNode(f"{_PAC}Contribution")),
            ox.Triple(me, _LABEL, ox.Literal(f"Contribution {submission.id}", language="en")),
            ox.Triple(me, ox.NamedNode(f"{_DCTERMS}identifier"), ox.Literal(submission.id)),
            ox.Triple(me, ox.NamedNode(f"{_PROV}wasAttributedTo"), submitter),
            ox.Triple(me, ox.NamedNode(f"{_PROV}generatedAtTime"), ox.Literal(submitted, datatype=date_time)),
            ox.Triple(me, ox.NamedNode(f"{_DCTERMS}dateAccepted"), ox.Literal(accepted_at, datatype=date_time)),
            ox.Triple(me, ox.NamedNode(f"{_PAC}acceptedBy"), reviewer),
            ox.Triple(
                me, ox.NamedNode(f"{_PAC}statementsAdded"), ox.Literal(str(evaluation.diff["added"]), datatype=count)
            ),
            ox.Triple(
                me, ox.NamedNode(f"{_PAC}statementsRemoved"), ox.Literal(str(len(evaluation.removals)), datatype=count)
            ),
        ]
        if message:
            triples.append(ox.Triple(me, ox.NamedNode(f"{_DCTERMS}description"), ox.Literal(message)))
        if comment:
            triples.append(ox.Triple(me, ox.NamedNode(f"{_PAC}reviewComment"), ox.Literal(comment)))
        triples += [ox.Triple(me, ox.NamedNode(f"{_PAC}touches"), node) for node in changes.subjects]
        sources = {t.object for t in changes.added if t.predicate == _SOURCE and isinstance(t.object, ox.NamedNode)}
        triples += [ox.Triple(me, _SOURCE, source) for source in sorted(sources, key=lambda n: n.value)]
        for agent, name in ((submitter, submission.submitter), (reviewer, curator.name)):
            triples += [
                ox.Triple(agent, _RDF_TYPE, ox.NamedNode(f"{_PROV}Agent")),
                ox.Triple(agent, _LABEL, ox.Literal(name)),
            ]
        return list(dict.fromkeys(triples))

    async def _update(self, changes: ChangeSet, removals: list[ox.Quad], additions: list[ox.Quad]) -> str:
        """The one SPARQL Update (one transaction) that applies an accepted contribution:
        removals, the inferred copies of what it now states, its graph and, for an addition,
        the entailments it brings."""
        by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in removals:
            by_graph[quad.graph_name.value].append(quad.triple)  # type: ignore[union-attr]
        stated = [q.triple for q in additions]
        inferred_copies = [
            t for t in stated if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
        ]
        entailed: list[ox.Triple] = []
        if not removals:
            checks = await self.graph.checks()
            entailed = await entailed_by_addition(
                stated, self.graph.reader, self.graph.queries, checks.rules, await self.graph.ontology()
            )
        graph = additions[0].graph_name.value  # type: ignore[union-attr]
        parts = [
            delete_data(by_graph),
            delete_data({INFERRED_GRAPH: inferred_copies}),
            insert_data({graph: stated, INFERRED_GRAPH: entailed}),
        ]
        return " ;\n".join(part for part in parts if part)

    async def _apply(self, update: str, graph: str, correction: bool) -> None:
        if correction:  # the inferred graph is made again after the change: until then it is stale
            await asyncio.to_thread(write_atomically, self.queue.folder / _STALE, graph.encode("utf-8"))
        await self.graph.writer.update(update, what="contribution", graphs=(graph, INFERRED_GRAPH))

    async def _remake_inferred(self) -> None:
        """Make the inferred graph again after a correction. The correction is in the sources,
        the queue and the store by now: if this fails, the accept stands, and the stale mark
        left makes the next start do it (:meth:`recover`)."""
        try:
            rules = (await self.graph.checks()).rules
            await rematerialise(self.graph.reader, self.graph.writer, self.graph.queries, rules)
        except Exception as error:
            _log.error(
                "a correction was accepted but the inferred graph could not be made again (%s); "
                "it will be at the next start of the service",
                error,
            )
            return
        await asyncio.to_thread((self.queue.folder / _STALE).unlink)

    def _write_files(self, files: accepted.AcceptedFiles, additions: list[ox.Quad], removals: list[ox.Quad]) -> None:
        if removals:
            write_atomically(files.removals, accepted.serialise_nquads(removals))
        write_atomically(files.additions, accepted.serialise_trig(additions))  # from now on, accepted

    def _take_back(self, submission: Submission, files: accepted.AcceptedFiles) -> None:
        """The store refused the change: the contribution goes back to pending."""
        files.additions.unlink(missing_ok=True)
        files.removals.unlink(missing_ok=True)
        sync_folder(files.additions.parent)
        self.queue.undecide(submission)

    # -- starting -------------------------------------------------------------------------

    async def recover(self) -> dict[str, int]:
        """Finish what a crash interrupted (see the module's docstring)."""
        await asyncio.to_thread(self.queue.remove_incomplete)
        finished = forgotten = applied = 0
        by_id = {files.identifier: files for files in accepted.accepted_in(self.root)}
        for submission, intent in await asyncio.to_thread(self.queue.pending_intents):
            if submission.id in by_id:
                await asyncio.to_thread(self.queue.decide, submission, intent)
                finished += 1
            else:
                leftover = self.root / str(intent.get("file", ""))
                if intent.get("file"):
                    leftover.with_suffix(".removed.nq").unlink(missing_ok=True)
                await asyncio.to_thread(self.queue.forget_intent, submission)
                forgotten += 1
        reader, queries = self.graph.reader, self.graph.queries
        missing = [
            files
            for files in by_id.values()
            if not await reader.any(queries.text("service/contribution-accepted"), graph=ox.NamedNode(files.graph))
        ]
        for files in sorted(missing, key=lambda f: f.sequence):
            removals = await asyncio.to_thread(accepted.read_removals, files)
            additions = await asyncio.to_thread(accepted.read_additions, files)
            by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
            for quad in removals:
                by_graph[quad.graph_name.value].append(quad.triple)  # type: ignore[union-attr]
            parts = [delete_data(by_graph), insert_data({files.graph: [q.triple for q in additions]})]
            await self.graph.writer.update(
                " ;\n".join(p for p in parts if p), what="contribution", graphs=(files.graph,)
            )
            applied += 1
        stale = self.queue.folder / _STALE
        if missing or stale.exists():
            await rematerialise(reader, self.graph.writer, queries, (await self.graph.checks()).rules)
            stale.unlink(missing_ok=True)
        return {"finished": finished, "forgotten": forgotten, "applied": applied}

    # -- history --------------------------------------------------------------------------

    async def changes(self) -> list[dict[str, Any]]:
        """The accepted contributions the graph holds, in the order they were accepted."""
        return await changes_in(self.graph.reader, self.graph.queries)


async def changes_in(reader: Reader, queries: QueryFiles) -> list[dict[str, Any]]:
    rows = await reader.values(queries.text("service/changes"))
    return [
        {
            "id": row["identifier"],
            "graph": row["contribution"],
            "submitter": row["submitter"],
            "curator": row["curator"],
            "submitted": row["submitted"],
            "accepted": row["accepted"],
            "message": row.get("message", ""),
            "added": int(row["added"]),
            "removed": int(row["removed"]),
        }
        for row in rows
    ]
