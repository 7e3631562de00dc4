"""The index of names that ``/api/search`` answers from: every name of every resource and concept,
folded (lower case, no accents), read from the graph by one query once per process and read
again after an update, as search engines do rather than scanning every label per request.

>>> R = "https://w3id.org/pactesur/resource/"
>>> index = SearchIndex.from_rows([
...     {"item": R + "city/liege", "how": SKOS_PREF, "name": "Liège", "lang": "fr"},
...     {"item": R + "city/liege", "how": RDFS_LABEL, "name": "Liège", "lang": "en"},
...     {"item": R + "city/liege", "how": RDFS_LABEL, "name": "Luik", "lang": "nl"},
...     {"item": R + "pilot/liege-barriers", "how": RDFS_LABEL, "name": "Liège barriers", "lang": "en"},
...     {"item": R + "lesson/x", "how": RDFS_LABEL, "name": "From Liège's pilot", "lang": "en"},
...     {"item": R + "person/y", "how": RDFS_LABEL, "name": "Liège", "lang": "en"},
... ])
>>> total, hits = index.search("LIEGE", None, "en", limit=10, offset=0)
>>> total, [(hit["slug"], hit["type"], hit["match"]) for hit in hits]
(3, [('liege', 'city', 'exact'), ('liege-barriers', 'pilot', 'prefix'), ('x', 'lesson', 'contains')])
>>> index.search("liege", "pilot", "en", limit=10, offset=0)[0]
1
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from typing import Any

from ...text import fold

RDFS_LABEL = "label"
"""``?how`` of an rdfs:label in ``search-index.rq``."""
SKOS_PREF = "pref"
"""``?how`` of a skos:prefLabel in ``search-index.rq``."""

CHUNK = 50_000
"""Rows of the index query read at once (each answer stays well under the result size limit)."""

KINDS = ("city", "incident", "threat", "measure", "organisation", "event", "publication", "lesson", "pilot")
"""The kinds searched, from the IRIs (``…/resource/<kind>/<slug>``, ``…/concept/<kind>/<slug>``)."""

_KIND = re.compile(r"^https://w3id\.org/pactesur/(?:resource|concept)/([a-z-]+)/([^/]+)$")
_MATCHES = ("exact", "prefix", "contains")


@dataclass
class _Item:
    iri: str
    slug: str
    kind: str
    #: the label in each language: its skos:prefLabel, else an rdfs:label that is not one of its
    #: other names (the build makes every skos:altLabel an rdfs:label too), else another
    #: rdfs:label; the first in code point order of several, whatever order the rows came in
    labels: dict[str, str] = field(default_factory=dict)


#: how good a name is as the label of its resource (lower is better), by ``?how``
_LABEL_RANK = {SKOS_PREF: 0, RDFS_LABEL: 1}


@dataclass
class SearchIndex:
    items: list[_Item]
    #: (folded name, name, language, item number), one per name and language
    names: list[tuple[str, str, str, int]]

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> SearchIndex:
        """The index of rows of ``?item ?how ?name ?lang`` (``search-index.rq``; ``how`` is
        ``pref`` for skos:prefLabel, ``label`` for rdfs:label, ``alt`` for skos:altLabel).

        >>> npsa = "https://w3id.org/pactesur/resource/organisation/npsa"
        >>> SearchIndex.from_rows([
        ...     {"item": npsa, "how": "label", "name": "CPNI", "lang": "en"},
        ...     {"item": npsa, "how": "alt", "name": "CPNI", "lang": "en"},
        ...     {"item": npsa, "how": "label", "name": "National Protective Security Authority", "lang": "en"},
        ... ]).items[0].labels
        {'en': 'National Protective Security Authority'}
        """
        items: list[_Item] = []
        numbers: dict[str, int] = {}
        names: list[tuple[str, str, str, int]] = []
        seen: set[tuple[str, str, int]] = set()
        candidates: dict[tuple[int, str], set[tuple[int, str]]] = {}
        others: set[tuple[int, str, str]] = set()
        for row in rows:
            found = _KIND.match(row["item"])
            if found is None or found.group(1) not in KINDS:
                continue
            number = numbers.get(row["item"])
            if number is None:
                number = numbers[row["item"]] = len(items)
                items.append(_Item(row["item"], found.group(2), found.group(1)))
            name, lang, how = row["name"], row.get("lang", ""), row["how"]
            if how in _LABEL_RANK:
                candidates.setdefault((number, lang), set()).add((_LABEL_RANK[how], name))
            else:
                others.add((number, lang, name))
            if (name, lang, number) not in seen:
                seen.add((name, lang, number))
                names.append((fold(name), name, lang, number))
        for (number, lang), found_labels in candidates.items():
            # an rdfs:label that is also another name ranks after the plain labels
            ranked = {(rank + (rank == 1 and (number, lang, name) in others), name) for rank, name in found_labels}
            items[number].labels[lang] = min(ranked)[1]
        return cls(items, names)

    def search(self, q: str, kind: str | None, lang: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """The total and one page of the resources with a name containing ``q`` (folded): those
        with a name equal to it first, then those with a name starting with it, then the
        others; then by the length of their label, their slug and IRI. The name a resource matched
        by is its best-ranked one, in the asked language if it can, else in English, else the
        first in code point order: the same answer whatever order the names were read in."""
        folded = fold(q.strip())
        best: dict[int, tuple[int, int, str]] = {}
        if folded:
            for name_folded, name, name_lang, number in self.names:
                if folded not in name_folded:
                    continue
                if kind is not None and self.items[number].kind != kind:
                    continue
                rank = 0 if name_folded == folded else 1 if name_folded.startswith(folded) else 2
                found = (rank, 0 if name_lang == lang else 1 if name_lang == "en" else 2, name)
                if number not in best or found < best[number]:
                    best[number] = found

        def key(number: int) -> tuple[int, int, str, str]:
            item = self.items[number]
            return (best[number][0], len(self._label(item, lang)[0] or ""), item.slug, item.iri)

        chosen = heapq.nsmallest(offset + limit, best, key=key)[offset:]
        hits = []
        for number in chosen:
            item = self.items[number]
            label, label_lang = self._label(item, lang)
            hits.append(
                {
                    "slug": item.slug,
                    "iri": item.iri,
                    "label": label,
                    "labelLang": label_lang,
                    "type": item.kind,
                    "matched": best[number][2],
                    "match": _MATCHES[best[number][0]],
                }
            )
        return len(best), hits

    @staticmethod
    def _label(item: _Item, lang: str) -> tuple[str | None, str | None]:
        for tag in (lang, "en"):
            if tag in item.labels:
                return item.labels[tag], tag
        return None, None
