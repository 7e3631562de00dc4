"""A real server per configuration, shared by the tests of a module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import RunningServer, load_endpoint, oxigraph_server, serve
from .virtuoso import virtuoso_server

UPDATE_TOKEN = "test-token-5f2c"


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[RunningServer]:
    """The read-only service over the embedded store, with a short query timeout."""
    with serve("--timeout", "3", "--workers", "2") as running:
        yield running


@pytest.fixture(scope="session")
def oxigraph_remote_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The same service over a real Oxigraph server process loaded by ``build --endpoint``."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        load_endpoint(endpoint)
        with serve("--timeout", "3", "--endpoint", endpoint) as running:
            yield running


#: the time limit of the service over Virtuoso and of Virtuoso itself, in seconds: longer than
#: the others' 3 s, since Virtuoso answers the same queries 3 to 5 times slower when it is sent
#: the project's graphs as the dataset (docs/engines.md), and a busy test machine must not turn
#: that into timeouts
VIRTUOSO_TIMEOUT_S = 10


@pytest.fixture(scope="session")
def virtuoso_remote_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The same service over a real Virtuoso 7 loaded by ``build --endpoint`` through its
    authenticated Graph Store."""
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso"), timeout_s=VIRTUOSO_TIMEOUT_S) as virtuoso:
        load_endpoint(virtuoso.endpoint, virtuoso.graph_store)
        with serve("--timeout", str(VIRTUOSO_TIMEOUT_S), "--endpoint", virtuoso.endpoint) as running:
            yield running


#: the engines behind the remote backend that the suite runs on
REMOTE_ENGINES = ["oxigraph", "virtuoso"]


@pytest.fixture(scope="session", params=REMOTE_ENGINES)
def remote_server(request: pytest.FixtureRequest) -> RunningServer:
    """The service over each remote engine."""
    running: RunningServer = request.getfixturevalue(f"{request.param}_remote_server")
    return running


def _backend(request: pytest.FixtureRequest) -> RunningServer:
    name = "embedded_server" if request.param == "embedded" else f"{request.param}_remote_server"
    running: RunningServer = request.getfixturevalue(name)
    return running


@pytest.fixture(scope="session", params=["embedded", "oxigraph"])
def server(request: pytest.FixtureRequest) -> RunningServer:
    """The endpoint test suite runs against both backends: the embedded store and the
    remote one over the Oxigraph server. Over Virtuoso, the protocol suite runs in
    test_virtuoso_protocol.py (with its engine's faults as strict xfails); the modules of the
    answers run on every engine (``server_on_every_engine``)."""
    return _backend(request)


#: every backend the answers of the REST facade, the linked-data pages, VoID, search and
#: reconciliation are the same on
EVERY_ENGINE = ["embedded", "oxigraph", "virtuoso"]


@pytest.fixture(scope="session", params=EVERY_ENGINE)
def server_on_every_engine(request: pytest.FixtureRequest) -> RunningServer:
    """The service over the embedded store, the Oxigraph server and Virtuoso 7, one after the
    other; a module of answers makes it its ``server``."""
    return _backend(request)


def engine_fault(request: pytest.FixtureRequest, engine: str, reason: str) -> None:
    """Make the running test a strict xfail when it runs over ``engine``: a fault of that engine
    (listed in docs/engines.md) it cannot pass, while the other engines must."""
    if request.node.callspec.params.get("server_on_every_engine") == engine:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


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
