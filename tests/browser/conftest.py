"""A real server and headless Chromium, shared by the browser tests of a module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from ..api.server import RunningServer, serve
from .test_query_page import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with serve("--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
