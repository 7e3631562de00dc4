"""The frame every page for people shares: the language of the page, the header with the site's
navigation and the language switch, the footer, the stylesheet. A page gives its title and its
main content; :func:`page` wraps them.

>>> html = page(PageContext("fr", "/threats", {}), "Menaces", "<h1>Menaces</h1>")
>>> '<html lang="fr">' in html, 'href="/threats?lang=it"' in html, 'aria-current="page"' in html
(True, True, True)
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..rest.facade import choose_language
from .messages import LANGUAGE_NAMES, LANGUAGES, text

STYLESHEET = "/static/pactesur-pages.css"


@dataclass(frozen=True)
class PageContext:
    """What every page needs to know of its request: its language, its path and the other
    parameters of its query string (kept by the language switch)."""

    lang: str
    path: str
    params: dict[str, str] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """A message of the catalogue in the page's language, escaped for HTML."""
        return html.escape(text(self.lang, key, **values))

    def url(self, path: str, **params: str) -> str:
        """The address of another page for people, in the same language."""
        return f"{path}?{urlencode({**params, 'lang': self.lang})}"

    def href(self, path: str, **params: str) -> str:
        """:meth:`url`, escaped for an attribute."""
        return html.escape(self.url(path, **params))

    def switch(self, lang: str) -> str:
        """This page in another language."""
        return html.escape(f"{self.path}?{urlencode({**self.params, 'lang': lang})}")


def page_context(request: Request) -> PageContext:
    """The context of a request: the language from ``lang=`` if it is one of the pages', else
    the preferred one of Accept-Language, else English."""
    asked = request.query_params.get("lang")
    lang = choose_language(asked if asked in LANGUAGES else None, request.headers.get("accept-language"))
    params = {key: value for key, value in request.query_params.items() if key != "lang"}
    return PageContext(lang, request.url.path, params)


_NAV = (("/", "home"), ("/threats", "threats"))
_EXPERT_NAV = (("/sparql", "query-page"), ("/docs", "api-docs"), ("/contribute", "contribute"))


def _navigation(context: PageContext) -> str:
    items = []
    for path, key in _NAV:
        current = ' aria-current="page"' if context.path == path else ""
        items.append(f'<li><a href="{context.href(path)}"{current}>{context.t(key)}</a></li>')
    items += [f'<li><a href="{path}">{context.t(key)}</a></li>' for path, key in _EXPERT_NAV]
    return f'<nav class="site-nav" aria-label="{context.t("navigation")}"><ul>{"".join(items)}</ul></nav>'


def _language_switch(context: PageContext) -> str:
    items = []
    for lang in LANGUAGES:
        name = html.escape(LANGUAGE_NAMES[lang])
        if lang == context.lang:
            items.append(f'<li><a href="{context.switch(lang)}" lang="{lang}" aria-current="true">{name}</a></li>')
        else:
            items.append(f'<li><a href="{context.switch(lang)}" lang="{lang}" hreflang="{lang}">{name}</a></li>')
    return f'<nav class="language-switch" aria-label="{context.t("language")}"><ul>{"".join(items)}</ul></nav>'


def page(
    context: PageContext,
    title: str,
    main: str,
    *,
    head: str = "",
    scripts: str = "",
    linked_data: str | None = None,
) -> str:
    """A whole page: ``title`` (plain text) in the title bar, ``main`` (HTML) as its content,
    ``head`` and ``scripts`` (HTML) added to the head and to the end of the body, and a link to
    the linked-data page ``linked_data`` (a path) in the footer."""
    site = context.t("site")
    linked = f'<p><a href="{html.escape(linked_data)}">{context.t("linked-data")}</a></p>' if linked_data else ""
    return f"""<!doctype html>
<html lang="{context.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · {site}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{STYLESHEET}">
{head}</head>
<body>
<a class="skip" href="#content">{context.t("skip")}</a>
<header class="site-header">
<p class="site-name"><a href="{context.href("/")}">{site}</a> <span>{context.t("tagline")}</span></p>
{_navigation(context)}
{_language_switch(context)}
</header>
<main id="content" tabindex="-1">
{main}
</main>
<footer class="site-footer">
{linked}<p>{context.t("footer")}</p>
</footer>
{scripts}</body>
</html>
"""


def html_response(body: str, context: PageContext, status_code: int = 200) -> HTMLResponse:
    """A page as the answer, saying its language and that it depends on Accept-Language."""
    return HTMLResponse(
        body,
        status_code=status_code,
        headers={"content-language": context.lang, "vary": "Accept, Accept-Language"},
    )
