"""Each client's fair share: requests at once and seconds of work per minute, 429 with
Retry-After past either; loopback exempt unless asked; other clients unaffected."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
from starlette.types import Receive, Scope, Send

from pactesur_kg.api.fair_share import FairShare
from pactesur_kg.engine.accounting import charge

from .server import serve
from .test_worker_lifetime import SLOW


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _Work:
    """An application whose every request takes ``seconds`` of the fake clock, as work (a
    query holding a worker) or, with ``waiting``, as time spent waiting for one."""

    def __init__(self, clock: _Clock, seconds: float, *, waiting: bool = False) -> None:
        self.clock, self.seconds, self.waiting = clock, seconds, waiting

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.clock.now += self.seconds
        if not self.waiting:
            charge(self.seconds)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _ask(share: FairShare, address: str) -> tuple[int, dict[str, str], dict[str, Any]]:
    async def run() -> tuple[int, dict[str, str], dict[str, Any]]:
        transport = httpx.ASGITransport(app=share, client=(address, 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/sparql?query=ASK%7B%7D")
            body = response.json() if response.status_code != 200 else {}
            return response.status_code, dict(response.headers), body

    return asyncio.run(run())


def test_fair_share_seconds_per_minute_then_retry_after() -> None:
    clock = _Clock()
    share = FairShare(_Work(clock, 4.0), at_once=2, seconds_per_minute=10, clock=clock)
    assert [_ask(share, "192.0.2.1")[0] for _ in range(3)] == [200, 200, 200]  # 12 s spent
    status, headers, body = _ask(share, "192.0.2.1")
    assert status == 429
    assert body["error"] == "too-many-requests"
    # the first 4 s fall out of the window 60 s after they ended: then 8 s < 10 s
    assert headers["retry-after"] == str(body["retryAfter"]) == "52"
    assert _ask(share, "198.51.100.7")[0] == 200  # another client is not held back
    clock.now += 52
    assert _ask(share, "192.0.2.1")[0] == 200


def test_fair_share_counts_work_not_waiting() -> None:
    clock = _Clock()
    share = FairShare(_Work(clock, 30.0, waiting=True), at_once=2, seconds_per_minute=10, clock=clock)
    assert [_ask(share, "192.0.2.1")[0] for _ in range(5)] == [200] * 5


def test_fair_share_loopback_is_exempt_unless_asked() -> None:
    clock = _Clock()
    free = FairShare(_Work(clock, 100.0), at_once=1, seconds_per_minute=1, clock=clock)
    assert [_ask(free, "127.0.0.1")[0] for _ in range(3)] == [200] * 3
    counted = FairShare(_Work(clock, 100.0), at_once=1, seconds_per_minute=1, loopback=True, clock=clock)
    assert [_ask(counted, "127.0.0.1")[0] for _ in range(2)] == [200, 429]


def test_fair_share_requests_at_once_on_a_real_server() -> None:
    environment = {"PACTESUR_FAIR_SHARE_LOOPBACK": "1", "PACTESUR_CLIENT_REQUESTS": "1"}
    with serve("--workers", "2", "--timeout", "60", env=environment) as running:
        time.sleep(1)  # the readiness checks of serve() end
        outcome: dict[str, httpx.Response] = {}
        thread = threading.Thread(
            target=lambda: outcome.update(slow=httpx.get(f"{running.url}/sparql", params={"query": SLOW}, timeout=60))
        )
        thread.start()
        time.sleep(0.5)
        refused = httpx.get(f"{running.url}/sparql", params={"query": "ASK {}"}, headers={"origin": "http://a.example"})
        thread.join(timeout=60)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert refused.headers["access-control-allow-origin"] == "*"
        assert "at most 1 at once" in refused.json()["message"]
        assert outcome["slow"].status_code == 200
        assert httpx.get(f"{running.url}/sparql", params={"query": "ASK {}"}).status_code == 200
