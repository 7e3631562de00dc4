"""The figures of the pages: a map of points (drawn by Leaflet from /static, over the offline
basemap of country borders and coastlines, the configured tiles if any) and a timeline (an SVG
drawn here, so that it needs no script).

>>> svg = timeline(PageContext("en", "/", {}), "t", "incidents",
...     [Dated("2016-07-14", "Nice truck attack", "incident"), Dated("2017-06-03", "Turin", "incident")])
>>> svg.count("<circle"), "2016" in svg, "2017" in svg
(2, True, True)
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

from ..page import script_json
from .frame import PageContext

#: what a page with a map adds to the end of its body: the maps' stylesheets there too, so that
#: they do not hold back the first paint of the text above
MAP_HEAD = (
    '<link rel="stylesheet" href="/static/leaflet/leaflet.css">\n'
    '<link rel="stylesheet" href="/static/leaflet.markercluster/MarkerCluster.css">\n'
    '<link rel="stylesheet" href="/static/leaflet.markercluster/MarkerCluster.Default.css">\n'
)
MAP_SCRIPTS = (
    '<script src="/static/leaflet/leaflet.js" defer></script>\n'
    '<script src="/static/leaflet.markercluster/leaflet.markercluster.js" defer></script>\n'
    '<script src="/static/topojson-client/topojson-client.min.js" defer></script>\n'
    '<script src="/static/pactesur-map.js" defer></script>\n'
)


@dataclass(frozen=True)
class Point:
    """A marker: where, what (plain text), the page it links to, and its kind (``pilot``,
    ``incident``, ``city``, ``event``), which gives its colour and its entry in the legend."""

    latitude: float
    longitude: float
    label: str
    href: str
    kind: str


def map_figure(
    context: PageContext,
    name: str,
    what: str,
    points: list[Point],
    missing: list[str],
    tiles: str | None,
    attribution: str,
) -> str:
    """A map of ``points`` (``name`` makes its id), titled "map of ``what``", with a legend of
    the kinds shown and the names of what could not be placed; nothing when nothing can be."""
    if not points:
        return ""
    data = [
        {"lat": point.latitude, "lon": point.longitude, "label": point.label, "href": point.href, "kind": point.kind}
        for point in points
    ]
    attributes = {"tiles": tiles, "attribution": attribution} if tiles else {}
    extra = "".join(f' data-{key}="{html.escape(value)}"' for key, value in attributes.items())
    kinds = list(dict.fromkeys(point.kind for point in points))
    legend = "".join(
        f'<li><span class="pin pin-{kind}" aria-hidden="true"></span> {context.t(f"map-legend-{kind}")}</li>'
        for kind in kinds
    )
    absent = f'<p class="map-missing">{context.t("map-missing", names=", ".join(missing))}</p>' if missing else ""
    label = context.t("map-label", what=what)
    return f"""<figure class="map-figure">
<div class="pactesur-map" id="map-{name}" role="region" aria-label="{label}"{extra}></div>
<script type="application/json" id="map-{name}-points">{script_json(data)}</script>
<figcaption><ul class="legend">{legend}</ul>{absent}</figcaption>
</figure>
"""


@dataclass(frozen=True)
class Dated:
    """A thing on a timeline: its date (``YYYY-MM-DD``, or a year or a month), its label and
    its kind (``incident``, ``event``)."""

    date: str
    label: str
    kind: str


def _day(date: str) -> datetime.date | None:
    parts = date[:10].split("-")
    try:
        numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
        return datetime.date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


_WIDTH = 880
_MARGIN = 16
_LANE = 18
_CHAR = 6.2  # the width of a character of the labels, at their size, near enough
_LABEL_CHARS = 42


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1].rstrip() + "…"


def timeline(context: PageContext, name: str, what: str, items: list[Dated]) -> str:
    """The SVG timeline of ``items`` with a date: a dot and a label for each, in lanes so that
    labels do not overlap, over an axis of years. Nothing when no item has a date."""
    dated = sorted(((day, item) for item in items if (day := _day(item.date)) is not None), key=lambda pair: pair[0])
    if not dated:
        return ""
    first = datetime.date(dated[0][0].year, 1, 1)
    last = datetime.date(dated[-1][0].year + 1, 1, 1)
    span = (last - first).days
    usable = _WIDTH - 2 * _MARGIN

    def x(day: datetime.date) -> float:
        return _MARGIN + usable * (day - first).days / span

    lanes: list[float] = []  # where each lane is free again
    placed: list[tuple[float, int, str, Dated]] = []
    for day, item in dated:
        at = x(day)
        width = len(_short(item.label)) * _CHAR + 10
        # a label that would run past the right edge goes to the left of its dot
        anchor = "end" if at + width > _WIDTH else "start"
        start = at - width if anchor == "end" else at - 5
        lane = next((number for number, free in enumerate(lanes) if free <= start), None)
        if lane is None:
            lanes.append(float("-inf"))
            lane = len(lanes) - 1
        lanes[lane] = at + 5 if anchor == "end" else at + width
        placed.append((at, lane, anchor, item))
    axis = 22 + len(lanes) * _LANE
    height = axis + 26
    marks = []
    for at, lane, anchor, item in placed:
        y = 16 + lane * _LANE
        text_x = at - 7 if anchor == "end" else at + 7
        marks.append(
            f'<g class="mark mark-{html.escape(item.kind)}">'
            f"<title>{html.escape(item.date)}: {html.escape(item.label)}</title>"
            f'<line x1="{at:.1f}" y1="{y:.1f}" x2="{at:.1f}" y2="{axis}"/>'
            f'<circle cx="{at:.1f}" cy="{y:.1f}" r="4.5"/>'
            f'<text x="{text_x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
            f"{html.escape(_short(item.label))}</text></g>"
        )
    years = []
    for year in range(first.year, last.year + 1):
        at = x(datetime.date(year, 1, 1))
        years.append(f'<line x1="{at:.1f}" y1="{axis}" x2="{at:.1f}" y2="{axis + 5}"/>')
        if year < last.year:
            middle = x(datetime.date(year, 7, 1))
            years.append(f'<text x="{middle:.1f}" y="{axis + 18}" text-anchor="middle">{year}</text>')
    title = context.t("timeline-label", what=what)
    return f"""<figure class="timeline-figure">
<svg class="timeline" id="timeline-{name}" viewBox="0 0 {_WIDTH} {height}" role="img"
 aria-labelledby="timeline-{name}-title">
<title id="timeline-{name}-title">{title}</title>
<g class="axis"><line x1="{_MARGIN}" y1="{axis}" x2="{_WIDTH - _MARGIN}" y2="{axis}"/>{"".join(years)}</g>
{"".join(marks)}
</svg>
</figure>
"""
