"""RDF sent by others, checked before it is parsed.

RDF/XML is XML: a document may declare entities that expand into other entities, a few
hundred bytes that grow into gigabytes while the parser reads them ("billion laughs"), or
name files to read. RDF needs none of that, so a document that declares an entity is
refused before any parser sees it.

Nesting costs the parsers more than its size: a JSON-LD object nested a few thousand levels
deep takes the JSON-LD parser gigabytes (the memory grows with the square of the depth), RDF/XML
elements nested as deep take the RDF/XML parser seconds (the time grows likewise). RDF written by
people or programs stays far shallower, so JSON-LD and RDF/XML nested deeper than
:data:`MAX_NESTING` levels are refused before any parser sees them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox

from .errors import BadRequest, NestedTooDeeply

#: the encodings in which ``<!ENTITY`` is looked for (UTF-8 covers ASCII and Latin-1)
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def refuse_xml_entities(data: bytes, rdf_format: ox.RdfFormat, name: str) -> None:
    """Raise :class:`BadRequest` (with line and column) if ``data``, in RDF/XML, declares
    an XML entity.

    >>> refuse_xml_entities(b"<rdf:RDF/>", ox.RdfFormat.RDF_XML, "upload")
    >>> document = b'<?xml version="1.0"?>\\n<!DOCTYPE r [\\n  <!ENTITY a "aaaa">\\n]>\\n<r/>'
    >>> refuse_xml_entities(document, ox.RdfFormat.TURTLE, "upload")  # only RDF/XML has entities
    >>> try:
    ...     refuse_xml_entities(document, ox.RdfFormat.RDF_XML, "upload")
    ... except BadRequest as error:
    ...     print(error.extra())
    {'line': 3, 'column': 3}
    """
    if rdf_format is not ox.RdfFormat.RDF_XML:
        return
    for encoding in _ENCODINGS:
        at = data.find("<!ENTITY".encode(encoding))
        if at < 0:
            continue
        before = data[:at].decode(encoding, errors="replace")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise BadRequest(
            f"{name}:{line}:{column}: RDF/XML that declares XML entities (<!ENTITY …>) is refused: their "
            "expansion can take any amount of memory; write the values out instead",
            line=line,
            column=column,
        )


MAX_NESTING = 256
"""The deepest nesting of JSON-LD objects and arrays, or of RDF/XML elements, accepted."""

#: a JSON string (skipped) or a bracket
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
#: XML markup that does not nest (comments, CDATA, declarations, processing instructions), or
#: a tag: group 1 is "/" for an end tag, group 2 "/" for an empty-element tag
_XML_TOKENS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>|<(/?)[^>]*?(/?)>", re.DOTALL)


def refuse_deep_nesting(data: bytes, rdf_format: ox.RdfFormat, name: str, limit: int = MAX_NESTING) -> None:
    """Raise :class:`NestedTooDeeply` (with line and column) if ``data``, in JSON-LD or RDF/XML,
    nests objects, arrays or elements deeper than ``limit`` levels.

    >>> refuse_deep_nesting(b'{"@id": "urn:a", "urn:p": [{"@value": "[[[["}]}', ox.RdfFormat.JSON_LD, "upload")
    >>> try:
    ...     refuse_deep_nesting(b'{"a":' * 300 + b"1" + b"}" * 300, ox.RdfFormat.JSON_LD, "upload")
    ... except NestedTooDeeply as error:
    ...     print(error.extra())
    {'line': 1, 'column': 1281}
    >>> deep = b"<a>" * 300 + b"</a>" * 300
    >>> refuse_deep_nesting(deep, ox.RdfFormat.RDF_XML, "upload", limit=299)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pactesur_kg.errors.NestedTooDeeply: upload:1:898: the RDF/XML is nested more than 299 levels deep; ...
    """
    if rdf_format is ox.RdfFormat.JSON_LD:
        if data.count(b"{") + data.count(b"[") <= limit:
            return  # cannot nest deeper than it has brackets
        depths: Iterator[tuple[int, int]] = _json_depths(data)
    elif rdf_format is ox.RdfFormat.RDF_XML:
        if data.count(b"<") <= limit:
            return
        depths = _xml_depths(data)
    else:
        return
    for depth, at in depths:
        if depth > limit:
            before = data[:at].decode("utf-8", errors="replace")
            line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
            raise NestedTooDeeply(
                f"{name}:{line}:{column}: the {rdf_format.name} is nested more than {limit} levels deep; "
                "write it with fewer levels (give nested nodes an @id or rdf:about and describe them apart)",
                line=line,
                column=column,
            )


def _json_depths(data: bytes) -> Iterator[tuple[int, int]]:
    """(depth, offset) at each opening bracket."""
    depth = 0
    for match in _JSON_TOKENS.finditer(data):
        token = match.group()
        if token in (b"{", b"["):
            depth += 1
            yield depth, match.start()
        elif token in (b"}", b"]"):
            depth -= 1


def _xml_depths(data: bytes) -> Iterator[tuple[int, int]]:
    """(depth, offset) at each start tag."""
    depth = 0
    for match in _XML_TOKENS.finditer(data):
        end_tag, empty = match.group(1), match.group(2)
        if end_tag is None:
            continue  # a comment, CDATA, a declaration
        if end_tag:
            depth -= 1
        elif not empty:
            depth += 1
            yield depth, match.start()


def check_rdf_input(data: bytes, rdf_format: ox.RdfFormat, name: str) -> None:
    """What RDF sent by others must pass before it is parsed: no XML entities, no deep nesting."""
    refuse_xml_entities(data, rdf_format, name)
    refuse_deep_nesting(data, rdf_format, name)
