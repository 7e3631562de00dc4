"""The queue of submissions: one folder each, kept across restarts.

``<folder>/submissions/<id>/`` holds ``submission.json`` (who, when, why, what kind, the report
at submission, written once), ``body`` (the document as it was sent) and, once a curator
decided, ``decision.json``. An accept first writes ``accepting.json`` (the decision to be);
if the process dies before the decision is complete, :meth:`Queue.pending_intents` finds it
at the next start, and the contribution's file in the sources says whether it went in.
Identifiers are numbers in the order of submission, taken by creating the folder (atomic,
so two processes never take the same one).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NotFound, UsageError
from .files import read_json, sync_folder, write_atomically, write_json

STATUSES = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class Submission:
    """A submission as the queue keeps it: its record, and the decision once there is one."""

    record: dict[str, Any]
    decision: dict[str, Any] | None
    folder: Path

    @property
    def id(self) -> str:
        identifier: str = self.record["id"]
        return identifier

    @property
    def submitter(self) -> str:
        name: str = self.record["submitter"]
        return name

    @property
    def status(self) -> str:
        return "pending" if self.decision is None else str(self.decision["status"])

    @property
    def media_type(self) -> str:
        return str(self.record["mediaType"])

    def body(self) -> bytes:
        return (self.folder / "body").read_bytes()

    def as_json(self) -> dict[str, Any]:
        """The record as it was kept (report and diff as at submission), status and review."""
        return {**self.record, "status": self.status, "review": self.decision}

    def summary(self) -> dict[str, Any]:
        """What a listing shows: no report, no diff."""
        keys = ("id", "submitter", "submitted", "message", "kind", "mediaType", "added", "removed", "resources")
        return {
            **{k: self.record[k] for k in keys if k in self.record},
            "status": self.status,
            "review": self.decision,
        }


class Queue:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.submissions = folder / "submissions"

    def ensure(self) -> None:
        try:
            self.submissions.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot use {self.folder} for contributions: {error.strerror}") from None

    @property
    def lock_path(self) -> Path:
        """The file whose lock (``flock``) makes decisions one at a time, across the server and
        the command line."""
        self.ensure()
        return self.folder / ".lock"

    def create(self, record: dict[str, Any], body: bytes) -> Submission:
        """A new submission with the next free identifier; ``record`` gets its ``id``."""
        self.ensure()
        taken = [int(p.name) for p in self.submissions.iterdir() if p.name.isdigit()]
        number = max(taken, default=0) + 1
        while True:
            folder = self.submissions / f"{number:04d}"
            try:
                folder.mkdir()
                break
            except FileExistsError:
                number += 1
        record = {**record, "id": folder.name}
        write_atomically(folder / "body", body)
        write_json(folder / "submission.json", record)  # last: a folder without it is not a submission yet
        return Submission(record, None, folder)

    def get(self, identifier: str) -> Submission:
        folder = self.submissions / identifier
        if not identifier.isdigit() or not (folder / "submission.json").is_file():
            raise NotFound(f"no contribution {identifier!r}: GET /contributions lists them")
        decision_file = folder / "decision.json"
        decision = read_json(decision_file) if decision_file.is_file() else None
        return Submission(read_json(folder / "submission.json"), decision, folder)

    def all(self) -> list[Submission]:
        if not self.submissions.is_dir():
            return []
        found = []
        for folder in sorted(self.submissions.iterdir()):
            if folder.name.isdigit() and (folder / "submission.json").is_file():
                found.append(self.get(folder.name))
        return found

    def decide(self, submission: Submission, decision: dict[str, Any]) -> Submission:
        write_json(submission.folder / "decision.json", decision)
        with contextlib.suppress(FileNotFoundError):
            (submission.folder / "accepting.json").unlink()
            sync_folder(submission.folder)
        return Submission(submission.record, decision, submission.folder)

    def intend(self, submission: Submission, decision: dict[str, Any]) -> None:
        """Write down an accept before doing it (see the module's docstring)."""
        write_json(submission.folder / "accepting.json", decision)

    def forget_intent(self, submission: Submission) -> None:
        with contextlib.suppress(FileNotFoundError):
            (submission.folder / "accepting.json").unlink()
            sync_folder(submission.folder)

    def undecide(self, submission: Submission) -> None:
        """Take back a decision whose change could not be applied (the store refused it)."""
        with contextlib.suppress(FileNotFoundError):
            (submission.folder / "decision.json").unlink()
        sync_folder(submission.folder)

    def pending_intents(self) -> list[tuple[Submission, dict[str, Any]]]:
        found = []
        for submission in self.all():
            intent = submission.folder / "accepting.json"
            if submission.decision is None and intent.is_file():
                found.append((submission, read_json(intent)))
        return found

    def remove_incomplete(self) -> None:
        """Folders a crash left without a record (see :meth:`create`)."""
        if not self.submissions.is_dir():
            return
        for folder in self.submissions.iterdir():
            if folder.is_dir() and not (folder / "submission.json").exists():
                shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            for leftover in self.submissions.glob("*/.*.tmp"):
                os.unlink(leftover)
