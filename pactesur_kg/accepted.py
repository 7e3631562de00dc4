"""Accepted contributions in the sources: ``data/contributions/``, replayed by the build.

Each accepted contribution is one TriG file, ``NNNN-<id>-<slug>.trig``: ``NNNN`` is the order
of acceptance, ``<id>`` the contribution's, and the file holds exactly one named graph,
``https://w3id.org/pactesur/graph/contributions/<id>``, with the statements it added and
its provenance. A correction also has ``NNNN-<id>-<slug>.removed.nq``: the statements it
removed, each with the graph it was removed from, in N-Quads. The build replays them in
order, after the curated files: removals first, then the additions. So a curated file is
never rewritten; what a correction removed from it is recorded beside it.

The ``.trig`` file is written last (by an atomic rename): its presence is what makes a
contribution accepted in the sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyoxigraph as ox

from .errors import SourcePosition, SourceSyntaxError
from .namespaces import GRAPH, PREFIXES
from .store import Store

FOLDER = PurePosixPath("data/contributions")
_NAME = re.compile(r"(?P<sequence>\d{4,})-(?P<id>\d{4,})(?:-[a-z0-9-]+)?\.trig")


def contribution_graph(identifier: str) -> str:
    """The named graph of a contribution.

    >>> contribution_graph("0007")
    'https://w3id.org/pactesur/graph/contributions/0007'
    """
    return f"{GRAPH}contributions/{identifier}"


@dataclass(frozen=True)
class AcceptedFiles:
    """The files of one accepted contribution."""

    sequence: int
    identifier: str
    additions: Path

    @property
    def removals(self) -> Path:
        return self.additions.with_suffix(".removed.nq")

    @property
    def graph(self) -> str:
        return contribution_graph(self.identifier)


def accepted_in(root: Path) -> list[AcceptedFiles]:
    """The accepted contributions of a checkout, in the order they were accepted."""
    folder = root / FOLDER
    found = []
    for path in sorted(folder.glob("*.trig")) if folder.is_dir() else []:
        match = _NAME.fullmatch(path.name)
        if match is None:
            raise SourceSyntaxError(
                SourcePosition(Path(FOLDER / path.name), 1, 1),
                "not the name of an accepted contribution: expected NNNN-<id>-<slug>.trig",
            )
        found.append(AcceptedFiles(int(match["sequence"]), match["id"], path))
    return sorted(found, key=lambda files: files.sequence)


def file_name(sequence: int, identifier: str, slug: str) -> str:
    """
    >>> file_name(3, "0012", "market-square-barriers")
    '0003-0012-market-square-barriers.trig'
    """
    return f"{sequence:04d}-{identifier}-{slug}.trig" if slug else f"{sequence:04d}-{identifier}.trig"


def _parse(path: Path, rdf_format: ox.RdfFormat) -> list[ox.Quad]:
    relative = Path(FOLDER / path.name)
    prefix = re.sub(r"[^A-Za-z0-9]", "_", relative.with_suffix("").as_posix())
    renamed: dict[str, ox.BlankNode] = {}

    def stable(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        # blank nodes named after the file and their order, as the build names those of curated files
        if isinstance(term, ox.BlankNode):
            renamed.setdefault(term.value, ox.BlankNode(f"{prefix}_b{len(renamed)}"))
            return renamed[term.value]
        return term

    try:
        with path.open("rb") as stream:
            quads = list(ox.parse(stream, format=rdf_format))
    except SyntaxError as error:
        raise SourceSyntaxError(
            SourcePosition(relative, error.lineno or 1, error.offset or 1), str(error.msg)
        ) from None
    return [ox.Quad(stable(q.subject), q.predicate, stable(q.object), q.graph_name) for q in quads]  # type: ignore[arg-type]


def read_additions(files: AcceptedFiles) -> list[ox.Quad]:
    """The statements of an accepted contribution, all in its own graph.

    :raises SourceSyntaxError: unparsable, or a statement in another graph.
    """
    quads = _parse(files.additions, ox.RdfFormat.TRIG)
    for number, quad in enumerate(quads, 1):
        if not isinstance(quad.graph_name, ox.NamedNode) or quad.graph_name.value != files.graph:
            raise SourceSyntaxError(
                SourcePosition(Path(FOLDER / files.additions.name), 1, 1),
                f"statement {number} is not in the contribution's graph <{files.graph}>",
            )
    return quads


def read_removals(files: AcceptedFiles) -> list[ox.Quad]:
    return _parse(files.removals, ox.RdfFormat.N_QUADS) if files.removals.exists() else []


def replay(root: Path, store: Store) -> int:
    """Apply the accepted contributions of ``root`` to ``store``, in order.

    :returns: how many were applied.
    :raises SourceSyntaxError: a file cannot be read, or a statement a correction removed is
        no longer there (the curated file was changed since: remove the correction's
        ``.removed.nq`` line, or restore the statement).
    """
    applied = accepted_in(root)
    for files in applied:
        for line, quad in enumerate(read_removals(files), 1):
            if quad not in store.inner:
                raise SourceSyntaxError(
                    SourcePosition(Path(FOLDER / files.removals.name), line, 1),
                    f"the statement this correction removes is not in <{quad.graph_name.value}>: "  # type: ignore[union-attr]
                    "the sources changed since it was accepted; restore the statement or drop this line",
                )
            store.inner.remove(quad)
        store.add_all(read_additions(files))
    return len(applied)


def serialise_trig(quads: list[ox.Quad]) -> bytes:
    """The additions file: the project's prefixes, statements in a stable order."""
    ordered = sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    data = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    assert data is not None
    return data


def serialise_nquads(quads: list[ox.Quad]) -> bytes:
    ordered = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    data = ox.serialize(ordered, format=ox.RdfFormat.N_QUADS)
    assert data is not None
    return data
