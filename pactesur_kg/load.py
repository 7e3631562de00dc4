"""Bulk loading RDF files into a store (for big data sets and benchmarks).

Each file is read twice: once to check its syntax and count its statements (nothing is
kept), then by pyoxigraph's loader (on disk its bulk loader, which streams). A file with
a syntax error therefore leaves the store as it was, and memory does not grow with the
size of the file in Python.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import SourcePosition, SourceSyntaxError, UsageError
from .store import Store

LOAD_FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
}
_DATASET_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


def check_files(files: list[Path]) -> None:
    """:raises UsageError: for a missing file or one of an unknown type."""
    for path in files:
        if path.suffix not in LOAD_FORMATS:
            raise UsageError(f"{path}: unknown RDF file type; use one of {', '.join(LOAD_FORMATS)}")
        if not path.is_file():
            raise UsageError(f"{path}: no such file")


def _quads(path: Path, target: ox.NamedNode) -> Iterator[ox.Quad]:
    """The statements of the file; those of its default graph go into ``target``."""
    rdf_format = LOAD_FORMATS[path.suffix]
    with path.open("rb") as stream:
        for quad in ox.parse(stream, format=rdf_format):
            if rdf_format in _DATASET_FORMATS and not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad
            else:
                yield ox.Quad(quad.subject, quad.predicate, quad.object, target)


def load_into(
    store: Store, files: list[Path], graph: str | None = None, progress: Callable[[str], None] | None = None
) -> int:
    """Load the files into ``store`` (in memory or on disk); triples of N-Triples and Turtle
    files go into ``graph`` (default: the graph named after the file).

    :returns: the number of statements read.
    :raises SourceSyntaxError: with file, line and column; nothing of that file is written.
    """
    check_files(files)
    loaded = 0
    for path in files:
        target = ox.NamedNode(graph or f"https://w3id.org/pactesur/graph/loaded/{path.stem}")
        rdf_format = LOAD_FORMATS[path.suffix]
        counted = _Counted(_quads(path, target))
        try:
            if progress:
                progress(f"checking {path}")
            deque(counted, maxlen=0)
            if progress:
                progress(f"loading {counted.count} statements of {path}")
            if rdf_format in _DATASET_FORMATS:
                store.add_all(_quads(path, target))
            elif store.path is not None:
                store.inner.bulk_load(path=path, format=rdf_format, to_graph=target)
            else:
                store.inner.load(path=path, format=rdf_format, to_graph=target)
        except SyntaxError as error:
            position = SourcePosition(path, error.lineno or 1, error.offset or 1)
            raise SourceSyntaxError(position, str(error.msg)) from None
        loaded += counted.count
    return loaded


def load_files(
    files: list[Path], store_path: Path, graph: str | None = None, progress: Callable[[str], None] | None = None
) -> int:
    """Load the files into the on-disk store at ``store_path`` (created if missing), as
    :func:`load_into` does.

    :returns: the number of statements read.
    """
    check_files(files)
    store = Store.open(store_path, read_only=False) if store_path.is_dir() else Store.create(store_path)
    try:
        return load_into(store, files, graph, progress)
    finally:
        store.close()


class _Counted:
    """An iterator that counts what goes through it."""

    def __init__(self, inner: Iterator[ox.Quad]) -> None:
        self.inner = inner
        self.count = 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> ox.Quad:
        quad = next(self.inner)
        self.count += 1
        return quad
