"""Quality checks: SPARQL queries in ``queries/checks/*-violation.rq``; any row fails.

Each query starts with a ``#+ summary:`` line saying what a row means; its columns
name the offending resource and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CheckViolation
from .sparql.queryfiles import QueryFile, load_query_files
from .store import Store


@dataclass(frozen=True)
class CheckResult:
    checks_run: int
    violations: list[CheckViolation]


def load_checks(folder: Path) -> list[QueryFile]:
    return [q for q in load_query_files(folder) if q.path.name.endswith("-violation.rq")]


def run_checks(store: Store, checks: list[QueryFile]) -> CheckResult:
    violations: list[CheckViolation] = []
    for check in checks:
        for row in store.select(check.text):
            violations.append(
                CheckViolation(
                    check=check.name,
                    description=check.summary,
                    row={name: str(term.value) for name, term in row.items()},
                )
            )
    return CheckResult(checks_run=len(checks), violations=violations)
