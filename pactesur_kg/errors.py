"""The one exception root of pactesur-kg, and its kinds.

Every error a user can cause is a :class:`PactesurError`; the CLI maps them to exit
codes and the HTTP layer to status codes, each in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PactesurError(Exception):
    """Root of all errors raised on purpose by pactesur-kg."""

    #: exit code of the CLI for this kind of error: 1 data or validation error, 2 usage error
    exit_code = 1


@dataclass(frozen=True)
class SourcePosition:
    """Where in a source file something is written (1-based line and column)."""

    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class SourceSyntaxError(PactesurError):
    """A source file is not valid RDF in its format."""

    def __init__(self, position: SourcePosition, reason: str) -> None:
        self.position = position
        self.reason = reason
        super().__init__(f"{position}: {reason}")


class CheckFailed(PactesurError):
    """The graph breaks one or more quality checks (``queries/checks/*-violation.rq``)."""

    def __init__(self, violations: list[CheckViolation]) -> None:
        self.violations = violations
        names = sorted({v.check for v in violations})
        super().__init__(f"{len(violations)} violation(s) of {len(names)} check(s): {', '.join(names)}")


@dataclass(frozen=True)
class CheckViolation:
    """One row returned by a violation query."""

    check: str
    description: str
    row: dict[str, str]

    def __str__(self) -> str:
        cells = ", ".join(f"{k}={v}" for k, v in self.row.items())
        return f"[{self.check}] {self.description}: {cells}"


class ShapeViolations(PactesurError):
    """The curated data or the ontology breaks SHACL shapes; ``report`` says where."""

    def __init__(self, summary: str, details: str) -> None:
        self.details = details
        super().__init__(summary)


class InconsistentOntology(PactesurError):
    """The reasoner found the ontology plus data inconsistent, or a class unsatisfiable."""


class ReasonerUnavailable(PactesurError):
    """The OWL reasoner could not run (for example: no Java runtime)."""


class QuerySyntaxError(PactesurError):
    """A SPARQL query could not be parsed."""

    exit_code = 2


class QueryFailed(PactesurError):
    """A SPARQL query could be parsed but not evaluated (a SERVICE call failed, say)."""


class UsageError(PactesurError):
    """The command was called in a way that cannot work (bad option combination, missing file)."""

    exit_code = 2


class StoreError(PactesurError):
    """A store could not be opened, created or replaced."""
