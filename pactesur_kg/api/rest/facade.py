"""Helpers of the REST facade: the query files of ``queries/api/``, running them over either
backend, languages, concept trees, pagination and suggestions for unknown slugs."""

from __future__ import annotations

import difflib
import re
from typing import Any
from urllib.parse import quote

from starlette.requests import Request

from ...errors import InvalidParameter
from ...sparql.queryfiles import QueryFile
from ...text import fold
from ..deps import ServiceState

LANGUAGES = ("en", "fr", "it")
"""Languages of the labels; English is the fallback."""

Row = dict[str, str]


def query_file(state: ServiceState, name: str) -> QueryFile:
    """The query file ``queries/api/<name>.rq``."""
    return state.queries.get(f"api/{name}")


async def select(state: ServiceState, sparql: str) -> list[Row]:
    """The rows of a SELECT query, as the plain values of the bound variables."""
    return await state.reader.values(sparql)


def query_link(sparql: str) -> dict[str, str]:
    """The query text and a link opening it in the query page.

    >>> query_link("SELECT * {}")["link"]
    '/sparql#query=SELECT%20%2A%20%7B%7D'
    """
    return {"sparql": sparql, "link": "/sparql#query=" + quote(sparql, safe="")}


def slug_of(iri: str) -> str:
    """The last path segment of an IRI.

    >>> slug_of("https://w3id.org/pactesur/concept/threat/ied")
    'ied'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1]


def choose_language(lang: str | None, accept_language: str | None) -> str:
    """``lang`` if given, else the preferred known language of an ``Accept-Language`` header,
    else English.

    >>> choose_language("it", "fr")
    'it'
    >>> choose_language(None, "de-CH, fr-BE;q=0.8, it;q=0.9")
    'it'
    >>> choose_language(None, "de, *;q=0.5"), choose_language(None, None), choose_language(None, "fr;q=x")
    ('en', 'en', 'en')
    """
    if lang:
        return lang
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        fields = part.strip().split(";")
        tag = fields[0].strip().lower().split("-")[0]
        weight = 1.0
        for parameter in fields[1:]:
            key, _, value = parameter.strip().partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag in LANGUAGES and weight > 0:
            ranked.append((-weight, index, tag))
    return sorted(ranked)[0][2] if ranked else "en"


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, with the total.

    >>> page(list(range(5)), 2, 1)
    {'total': 5, 'limit': 2, 'offset': 1, 'items': [1, 2]}
    """
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


def concept_tree(rows: list[Row]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The concepts of rows (concept, label, labelLang, definition, broader) as a flat list in
    tree order, each with its depth, and as a tree of the top concepts (``narrower`` nested).

    >>> rows = [
    ...     {"concept": "x/top", "label": "Top", "labelLang": "en"},
    ...     {"concept": "x/b", "label": "B", "labelLang": "en", "broader": "x/top"},
    ...     {"concept": "x/a", "label": "A", "labelLang": "en", "broader": "x/top"},
    ... ]
    >>> flat, tree = concept_tree(rows)
    >>> [(c["slug"], c["depth"], c["narrower"]) for c in flat]
    [('top', 0, ['a', 'b']), ('a', 1, []), ('b', 1, [])]
    >>> [(t["slug"], [n["slug"] for n in t["narrower"]]) for t in tree]
    [('top', ['a', 'b'])]
    """
    concepts: dict[str, dict[str, Any]] = {}
    for row in rows:
        slug = slug_of(row["concept"])
        concept = concepts.setdefault(
            slug,
            {
                "slug": slug,
                "iri": row["concept"],
                "label": row.get("label"),
                "labelLang": row.get("labelLang"),
                "definition": row.get("definition"),
                "broader": [],
                "narrower": [],
            },
        )
        if "broader" in row and slug_of(row["broader"]) not in concept["broader"]:
            concept["broader"].append(slug_of(row["broader"]))
    for concept in concepts.values():
        concept["broader"] = sorted(b for b in concept["broader"] if b in concepts)
        for broader in concept["broader"]:
            concepts[broader]["narrower"].append(concept["slug"])
    for concept in concepts.values():
        concept["narrower"].sort()
    roots = sorted(slug for slug, concept in concepts.items() if not concept["broader"])

    flat: list[dict[str, Any]] = []
    seen: set[str] = set()

    def nest(slug: str, depth: int, path: tuple[str, ...]) -> dict[str, Any]:
        concept = concepts[slug]
        if slug not in seen:
            seen.add(slug)
            flat.append({**concept, "depth": depth})
        children = [nest(child, depth + 1, (*path, slug)) for child in concept["narrower"] if child not in path]
        return {**concept, "narrower": children}

    tree = [nest(root, 0, ()) for root in roots]
    return flat, tree


def name_key(name: str) -> str:
    """A label written like a slug, to compare it with one.

    Accents and case are folded as everywhere else (:func:`pactesur_kg.text.fold`); what is
    still not ASCII then is dropped.

    >>> name_key("Véhicule bélier"), name_key("vehicle-ramming attack"), name_key("VAW")
    ('vehicule-belier', 'vehicle-ramming-attack', 'vaw')
    >>> name_key("Łódź"), name_key("Øresund bridge"), name_key("Straße")
    ('lodz', 'oresund-bridge', 'strasse')
    """
    ascii_name = fold(name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def suggest(asked: str, names: dict[str, set[str]], n: int = 5) -> list[str]:
    """The known slugs closest to ``asked``: concepts one of whose names (labels, other labels)
    is ``asked``, then the closest slugs, then the concepts of the closest names.

    >>> names = {"vehicle-as-weapon": {"vehicle ramming", "VAW"}, "arson": {"Arson"}, "ied": {"IED"}}
    >>> suggest("vehicle-ramming", names)
    ['vehicle-as-weapon']
    >>> suggest("arsen", names), suggest("vaw", names), suggest("zzz", names)
    (['arson'], ['vehicle-as-weapon'], [])
    """
    by_name: dict[str, set[str]] = {}
    for slug, labels in names.items():
        for label in labels:
            by_name.setdefault(name_key(label), set()).add(slug)
    found: list[str] = sorted(by_name.get(asked, set()))
    found += difflib.get_close_matches(asked, sorted(names), n=n, cutoff=0.6)
    for close in difflib.get_close_matches(asked, sorted(by_name), n=n, cutoff=0.6):
        found += sorted(by_name[close])
    unique: list[str] = []
    for slug in found:
        if slug not in unique and slug != asked:
            unique.append(slug)
    return unique[:n]


def request_language(request: Request, lang: str | None) -> str:
    """The language of the labels for a request: ``lang=``, else its Accept-Language."""
    return choose_language(lang, request.headers.get("accept-language"))


def check_text(name: str, value: str) -> None:
    """Refuse control characters in a free-text parameter (422)."""
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in value):
        raise InvalidParameter(f"invalid parameters: {name}: control characters (newlines, NUL, …) are not allowed")
