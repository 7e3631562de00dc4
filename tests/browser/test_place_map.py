"""The map of a place on its linked-data page, in headless Chromium: a marker at the place's
point, and tiles only from the tile server the settings name."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

import pactesur_kg.api

from ..api.server import RunningServer, serve
from ..api.test_linked_data import city_point
from .test_query_page import PageLog, needs_chromium, watched_page

pytestmark = needs_chromium

#: any small PNG will do as a tile
TILE = (Path(pactesur_kg.api.__file__).parent / "static" / "leaflet" / "images" / "marker-shadow.png").read_bytes()


class TileServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), TileHandler)
        self.paths: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class TileHandler(BaseHTTPRequestHandler):
    server: TileServer

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("content-type", "image/png")
        self.send_header("content-length", str(len(TILE)))
        self.end_headers()
        self.wfile.write(TILE)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def tile_server() -> Iterator[TileServer]:
    tiles = TileServer()
    thread = threading.Thread(target=tiles.serve_forever, daemon=True)
    thread.start()
    try:
        yield tiles
    finally:
        tiles.shutdown()
        tiles.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def tiled_server(tile_server: TileServer) -> Iterator[RunningServer]:
    env = {
        "PACTESUR_MAP_TILES": f"{tile_server.url}/tiles/{{z}}/{{x}}/{{y}}.png",
        "PACTESUR_MAP_ATTRIBUTION": "Test tiles &copy; nobody",
    }
    with serve("--workers", "1", env=env) as running:
        yield running


@dataclass
class DrawnMap:
    point: tuple[float, float]
    """the marker's latitude and longitude"""
    tiles: int
    attribution: str


def draw_map(browser: Browser, url: str, log: PageLog) -> DrawnMap:
    """Open ``url`` and wait for its map: the marker, the tiles and the attribution shown."""
    with watched_page(browser, log) as page:
        page.goto(url, wait_until="networkidle")
        expect(page.locator("#map.leaflet-container")).to_be_visible()
        expect(page.locator("#map .leaflet-marker-icon")).to_be_visible()
        expect(page.locator("#map .leaflet-control-scale-line")).to_be_visible()
        point = page.evaluate("(() => { const p = window.pactesurMap.marker.getLatLng(); return [p.lat, p.lng]; })()")
        # the marker is drawn in the middle of the map, where the map is centred
        box = page.locator("#map").bounding_box()
        icon = page.locator("#map .leaflet-marker-icon").bounding_box()
        assert box is not None
        assert icon is not None
        assert abs(icon["x"] + icon["width"] / 2 - (box["x"] + box["width"] / 2)) <= 2
        assert abs(icon["y"] + icon["height"] - (box["y"] + box["height"] / 2)) <= 2  # the pin's tip
        drawn = DrawnMap(
            (float(point[0]), float(point[1])),
            page.locator("#map img.leaflet-tile").count(),
            page.locator("#map .leaflet-control-attribution").inner_text(),
        )
    return drawn


def test_place_map_shows_a_marker_at_the_place_and_asks_no_other_host(server: RunningServer, browser: Browser) -> None:
    log = PageLog()
    drawn = draw_map(browser, f"{server.url}/resource/city/nice", log)
    assert drawn.point == city_point(server, "nice")
    assert drawn.tiles == 0
    assert log.failed == []
    assert log.errors == []
    assert any(url.endswith("/static/leaflet/images/marker-icon.png") for url in log.requests)
    assert all(url.startswith(server.url) for url in log.requests), log.requests


def test_place_map_draws_the_configured_tiles_with_their_attribution(
    tiled_server: RunningServer, tile_server: TileServer, browser: Browser
) -> None:
    log = PageLog()
    drawn = draw_map(browser, f"{tiled_server.url}/resource/city/liege", log)
    assert drawn.point == city_point(tiled_server, "liege")
    assert drawn.tiles > 0
    assert "Test tiles © nobody" in drawn.attribution
    assert tile_server.paths
    assert all(path.startswith("/tiles/12/") and path.endswith(".png") for path in tile_server.paths)
    assert log.failed == []
    assert log.errors == []
    assert all(url.startswith((tiled_server.url, tile_server.url)) for url in log.requests), log.requests
