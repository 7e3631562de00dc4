"""A throw-away copy of the repository's sources, to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import REPO


def copy_sources(destination: Path, *, with_shapes: bool = False) -> Path:
    """Copy ontology/, data/ and queries/ (and shapes/) to ``destination`` and return it."""
    for folder in ("ontology", "data", "queries", *(("shapes",) if with_shapes else ())):
        shutil.copytree(REPO / folder, destination / folder)
    return destination
