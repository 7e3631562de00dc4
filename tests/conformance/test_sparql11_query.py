"""The W3C SPARQL 1.1 query evaluation tests, run through the HTTP endpoint."""

from __future__ import annotations

import pytest

from .known_failures import KNOWN_FAILURES
from .manifests import SPARQL11, QueryTest, order_keys, query_tests
from .results import compare, read_expected
from .runner import Endpoint, run

if not SPARQL11.is_dir():
    pytest.skip(f"the W3C SPARQL 1.1 tests are not at {SPARQL11} (set PACTESUR_W3C_SPARQL11)", allow_module_level=True)

TESTS = query_tests()


def _marks(test: QueryTest) -> list[pytest.MarkDecorator]:
    if test.retired:
        return [pytest.mark.skip(reason=f"retired by the W3C ({test.retired})")]
    if test.needs_service:
        return [pytest.mark.xfail(strict=True, reason="federation: needs remote SPARQL endpoints")]
    if test.needs_entailment:
        return [pytest.mark.xfail(strict=True, reason="entailment regimes are not supported")]
    if test.id in KNOWN_FAILURES:
        return [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[test.id])]
    return []


@pytest.mark.parametrize("test", [pytest.param(t, id=t.id, marks=_marks(t)) for t in TESTS])
def test_w3c_query(test: QueryTest, w3c_endpoint: Endpoint) -> None:
    expected = read_expected(test.result)
    actual = run(w3c_endpoint, test, expected)
    problem = compare(expected, actual, order_keys(test.query_text))
    assert problem is None, f"{test.name}\n{problem}"


def test_known_failures_are_tests() -> None:
    """Every listed known failure names a test of the suite."""
    assert set(KNOWN_FAILURES) <= {test.id for test in TESTS}
