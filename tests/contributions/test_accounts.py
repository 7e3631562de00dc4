"""Accounts: tokens shown once, kept as salted hashes, checked on every request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactesur_kg.contributions.accounts import Accounts, require_curator
from pactesur_kg.errors import Forbidden, Unauthorized, UsageError


def test_accounts_add_keeps_only_a_salted_hash_of_the_token(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts.json")
    first, token = accounts.add("City of Liège", "contributor")
    second, other = accounts.add("Ville de Nice", "contributor")
    stored = (tmp_path / "accounts.json").read_text(encoding="utf-8")
    assert token not in stored
    assert other not in stored
    assert first.salt != second.salt
    assert len(token) >= 40
    assert json.loads(stored)["accounts"][0]["name"] == "City of Liège"
    assert oct((tmp_path / "accounts.json").stat().st_mode & 0o777) == "0o600"


def test_accounts_authenticate_finds_the_account_of_a_token(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts.json")
    _, contributor = accounts.add("City of Liège", "contributor")
    _, curator = accounts.add("Efus", "curator")
    assert accounts.authenticate(f"Bearer {contributor}").name == "City of Liège"
    assert accounts.authenticate(f"bearer {curator}").is_curator


@pytest.mark.parametrize("header", [None, "", "Bearer", "Basic abc", "Bearer not-a-token"])
def test_accounts_authenticate_refuses_a_missing_or_unknown_token(tmp_path: Path, header: str | None) -> None:
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("Efus", "curator")
    with pytest.raises(Unauthorized):
        accounts.authenticate(header)


def test_accounts_remove_stops_the_token_also_in_another_process_reading_the_file(tmp_path: Path) -> None:
    server_side = Accounts(tmp_path / "accounts.json")
    command_line = Accounts(tmp_path / "accounts.json")
    _, token = command_line.add("Efus", "curator")
    assert server_side.authenticate(f"Bearer {token}").name == "Efus"
    command_line.remove("efus")  # names match whatever their case
    with pytest.raises(Unauthorized):
        server_side.authenticate(f"Bearer {token}")


@pytest.mark.parametrize(("name", "role"), [("Efus", "admin"), ("", "curator"), ("bad\nname", "curator")])
def test_accounts_add_refuses_a_bad_name_or_role(tmp_path: Path, name: str, role: str) -> None:
    with pytest.raises(UsageError):
        Accounts(tmp_path / "accounts.json").add(name, role)


def test_accounts_add_refuses_a_name_taken(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("Efus", "curator")
    with pytest.raises(UsageError, match="exists already"):
        accounts.add("EFUS", "contributor")


def test_accounts_require_curator_refuses_a_contributor(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts.json")
    contributor, _ = accounts.add("City of Liège", "contributor")
    curator, _ = accounts.add("Efus", "curator")
    require_curator(curator, "accept")
    with pytest.raises(Forbidden, match="only a curator"):
        require_curator(contributor, "accept")
