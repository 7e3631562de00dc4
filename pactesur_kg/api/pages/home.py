"""The home page for browsers: it starts from the question of the person who looks after a
public space. Pick a threat (the first two levels of the scheme), pick the kind of place
(with the threats of the incidents that happened at such places), or search; the query page,
the API documentation and the contribution page for those who want more."""

from __future__ import annotations

from typing import Any

from ..deps import ServiceState
from . import graph
from .frame import PageContext, page
from .markup import esc, resource_link
from .scheme import scheme_tree
from .search import search_form


def _threat(context: PageContext, node: dict[str, Any]) -> str:
    return resource_link(context, node)


def _threats(context: PageContext, tree: list[dict[str, Any]]) -> str:
    groups = []
    for top in tree:
        children = "".join(f"<li>{_threat(context, child)}</li>" for child in top["narrower"])
        groups.append(f'<li><h3>{_threat(context, top)}</h3><ul class="pick">{children}</ul></li>')
    return f'<ul class="pick-groups">{"".join(groups)}</ul>'


def _spaces(context: PageContext, kinds: list[dict[str, Any]]) -> str:
    groups = []
    for kind in kinds:
        threats = "".join(
            f'<li>{_threat(context, threat)} <span class="count">('
            + (
                context.t("incident-count-one")
                if threat["incidents"] == 1
                else context.t("incidents-count", count=threat["incidents"])
            )
            + ")</span></li>"
            for threat in kind["threats"]
        )
        groups.append(f'<li><h3>{esc(kind["label"])}</h3><ul class="pick">{threats}</ul></li>')
    return f'<ul class="pick-groups spaces">{"".join(groups)}</ul>'


async def home_page(state: ServiceState, context: PageContext) -> str:
    tree = await scheme_tree(state, context.lang)
    kinds = await graph.space_kinds(state, context.lang)
    title = context.t("home-title")
    main = f"""<h1>{title}</h1>
<p class="lead">{context.t("home-intro")}</p>
{search_form(context)}
<section aria-labelledby="pick-threat">
<h2 id="pick-threat">{context.t("pick-threat")}</h2>
{_threats(context, tree)}
</section>
<section aria-labelledby="pick-space">
<h2 id="pick-space">{context.t("pick-space")}</h2>
<p>{context.t("space-intro")}</p>
{_spaces(context, kinds)}
</section>
<section aria-labelledby="for-experts">
<h2 id="for-experts">{context.t("for-experts")}</h2>
<ul>
<li><a href="/sparql">{context.t("query-page")}</a>: {context.t("query-page-about")}</li>
<li><a href="/docs">{context.t("api-docs")}</a>: {context.t("api-about")}</li>
<li><a href="/contribute">{context.t("contribute")}</a>: {context.t("contribute-about")}</li>
</ul>
</section>
"""
    return page(context, context.t("home"), main)
