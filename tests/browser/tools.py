"""Tools the browser tests use besides Chromium, installed by .ci/run: axe-core (npm, into the
git-ignored tests/browser/js/node_modules; never served) and pdftotext (Debian's poppler-utils).
On a developer's machine without them their tests are skipped with the command to install
them; in CI (``CI`` set) they run, and fail if a tool is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
_IN_CI = bool(os.environ.get("CI"))

needs_axe = pytest.mark.skipif(
    not AXE.exists() and not _IN_CI,
    reason="axe-core is not installed: npm ci --prefix tests/browser/js (as .ci/run does)",
)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not _IN_CI,
    reason="pdftotext is not installed: apt-get install poppler-utils (as .ci/run does)",
)
