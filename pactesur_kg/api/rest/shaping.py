"""Query rows shaped into the REST answers: one entry per resource with its parts as lists,
references to other resources, pages, concept trees."""

from __future__ import annotations

from typing import Any

from ...namespaces import BASE
from .facade import Row, slug_of

_ROLE_RANK = {"lead-partner": 0, "coordinator": 1, "partner": 2, "associated-city": 3}


def ref(iri: str, label: str | None, label_lang: str | None = None) -> dict[str, Any]:
    """A resource or concept as the REST answers give it, with the language of its label.

    >>> ref("https://w3id.org/pactesur/resource/city/nice", "Nice", "en")
    {'slug': 'nice', 'iri': 'https://w3id.org/pactesur/resource/city/nice', 'label': 'Nice', 'labelLang': 'en'}
    """
    return {"slug": slug_of(iri), "iri": iri, "label": label, "labelLang": label_lang}


def collect(rows: list[Row], fields: tuple[str, ...], extras: dict[str, str]) -> list[dict[str, Any]]:
    """Resources from rows of ``?item``, ``fields`` and parts: one entry per item, with each part
    (``?part``, ``?value``, ``?valueLabel``, ``?valueExtra``) as a list: references
    (slug, IRI, label and the extra under its name in ``extras``) for resources of the graph,
    plain values otherwise."""
    items: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = items.setdefault(
            row["item"],
            {
                **ref(row["item"], row.get("label"), row.get("labelLang")),
                **{name: row.get(name) for name in fields},
                "_parts": {},
            },
        )
        _add_part(item["_parts"], row, extras)
    return [_finish(item) for item in items.values()]


# the parts named by their property in the list queries, and those only there to give each
# resource a row
_PART_NAMES = {"inCity": "city", "basedIn": "city"}
_NO_PART = {"type", "date"}


def _add_part(parts: dict[str, list[Any]], row: Row, extras: dict[str, str]) -> None:
    part, value = row.get("part"), row.get("value")
    if part is None or value is None or part in _NO_PART:
        return
    part = _PART_NAMES.get(part, part)
    values = parts.setdefault(part, [])
    if value.startswith(BASE):
        if any(isinstance(known, dict) and known["iri"] == value for known in values):
            return
        entry = ref(value, row.get("valueLabel"), row.get("valueLabelLang"))
        if part in extras:
            extra = row.get("valueExtra")
            entry[extras[part]] = slug_of(extra.rsplit("#", 1)[-1]) if extra and "#" in extra else extra
        values.append(entry)
    elif value not in values:
        values.append(value)


def _finish(item: dict[str, Any]) -> dict[str, Any]:
    parts = item.pop("_parts")
    return {**item, **parts}


def number(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def roles(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A city's roles in PACTESUR, the leading one first."""
    found = [{**role, "via": role.pop("via", None)} for role in refs]
    return sorted(found, key=lambda role: (_ROLE_RANK.get(role["slug"], len(_ROLE_RANK)), role["slug"]))


def page_of(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def city_entry(item: dict[str, Any]) -> dict[str, Any]:
    ranked = roles(item.pop("role", []))
    population = item.pop("population", None)
    year = item.pop("populationYear", None)
    return {
        **item,
        "population": {"value": number(population), "year": year} if population is not None else None,
        "role": ranked[0]["slug"] if ranked else None,
        "roles": ranked,
    }


def role_parts(rows: list[Row], language: str) -> list[Row]:
    """Rows of cities.rq (a role with its label in the asked language and in English) as rows
    of parts (``role``, with the label in the asked language if there is one)."""
    parts: list[Row] = []
    chosen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if "role" not in row:
            parts.append(row)
            continue
        key = (row["item"], row["role"], row.get("roleVia", ""))
        part = {
            **row,
            "part": "role",
            "value": row["role"],
            "valueLabel": row.get("roleLabel", ""),
            "valueLabelLang": row.get("roleLabelLang", ""),
        }
        part["valueExtra"] = row.get("roleVia", "")
        if key not in chosen:
            chosen[key] = len(parts)
            parts.append(part)
        elif row.get("roleLabelLang") == language:
            parts[chosen[key]] = part
    return parts


def incident_entry(item: dict[str, Any]) -> dict[str, Any]:
    return {
        **{key: value for key, value in item.items() if key not in {"city", "threatType", "source", "publicSpace"}},
        "killed": number(item.get("killed")),
        "injured": number(item.get("injured")),
        "cities": item.get("city", []),
        **({"publicSpaces": item.get("publicSpace", [])} if "publicSpace" in item else {}),
        "threatTypes": item.get("threatType", []),
        "sources": item.get("source", []),
    }


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
                "definitionLang": row.get("definitionLang"),
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
