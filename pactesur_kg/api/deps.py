"""Dependencies of the routes: the settings, the engine, the store, the service state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from ..engine.base import QueryEngine
from ..settings import Settings
from ..store import GraphReader


@dataclass
class ServiceState:
    """What the running service holds: settings, the engine and the store it serves."""

    settings: Settings
    engine: QueryEngine
    store: GraphReader
    #: cached descriptions, dropped after every update
    cache: dict[str, bytes] = field(default_factory=dict)


async def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]
