"""Schemathesis against a real server, from its own OpenAPI document: every operation, its
documented examples, generated valid and invalid requests and stateful sequences, every
check but one; any failure fails the test with schemathesis' report.

The check left out, ``positive_data_acceptance``, expects every request the schema allows
to succeed; the bodies and parameters of the SPARQL protocol, the Graph Store and the
validation service are free SPARQL or Turtle text (and the reconciliation service's are
JSON in a form field), which no JSON schema can describe, so schema-valid text is mostly
malformed SPARQL or Turtle, rightly refused with 400."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO
from .server import serve

SETTINGS = ["--seed", "1", "--max-examples", "20", "--continue-on-failure", "--no-color"]


def test_schemathesis_finds_no_failure(tmp_path: Path) -> None:
    with serve("--workers", "2") as running:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                f"{running.url}/openapi.json",
                "--checks",
                "all",
                "--exclude-checks",
                "positive_data_acceptance",
                *SETTINGS,
            ],
            env={
                **os.environ,
                "PYTHONPATH": str(REPO),
                "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
            },
            cwd=tmp_path,  # where schemathesis keeps its state
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-5000:]
