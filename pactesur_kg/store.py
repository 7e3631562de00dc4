"""The embedded store: pyoxigraph, in memory or on disk.

The rest of the library talks to :class:`Store`; only this module and the result
writers know pyoxigraph. The default graph of every query is the union of the named
graphs, so a query sees the whole knowledge graph without naming graphs.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .engine.execute import evaluate
from .errors import StoreError


class Store:
    """A pyoxigraph store with the project's query defaults."""

    def __init__(self, inner: ox.Store, path: Path | None = None, *, read_only: bool = False) -> None:
        self._inner = inner
        self.path = path
        self.read_only = read_only

    # -- opening ---------------------------------------------------------------
    @classmethod
    def in_memory(cls) -> Store:
        return cls(ox.Store())

    @classmethod
    def create(cls, path: Path) -> Store:
        """A new, empty on-disk store at ``path``."""
        try:
            return cls(ox.Store(str(path)), path)
        except OSError as error:
            raise StoreError(f"{path}: cannot create a store: {error}") from None

    @classmethod
    def open(cls, path: Path, *, read_only: bool = True) -> Store:
        """Open an on-disk store made by ``pactesur-kg build --store PATH``."""
        if not path.is_dir():
            raise StoreError(f"{path}: no store here; build one with: pactesur-kg build --store {path}")
        try:
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as error:
            raise StoreError(f"{path}: cannot open the store: {error}") from None
        return cls(inner, path, read_only=read_only)

    def settle(self) -> None:
        """Write out what an on-disk store opened for writing holds in memory and compact it,
        so that no background work of its own deletes files while query workers open it
        read-only (they do so only between writes). Nothing to do for other stores."""
        if self.path is not None and not self.read_only:
            self._inner.flush()
            self._inner.optimize()

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store, for the modules that serialise its results."""
        return self._inner

    # -- writing ---------------------------------------------------------------
    def add_all(self, quads: Iterable[ox.Quad]) -> None:
        if self.path is None:
            self._inner.extend(quads)
        else:
            self._inner.bulk_extend(quads)

    def quads(self) -> Iterable[ox.Quad]:
        return self._inner.quads_for_pattern(None, None, None, None)

    def contains(self, triple: ox.Triple) -> bool:
        """Whether the triple is in any graph."""
        return (
            next(iter(self._inner.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)), None)
            is not None
        )

    # -- reading ---------------------------------------------------------------
    def query(self, sparql: str, *, substitutions: dict[str, Any] | None = None, union: bool = True) -> Any:
        """Run a SPARQL query by the rules every embedded path shares
        (:func:`~pactesur_kg.engine.execute.evaluate`): the project's prefixes, the union of
        all graphs as default graph unless ``union`` is false or the query has FROM.

        :raises QuerySyntaxError: with the parser's line and column.
        """
        return evaluate(self._inner, sparql, union=union, substitutions=substitutions)

    def select(
        self, sparql: str, *, substitutions: dict[str, Any] | None = None, union: bool = True
    ) -> list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
        """Rows of a SELECT query, unbound variables left out."""
        solutions = self.query(sparql, substitutions=substitutions, union=union)
        names = [v.value for v in solutions.variables]
        return [{name: row[name] for name in names if row[name] is not None} for row in solutions]

    def graph_quads(self, graph: str) -> Iterable[ox.Quad]:
        """The quads of one named graph."""
        return self._inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._inner.named_graphs() if isinstance(g, ox.NamedNode))

    def triples_per_graph(self) -> dict[str, int]:
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", union=False)
        return {str(row["g"].value): int(row["n"].value) for row in sorted(rows, key=lambda r: r["g"].value)}

    def close(self) -> None:
        """Release the store (pyoxigraph frees an on-disk store's lock when collected)."""
        if self.path is not None and not self.read_only:
            self._inner.flush()
        del self._inner
        gc.collect()


def replace_directory(staging: Path, target: Path) -> None:
    """Put the freshly built store in ``staging`` where ``target`` is, replacing any store
    there only once the new one is complete."""
    backup = target.with_name(f".{target.name}.previous")
    if backup.exists():
        if target.exists():
            shutil.rmtree(backup)
        else:  # an earlier build stopped between the two renames: the backup is the store
            backup.rename(target)
    try:
        if target.exists():
            target.rename(backup)
        staging.rename(target)
    except OSError as error:
        if backup.exists() and not target.exists():
            backup.rename(target)
        raise StoreError(f"{target}: cannot replace the store: {error}") from None
    if backup.exists():
        shutil.rmtree(backup)
