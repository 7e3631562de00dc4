"""A copy of the checkout to accept contributions into, and the workflow over its graph."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
import pytest

from pactesur_kg.build import build
from pactesur_kg.contributions.accounts import Account, Accounts
from pactesur_kg.contributions.local import LocalGraph
from pactesur_kg.contributions.workflow import Workflow
from pactesur_kg.settings import Settings
from pactesur_kg.store import Store

from ..conftest import FIXTURES
from ..sandbox import copy_sources

LESSON = (FIXTURES / "contributions" / "valid-lesson.ttl").read_bytes()
T = TypeVar("T")


def copy_checkout(target: Path) -> Path:
    """What a build reads (ontology, data, shapes, queries), copied: accepting writes into it."""
    return copy_sources(target, with_shapes=True)


def lesson(slug: str, label: str) -> bytes:
    """The valid lesson of the fixtures under another IRI and label."""
    text = LESSON.decode("utf-8").replace("contributed-example", slug)
    return text.replace("Barriers for a market square", label).encode("utf-8")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


@dataclass
class Bench:
    """A workflow over the graph built from a copy of the checkout, with one account of each role."""

    root: Path
    folder: Path
    store: Store
    workflow: Workflow
    contributor: Account
    curator: Account

    def reopened(self) -> Workflow:
        """A new workflow (as after a restart) over the same store, folder and checkout."""
        settings = Settings(root=self.root, reason=False)
        return Workflow(
            self.folder, Accounts(self.folder / "accounts.json"), self.root, LocalGraph(self.store, settings)
        )

    def rebuilt(self) -> Store:
        store, _ = build(Settings(root=self.root, reason=False))
        return store


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    root = copy_checkout(tmp_path / "checkout")
    folder = tmp_path / "contributions"
    settings = Settings(root=root, reason=False)
    store, _ = build(settings)
    accounts = Accounts(folder / "accounts.json")
    contributor, _ = accounts.add("City of Liège", "contributor")
    curator, _ = accounts.add("Efus", "curator")
    workflow = Workflow(folder, accounts, root, LocalGraph(store, settings))
    return Bench(root, folder, store, workflow, contributor, curator)


def quads_of(store: Store) -> set[ox.Quad]:
    return set(store.quads())
