"""Accounts of the contribution workflow: a name, a role and a bearer token.

Tokens are 256 random bits, shown once when the account is made and stored only as a
salted SHA-256 hash. A slow password hash guards guessable passwords; a random token of
this length cannot be guessed, so a fast hash loses nothing and lets every request be
checked against every account in constant time per account.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import Forbidden, Unauthorized, UsageError
from .files import read_json, write_json

ROLES = ("contributor", "curator")

#: a name people recognise (a city, an organisation, a person's public role): letters of any
#: script, digits, spaces and common punctuation, no control characters
_NAME = re.compile(r"[\w][\w .,'\u2019()&/-]{0,119}")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    salt: str
    token_hash: str
    created: str

    @property
    def is_curator(self) -> bool:
        return self.role == "curator"

    def holds(self, token: str) -> bool:
        return hmac.compare_digest(self.token_hash, _hash(self.salt, token))

    def public(self) -> dict[str, str]:
        """What may be shown of the account: never its token or hash."""
        return {"name": self.name, "role": self.role, "created": self.created}


def _hash(salt: str, token: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise UsageError(
            f"{name!r} is not a usable account name: 1 to 120 letters, digits, spaces or . , ' ( ) & / -, "
            "starting with a letter or digit (e.g. 'City of Liège')"
        )
    return name


class Accounts:
    """The accounts file (JSON), read again whenever it changed on disk, so that accounts
    added or removed from the command line take effect in a running server."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int] | None = None
        self._accounts: dict[str, Account] = {}

    def _stamp(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except FileNotFoundError:
            return None
        return status.st_mtime_ns, status.st_size

    def all(self) -> dict[str, Account]:
        stamp = self._stamp()
        if stamp != self._seen:
            self._accounts = {}
            if stamp is not None:
                for entry in read_json(self.path).get("accounts", []):
                    account = Account(**entry)
                    self._accounts[account.name.casefold()] = account
            self._seen = stamp
        return self._accounts

    def _save(self, accounts: dict[str, Account]) -> None:
        write_json(self.path, {"accounts": [asdict(a) for a in sorted(accounts.values(), key=lambda a: a.name)]})
        self.path.chmod(0o600)

    def add(self, name: str, role: str) -> tuple[Account, str]:
        """A new account and its token (the only time the token exists in clear)."""
        name = check_name(name)
        if role not in ROLES:
            raise UsageError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        accounts = dict(self.all())
        if name.casefold() in accounts:
            raise UsageError(f"an account named {name!r} exists already: remove it first to give it a new token")
        token = secrets.token_urlsafe(32)
        salt = secrets.token_hex(16)
        created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        account = Account(name=name, role=role, salt=salt, token_hash=_hash(salt, token), created=created)
        accounts[name.casefold()] = account
        self._save(accounts)
        return account, token

    def remove(self, name: str) -> Account:
        accounts = dict(self.all())
        removed = accounts.pop(name.strip().casefold(), None)
        if removed is None:
            raise UsageError(f"no account named {name!r}; 'pactesur-kg accounts list' shows them")
        self._save(accounts)
        return removed

    def authenticate(self, authorization: str | None) -> Account:
        """The account whose token an ``Authorization: Bearer …`` header carries.

        :raises Unauthorized: no header, another scheme, or a token no account holds.
        """
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("contributions need an account's token: send 'Authorization: Bearer <token>'")
        found = None
        for account in self.all().values():  # every account is checked: the time does not say which matched
            if account.holds(token):
                found = account
        if found is None:
            raise Unauthorized("this token belongs to no account: ask a curator for one ('pactesur-kg accounts add')")
        return found


def require_curator(account: Account, what: str) -> None:
    if not account.is_curator:
        raise Forbidden(f"only a curator may {what}; {account.name!r} is a {account.role}")
