"""The one write interface publishes a change after each write; derived values follow it."""

from __future__ import annotations

import asyncio

import pytest

from pactesur_kg.engine.base import QueryRequest, QueryResponse
from pactesur_kg.engine.writer import Change, Changes, Derived, Writer
from pactesur_kg.errors import QueryFailed


class _Engine:
    """An engine that records updates and fails on the text "fail"."""

    def __init__(self) -> None:
        self.updates: list[str] = []
        self.graphs: list[tuple[str, ...] | None] = []

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def query(self, request: QueryRequest) -> QueryResponse:
        raise NotImplementedError

    async def update(self, update: str, graphs: tuple[str, ...] | None = None) -> None:
        self.updates.append(update)
        self.graphs.append(graphs)
        if update == "fail":
            raise QueryFailed("update failed")


def test_writer_publishes_each_update_with_what_changed() -> None:
    changes, seen = Changes(), list[Change]()
    changes.subscribe(seen.append)
    engine = _Engine()
    asyncio.run(Writer(engine, changes).update("INSERT DATA {}", what="graph-store", graphs=("urn:g",)))
    assert engine.updates == ["INSERT DATA {}"]
    assert engine.graphs == [("urn:g",)]  # the graphs it writes to go to the engine
    assert seen == [Change("graph-store", ("urn:g",))]
    assert changes.count == 1


def test_writer_publishes_a_failed_update_too() -> None:
    changes, seen = Changes(), list[Change]()
    changes.subscribe(seen.append)
    with pytest.raises(QueryFailed):
        asyncio.run(Writer(engine := _Engine(), changes).update("fail"))
    assert seen == [Change("update")]
    assert engine.graphs == [None]  # not known


def test_derived_value_is_built_once_until_the_next_change() -> None:
    changes = Changes()
    derived, builds = Derived(changes), []

    async def build() -> int:
        builds.append(1)
        return len(builds)

    async def scenario() -> list[int]:
        first = [await derived.get("n", build), await derived.get("n", build)]
        changes.publish(Change("update"))
        return [*first, await derived.get("n", build)]

    assert asyncio.run(scenario()) == [1, 1, 2]


def test_derived_value_built_across_a_change_is_not_kept() -> None:
    changes = Changes()
    derived, builds = Derived(changes), []

    async def build() -> int:
        builds.append(1)
        if len(builds) == 1:
            changes.publish(Change("update"))  # the graph changes while the value is built
        return len(builds)

    async def scenario() -> list[int]:
        return [await derived.get("n", build), await derived.get("n", build), await derived.get("n", build)]

    assert asyncio.run(scenario()) == [1, 2, 2]


def test_derived_concurrent_gets_share_one_build() -> None:
    derived, builds = Derived(Changes()), []

    async def build() -> str:
        builds.append(1)
        await asyncio.sleep(0.01)
        return "index"

    async def scenario() -> list[str]:
        return list(await asyncio.gather(*(derived.get("index", build) for _ in range(5))))

    assert asyncio.run(scenario()) == ["index"] * 5
    assert len(builds) == 1


class _LocalEngine(_Engine):
    """An engine that remakes the inferred graph itself."""

    async def remake_inferred(self, rules: dict[str, str]) -> int:
        return len(rules)


def test_writer_remakes_the_inferred_graph_where_the_engine_does_it() -> None:
    changes, seen = Changes(), list[Change]()
    changes.subscribe(seen.append)
    rules = {"subclass": "CONSTRUCT { ?x a ?c } WHERE { ?x a ?c }"}
    assert asyncio.run(Writer(_LocalEngine(), changes).remake_inferred(rules, what="contribution")) == 1
    assert seen == [Change("contribution", ("https://w3id.org/pactesur/graph/inferred",))]
    # an engine that does not (a remote endpoint): nothing done, nothing published
    assert asyncio.run(Writer(_Engine(), changes).remake_inferred(rules)) is None
    assert len(seen) == 1
