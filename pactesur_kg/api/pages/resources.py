"""The pages of a measure, a city and an incident, from the answers of the REST routes (and,
for a measure, the threats it mitigates, its standards and where it was used); each links to
the linked-data page of the same IRI."""

from __future__ import annotations

from typing import Any

from ...sparql.binding import concept_iri
from ..deps import ServiceState
from ..routes.rest import concept_answer
from ..routes.rest_resources import PROTECTION_OUTCOMES, city_answer, incident_answer
from . import graph
from .figures import MAP_HEAD, MAP_SCRIPTS, Dated, Point, map_figure, timeline
from .frame import PageContext, page
from .markup import (
    definition_list,
    esc,
    label_of,
    labelled,
    linked_data_path,
    paragraph,
    resource_link,
    sources,
    url_of,
)


def _links(context: PageContext, items: list[dict[str, Any]]) -> str:
    return ", ".join(resource_link(context, item) for item in items)


def _list(context: PageContext, items: list[dict[str, Any]], total: int | None = None, dated: bool = False) -> str:
    if not items:
        return f'<p class="empty">{context.t("none")}</p>'
    rows = []
    for item in items:
        date = item.get("date")
        when = f'<time datetime="{esc(date)}">{esc(date)}</time> ' if dated and date else ""
        rows.append(f"<li>{when}{resource_link(context, item)}</li>")
    shown = (
        f'<p class="count">{context.t("shown-of", shown=len(items), total=total)}</p>'
        if total is not None and total > len(items)
        else ""
    )
    return f"<ul>{''.join(rows)}</ul>{shown}"


def place_marks(
    context: PageContext, things: list[tuple[str, dict[str, Any]]], where: dict[str, tuple[float, float]]
) -> tuple[list[Point], list[str]]:
    marks, missing = [], []
    for kind, thing in things:
        point = where.get(thing["iri"])
        if point is None:
            missing.append(label_of(thing))
        else:
            marks.append(Point(point[0], point[1], label_of(thing), url_of(context, thing["iri"]), kind))
    return marks, sorted(set(missing))


def resource_page(context: PageContext, title: str, title_lang: str | None, iri: str, main: str, maps: bool) -> str:
    heading = f"<h1>{labelled(context, title, title_lang)}</h1>\n"
    return page(
        context,
        title,
        heading + main,
        scripts=MAP_HEAD + MAP_SCRIPTS if maps else "",
        linked_data=linked_data_path(iri),
    )


def section(name: str, heading: str, content: str) -> str:
    return f'<section aria-labelledby="{name}"><h2 id="{name}">{heading}</h2>{content}</section>\n'


# -- a measure ---------------------------------------------------------------------------------


async def measure_page(state: ServiceState, context: PageContext, slug: str) -> str:
    concept = await concept_answer(state, "measure", slug, context.lang)
    facts = await graph.measure_facts(state, concept_iri("measure", slug), context.lang)
    where = await graph.points(state, [pilot["iri"] for pilot in facts["pilot"]])
    settings = state.settings
    about = definition_list(
        [
            (context.t("broader"), _links(context, concept["broader"])),
            (context.t("narrower"), _links(context, concept["narrower"])),
            (context.t("other-names"), esc(", ".join(concept["altLabels"]))),
        ]
    )
    definition = f'<p class="definition">{esc(concept["definition"])}</p>' if concept.get("definition") else ""
    threats = "".join(
        f'<li>{resource_link(context, threat)}: <a href="{context.href("/threats/" + threat["slug"])}">'
        f"{context.t('what-works-link', threat=label_of(threat))}</a></li>"
        for threat in facts["mitigates"]
    )
    standards = []
    for standard in facts["standard"]:
        replaced = ", ".join(
            f'<a href="{esc(linked_data_path(iri))}">{esc(iri.rsplit("/", 1)[-1])}</a>'
            for iri in standard["replacedBy"]
        )
        replaced_by = f' <span class="replaced">({context.t("replaced-by")} {replaced})</span>' if replaced else ""
        standards.append(f"<li>{resource_link(context, standard)}{replaced_by}</li>")
    pilots = "".join(
        f"<li>{resource_link(context, pilot)}"
        + (f" ({resource_link(context, pilot['city'])})" if "city" in pilot else "")
        + "</li>"
        for pilot in facts["pilot"]
    )
    marks, missing = place_marks(context, [("pilot", pilot) for pilot in facts["pilot"]], where)
    lessons = "".join(
        f"<li>{resource_link(context, lesson)}"
        + (paragraph(lesson["statement"], css="statement") if lesson.get("statement") else "")
        + "</li>"
        for lesson in facts["lesson"]
    )
    none = f'<p class="empty">{context.t("none")}</p>'
    main = (
        definition
        + about
        + sources(context, concept["sources"])
        + section("mitigates", context.t("mitigates"), f"<ul>{threats}</ul>" if threats else none)
        + section("standards", context.t("standards"), f"<ul>{''.join(standards)}</ul>" if standards else none)
        + section(
            "where-used",
            context.t("where-used"),
            (f"<ul>{pilots}</ul>" if pilots else none)
            + map_figure(
                context,
                "measure",
                context.t("where-used"),
                marks,
                missing,
                settings.map_tiles,
                settings.map_attribution,
            ),
        )
        + section("lessons", context.t("lessons"), f'<ul class="lessons">{lessons}</ul>' if lessons else none)
    )
    return resource_page(context, label_of(concept), concept.get("labelLang"), concept["iri"], main, bool(marks))


