"""The page of a threat: what works against it, from the answer of ``/api/recommendations``
(the measures ranked as the REST answer ranks them, each with why, who recommends it, on
what evidence and which lessons learnt, its sources, where it was piloted and the lessons
learnt about it), and the incidents of that kind on a map and a timeline."""

from __future__ import annotations

import asyncio
from typing import Any

from ...settings import Settings
from ..deps import ServiceState
from ..routes.rest import concept_answer, recommendations_answer
from . import graph
from .figures import MAP_HEAD, MAP_SCRIPTS, Dated, Point, map_figure, timeline
from .frame import PageContext, page
from .markup import definition_list, esc, label_of, labelled, paragraph, resource_link, sources, url_of

MEASURES = 200
"""Measures shown at most (the most the REST route gives on one page)."""


async def threat_page(state: ServiceState, context: PageContext, slug: str) -> str:
    """The page of the threat ``slug``; :class:`~pactesur_kg.errors.NotFound` with the closest
    known slugs for an unknown one."""
    concept, answer = await asyncio.gather(
        concept_answer(state, "threat", slug, context.lang),
        recommendations_answer(state, slug, context.lang, MEASURES, 0),
    )
    cities = {city["iri"]: city for entry in answer["items"] for city in entry["pilotedIn"]}
    where = await graph.points(state, [*cities, *(incident["iri"] for incident in answer["incidents"])])
    return render(context, concept, answer, where, state.settings)


def _relation(context: PageContext, entry: dict[str, Any]) -> str:
    relation = entry["relation"]
    names = ", ".join(resource_link(context, threat) for threat in entry["mitigates"])
    if relation == "exact":
        words = context.t("relation-exact")
    else:
        # the message's text is escaped; the links are put in its place afterwards
        words = context.t(f"relation-{relation}", threats="\x00")
        words = words.replace("\x00", names)
    return f'<p class="relation relation-{esc(relation)}">{words}</p>'


def _why(context: PageContext, why: dict[str, Any]) -> str:
    parts = [f"<h5>{resource_link(context, why)}</h5>"]
    if why.get("statement"):
        parts.append(paragraph(why["statement"], css="statement"))
    if why.get("rationale"):
        parts.append(paragraph(why["rationale"], css="rationale"))
    if why["recommendedBy"]:
        who = ", ".join(resource_link(context, by) for by in why["recommendedBy"])
        parts.append(f'<p class="recommended-by">{context.t("recommended-by")}: {who}</p>')
    if why.get("evidenceKind"):
        kinds = ", ".join(resource_link(context, kind) for kind in why["evidenceKind"])
        parts.append(f'<p class="evidence-kind">{context.t("evidence-kind")}: {kinds}</p>')
    if why.get("basedOn"):
        # lesson labels are sentences: one per line rather than joined by commas
        behind = "".join(f"<li>{resource_link(context, lesson)}</li>" for lesson in why["basedOn"])
        title = f'<span class="based-on-title">{context.t("based-on")}:</span>'
        parts.append(f'<div class="based-on">{title}<ul>{behind}</ul></div>')
    parts.append(sources(context, why["sources"]))
    return f'<li class="recommendation">{"".join(parts)}</li>'


def _lesson(context: PageContext, lesson: dict[str, Any]) -> str:
    statement = paragraph(lesson["statement"], css="statement") if lesson.get("statement") else ""
    return f'<li class="lesson">{resource_link(context, lesson)}{statement}{sources(context, lesson["sources"])}</li>'


def _measure(context: PageContext, entry: dict[str, Any]) -> str:
    measure = entry["measure"]
    anchor = f"measure-{esc(measure['slug'])}-{esc(entry['relation'])}"
    why = (
        f'<ul class="why">{"".join(_why(context, item) for item in entry["why"])}</ul>'
        if entry["why"]
        else f'<p class="empty">{context.t("no-recommendation")}</p>'
    )
    if entry["pilotedIn"]:
        cities = ", ".join(resource_link(context, city) for city in entry["pilotedIn"])
        more = f" {context.t('more-pilots')}" if entry["morePilots"] else ""
        piloted = f'<p class="piloted">{cities}{more}</p>'
    else:
        piloted = f'<p class="empty">{context.t("not-piloted")}</p>'
    lessons = ""
    if entry["lessons"]:
        more = (
            f'<p class="more"><a href="{esc(entry["more"]["lessons"])}">{context.t("more-lessons")}</a></p>'
            if entry["moreLessons"]
            else ""
        )
        items = "".join(_lesson(context, lesson) for lesson in entry["lessons"])
        lessons = f'<h4>{context.t("lessons")}</h4><ul class="lessons">{items}</ul>{more}'
    return f"""<li class="measure" id="{anchor}">
<h3>{resource_link(context, measure)}</h3>
{_relation(context, entry)}
<h4>{context.t("why")}</h4>{why}
<h4>{context.t("piloted-in")}</h4>{piloted}
{lessons}
</li>"""


