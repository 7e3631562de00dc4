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

A parameter the query does not declare is an error:

>>> bind("SELECT * {}", threat=concept_iri("threat", "ied"))
Traceback (most recent call last):
  ...
KeyError: 'the query has no VALUES ?threat block'
"""

from __future__ import annotations

import re

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


def bind(query: str, **values: ox.NamedNode | ox.Literal) -> str:
    """``query`` with every ``VALUES ?name { … }`` block of each parameter replaced by the
    given term.

    >>> print(bind("{ VALUES ?lang { 'en' } } UNION { VALUES ?lang {'en'} }", lang=text_literal("it")))
    { VALUES ?lang { "it" } } UNION { VALUES ?lang { "it" } }
    """
    for name, term in values.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise TypeError(f"{name}: bind a NamedNode or a Literal, not {type(term).__name__}")
    bound: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        bound.add(name)
        return f"VALUES ?{name} {{ {values[name]} }}"

    # one pass over the query file's text: a bound literal is never scanned again
    result = _VALUES_BLOCK.sub(replace, query)
    missing = sorted(set(values) - bound)
    if missing:
        raise KeyError(f"the query has no VALUES ?{missing[0]} block")
    return result


_VALUES_BLOCK = re.compile(r"VALUES\s+\?([A-Za-z_][A-Za-z0-9_]*)\s*\{[^{}]*\}")
