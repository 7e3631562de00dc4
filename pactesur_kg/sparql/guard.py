"""Refusing federation and remote loads that are not on the allowlist, before any
connection is made.

A ``SERVICE <iri>`` makes the server itself send a request; left open, a public endpoint
can be used to reach 127.0.0.1, private networks or cloud metadata services. Every
SERVICE and LOAD target must be a constant IRI on the configured allowlist; ``SERVICE
?variable`` is refused outright.

>>> check_federation("SELECT * { SERVICE <http://a.example/sparql> { ?s ?p ?o } }", ["http://a.example/sparql"])
>>> check_federation("SELECT * { SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }", [])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pactesur_kg.errors.FederationRefused: SERVICE <http://127.0.0.1/sparql> is not on this endpoint's allowlist ...

A service map sends a SERVICE to a mirror (a local copy of Wikidata, say) before the
allowlist is checked: the allowlist applies to the mirror, the query keeps the IRI it was
written with.

>>> mirror = {"https://query.wikidata.org/sparql": "http://127.0.0.1:7879/query"}
>>> federated("SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
...           ["http://127.0.0.1:7879/query"], mirror)
'SELECT * { SERVICE <http://127.0.0.1:7879/query> { ?s ?p ?o } }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urljoin

from ..errors import FederationRefused, NestedTooDeeply

_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<prefix>PREFIX\s+(?P<pname>[A-Za-z][\w.-]*)?:\s*<(?P<piri>[^>]*)>)
    | (?P<keyword>\b(?:SERVICE|LOAD)\b)
    | (?P<from>\bFROM\b)
    | (?P<silent>\bSILENT\b)
    | (?P<variable>[?$]\w+)
    | (?P<prefixed>[A-Za-z][\w.-]*:[\w.:%-]*|:[\w.:%-]*)
    | (?P<word>[A-Za-z]\w*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


_PREFIX_DECLARATION = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)
_BASE_DECLARATION = re.compile(r"BASE\s*<([^<>\s]*)>", re.IGNORECASE)
#: the prologue (PREFIX and BASE declarations, comments, white space), read in one match
_PROLOGUE = re.compile(
    r"(?:\s+|\#[^\n]*|PREFIX\s+(?:[A-Za-z][\w.-]*)?:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)*", re.IGNORECASE
)


def _mentions(query: str, *keywords: str) -> bool:
    """Whether any of the (upper-case) keywords occurs in the query in any case, even
    inside a word, a string or a comment: a cheap test before the tokenizer, which only
    needs to run when this is true. (Upper-casing and ``in`` take microseconds on a long
    query, a case-insensitive regular expression a hundred times more.)"""
    upper = query.upper()
    return any(keyword in upper for keyword in keywords)


def _target_tokens(query: str) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """(keyword, target, span of the target's token) of each SERVICE and LOAD in the query;
    target is an IRI in <...> (a prefixed name is expanded), or a variable."""
    prefixes: dict[str, str] = {}
    pending: str | None = None
    for match in _TOKENS.finditer(query):
        kind = match.lastgroup
        if kind in ("comment", "string", "space"):
            continue
        if kind == "pname" or match.group("prefix"):
            prefixes[match.group("pname") or ""] = match.group("piri")
            continue
        if kind == "keyword":
            pending = match.group().upper()
            continue
        if kind == "from":
            continue
        if pending is None or kind == "silent":
            continue
        if kind == "iri" or kind == "variable":
            yield pending, match.group(), match.span()
        elif kind == "prefixed":
            prefix, _, local = match.group().partition(":")
            yield pending, f"<{prefixes.get(prefix, prefix + ':')}{local}>", match.span()
        pending = None


def _targets(query: str) -> Iterable[tuple[str, str]]:
    """(keyword, target) of each SERVICE and LOAD in the query."""
    for keyword, target, _ in _target_tokens(query):
        yield keyword, target


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(query: str) -> str:
    # SPARQL allows \u and \U escapes anywhere in a query: look at what they spell
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


def check_federation(query: str, allowlist: Iterable[str]) -> None:
    """Raise :class:`FederationRefused` unless every SERVICE and LOAD target is allowed."""
    query = _unescape(query) if "\\" in query else query
    if not _mentions(query, "SERVICE", "LOAD"):
        return  # the fast path: no federation at all
    allowed = set(allowlist)
    for keyword, target in _targets(query):
        if target.startswith(("?", "$")):
            raise FederationRefused(f"{keyword} {target}: a variable target is never allowed; name an allowed endpoint")
        if target[1:-1] not in allowed:
            listed = ", ".join(sorted(allowed)) or "none"
            raise FederationRefused(f"{keyword} {target} is not on this endpoint's allowlist (allowed: {listed})")


def map_services(query: str, service_map: Mapping[str, str]) -> str:
    """The query with each ``SERVICE <iri>`` whose IRI is a key of ``service_map`` sent to
    the mapped endpoint instead (the IRI written as ``<...>`` or as a prefixed name).

    Only SERVICE is mapped, never LOAD; the result must still pass
    :func:`check_federation`, which then judges the mapped endpoints. A SERVICE spelt with
    ``\\u`` escapes (in the keyword or the IRI) is not recognised here and so stays
    unmapped: the check reads the escapes and refuses it unless it is allowed as it is
    (the safe side).

    >>> map_services("PREFIX q: <https://query.wikidata.org/> SELECT * { SERVICE SILENT q:sparql { ?s ?p ?o } }",
    ...              {"https://query.wikidata.org/sparql": "http://127.0.0.1:7879/query"})
    'PREFIX q: <https://query.wikidata.org/> SELECT * { SERVICE SILENT <http://127.0.0.1:7879/query> { ?s ?p ?o } }'
    >>> map_services('SELECT * { ?s ?p "SERVICE <https://query.wikidata.org/sparql>" }',
    ...              {"https://query.wikidata.org/sparql": "http://127.0.0.1:7879/query"})
    'SELECT * { ?s ?p "SERVICE <https://query.wikidata.org/sparql>" }'
    """
    if not service_map or not _mentions(query, "SERVICE"):
        return query
    pieces: list[str] = []
    position = 0
    for keyword, target, (start, end) in _target_tokens(query):
        if keyword != "SERVICE" or target.startswith(("?", "$")):
            continue
        mirror = service_map.get(target[1:-1])
        if mirror is not None:
            pieces += [query[position:start], f"<{mirror}>"]
            position = end
    if not pieces:
        return query
    pieces.append(query[position:])
    return "".join(pieces)


def federated(query: str, allowlist: Iterable[str], service_map: Mapping[str, str] | None = None) -> str:
    """The query to run: its SERVICE endpoints mapped (:func:`map_services`), then checked
    against the allowlist (:func:`check_federation`).

    :raises FederationRefused: if a SERVICE or LOAD target is not allowed after mapping.
    """
    mapped = map_services(query, service_map or {})
    check_federation(mapped, allowlist)
    return mapped


def declares_dataset(query: str) -> bool:
    """Whether the query has its own FROM or FROM NAMED clause (then the default graph
    is what it names, not the union of all graphs).

    >>> declares_dataset("SELECT * FROM <http://a.example/g> WHERE { ?s ?p ?o }")
    True
    >>> declares_dataset("CONSTRUCT { ?s ?p ?o } FROM NAMED <http://a.example/g> { ?s ?p ?o }")
    True
    >>> declares_dataset('SELECT * WHERE { ?s ?p "FROM <x>" }')
    False
    >>> declares_dataset("SELECT ?from # FROM here\\nWHERE { ?from ?p ?o }")
    False
    >>> declares_dataset("CONSTRUCT WHERE { ?s ?p ?o }  # from everywhere")
    False
    """
    return _mentions(query, "FROM") and any(True for _ in _dataset_clauses(query))


def dataset_of(query: str) -> tuple[list[str], list[str]] | None:
    """The IRIs of the graphs the query's FROM and FROM NAMED clauses name (prefixed names
    expanded, relative IRIs resolved against BASE), or None when it has neither: the same
    dataset given to an endpoint as ``default-graph-uri`` and ``named-graph-uri``.

    >>> dataset_of("PREFIX g: <http://a.example/graph/> SELECT * FROM g:one FROM NAMED <http://a.example/two> {}")
    (['http://a.example/graph/one'], ['http://a.example/two'])
    >>> dataset_of("BASE <http://a.example/> SELECT * FROM <data.ttl> {}")
    (['http://a.example/data.ttl'], [])
    >>> dataset_of("SELECT * { ?s ?p ?o }") is None
    True
    """
    if not _mentions(query, "FROM"):
        return None
    clauses = list(_dataset_clauses(query))
    if not clauses:
        return None
    prologue = query[: _prologue_end(query)]
    prefixes = {m.group(1) or "": m.group(2) for m in _PREFIX_DECLARATION.finditer(prologue)}
    base = next((m.group(1) for m in _BASE_DECLARATION.finditer(prologue)), "")
    graphs: dict[str, list[str]] = {"default": [], "named": []}
    for kind, target in clauses:
        if target.startswith("<"):
            graphs[kind].append(urljoin(base, target[1:-1]))
        else:
            prefix, _, local = target.partition(":")
            graphs[kind].append(prefixes.get(prefix, f"{prefix}:") + local)
    return graphs["default"], graphs["named"]


def with_declarations(query: str, base: str | None, prefixes: dict[str, str]) -> str:
    """The query with a BASE (unless it declares its own) and the prefixes it does not declare
    itself, put where every engine reads them: before a prologue without BASE, after one with
    (Virtuoso refuses a BASE after a PREFIX, which SPARQL allows). On one line, so that the
    query's line numbers do not move.

    >>> with_declarations("ASK { <s> ?p ?o }", "http://e.example/", {"a": "http://a.example/"})
    'BASE <http://e.example/> PREFIX a: <http://a.example/> ASK { <s> ?p ?o }'
    >>> with_declarations("PREFIX a: <http://x/> BASE <http://b/> ASK {}", "http://e/", {"a": "http://a/", "c": "http://c/"})
    'PREFIX a: <http://x/> BASE <http://b/> PREFIX c: <http://c/> ASK {}'
    """
    end = _prologue_end(query)
    prologue = query[:end]
    if _BASE_DECLARATION.search(prologue) is None:
        head = f"BASE <{base}> " if base else ""
        return head + "".join(f"PREFIX {name}: <{iri}> " for name, iri in prefixes.items()) + query
    declared = {match.group(1) or "" for match in _PREFIX_DECLARATION.finditer(prologue)}
    own = "".join(f"PREFIX {name}: <{iri}> " for name, iri in prefixes.items() if name not in declared)
    return prologue + own + query[end:]


_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def query_form(query: str) -> str:
    """The query's form (``SELECT``, ``CONSTRUCT``, ``DESCRIBE``, ``ASK``; "" if it is none
    of them): the first word after the prologue.

    >>> query_form("PREFIX a: <http://a.example/> # what\\nconstruct WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    >>> query_form("BASE <http://a.example/> ASK {}"), query_form("INSERT DATA {}")
    ('ASK', '')
    """
    for match in _TOKENS.finditer(query, _prologue_end(query)):
        if match.lastgroup in ("comment", "space"):
            continue
        word = match.group().upper()
        return word if match.lastgroup == "word" and word in _FORMS else ""
    return ""


def _prologue_end(query: str) -> int:
    prologue = _PROLOGUE.match(query)  # it always matches, at least the empty string
    return prologue.end() if prologue else 0


def _dataset_clauses(query: str) -> Iterator[tuple[str, str]]:
    """("default" or "named", the IRI or prefixed name as written) for each FROM and FROM
    NAMED clause.

    A dataset clause stands between the query form and the WHERE clause (after the
    template of a CONSTRUCT), so the tokens are read from the end of the prologue up to
    there only: the body of a long query, whose comments may well say "from", is never
    tokenized."""
    form = ""
    depth = 0
    template_done = False
    clause = ""  # "default" after FROM, "named" after FROM NAMED, until the graph's name
    for match in _TOKENS.finditer(query, _prologue_end(query)):
        kind, text = match.lastgroup, match.group()
        if kind in ("comment", "space"):
            continue
        if clause:
            if kind == "word" and text.upper() == "NAMED" and clause == "default":
                clause = "named"
                continue
            if kind in ("iri", "prefixed"):
                yield clause, text
            clause = ""
            continue
        if kind == "from":
            clause = "default"
        elif kind == "word":
            word = text.upper()
            if not form and word in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                form = word
            elif word == "WHERE" and depth == 0:
                return
        elif text == "{":
            if depth == 0 and (form != "CONSTRUCT" or template_done):
                return  # the WHERE clause begins
            depth += 1
        elif text == "}":
            depth -= 1
            template_done = template_done or depth == 0


MAX_NESTING = 256
"""The deepest nesting of ``{``, ``(`` and ``[`` a query may have: real queries stay far
below; the parser's stack ends a few thousand levels down, and the process with it."""

_OPENING, _CLOSING = "{([", "})]"


def check_nesting(query: str, limit: int = MAX_NESTING) -> None:
    """Refuse a query nested deeper than ``limit`` levels (counted outside strings, IRIs and
    comments), naming the line and column of the first level too deep.

    >>> check_nesting("SELECT * WHERE { { ?s ?p ?o } }")
    >>> try:
    ...     check_nesting("SELECT * WHERE " + "{" * 300 + "}" * 300)
    ... except NestedTooDeeply as error:
    ...     print(error.extra())
    {'line': 1, 'column': 272}
    >>> check_nesting('SELECT ("' + "(" * 300 + '" AS ?text) {}')  # inside a string: not nesting
    """
    text = _unescape(query) if "\\u" in query or "\\U" in query else query
    if sum(text.count(opening) for opening in _OPENING) <= limit:
        return  # cannot nest deeper than it has brackets: no need to read its tokens
    depth = 0
    for match in _TOKENS.finditer(text):
        if match.lastgroup != "other":
            continue
        character = match.group()
        if character in _OPENING:
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise NestedTooDeeply(
                    f"the query is nested more than {limit} levels deep (groups, parentheses, brackets) "
                    f"at line {line}, column {column}; write it with fewer levels",
                    line=line,
                    column=column,
                )
        elif character in _CLOSING:
            depth -= 1
