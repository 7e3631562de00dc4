"""Binding request parameters into the query files of the REST routes, safely.

A query file declares each parameter with a default ``VALUES`` block, so that it runs as it
is (in the query page, say)::

    VALUES ?threat { threat:vehicle-as-weapon }

A route replaces that block (every block of that name, where a query needs the value in
several groups) with one written from a pyoxigraph term: ``str()`` of a
``NamedNode`` or ``Literal`` is its N-Triples form, with every character that could end the
term escaped. Text from a request is never formatted into SPARQL.

>>> import pyoxigraph as ox
>>> text = "SELECT * WHERE {\\n  VALUES ?threat { threat:vehicle-as-weapon }\\n  ?m pac:mitigates ?threat\\n}"
>>> print(bind(text, threat=concept_iri("threat", "crowd-crush")))
SELECT * WHERE {
  VALUES ?threat { <https://w3id.org/pactesur/concept/threat/crowd-crush> }
  ?m pac:mitigates ?threat
}

Free text becomes a literal; quotes, braces and newlines stay inside it:

>>> print(bind('SELECT * { VALUES ?q { "" } }', q=text_literal('"} ; DROP ALL\\n')))
SELECT * { VALUES ?q { "\\"} ; DROP ALL\\n" } }

A slug that is not lower-case ASCII words joined by hyphens is refused:

>>> concept_iri("threat", "x> } ; DROP")
Traceback (most recent call last):
  ...
ValueError: not a slug: 'x> } ; DROP'

Several parameters are bound in one pass, so text inside a bound literal is never taken
for a block of the query:

>>> q = 'SELECT * { VALUES ?q { "" } VALUES ?threat { threat:ied } }'
>>> print(bind(q, q=text_literal("VALUES ?threat { x }"), threat=concept_iri("threat", "arson")))
SELECT * { VALUES ?q { "VALUES ?threat { x }" } VALUES ?threat { <https://w3id.org/pactesur/concept/threat/arson> } }

Several terms make a block of several rows (the IRIs of a page of results, say):

>>> print(bind("VALUES ?item { <x:a> }", item=[concept_iri("threat", "ied"), concept_iri("threat", "arson")]))
VALUES ?item { <https://w3id.org/pactesur/concept/threat/ied> <https://w3id.org/pactesur/concept/threat/arson> }

A parameter the query does not declare is an error:

>>> bind("SELECT * {}", threat=concept_iri("threat", "ied"))
Traceback (most recent call last):
  ...
KeyError: 'the query has no VALUES ?threat block'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from ..namespaces import CONCEPT

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""What a slug looks like: lower-case ASCII letters and digits, words joined by single hyphens."""

SLUG_PATTERN = SLUG.pattern


def is_slug(text: str) -> bool:
    """Whether ``text`` is a slug.

    >>> [is_slug(t) for t in ("vehicle-as-weapon", "ied", "Vehicle", "a--b", "-a", "a-", "a b", "")]
    [True, True, False, False, False, False, False, False]
    """
    return SLUG.fullmatch(text) is not None


def concept_iri(scheme: str, slug: str) -> ox.NamedNode:
    """The IRI of a concept of ``scheme`` (``threat``, ``measure``) from a validated slug.

    >>> concept_iri("measure", "training")
    <NamedNode value=https://w3id.org/pactesur/concept/measure/training>
    """
    if not is_slug(slug):
        raise ValueError(f"not a slug: {slug!r}")
    if not is_slug(scheme):
        raise ValueError(f"not a scheme: {scheme!r}")
    return ox.NamedNode(f"{CONCEPT}{scheme}/{slug}")


def text_literal(text: str, language: str | None = None) -> ox.Literal:
    """A plain (or language-tagged) literal holding ``text`` as it is.

    >>> str(text_literal('say "hi"'))
    '"say \\\\"hi\\\\""'
    >>> str(text_literal("fr", None)), str(text_literal("Menaces", "fr"))
    ('"fr"', '"Menaces"@fr')
    """
    return ox.Literal(text, language=language) if language else ox.Literal(text)


