"""The accounts and contributions commands: what they print, what they write, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactesur_kg import accepted
from pactesur_kg.cli import app

from .conftest import LESSON, Bench, lesson, run

runner = CliRunner()


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_cli_accounts_add_prints_the_token_once_and_list_never(tmp_path: Path) -> None:
    folder = str(tmp_path)
    code, stdout, stderr = cli("accounts", "add", "City of Liège", "--role", "contributor", "--contributions", folder)
    assert code == 0, stderr
    token = stdout.strip().splitlines()[-1]
    assert len(token) >= 40
    assert token not in (tmp_path / "accounts.json").read_text(encoding="utf-8")
    code, stdout, _ = cli("accounts", "add", "Efus", "--role", "curator", "--json", "--contributions", folder)
    assert (code, sorted(json.loads(stdout))) == (0, ["created", "name", "role", "token"])
    code, stdout, _ = cli("accounts", "list", "--json", "--contributions", folder)
    assert code == 0
    assert [(a["name"], a["role"]) for a in json.loads(stdout)] == [
        ("City of Liège", "contributor"),
        ("Efus", "curator"),
    ]
    assert token not in stdout
    assert "token" not in stdout


def test_cli_accounts_find_the_folder_in_the_environment(tmp_path: Path) -> None:
    code, _, stderr = cli("accounts", "add", "Efus", "--role", "curator", env={"PACTESUR_CONTRIBUTIONS": str(tmp_path)})
    assert code == 0, stderr
    accounts = tmp_path / "elsewhere.json"
    code, _, _ = cli("accounts", "add", "Efus", "--role", "curator", env={"PACTESUR_ACCOUNTS": str(accounts)})
    assert code == 0
    assert accounts.is_file()
    assert (tmp_path / "accounts.json").is_file()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("accounts", "add", "Efus", "--role", "admin"), 2),
        (("accounts", "add", "Efus"), 2),
        (("accounts", "remove", "Nobody"), 2),
        (("accounts", "list"), 0),
    ],
)
def test_cli_accounts_exit_codes(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    assert cli(*args, "--contributions", str(tmp_path))[0] == code


def test_cli_accounts_need_a_place(tmp_path: Path) -> None:
    code, _, stderr = cli("accounts", "list", env={"PACTESUR_CONTRIBUTIONS": "", "PACTESUR_ACCOUNTS": ""})
    assert code == 2
    assert "--contributions" in stderr


def test_cli_contributions_list_show_accept_reject(bench: Bench) -> None:
    first = run(bench.workflow.submit(bench.contributor, LESSON, "text/turtle", "our market")).id
    second = run(bench.workflow.submit(bench.contributor, lesson("other", "Another lesson"), "text/turtle")).id
    place = ["--contributions", str(bench.folder)]
    environment = {"PACTESUR_ROOT": str(bench.root)}
    code, stdout, _ = cli("contributions", "list", "--json", *place)
    assert (code, [c["id"] for c in json.loads(stdout)]) == (0, [second, first])
    code, stdout, _ = cli("contributions", "show", first, *place)
    assert (code, json.loads(stdout)["message"]) == (0, "our market")
    assert cli("contributions", "show", "9999", *place)[0] == 1
    code, _, stderr = cli(
        "contributions", "accept", first, "--as", "Efus", "--comment", "fine", *place, env=environment
    )
    assert code == 0, stderr
    assert [f.identifier for f in accepted.accepted_in(bench.root)] == [first]
    assert cli("contributions", "accept", first, "--as", "Efus", *place, env=environment)[0] == 1  # decided already
    assert cli("contributions", "accept", second, "--as", "Nobody", *place, env=environment)[0] == 2
    assert cli("contributions", "accept", second, "--as", "City of Liège", *place, env=environment)[0] == 1
    code, _, _ = cli("contributions", "reject", second, "--as", "Efus", "--reason", "no source", *place)
    assert code == 0
    code, stdout, _ = cli("contributions", "list", "--status", "rejected", "--json", *place)
    assert [c["id"] for c in json.loads(stdout)] == [second]
    assert cli("contributions", "list", "--status", "maybe", *place)[0] == 2
