"""Small pieces of HTML the pages share: links to the pages of the graph's resources, lists of
sources, labels marked with their language.

>>> context = PageContext("fr", "/", {})
>>> resource_link(context, {"slug": "nice", "iri": RESOURCE + "city/nice", "label": "Nice"})
'<a href="/cities/nice?lang=fr">Nice</a>'
>>> resource_link(context, {"slug": "x", "iri": RESOURCE + "event/x", "label": "A <b>"})
'<a href="/resource/event/x">A &lt;b&gt;</a>'
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from ...namespaces import BASE, CONCEPT, RESOURCE
from .frame import PageContext

#: the pages for people of each kind of resource or concept (the others have their linked-data page)
PAGES = {
    f"{CONCEPT}threat/": "/threats/",
    f"{CONCEPT}measure/": "/measures/",
    f"{RESOURCE}city/": "/cities/",
    f"{RESOURCE}incident/": "/incidents/",
    f"{RESOURCE}lesson/": "/lessons/",
    f"{RESOURCE}pilot/": "/pilots/",
}


def esc(value: object) -> str:
    return html.escape(str(value))


def page_path(iri: str) -> str | None:
    """The page for people of an IRI of the graph, if its kind has one."""
    for prefix, path in PAGES.items():
        if iri.startswith(prefix):
            return path + iri[len(prefix) :]
    return None


def linked_data_path(iri: str) -> str:
    """The linked-data page of an IRI of the graph (the IRI itself for the rest of the web)."""
    return iri[len(BASE) - 1 :] if iri.startswith(BASE) else iri


def url_of(context: PageContext, iri: str) -> str:
    """Where a link to ``iri`` goes: its page for people, else its linked-data page."""
    path = page_path(iri)
    return context.url(path) if path else linked_data_path(iri)


def href_of(context: PageContext, iri: str) -> str:
    """:func:`url_of`, escaped for an attribute."""
    return esc(url_of(context, iri))


def label_of(item: dict[str, Any]) -> str:
    label = item.get("label")
    return str(label) if label else str(item.get("slug", item.get("iri", "")))


def labelled(context: PageContext, label: str, label_lang: str | None) -> str:
    """``label`` (escaped), marked with its language when it is not the page's."""
    if label_lang and label_lang != context.lang:
        return f'<span lang="{esc(label_lang)}">{esc(label)}</span>'
    return esc(label)


def resource_link(context: PageContext, item: dict[str, Any]) -> str:
    """A link to a resource or concept of a REST answer (slug, IRI, label)."""
    return f'<a href="{href_of(context, item["iri"])}">{labelled(context, label_of(item), item.get("labelLang"))}</a>'


def joined(parts: Iterable[str]) -> str:
    return ", ".join(parts)


def sources(context: PageContext, urls: Iterable[str]) -> str:
    """The sources of a fact as links showing their address (so that a printed page keeps them)."""
    links = [f'<li><a href="{esc(url)}" class="source">{esc(url)}</a></li>' for url in urls]
    if not links:
        return ""
    title = f'<span class="sources-title">{context.t("sources")}:</span>'
    return f'<div class="sources">{title}<ul>{"".join(links)}</ul></div>'


def paragraph(value: str, css: str = "") -> str:
    """A text of the graph (a statement, a rationale) as a paragraph. The REST answers give it
    in the page's language where the graph has it, else in English, without saying which: so
    it is not marked with a language."""
    attributes = f' class="{css}"' if css else ""
    return f"<p{attributes}>{esc(value)}</p>"


def definition_list(rows: Iterable[tuple[str, str]]) -> str:
    """A ``<dl>`` of (term, HTML) pairs, leaving out the empty ones."""
    items = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in rows if value)
    return f'<dl class="facts">{items}</dl>' if items else ""
