"""Bulk loading RDF files into an on-disk store (for big data sets and benchmarks)."""

from __future__ import annotations

from collections.abc import Callable
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


def load_files(
    files: list[Path], store_path: Path, graph: str | None = None, progress: Callable[[str], None] | None = None
) -> int:
    """Load the files into the store at ``store_path`` (created if missing); triples of
    N-Triples and Turtle files go into ``graph`` (default: the graph named after the file).

    Each file is parsed completely before anything of it is written, so a syntax error
    (reported with file, line and column) leaves the store as it was.

    :returns: the number of quads loaded.
    """
    for path in files:
        if path.suffix not in LOAD_FORMATS:
            raise UsageError(f"{path}: unknown RDF file type; use one of {', '.join(LOAD_FORMATS)}")
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    store = Store.open(store_path, read_only=False) if store_path.is_dir() else Store.create(store_path)
    loaded = 0
    try:
        for path in files:
            if progress:
                progress(f"parsing {path}")
            rdf_format = LOAD_FORMATS[path.suffix]
            target = ox.NamedNode(graph or f"https://w3id.org/pactesur/graph/loaded/{path.stem}")
            try:
                with path.open("rb") as stream:
                    quads = [
                        q
                        if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
                        and not isinstance(q.graph_name, ox.DefaultGraph)
                        else ox.Quad(q.subject, q.predicate, q.object, target)
                        for q in ox.parse(stream, format=rdf_format)
                    ]
            except SyntaxError as error:
                position = SourcePosition(path, error.lineno or 1, error.offset or 1)
                raise SourceSyntaxError(position, str(error.msg)) from None
            if progress:
                progress(f"writing {len(quads)} quads of {path}")
            store.add_all(quads)
            loaded += len(quads)
    finally:
        store.close()
    return loaded
