"""The page of a lesson learnt: what was learnt, about which threats and measures, from which
cities, pilots, incidents or events (on a map where they have a point), the recommendations
based on it, its sources, and the way on to what works against its threats."""

from __future__ import annotations

from ...errors import NotFound
from ...namespaces import RESOURCE
from ..deps import ServiceState
from ..rest.lookup import check_known, resource_iri
from . import graph
from .figures import map_figure
from .frame import PageContext
from .markup import definition_list, esc, joined, label_of, resource_link, sources
from .resources import place_marks, resource_page, section

#: the kinds of things a lesson is learnt from that have a page kind of their own (its label)
_KINDS = ("city", "pilot", "incident", "event", "publication", "organisation")


def kind_of(iri: str) -> str | None:
    """The kind of a resource of the graph from its IRI (``…/resource/pilot/x`` → ``pilot``).

    >>> kind_of(RESOURCE + "pilot/liege-mobile-barriers"), kind_of("https://example.org/x")
    ('pilot', None)
    """
    if not iri.startswith(RESOURCE):
        return None
    kind = iri[len(RESOURCE) :].split("/", 1)[0]
    return kind if kind in _KINDS else None


async def lesson_page(state: ServiceState, context: PageContext, slug: str) -> str:
    lesson = await graph.lesson_facts(state, resource_iri("lesson", slug), context.lang)
    if lesson is None:
        await check_known(state, "lesson", slug, "slug")
        raise NotFound(f"slug: {slug!r} names no lesson learnt", suggestions=[])
    learnt_from = lesson["learntFrom"]
    origins = "".join(
        f"<li>{context.t('kind-' + kind) + ': ' if (kind := kind_of(item['iri'])) else ''}"
        f"{resource_link(context, item)}</li>"
        for item in learnt_from
    )
    statement_lang = lesson.get("statementLang")
    marked = f' lang="{esc(statement_lang)}"' if statement_lang and statement_lang != context.lang else ""
    statement = (
        f'<blockquote class="statement"{marked}><p>{esc(lesson["statement"])}</p></blockquote>'
        if lesson.get("statement")
        else ""
    )
    facts = definition_list(
        [
            (context.t("about-threats"), joined(resource_link(context, threat) for threat in lesson["concernsThreat"])),
            (
                context.t("about-measures"),
                joined(resource_link(context, measure) for measure in lesson["concernsMeasure"]),
            ),
        ]
    )
    what_works = "".join(
        f'<li><a href="{context.href("/threats/" + threat["slug"])}">'
        f"{context.t('what-works-link', threat=label_of(threat))}</a></li>"
        for threat in lesson["concernsThreat"]
    )
    recommended = "".join(f"<li>{resource_link(context, item)}</li>" for item in lesson["basedOnLesson"])
    where = await graph.points(state, [item["iri"] for item in learnt_from])
    placed = [(kind, item) for item in learnt_from if (kind := kind_of(item["iri"])) in ("city", "pilot", "incident")]
    marks, missing = place_marks(context, placed, where)
    settings = state.settings
    none = f'<p class="empty">{context.t("none")}</p>'
    main = (
        f'<p class="kind">{context.t("kind-lesson")}</p>'
        + statement
        + facts
        + (f'<ul class="what-works">{what_works}</ul>' if what_works else "")
        + section(
            "learnt-from",
            context.t("learnt-from"),
            (f"<ul>{origins}</ul>" if origins else none)
            + map_figure(
                context,
                "lesson",
                context.t("learnt-from"),
                marks,
                missing,
                settings.map_tiles,
                settings.map_attribution,
            ),
        )
        + section(
            "recommended-from-it",
            context.t("recommended-from-it"),
            f"<ul>{recommended}</ul>" if recommended else none,
        )
        + sources(context, lesson["source"])
    )
    return resource_page(context, label_of(lesson), lesson.get("labelLang"), lesson["iri"], main, bool(marks))
