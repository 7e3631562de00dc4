"""The search box of the pages and the page of what it finds: every kind of resource of the
graph whose names (in any language) contain the text, whatever its case and accents, from the
index that ``/api/search`` answers from."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from ..deps import ServiceState
from ..routes.rest_resources import search_index
from .frame import PageContext, page
from .markup import esc, href_of, labelled

SHOWN = 50
"""Results shown at most."""


def search_form(
    context: PageContext, q: str = "", action: str = "/search", label: str = "search-label", field: str = "search-q"
) -> str:
    """A search form (GET to ``action``) with its label (a message key) and hint, in the
    page's language; ``field`` is the id of its text field."""
    text_field = (
        f'<input id="{field}" name="q" type="search" value="{esc(q)}" maxlength="200" aria-describedby="{field}-hint">'
    )
    return f"""<form class="search" role="search" action="{esc(action)}" method="get">
<label for="{field}">{context.t(label)}</label>
<div class="search-row">{text_field}
<input type="hidden" name="lang" value="{context.lang}">
<button type="submit">{context.t("search")}</button></div>
<p id="{field}-hint" class="hint">{context.t("search-hint")}</p>
</form>"""


async def search_page(state: ServiceState, context: PageContext, q: str) -> str:
    """The page of the resources whose names contain ``q``."""
    # a search box's text: control characters (never in a name) are dropped rather than refused
    q = "".join(character for character in q if character >= " " and character != "\x7f").strip()[:200]
    results = ""
    if q:
        index = await search_index(state)
        _, hits = await run_in_threadpool(index.search, q, None, context.lang, SHOWN, 0)
        items = "".join(
            f'<li><a href="{href_of(context, hit["iri"])}">'
            f"{labelled(context, hit['label'] or hit['slug'], hit['labelLang'])}</a>"
            f' <span class="kind">{context.t("kind-" + hit["type"])}</span></li>'
            for hit in hits
        )
        listing = f'<ul class="results">{items}</ul>' if items else f'<p class="empty">{context.t("no-results")}</p>'
        results = f"<h2>{context.t('search-results', q=q)}</h2>{listing}"
    main = f"<h1>{context.t('search')}</h1>{search_form(context, q)}{results}"
    return page(context, context.t("search"), main)
