"""Time the page of a threat beside the REST route it answers from, and its first paint.

    python bench/pages.py [--store S] [--reps 9] [--threat vehicle-as-weapon --threat crowd-crush]

Serves the curated graph (or the on-disk store ``--store``) with ``pactesur-kg serve
--workers 2`` and, for each threat:

- the server's time to the HTML of ``/threats/{slug}`` on its first request in each language
  (the page is built: the threat, the recommendations with one details query per measure, the
  points of the map) and then ``--reps`` times (the page is kept until the graph changes);
- ``/api/recommendations?threat={slug}&limit=200`` (the same measures), ``--reps`` times;
- the first contentful paint of the page in headless Chromium (and, to compare, of the
  linked-data page of the first threat, a page with one small inline stylesheet) (Debian's, at /usr/bin/chromium),
  each time in a new browser context (nothing cached), ``--reps`` times, read from the
  browser's own ``performance`` entries.

Prints medians as a Markdown table. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
HTML = {"accept": "text/html"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def timed(client: httpx.Client, path: str, headers: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    response = client.get(path, headers=headers or {})
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    return elapsed


def first_paints(url: str, reps: int) -> list[float]:
    """The first contentful paint of ``url`` in milliseconds, each in a fresh context."""
    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            for _ in range(reps):
                context = browser.new_context()
                page = context.new_page()
                page.goto(url, wait_until="load")
                # the entry may come after "load": wait for it (buffered: those already there too)
                paint = page.evaluate(
                    """() => new Promise((resolve) => {
                      new PerformanceObserver((list) => {
                        const entry = list.getEntries().find((e) => e.name === "first-contentful-paint");
                        if (entry) resolve(entry.startTime);
                      }).observe({ type: "paint", buffered: true });
                    })"""
                )
                found.append(float(paint))
                context.close()
        finally:
            browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="an on-disk store (default: build the curated graph in memory)")
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--threat", action="append", help="threat slugs (default: vehicle-as-weapon, crowd-crush)")
    options = parser.parse_args()
    threats = options.threat or ["vehicle-as-weapon", "crowd-crush"]
    port = free_port()
    command = [sys.executable, "-m", "pactesur_kg", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "2", *(["--store", str(options.store)] if options.store else [])]
    server = subprocess.Popen(
        command, env={**os.environ, "PACTESUR_ROOT": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if client.get("/sparql", params={"query": "ASK {}"}).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not answer in time")
                time.sleep(0.2)
            print(f"load average: {os.getloadavg()[0]:.2f}\n")
            baseline = first_paints(f"{url}/concept/threat/{threats[0]}", options.reps)
            bare = statistics.median(baseline)
            print(f"first contentful paint of the linked-data page of {threats[0]}: {bare:.0f} ms\n")
            columns = ["page, first request (built), median of en/fr/it", "page, kept", "REST route"]
            print(f"| threat | {' | '.join(columns)} | first contentful paint |")
            print("|---|---:|---:|---:|---:|")
            for threat in threats:
                page = f"/threats/{threat}"
                built = [timed(client, f"{page}?lang={lang}", HTML) for lang in ("en", "fr", "it")]
                kept = [timed(client, f"{page}?lang=en", HTML) for _ in range(options.reps)]
                rest = [
                    timed(client, f"/api/recommendations?threat={threat}&limit=200&lang=en")
                    for _ in range(options.reps)
                ]
                paints = first_paints(f"{url}{page}?lang=en", options.reps)
                print(
                    f"| {threat} | {statistics.median(built):.1f} ms | {statistics.median(kept):.1f} ms"
                    f" | {statistics.median(rest):.1f} ms | {statistics.median(paints):.0f} ms |"
                )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
