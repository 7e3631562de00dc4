"""The import rules of docs/architecture.md, checked on the package's source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "pactesur_kg"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, as absolute names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _importers(prefix: str) -> dict[str, set[str]]:
    return {name: imports for name, imports in MODULES.items() if name == prefix or name.startswith(prefix + ".")}


def _offending(modules: dict[str, set[str]], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {
        name: sorted(i for i in imports if any(i == f or i.startswith(f + ".") for f in forbidden))
        for name, imports in modules.items()
    }
    return {name: imports for name, imports in found.items() if imports}


def test_architecture_modules_were_found() -> None:
    assert {"pactesur_kg.api.app", "pactesur_kg.engine.reader", "pactesur_kg.sparql.binding"} <= set(MODULES)


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("pactesur_kg.sparql", ("pactesur_kg.engine", "pactesur_kg.store", "pactesur_kg.api", "pactesur_kg.cli")),
        ("pactesur_kg.engine", ("pactesur_kg.api", "pactesur_kg.cli", "pactesur_kg.validate", "pactesur_kg.describe")),
        ("pactesur_kg.errors", ("pactesur_kg.api", "pactesur_kg.engine", "pactesur_kg.store")),
        ("pactesur_kg.api.routes", ("pactesur_kg.store", "pactesur_kg.engine.embedded", "pyoxigraph.Store")),
        ("pactesur_kg.api.protocol", ("pactesur_kg.api.routes",)),
        ("pactesur_kg.api.rest", ("pactesur_kg.api.routes",)),
    ],
)
def test_architecture_layer_does_not_import_upwards(layer: str, forbidden: tuple[str, ...]) -> None:
    assert _offending(_importers(layer), forbidden) == {}


def test_architecture_only_the_service_and_the_cli_import_api() -> None:
    entry = ("pactesur_kg.api", "pactesur_kg.cli", "pactesur_kg.__main__")
    outside = {name: imports for name, imports in MODULES.items() if not name.startswith(entry)}
    assert _offending(outside, ("pactesur_kg.api", "pactesur_kg.cli")) == {}


def test_architecture_only_settings_reads_the_environment() -> None:
    readers = sorted(
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if "os.environ" in path.read_text(encoding="utf-8") or "getenv" in path.read_text(encoding="utf-8")
    )
    # allocator.py re-executes the server before anything else is set up
    assert readers == ["pactesur_kg.allocator", "pactesur_kg.settings"]


def _query_texts(path: Path) -> list[str]:
    """The string constants of a module that look like SPARQL queries (docstrings, where
    doctests show queries, left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and any(keyword in node.value for keyword in ("SELECT ", "CONSTRUCT ", "ASK ", "DESCRIBE "))
        and "{" in node.value
    ]


def test_architecture_package_writes_no_sparql_outside_queries() -> None:
    """Query texts live in queries/; what is left in the package: the build's count of
    triples per graph, the query page's first query, the examples of the OpenAPI document
    and the wrapping of an inference rule's own pattern (a subquery under the negation that
    keeps new statements only) when the inferred graph is made again (the Graph Store's
    updates are built from parsed terms, not written out)."""
    writers = sorted(_module_name(path) for path in PACKAGE.rglob("*.py") if _query_texts(path))
    assert writers == [
        "pactesur_kg.api.examples",
        "pactesur_kg.api.page",
        "pactesur_kg.contributions.entailment",
        "pactesur_kg.store",
    ]
