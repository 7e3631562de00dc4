"""External identifiers in the forms people paste: Wikidata ``Q33959``, ``wd:Q33959``,
``http://www.wikidata.org/entity/Q33959`` or its ``/wiki/`` page; GeoNames ``3165524``,
``http://sws.geonames.org/3165524/`` or a ``www.geonames.org`` page. Each becomes one key,
``wikidata:Q33959`` or ``geonames:3165524``, so that any two forms of one identifier compare
equal; any other IRI is its own key (``iri:<the IRI>``).

>>> wikidata_key("http://www.wikidata.org/entity/Q33959"), wikidata_key("q33959"), wikidata_key("Q0")
('wikidata:Q33959', 'wikidata:Q33959', None)
>>> geonames_key("https://www.geonames.org/3165524/turin.html"), geonames_key(3165524), geonames_key("Turin")
('geonames:3165524', 'geonames:3165524', None)
>>> iri_key("http://sws.geonames.org/3165524/"), iri_key("http://dbpedia.org/resource/Nice")
('geonames:3165524', 'iri:http://dbpedia.org/resource/Nice')
"""

from __future__ import annotations

import re

_WIKIDATA = re.compile(r"^(?:(?:https?://(?:www\.|m\.)?wikidata\.org/(?:entity|wiki)/)|wd:)?([Qq][1-9][0-9]{0,11})/?$")
_GEONAMES = re.compile(r"^(?:https?://(?:sws\.|www\.)?geonames\.org/)?([1-9][0-9]{0,11})(?:/[^\s]*)?$")
_GEONAMES_IRI = re.compile(r"^https?://(?:sws\.|www\.)?geonames\.org/[1-9][0-9]{0,11}(?:/[^\s]*)?$")

SCHEMES = ("wikidata", "geonames")
"""The identifier schemes a query may name as a property (``pid``)."""


def wikidata_key(value: object) -> str | None:
    """``wikidata:Q…`` for a Wikidata item identifier in any usual form, else None."""
    found = _WIKIDATA.match(str(value).strip())
    return f"wikidata:Q{found.group(1)[1:]}" if found else None


def geonames_key(value: object) -> str | None:
    """``geonames:…`` for a GeoNames feature identifier (a number, or a GeoNames IRI or page)."""
    if isinstance(value, bool):
        return None
    found = _GEONAMES.match(str(value).strip())
    return f"geonames:{found.group(1)}" if found else None


def iri_key(iri: str) -> str:
    """The key of an identifier IRI linked in the graph (``owl:sameAs``, ``skos:closeMatch``, …)."""
    if wikidata_key(iri) and "wikidata.org/" in iri:
        return wikidata_key(iri) or ""
    if _GEONAMES_IRI.match(iri):
        return geonames_key(iri) or ""
    return f"iri:{iri}"


def keys_of(scheme: str, value: object) -> set[str]:
    """The keys a property value stands for: under ``wikidata`` or ``geonames``, that
    scheme's identifier; under ``sameAs``, any IRI (Wikidata and GeoNames ones read as such).

    >>> keys_of("sameAs", "http://www.wikidata.org/entity/Q90"), keys_of("wikidata", "Paris")
    ({'wikidata:Q90'}, set())
    """
    text = str(value).strip()
    if scheme == "wikidata":
        key = wikidata_key(text)
    elif scheme == "geonames":
        key = geonames_key(text)
    else:
        key = iri_key(text) if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) else wikidata_key(text)
    return {key} if key else set()


def query_keys(text: str) -> set[str]:
    """The keys a query string itself stands for, when it is an identifier: a Wikidata
    identifier, or a Wikidata or GeoNames IRI (a bare number is not taken for a GeoNames id).

    >>> sorted(query_keys("Q495")), sorted(query_keys("http://sws.geonames.org/3165524/")), query_keys("Nice")
    (['wikidata:Q495'], ['geonames:3165524'], set())
    """
    text = text.strip()
    keys: set[str] = set()
    if key := wikidata_key(text):
        keys.add(key)
    if _GEONAMES_IRI.match(text) and (key := geonames_key(text)):
        keys.add(key)
    return keys
