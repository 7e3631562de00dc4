"""The page of the threat scheme: the threats as a tree, each with a short definition, and a
search box that keeps the threats one of whose names (in any language, whatever its case and
accents) contains the text, with the threats above them."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool

from ..deps import ServiceState
from ..routes.rest import scheme_answer
from ..routes.rest_resources import search_index
from .frame import PageContext, page
from .markup import esc, resource_link
from .search import search_form

SHORT = 220
"""Characters of a definition shown at most (its first sentence, if shorter)."""


def short_definition(definition: str | None) -> str:
    """The first sentence of a definition, cut at :data:`SHORT` characters.

    >>> short_definition("The deliberate use of a vehicle. It is often a truck.")
    'The deliberate use of a vehicle.'
    """
    if not definition:
        return ""
    first = definition.split(". ", 1)[0].rstrip(".") + "."
    return first if len(first) <= SHORT else first[: SHORT - 1].rstrip() + "…"


async def scheme_tree(state: ServiceState, language: str) -> list[dict[str, Any]]:
    """The threat scheme as the tree of ``/api/threats`` (labels in ``language``)."""
    answer = await scheme_answer(state, "threat", language, "", 200, 0)
    tree: list[dict[str, Any]] = answer["tree"]
    return tree


async def matching(state: ServiceState, q: str, language: str) -> set[str]:
    """The slugs of the threats one of whose names contains ``q``, as ``/api/search`` finds them."""
    q = "".join(character for character in q if character >= " ")[:200]
    index = await search_index(state)
    _, hits = await run_in_threadpool(index.search, q, "threat", language, 1000, 0)
    return {hit["slug"] for hit in hits}


def _kept(node: dict[str, Any], matches: set[str] | None) -> bool:
    return matches is None or node["slug"] in matches or any(_kept(child, matches) for child in node["narrower"])


def _branch(context: PageContext, nodes: list[dict[str, Any]], matches: set[str] | None) -> str:
    items = []
    for node in nodes:
        if not _kept(node, matches):
            continue
        mark = ' class="match"' if matches is not None and node["slug"] in matches else ""
        definition = short_definition(node.get("definition"))
        described = f'<span class="definition">{esc(definition)}</span>' if definition else ""
        children = _branch(context, node["narrower"], matches)
        link = resource_link(context, node)
        items.append(f"<li{mark}>{link} {described}{children}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def render(context: PageContext, tree: list[dict[str, Any]], q: str, matches: set[str] | None) -> str:
    title = context.t("threats-title")
    found = ""
    if matches is not None:
        found = (
            f'<p class="found" role="status">{context.t("matching", count=len(matches), q=q)} '
            f'<a href="{context.href("/threats")}">{context.t("show-all")}</a></p>'
        )
    main = f"""<h1>{title}</h1>
<p>{context.t("threats-intro")}</p>
{search_form(context, q, action="/threats", label="filter-threats", field="threat-q")}
{found}
<div class="tree">{_branch(context, tree, matches) or f'<p class="empty">{context.t("no-results")}</p>'}</div>
"""
    return page(context, title, main)
