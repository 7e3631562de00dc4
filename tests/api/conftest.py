"""A real server per configuration, shared by the tests of a module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import RunningServer, serve

UPDATE_TOKEN = "test-token-5f2c"


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    """The read-only service with a short query timeout."""
    with serve("--timeout", "3", "--workers", "2") as running:
        yield running


@pytest.fixture(scope="session")
def writable_server() -> Iterator[RunningServer]:
    with serve("--allow-updates", "--workers", "2", env={"PACTESUR_UPDATE_TOKEN": UPDATE_TOKEN}) as running:
        yield running


@pytest.fixture(scope="session")
def small_limits_server() -> Iterator[RunningServer]:
    with serve(
        "--workers", "1", env={"PACTESUR_MAX_RESULT_BYTES": "2000", "PACTESUR_MAX_BODY_BYTES": "4096"}
    ) as running:
        yield running