def _incidents(context: PageContext, answer: dict[str, Any], where: dict[str, tuple[float, float]]) -> str:
    incidents = answer["incidents"]
    if not incidents:
        return f'<p class="empty">{context.t("no-incidents")}</p>'
    rows = []
    for incident in incidents:
        cities = ", ".join(resource_link(context, city) for city in incident["cities"])
        rows.append(
            f'<li><time datetime="{esc(incident["date"] or "")}">{esc(incident["date"] or "")}</time> '
            f'{resource_link(context, incident)} <span class="where">({cities})</span></li>'
        )
    shown = context.t("incidents-shown", shown=len(incidents), total=answer["incidentsTotal"])
    more = (
        f' <a href="{esc(answer["more"]["incidents"])}">{context.t("all-incidents")}</a>'
        if answer["incidentsTotal"] > len(incidents)
        else ""
    )
    items = [Dated(incident["date"], label_of(incident), "incident") for incident in incidents if incident["date"]]
    figure = timeline(context, "incidents", context.t("incidents-of-threat"), items)
    return f'<p>{shown}{more}</p>{figure}<ol class="incidents">{"".join(rows)}</ol>'


def _map(
    context: PageContext, answer: dict[str, Any], where: dict[str, tuple[float, float]], settings: Settings
) -> str:
    marks: list[Point] = []
    missing: list[str] = []
    cities = {city["iri"]: city for entry in answer["items"] for city in entry["pilotedIn"]}
    for kind, things in (("pilot", list(cities.values())), ("incident", answer["incidents"])):
        for thing in things:
            point = where.get(thing["iri"])
            if point is None:
                missing.append(label_of(thing))
                continue
            marks.append(Point(point[0], point[1], label_of(thing), url_of(context, thing["iri"]), kind))
    what = f"{context.t('piloted-in')}, {context.t('incidents').lower()}"
    return map_figure(
        context, "threat", what, marks, sorted(set(missing)), settings.map_tiles, settings.map_attribution
    )


def render(
    context: PageContext,
    concept: dict[str, Any],
    answer: dict[str, Any],
    where: dict[str, tuple[float, float]],
    settings: Settings,
) -> str:
    title = label_of(concept)
    slug = concept["slug"]
    broader = ", ".join(resource_link(context, item) for item in concept["broader"])
    narrower = ", ".join(resource_link(context, item) for item in concept["narrower"])
    facts = definition_list(
        [
            (context.t("broader"), broader),
            (context.t("narrower"), narrower),
            (context.t("other-names"), esc(", ".join(concept["altLabels"]))),
        ]
    )
    definition = f'<p class="definition">{esc(concept["definition"])}</p>' if concept.get("definition") else ""
    measures = "".join(_measure(context, entry) for entry in answer["items"])
    tools = f"""<ul class="tools">
<li><a href="{esc(answer["query"]["link"])}">{context.t("sparql-behind")}</a></li>
<li><a href="/api/recommendations?threat={esc(slug)}&amp;lang={context.lang}">{context.t("as-json")}</a></li>
<li><button type="button" class="print-button" hidden>{context.t("print")}</button></li>
</ul>"""
    crumbs = f'<a href="{context.href("/threats")}">{context.t("threats")}</a>'
    main = f"""<nav class="breadcrumb" aria-label="{context.t("breadcrumb")}">{crumbs}</nav>
<h1>{labelled(context, title, concept.get("labelLang"))}</h1>
{definition}{facts}{tools}
<section aria-labelledby="what-works">
<h2 id="what-works">{context.t("what-works")}</h2>
<p>{context.t("what-works-intro", count=answer["total"])}</p>
<ol class="measures">{measures}</ol>
</section>
<section aria-labelledby="on-the-map" class="figures">
<h2 id="on-the-map">{context.t("on-the-map")}</h2>
{_map(context, answer, where, settings)}
</section>
<section aria-labelledby="incidents">
<h2 id="incidents">{context.t("incidents-of-threat")}</h2>
{_incidents(context, answer, where)}
</section>
"""
    return page(
        context,
        title,
        main,
        scripts=MAP_HEAD + MAP_SCRIPTS + '<script src="/static/pactesur-pages.js" defer></script>\n',
        linked_data=f"/concept/threat/{slug}",
    )