def date_literal(day: datetime.date) -> ox.Literal:
    """An ``xsd:date`` literal of a day.

    >>> str(date_literal(datetime.date(2016, 7, 14)))
    '"2016-07-14"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    return ox.Literal(day.isoformat(), datatype=_XSD_DATE)


_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")

Term = ox.NamedNode | ox.Literal


def bind(query: str, **values: Term | Sequence[Term]) -> str:
    """``query`` with every ``VALUES ?name { … }`` block of each parameter replaced by the
    given term (or terms, one row each).

    >>> print(bind("{ VALUES ?lang { 'en' } } UNION { VALUES ?lang {'en'} }", lang=text_literal("it")))
    { VALUES ?lang { "it" } } UNION { VALUES ?lang { "it" } }
    """
    written: dict[str, str] = {}
    for name, given in values.items():
        terms = [given] if isinstance(given, (ox.NamedNode, ox.Literal)) else list(given)
        for term in terms:
            if not isinstance(term, (ox.NamedNode, ox.Literal)):
                raise TypeError(f"{name}: bind a NamedNode or a Literal, not {type(term).__name__}")
        written[name] = " ".join(str(term) for term in terms)
    bound: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        bound.add(name)
        return f"VALUES ?{name} {{ {written[name]} }}"

    # one pass over the query file's text: a bound literal is never scanned again
    result = _VALUES_BLOCK.sub(replace, query)
    missing = sorted(set(values) - bound)
    if missing:
        raise KeyError(f"the query has no VALUES ?{missing[0]} block")
    return result


_VALUES_BLOCK = re.compile(r"VALUES\s+\?([A-Za-z_][A-Za-z0-9_]*)\s*\{[^{}]*\}")


def page_clause(query: str, limit: int, offset: int) -> str:
    """``query`` with its one ``LIMIT … OFFSET …`` clause set to ``limit`` and ``offset``,
    integers checked here whatever the caller checked before.

    >>> page_clause("SELECT ?item { ?item a ?c } ORDER BY ?item LIMIT 50 OFFSET 0", 2, 40)
    'SELECT ?item { ?item a ?c } ORDER BY ?item LIMIT 2 OFFSET 40'
    >>> page_clause("SELECT * {} LIMIT 50 OFFSET 0", "2; DROP ALL", 0)  # type: ignore[arg-type]
    Traceback (most recent call last):
      ...
    ValueError: limit: not an integer from 1 to 100000: '2; DROP ALL'
    >>> page_clause("SELECT * {} LIMIT 50 OFFSET 0", 10, -1)
    Traceback (most recent call last):
      ...
    ValueError: offset: not an integer from 0 to 1000000000: -1
    >>> page_clause("SELECT * {}", 10, 0)
    Traceback (most recent call last):
      ...
    KeyError: 'the query has no LIMIT … OFFSET … clause'
    """
    for name, value, low, high in (("limit", limit, 1, MAX_LIMIT), ("offset", offset, 0, MAX_OFFSET)):
        if type(value) is not int or not low <= value <= high:
            raise ValueError(f"{name}: not an integer from {low} to {high}: {value!r}")
    result, found = _PAGE_CLAUSE.subn(f"LIMIT {limit} OFFSET {offset}", query)
    if found != 1:
        raise KeyError("the query has several LIMIT clauses" if found else "the query has no LIMIT … OFFSET … clause")
    return result


def keep_lines(query: str, given: Iterable[str]) -> str:
    r"""``query`` without the lines marked ``# if ?name …`` when none of those parameters is
    ``given``, nor those marked ``# unless ?name …`` when one of them is: an optional filter
    of a query file costs nothing when it is not asked for, and a pattern that another filter
    makes needless can go.

    >>> text = "SELECT * {\n VALUES ?city { <x:nice> }  # if ?city\n ?item a ?c .\n}"
    >>> keep_lines(text, [])
    'SELECT * {\n ?item a ?c .\n}'
    >>> keep_lines(text, ["city"]) == text
    True
    >>> text = "?item a ?c .  # unless ?threat ?city\n?item ?p ?date .  # if ?from ?to\n"
    >>> keep_lines(text, ["city"]), keep_lines(text, ["to"])
    ('', '?item a ?c .  # unless ?threat ?city\n?item ?p ?date .  # if ?from ?to\n')
    """
    wanted = set(given)
    kept = []
    for line in query.splitlines(keepends=True):
        marker = _MARKER.search(line)
        if marker is not None:
            named = wanted & set(_NAME.findall(marker.group(2)))
            if (marker.group(1) == "if") != bool(named):
                continue
        kept.append(line)
    return "".join(kept)


MAX_LIMIT = 100_000
"""The largest page a query file is given."""

MAX_OFFSET = 1_000_000_000
"""The largest offset a query file is given."""

_PAGE_CLAUSE = re.compile(r"\bLIMIT\s+\d+\s+OFFSET\s+\d+\b")
_MARKER = re.compile(r"#\s*(if|unless)((?:\s+\?[A-Za-z_][A-Za-z0-9_]*)+)\s*$")
_NAME = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")
