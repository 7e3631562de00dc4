"""Loading RDF files into a store, in memory and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactesur_kg.errors import SourceSyntaxError
from pactesur_kg.load import load_into
from pactesur_kg.store import Store

TRIPLE = "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n"


def graphs_of(store: Store) -> dict[str, int]:
    return store.triples_per_graph()


@pytest.mark.parametrize("on_disk", [False, True])
def test_load_into_puts_triples_in_a_graph_named_after_the_file(tmp_path: Path, on_disk: bool) -> None:
    data = tmp_path / "extra.nt"
    data.write_text(TRIPLE + TRIPLE.replace("/o>", "/o2>"), encoding="utf-8")
    store = Store.create(tmp_path / "store") if on_disk else Store.in_memory()
    assert load_into(store, [data]) == 2
    assert graphs_of(store) == {"https://w3id.org/pactesur/graph/loaded/extra": 2}


def test_load_into_keeps_named_graphs_of_n_quads(tmp_path: Path) -> None:
    data = tmp_path / "dataset.nq"
    data.write_text(TRIPLE + TRIPLE.replace(" .", " <http://a.example/g> ."), encoding="utf-8")
    store = Store.in_memory()
    load_into(store, [data], graph="http://a.example/default")
    assert graphs_of(store) == {"http://a.example/default": 1, "http://a.example/g": 1}


@pytest.mark.parametrize("on_disk", [False, True])
def test_load_into_syntax_error_leaves_the_store_as_it_was(tmp_path: Path, on_disk: bool) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text(TRIPLE * 3 + "<http://a.example/t> <p> .\n", encoding="utf-8")
    store = Store.create(tmp_path / "store") if on_disk else Store.in_memory()
    with pytest.raises(SourceSyntaxError, match=r"bad\.nt:4:"):
        load_into(store, [bad])
    assert next(iter(store.inner.quads_for_pattern(None, None, None, None)), None) is None
