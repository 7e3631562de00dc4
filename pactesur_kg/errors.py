"""The one exception root of pactesur-kg, and its kinds.

Every error a user can cause is a :class:`PactesurError`. An error says what went wrong
(its class and ``code``, a short stable name such as ``not-found`` or ``timeout``) and,
through ``extra()``, where (a line and column, the closest known names); never an HTTP
status. The CLI maps them to exit codes (``exit_code``) and the HTTP layer to statuses
(``pactesur_kg.api.problems``), each in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PactesurError(Exception):
    """Root of all errors raised on purpose by pactesur-kg."""

    #: exit code of the CLI for this kind of error: 1 data or validation error, 2 usage error
    exit_code = 1
    #: a short stable name of the kind of error, for machines (the ``error`` of a problem body)
    code = "error"

    def extra(self) -> dict[str, object]:
        """What a client needs beside the message to find or fix the cause (line, column, …)."""
        return {}


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


class StoreError(PactesurError):
    """A store could not be opened, created or replaced."""


# -- what a request or a command gave that cannot work -------------------------------------


class BadRequest(PactesurError):
    """The input cannot be understood: malformed, missing, repeated or contradictory."""

    exit_code = 2
    code = "bad-request"

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)

    def extra(self) -> dict[str, object]:
        return {} if self.line is None else {"line": self.line, "column": self.column}


class QuerySyntaxError(BadRequest):
    """A SPARQL query could not be parsed."""


class NestedTooDeeply(BadRequest):
    """A query or update nests groups, expressions or paths deeper than the parser can take."""

    code = "nested-too-deeply"


class UsageError(BadRequest):
    """The command was called in a way that cannot work (bad option combination, missing file)."""


class UnreadableContribution(BadRequest):
    """A contribution file cannot be read or parsed."""


class InvalidParameter(PactesurError):
    """A parameter is well-formed but not acceptable (a control character in a text, say)."""

    exit_code = 2
    code = "unprocessable"


class NotFound(PactesurError):
    """What was asked for is not in the graph; ``suggestions`` are the closest known names."""

    code = "not-found"

    def __init__(self, message: str, *, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions
        super().__init__(message)

    def extra(self) -> dict[str, object]:
        return {} if self.suggestions is None else {"suggestions": self.suggestions}


class Unauthorized(PactesurError):
    """The request needs credentials it did not carry (or carried wrong ones)."""

    code = "unauthorized"


class Forbidden(PactesurError):
    """The request is understood and refused whoever sends it."""

    code = "forbidden"


class ReadOnly(Forbidden):
    """A write to a service that only reads."""

    code = "read-only"


class FederationRefused(Forbidden):
    """A SERVICE or LOAD target that the allowlist does not contain (or a variable one)."""

    exit_code = 2


class TooManyRequests(PactesurError):
    """The client has used its share of the service; ``retry_after`` says when it may ask again."""

    code = "too-many-requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(message)

    def extra(self) -> dict[str, object]:
        return {"retryAfter": self.retry_after}


class Conflict(PactesurError):
    """The request contradicts the state it acts on (a contribution already decided, say);
    ``details`` say what that state is (a new validation report, the decision)."""

    code = "conflict"

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        self.details = details or {}
        super().__init__(message)

    def extra(self) -> dict[str, object]:
        return dict(self.details)


class InvalidContribution(InvalidParameter):
    """A contribution breaks the shapes or the quality checks; ``report`` says where and why."""

    exit_code = 1
    code = "invalid-contribution"

    def __init__(self, message: str, *, report: dict[str, object]) -> None:
        self.report = report
        super().__init__(message)

    def extra(self) -> dict[str, object]:
        return {"report": self.report}


class NotAcceptable(PactesurError):
    """No format the client accepts can hold the answer."""

    code = "not-acceptable"


class UnsupportedMediaType(PactesurError):
    """The body is in a format this service does not read."""

    code = "unsupported-media-type"


class PayloadTooLarge(PactesurError):
    """The input is larger than the limit."""

    code = "payload-too-large"


# -- what the engine could not do -----------------------------------------------------------


class QueryFailed(PactesurError):
    """A SPARQL query or update could be parsed but not evaluated (a SERVICE call failed, say)."""

    code = "bad-request"


class QueryTimeout(PactesurError):
    """The query ran out of its time and was stopped."""

    code = "timeout"


class ResultTooLarge(PactesurError):
    """The result is larger than the limit; nothing of it is sent."""

    code = "unprocessable"


class QueryMemoryExceeded(PactesurError):
    """The query (or validation) needed more memory than its budget and was stopped."""

    code = "query-memory"


class WorkerLost(PactesurError):
    """The process running the query stopped before it answered (killed, out of memory)."""

    code = "worker-lost"


class EngineUnavailable(PactesurError):
    """The SPARQL engine behind the service cannot be reached or answered with an error."""

    code = "bad-gateway"
