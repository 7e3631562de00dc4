"""The web pages of the contribution workflow: ``/contribute`` (forms made from the shapes, or
RDF pasted; checked, then submitted) and ``/review`` (the curators' queue).

The pages hold no secret: the scripts send the account's token, kept in the tab's
sessionStorage, as an ``Authorization`` header to the workflow's routes, so another site
cannot act for a signed-in curator. While the workflow is off they say so (404).
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ...errors import NotFound
from ...sparql.binding import text_literal
from ...text import fold
from ..contribute.forms import KINDS, Form, kind_of, ontology_labels, read_form
from ..contribute.messages import LANGUAGES
from ..contribute.render import Choices, Names, contribute_page, off_page, review_page
from ..deps import ServiceState, StateDep
from ..rest.facade import choose_language

router = APIRouter()

_Lang = Annotated[str | None, Query(description="en, fr or it (default: from Accept-Language, else en)")]


def _language(request: Request, lang: str | None) -> str:
    chosen = choose_language(lang, request.headers.get("accept-language"))
    return chosen if chosen in LANGUAGES else "en"


def _html(text: str, status: int = 200) -> HTMLResponse:
    # the pages change with the language asked and the graph: never kept by a shared cache
    return HTMLResponse(text, status_code=status, headers={"vary": "Accept-Language", "cache-control": "no-store"})


async def _form(state: ServiceState, slug: str) -> Form:
    """The form of a kind, read from its shapes once and kept until the graph changes."""
    kind = kind_of(slug)
    if kind is None:
        known = ", ".join(k.slug for k in KINDS)
        raise NotFound(f"there is no form for {slug!r}: the forms are {known}")
    ontology = await state.ontology()
    form: Form = await state.derived.get(
        f"contribution-form:{slug}",
        lambda: run_in_threadpool(read_form, kind, state.settings.data_shapes_dir, ontology),
    )
    return form


async def _choices(state: ServiceState, classes: list[str], language: str) -> Choices:
    """The instances of ``classes`` with their names in ``language``, by name, for the pickers."""
    if not classes:
        return {}

    async def build() -> Choices:
        rows = await state.reader.values(
            state.queries.text("service/instances-of"),
            type=[ox.NamedNode(c) for c in classes],
            lang=text_literal(language),
        )
        found: Choices = {c: [] for c in classes}
        for row in rows:
            name = row.get("label") or row["node"].rsplit("/", 1)[-1]
            found.setdefault(row["type"], []).append((row["node"], name))
        return {c: sorted(items, key=lambda item: (fold(item[1]), item[0])) for c, items in found.items()}

    choices: Choices = await state.derived.get(f"contribution-choices:{language}:{' '.join(classes)}", build)
    return choices


@router.get("/contribute", include_in_schema=False)
async def contribute(request: Request, state: StateDep, lang: _Lang = None, kind: str = "lesson") -> HTMLResponse:
    language = _language(request, lang)
    if state.contributions is None:
        return _html(off_page(language), 404)
    form = await _form(state, kind)
    classes = list(dict.fromkeys(c for f in form.fields for c in f.classes))
    choices = await _choices(state, classes, language)
    names = Names(language, ontology_labels(await state.ontology()))
    return _html(contribute_page(form, choices, names))


@router.get("/review", include_in_schema=False)
async def review(request: Request, state: StateDep, lang: _Lang = None) -> HTMLResponse:
    language = _language(request, lang)
    if state.contributions is None:
        return _html(off_page(language), 404)
    return _html(review_page(language))
