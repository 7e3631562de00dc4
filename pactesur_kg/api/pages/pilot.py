"""The page of a pilot: what a city put in place (its equipment, the measures it deploys, where,
by whom, at what cost and rating, when), on a map, with the lessons learnt from it and its
sources."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ...errors import NotFound
from ..deps import ServiceState
from ..rest.lookup import check_known, resource_iri
from . import graph
from .figures import map_figure
from .frame import PageContext
from .markup import definition_list, esc, joined, label_of, resource_link, sources
from .resources import place_marks, resource_page, section


def amount(value: str | None) -> str:
    """A number of the graph with its thousands apart (a narrow space, read alike in the three
    languages) and no decimals when it has none; the value as it is when it is no number.

    >>> amount("150230.00"), amount("48"), amount("12.5"), amount(None), amount("n/a")
    ('150\u202f230', '48', '12.5', '', 'n/a')
    """
    if value is None:
        return ""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", "\u202f")
    return f"{number:,}".replace(",", "\u202f")


def _text(context: PageContext, value: str | None, lang: str | None, css: str) -> str:
    """A text of the graph as a paragraph, marked with its language when it is not the page's."""
    if not value:
        return ""
    marked = f' lang="{esc(lang)}"' if lang and lang != context.lang else ""
    return f'<p class="{css}"{marked}>{esc(value)}</p>'


def _date(value: str | None) -> str:
    return f'<time datetime="{esc(value)}">{esc(value)}</time>' if value else ""


def _notes(context: PageContext, notes: list[str]) -> str:
    """The curators' notes (what is uncertain, what a figure includes): in English only."""
    if not notes:
        return ""
    items = "".join(f'<li lang="en">{esc(note)}</li>' for note in notes)
    return section("notes", context.t("notes"), f'<ul class="notes">{items}</ul>')


async def pilot_page(state: ServiceState, context: PageContext, slug: str) -> str:
    pilot = await graph.pilot_facts(state, resource_iri("pilot", slug), context.lang)
    if pilot is None:
        await check_known(state, "pilot", slug, "slug")
        raise NotFound(f"slug: {slug!r} names no pilot", suggestions=[])
    rating = (
        context.t("rating-value", mass=amount(pilot.get("mass")), speed=amount(pilot.get("speed")))
        if pilot.get("mass") and pilot.get("speed")
        else ""
    )
    facts = definition_list(
        [
            (context.t("where"), joined(resource_link(context, city) for city in pilot["city"])),
            (context.t("public-spaces"), joined(resource_link(context, space) for space in pilot["publicSpace"])),
            (context.t("measures-deployed"), joined(resource_link(context, measure) for measure in pilot["measure"])),
            (context.t("equipment"), _text(context, pilot.get("equipment"), pilot.get("equipmentLang"), "equipment")),
            (context.t("rating"), rating),
            (context.t("rating-code"), f"<code>{esc(pilot['ratingCode'])}</code>" if pilot.get("ratingCode") else ""),
            (context.t("tested-to"), joined(resource_link(context, standard) for standard in pilot["standard"])),
            (context.t("cost"), f"{amount(pilot.get('cost'))}\u00a0€" if pilot.get("cost") else ""),
            (context.t("supplier"), joined(resource_link(context, supplier) for supplier in pilot["supplier"])),
            (context.t("run-by"), joined(resource_link(context, runner) for runner in pilot["ranBy"])),
            (context.t("start-date"), _date(pilot.get("start"))),
            (context.t("end-date"), _date(pilot.get("end"))),
            (context.t("outcome"), _text(context, pilot.get("outcome"), pilot.get("outcomeLang"), "outcome")),
            (context.t("part-of"), joined(resource_link(context, part) for part in pilot["partOf"])),
        ]
    )
    where = await graph.points(state, [pilot["iri"]])
    marks, missing = place_marks(context, [("pilot", pilot)], where)
    settings = state.settings
    lessons = "".join(f"<li>{resource_link(context, lesson)}</li>" for lesson in pilot["lesson"])
    none = f'<p class="empty">{context.t("none")}</p>'
    main = (
        f'<p class="kind">{context.t("kind-pilot")}</p>'
        + _text(context, pilot.get("comment"), pilot.get("commentLang"), "description")
        + facts
        + map_figure(context, "pilot", label_of(pilot), marks, missing, settings.map_tiles, settings.map_attribution)
        + section("lessons", context.t("lessons"), f'<ul class="lessons">{lessons}</ul>' if lessons else none)
        + sources(context, pilot["source"])
        + _notes(context, pilot["note"])
    )
    return resource_page(context, label_of(pilot), pilot.get("labelLang"), pilot["iri"], main, bool(marks))
