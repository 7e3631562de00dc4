"""The one error mapping of the CLI: what a command raises becomes a message and an exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pactesur_kg import cli
from pactesur_kg.errors import CheckFailed, CheckViolation, PactesurError, ShapeViolations, UsageError
from pactesur_kg.settings import Settings, debug_requested

runner = CliRunner()


class Unavailable(PactesurError):
    """A kind of error with its own exit code."""

    exit_code = 3


def _invoke(raised: BaseException, env: dict[str, str] | None = None) -> tuple[int, str, BaseException | None]:
    """Run a one-command app whose command raises ``raised``."""
    app = typer.Typer()

    @app.command()
    @cli.reports_errors
    def fails(name: str = "x") -> None:
        raise raised

    result = runner.invoke(app, [], env={"PACTESUR_DEBUG": "", **(env or {})})
    return result.exit_code, result.stderr, result.exception


@pytest.mark.parametrize(
    ("error", "code"),
    [(Unavailable("the mirror is down; try again later"), 3), (UsageError("give -f FILE"), 2)],
)
def test_an_error_of_the_tree_exits_with_its_code_and_message(error: PactesurError, code: int) -> None:
    exit_code, stderr, _ = _invoke(error)
    assert exit_code == code
    assert stderr == f"error: {error}\n"


def test_check_violations_and_shape_details_are_listed() -> None:
    violation = CheckViolation("labels", "a city without a label", {"city": "city:nowhere"})
    exit_code, stderr, _ = _invoke(CheckFailed([violation]))
    assert exit_code == 1
    assert stderr.splitlines() == ["error: 1 violation(s) of 1 check(s): labels", f"  {violation}"]
    exit_code, stderr, _ = _invoke(ShapeViolations("the data breaks 1 shape", "city:nowhere: no [label]\n"))
    assert exit_code == 1
    assert stderr == "error: the data breaks 1 shape\ncity:nowhere: no [label]\n"


def test_an_unexpected_exception_is_one_line_and_exit_1_without_traceback() -> None:
    exit_code, stderr, exception = _invoke(KeyError("graph"))
    assert exit_code == 1
    assert stderr == "internal error: KeyError: 'graph' (PACTESUR_DEBUG=1 shows the traceback)\n"
    assert "Traceback" not in stderr
    assert isinstance(exception, SystemExit)


def test_debug_lets_the_unexpected_exception_through() -> None:
    exit_code, stderr, exception = _invoke(RuntimeError("boom"), env={"PACTESUR_DEBUG": "1"})
    assert exit_code == 1
    assert isinstance(exception, RuntimeError)
    assert "internal error" not in stderr


def test_typer_exits_are_left_to_typer() -> None:
    exit_code, stderr, _ = _invoke(typer.Exit(4))
    assert (exit_code, stderr) == (4, "")


def test_a_command_of_the_app_reports_an_unexpected_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store_path: Path | None, settings: Settings | None = None) -> None:
        raise ValueError("the store is\nbroken")

    monkeypatch.setattr(cli, "_open_or_build", broken)
    result = runner.invoke(cli.app, ["stats"], env={"PACTESUR_DEBUG": ""})
    assert result.exit_code == 1
    assert result.stderr == "internal error: ValueError: the store is (PACTESUR_DEBUG=1 shows the traceback)\n"


@pytest.mark.parametrize(("value", "debug"), [(None, False), ("", False), ("0", False), ("1", True), ("yes", True)])
def test_debug_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str | None, debug: bool) -> None:
    monkeypatch.delenv("PACTESUR_DEBUG", raising=False)
    if value is not None:
        monkeypatch.setenv("PACTESUR_DEBUG", value)
    assert debug_requested() is debug
