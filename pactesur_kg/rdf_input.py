"""RDF sent by others, checked before it is parsed.

RDF/XML is XML: a document may declare entities that expand into other entities, a few
hundred bytes that grow into gigabytes while the parser reads them ("billion laughs"), or
name files to read. RDF needs none of that, so a document that declares an entity is
refused before any parser sees it.
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import BadRequest

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
