"""Heavy work in a forked child: its value or its error comes back; past the time limit the
child is killed; a child that dies is reported as such."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from pactesur_kg.errors import BadRequest, QueryTimeout, WorkerLost
from pactesur_kg.isolation import run_isolated


def test_isolation_returns_the_value_computed_in_another_process() -> None:
    value = asyncio.run(run_isolated(lambda: (os.getpid(), [1, 2, 3]), timeout=10, what="a sum"))
    assert value[1] == [1, 2, 3]
    assert value[0] != os.getpid()


def _refuse() -> None:
    raise BadRequest("no good", line=3, column=4)


def test_isolation_raises_the_childs_error_with_its_details() -> None:
    with pytest.raises(BadRequest, match="no good") as raised:
        asyncio.run(run_isolated(_refuse, timeout=10, what="a check"))
    assert raised.value.extra() == {"line": 3, "column": 4}


def test_isolation_kills_the_child_past_the_time_limit(tmp_path: Path) -> None:
    marker = tmp_path / "pid"

    def forever() -> None:
        marker.write_text(str(os.getpid()))
        while True:
            time.sleep(0.05)

    with pytest.raises(QueryTimeout, match=r"the loop took longer than the limit of 0\.5 s"):
        asyncio.run(run_isolated(forever, timeout=0.5, what="the loop"))
    pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped


def test_isolation_reports_a_child_that_died() -> None:
    with pytest.raises(WorkerLost, match="stopped before it answered"):
        asyncio.run(run_isolated(lambda: os._exit(9), timeout=10, what="the work"))