# -- a city ------------------------------------------------------------------------------------


def _roles(context: PageContext, city: dict[str, Any]) -> str:
    if not city["roles"]:
        return f"<p>{context.t('no-role')}</p>"
    items = []
    for role in city["roles"]:
        via = role.get("via")
        through = ""
        if via and via != city["iri"]:
            name = via.rsplit("/", 1)[-1]
            link = f'<a href="{esc(linked_data_path(via))}">{esc(name)}</a>'
            through = " " + context.t("role-via", name="\x00").replace("\x00", link)
        items.append(f"<li>{labelled(context, label_of(role), None)}{through}</li>")
    return f"<ul>{''.join(items)}</ul>"


async def city_page(state: ServiceState, context: PageContext, slug: str) -> str:
    city = await city_answer(state, slug, context.lang)
    where = await graph.points(state, [city["iri"], *(incident["iri"] for incident in city["incidents"])])
    totals = city["totals"]
    population = city.get("population")
    facts = definition_list(
        [
            (context.t("country"), esc(city.get("country") or "")),
            (
                context.t("population"),
                f"{population['value']:,}".replace(",", "\u202f")
                + (f" ({esc(population['year'])})" if population.get("year") else "")
                if population and population.get("value") is not None
                else "",
            ),
        ]
    )
    marks, missing = place_marks(
        context, [("city", city), *(("incident", incident) for incident in city["incidents"])], where
    )
    settings = state.settings
    dated = [Dated(item["date"], label_of(item), "incident") for item in city["incidents"] if item.get("date")]
    dated += [Dated(item["date"], label_of(item), "event") for item in city["events"] if item.get("date")]
    figures = map_figure(context, "city", label_of(city), marks, [], settings.map_tiles, settings.map_attribution)
    figures += timeline(context, "city", label_of(city), dated)
    main = (
        facts
        + section("role", context.t("role"), _roles(context, city))
        + (f'<div class="figures">{figures}</div>' if figures else "")
        + section(
            "incidents", context.t("incidents"), _list(context, city["incidents"], totals["incidents"], dated=True)
        )
        + section("pilots", context.t("pilots"), _list(context, city["pilots"], totals["pilots"]))
        + section("events", context.t("events"), _list(context, city["events"], totals["events"], dated=True))
        + section("lessons", context.t("lessons"), _list(context, city["lessons"], totals["lessons"]))
        + sources(context, city["sources"])
    )
    del missing  # a city's incidents without a point of their own are at the city's point
    return resource_page(context, label_of(city), city.get("labelLang"), city["iri"], main, bool(marks))


# -- an incident -------------------------------------------------------------------------------

_PROTECTION_MESSAGES = {
    "protectionHeld": "protection-held",
    "protectionBreached": "protection-breached",
    "protectionBypassed": "protection-bypassed",
    "protectionAbsent": "protection-absent",
}


async def incident_page(state: ServiceState, context: PageContext, slug: str) -> str:
    incident = await incident_answer(state, slug, context.lang)
    where = await graph.points(state, [incident["iri"]])
    spaces = ", ".join(
        resource_link(context, space) + (f" ({esc(space['kind'])})" if space.get("kind") else "")
        for space in incident.get("publicSpaces", [])
    )
    casualties = [
        (context.t("killed"), esc(incident["killed"]) if incident["killed"] is not None else ""),
        (context.t("injured"), esc(incident["injured"]) if incident["injured"] is not None else ""),
    ]
    # only the outcomes a cited page gives: an empty row would read as "none was in place"
    protections = [
        (context.t(_PROTECTION_MESSAGES[outcome]), _links(context, incident[outcome]))
        for outcome in PROTECTION_OUTCOMES
        if incident[outcome]
    ]
    date = incident.get("date") or ""
    facts = definition_list(
        [
            (context.t("date"), f'<time datetime="{esc(date)}">{esc(date)}</time>' if date else ""),
            (context.t("where"), _links(context, incident["cities"])),
            (context.t("public-spaces"), spaces),
            (context.t("threat-types"), _links(context, incident["threatTypes"])),
            *casualties,
            *protections,
            (context.t("means-used"), esc("; ".join(incident["meansUsed"]))),
        ]
    )
    note = f'<p class="hint">{context.t("killed")}, {context.t("injured").lower()}: {context.t("casualties-note")}</p>'
    what_works = "".join(
        f'<li><a href="{context.href("/threats/" + threat["slug"])}">'
        f"{context.t('what-works-link', threat=label_of(threat))}</a></li>"
        for threat in incident["threatTypes"]
    )
    marks, _ = place_marks(context, [("incident", incident)], where)
    settings = state.settings
    main = (
        facts
        + (note if incident["killed"] is not None or incident["injured"] is not None else "")
        + (f'<ul class="what-works">{what_works}</ul>' if what_works else "")
        + map_figure(context, "incident", label_of(incident), marks, [], settings.map_tiles, settings.map_attribution)
        + sources(context, incident["sources"])
    )
    return resource_page(context, label_of(incident), incident.get("labelLang"), incident["iri"], main, bool(marks))
