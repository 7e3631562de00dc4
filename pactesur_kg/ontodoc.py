"""Ontology documentation generated from the ontology itself (one HTML page).

Every class and property with its labels (en, fr, it), definition, super- and sub-classes
or sub-properties, domain and range, and its alignments to other vocabularies; written
from the graph, so it cannot drift from the ontology.
"""

from __future__ import annotations

import html
from collections import defaultdict

from .engine.reader import Reader
from .namespaces import ONTOLOGY, ONTOLOGY_IRI, PREFIXES
from .sparql.queryfiles import QueryFiles

_KINDS = {  # in the order of the page
    "http://www.w3.org/2002/07/owl#Class": "Classes",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "Object properties",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "Datatype properties",
    "http://www.w3.org/2000/01/rdf-schema#Datatype": "Datatypes",
}
_RELATIONS = [
    ("http://www.w3.org/2000/01/rdf-schema#subClassOf", "Subclass of"),
    ("http://www.w3.org/2000/01/rdf-schema#subPropertyOf", "Subproperty of"),
    ("http://www.w3.org/2000/01/rdf-schema#domain", "Domain"),
    ("http://www.w3.org/2000/01/rdf-schema#range", "Range"),
    ("http://www.w3.org/2002/07/owl#inverseOf", "Inverse of"),
    ("http://www.w3.org/2004/02/skos/core#closeMatch", "Close match"),
]


def _link(iri: str) -> str:
    name = html.escape(short_iri(iri))
    if iri.startswith(ONTOLOGY):
        return f'<a href="#{html.escape(iri[len(ONTOLOGY) :])}"><code>{name}</code></a>'
    return f'<a href="{html.escape(iri)}"><code>{name}</code></a>'


def short_iri(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


async def render(reader: Reader, queries: QueryFiles) -> str:
    """The documentation page of the ontology in the graph ``reader`` reads."""
    terms = await reader.select(queries.text("service/ontology-terms"))
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in await reader.select(queries.text("service/ontology-facts")):
        term, prop, value = str(row["term"].value), str(row["property"].value), row["value"]
        if prop.endswith("#label"):
            labels[term][getattr(value, "language", None) or "en"] = str(value.value)
        else:
            facts[term][prop].append(str(value.value))
    children: dict[str, list[str]] = defaultdict(list)
    for term, properties in facts.items():
        for parent in properties.get("http://www.w3.org/2000/01/rdf-schema#subClassOf", []):
            children[parent].append(term)
    header = await reader.select(queries.text("service/ontology-header"))
    title = html.escape(str(header[0]["title"].value)) if header else "PACTESUR ontology"
    sections: dict[str, list[str]] = defaultdict(list)
    for row in terms:
        term, kind = str(row["term"].value), str(row["kind"].value)
        local = term[len(ONTOLOGY) :]
        names = labels.get(term, {})
        heading = f"{html.escape(names.get('en', local))} <code>pac:{html.escape(local)}</code>"
        parts = [f'<section id="{html.escape(local)}"><h3>{heading}</h3>']
        other = ", ".join(f"{html.escape(text)} ({lang})" for lang, text in sorted(names.items()) if lang != "en")
        if other:
            parts.append(f'<p class="labels">{other}</p>')
        for definition in facts[term].get("http://www.w3.org/2004/02/skos/core#definition", []):
            parts.append(f"<p>{html.escape(definition)}</p>")
        rows = [(label, facts[term].get(prop, [])) for prop, label in _RELATIONS]
        rows.append(("Subclasses", sorted(children.get(term, []))))
        items = "".join(
            f"<tr><th>{label}</th><td>{', '.join(_link(v) for v in sorted(values))}</td></tr>"
            for label, values in rows
            if values
        )
        if items:
            parts.append(f"<table>{items}</table>")
        parts.append(f'<p class="iri"><code>{html.escape(term)}</code></p></section>')
        sections[_KINDS[kind]].append("".join(parts))
    sections = {kind: sections[kind] for kind in _KINDS.values() if kind in sections}
    toc = "".join(f'<li><a href="#{k.replace(" ", "-")}">{k}</a> ({len(v)})</li>' for k, v in sections.items())
    body = "".join(f'<h2 id="{k.replace(" ", "-")}">{k}</h2>{"".join(v)}' for k, v in sections.items())
    meta = ""
    if header:
        row = header[0]
        meta = (
            f"<p>{html.escape(str(row['description'].value))}</p>"
            f"<p>IRI <code>{ONTOLOGY_IRI}</code>, version <code>{html.escape(str(row['version'].value))}</code>, "
            f'prefix <code>pac:</code>, licence <a href="{html.escape(str(row["licence"].value))}">'
            f"{html.escape(str(row['licence'].value))}</a>.</p>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.4; color: #222; }}
section {{ border-top: 1px solid #ddd; padding: .5rem 0; }}
table {{ border-collapse: collapse; }}
th {{ text-align: left; padding-right: 1rem; vertical-align: top; font-weight: normal; color: #555; }}
.labels, .iri {{ color: #555; font-size: .9rem; }}
</style></head>
<body>
<h1>{title}</h1>
{meta}
<ul>{toc}</ul>
{body}
</body></html>
"""


__all__ = ["render", "short_iri"]
