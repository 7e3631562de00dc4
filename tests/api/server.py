"""Starting and stopping a real ``pactesur-kg serve`` process on 127.0.0.1 for the tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from ..conftest import REPO


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server by its process id: SIGTERM, then SIGKILL if it lingers."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def descendants(pid: int) -> list[int]:
    """The process ids of a process's children, their children, and so on."""
    found: list[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for task in Path(f"/proc/{parent}/task").iterdir():
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                    children = [int(child) for child in (task / "children").read_text().split()]
                    found += children
                    pending += children
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    with contextlib.suppress(FileNotFoundError, ProcessLookupError, PermissionError):
        for descriptor in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                target = os.readlink(descriptor)
                if target.startswith("socket:["):
                    inodes.add(target[len("socket:[") : -1])
    return inodes


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                    inodes.add(inode)
    return inodes


def owns_port(pid: int, port: int) -> bool:
    """Whether the process (or one of its descendants) listens on the port. An answer on the port
    alone is no proof: another program may have taken the port between free_port() and the
    server's bind (other test runs on the machine, or the other worker of a parallel run)."""
    listening = _listening_inodes(port)
    return any(listening & _socket_inodes(owner) for owner in [pid, *descendants(pid)])


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[bytes]

    @property
    def pid(self) -> int:
        return self.process.pid

    def children(self) -> list[int]:
        """Process ids of the server's worker processes."""
        found: list[int] = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            children = (task / "children").read_text().split()
            found += [int(child) for child in children]
        return sorted(found)


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of a process, in clock ticks (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0
    return int(fields[11]) + int(fields[12])


@contextlib.contextmanager
def serve(*args: str, env: dict[str, str] | None = None, ready_timeout: float = 60.0) -> Iterator[RunningServer]:
    """Run the service until the block ends; stop it (and its workers) by process id."""
    environment = {**os.environ, "PACTESUR_ROOT": str(REPO), **(env or {})}
    with tempfile.TemporaryFile() as log:
        for attempt in range(3):
            port = free_port()
            log.seek(0)
            log.truncate()
            process = subprocess.Popen(
                [sys.executable, "-m", "pactesur_kg", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                ready = _wait_until_ready(process, port, url, log, time.monotonic() + ready_timeout)
            except BaseException:
                stop(process)
                raise
            if ready:
                break
            # the port was taken between free_port() and the server's bind: try another one
            if attempt == 2:
                raise RuntimeError(f"the server found no free port: {_text(log)}")
        try:
            yield RunningServer(url, process)
        finally:
            stop(process)


def _text(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")


def _wait_until_ready(process: subprocess.Popen[bytes], port: int, url: str, log: IO[bytes], deadline: float) -> bool:
    """True once the server answers on its own port; False if it stopped because the port was taken."""
    while True:
        if process.poll() is not None:
            text = _text(log)
            if "address already in use" in text.lower():
                return False
            raise RuntimeError(f"the server stopped: {text}")
        try:
            if (
                owns_port(process.pid, port)
                and httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200
            ):
                return True
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not answer in time")
        time.sleep(0.2)


@contextlib.contextmanager
def oxigraph_server(location: Path, timeout_s: int = 3) -> Iterator[str]:
    """A real ``oxigraph serve`` (the oxigraph wheel) on 127.0.0.1; yields its query URL."""
    port = free_port()
    command = [
        "oxigraph",
        "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout_s),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if (
                    owns_port(process.pid, port)
                    and httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200
                ):
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Oxigraph server did not start")
            time.sleep(0.2)
        yield url
    finally:
        stop(process)


def load_endpoint(endpoint: str, graph_store: str | None = None, root: Path = REPO) -> None:
    """Build the graph of the checkout at ``root`` and load it into the endpoint, as a user
    would (``graph_store``: its Graph Store URL when it is not derived from the endpoint's)."""
    store = ["--graph-store", graph_store] if graph_store else []
    subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "build", "--no-reason", "--endpoint", endpoint, *store],
        env={**os.environ, "PACTESUR_ROOT": str(root)},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def canary_listener() -> Iterator[tuple[str, list[str]]]:
    """A listener on 127.0.0.1 that records every connection it receives; yields a SPARQL
    endpoint URL on it and the list of connections made so far."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    hits: list[str] = []
    stopping = threading.Event()

    def accept() -> None:
        while not stopping.is_set():
            try:
                connection, address = listener.accept()
            except TimeoutError:
                continue
            hits.append(str(address))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", hits
    finally:
        stopping.set()
        thread.join()
        listener.close()
