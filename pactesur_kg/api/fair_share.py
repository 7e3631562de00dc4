"""A fair share of the service for each client: a number of requests at once and of seconds
of work per minute (the seconds its queries and validations held a worker or the remote
endpoint, :mod:`pactesur_kg.engine.accounting`; not the time they waited), as WDQS gives
each client a budget of query time. Past either, the
client gets 429 with ``Retry-After``; everyone else goes on being answered.

A client is its address (the service trusts no forwarding header); loopback is exempt
unless the settings ask for it (tests, a service behind a local proxy then shares one
budget among all).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from ..engine.accounting import counting
from ..errors import TooManyRequests
from .problems import error_response

WINDOW = 60.0
"""Seconds over which the work of a client is counted."""

_LOOPBACK = ("127.", "::1", "localhost")


@dataclass
class _Client:
    running: int = 0
    #: (when it ended, seconds of work it caused) of the requests that ended within the window
    spent: deque[tuple[float, float]] = field(default_factory=deque)

    def seconds(self, now: float) -> float:
        while self.spent and self.spent[0][0] <= now - WINDOW:
            self.spent.popleft()
        return sum(seconds for _, seconds in self.spent)

    def free_after(self, now: float, budget: float) -> float:
        """Seconds until the work counted in the window falls below ``budget``."""
        total = self.seconds(now)
        for ended, seconds in self.spent:
            total -= seconds
            if total < budget:
                return max(ended + WINDOW - now, 0.0)
        return 0.0


class FairShare:
    def __init__(
        self,
        app: ASGIApp,
        *,
        at_once: int,
        seconds_per_minute: float,
        loopback: bool = False,
        cors_origins: tuple[str, ...] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.at_once = at_once
        self.seconds_per_minute = seconds_per_minute
        self.loopback = loopback
        self.cors = "*" if "*" in cors_origins else None
        self.clock = clock
        self._clients: dict[str, _Client] = {}

    def _client_of(self, scope: Scope) -> str | None:
        """The client's key, or None for a request that is not counted."""
        if scope["type"] != "http" or not scope.get("client"):
            return None
        address: str = scope["client"][0]
        if not self.loopback and address.startswith(_LOOPBACK):
            return None
        return address

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._client_of(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        now = self.clock()
        client = self._clients.setdefault(key, _Client())
        refused = self._refusal(client, now)
        if refused is not None:
            response = error_response(refused)
            if self.cors is not None:
                response.headers["access-control-allow-origin"] = self.cors
            await response(scope, receive, send)
            return
        client.running += 1
        try:
            with counting() as work:
                await self.app(scope, receive, send)
        finally:
            client.running -= 1
            ended = self.clock()
            client.spent.append((ended, work[0]))
            self._forget_idle(ended)

    def _refusal(self, client: _Client, now: float) -> TooManyRequests | None:
        if client.running >= self.at_once:
            return TooManyRequests(
                f"{client.running} requests of yours are running; this service answers at most {self.at_once} at "
                "once per client: wait for them, then send the next",
                retry_after=1,
            )
        if client.seconds(now) >= self.seconds_per_minute:
            wait = math.ceil(client.free_after(now, self.seconds_per_minute)) or 1
            return TooManyRequests(
                f"your requests took {self.seconds_per_minute:g} s of work in the last minute, your share of this "
                f"service; try again in {wait} s, or make the queries more selective",
                retry_after=wait,
            )
        return None

    def _forget_idle(self, now: float) -> None:
        """Drop the clients with nothing running nor counted, once there are many."""
        if len(self._clients) > 1000:
            for key in [k for k, c in self._clients.items() if not c.running and not c.seconds(now)]:
                del self._clients[key]
