"""The page for a slug the graph does not know: the closest known ones as links, and a search
for the words of the slug."""

from __future__ import annotations

from .frame import PageContext, page
from .markup import esc
from .search import search_form

#: the path of the pages of each kind
PATHS = {
    "threat": "/threats/",
    "measure": "/measures/",
    "city": "/cities/",
    "incident": "/incidents/",
    "lesson": "/lessons/",
    "pilot": "/pilots/",
}


def render(context: PageContext, kind: str, slug: str, suggestions: list[str]) -> str:
    """The 404 page for ``slug`` of ``kind``, with links to the ``suggestions`` (slugs)."""
    title = context.t("not-found-title")
    links = "".join(
        f'<li><a href="{context.href(PATHS[kind] + suggestion)}">{esc(suggestion)}</a></li>'
        for suggestion in suggestions
    )
    did_you_mean = f'<p>{context.t("did-you-mean")}</p><ul class="suggestions">{links}</ul>' if links else ""
    listing = f'<p><a href="{context.href("/threats")}">{context.t("see-list")}</a></p>' if kind == "threat" else ""
    main = f"""<h1>{title}</h1>
<p>{context.t("not-found", kind=context.t(f"kind-{kind}").lower(), slug=slug)}</p>
{did_you_mean}{listing}
{search_form(context, slug.replace("-", " "))}
"""
    return page(context, title, main)
