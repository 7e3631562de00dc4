"""Injection attempts sent to every parameter of the REST routes."""

from __future__ import annotations

from urllib.parse import quote

import httpx

from .server import RunningServer

HOSTILE = ['"} ; DROP ALL ; #', "' } DROP", "<x> DROP", '\\" x', "a\nb", "a\x00b", "x%00y"]

#: (route, its parameters, valid values for the others)
Routes = list[tuple[str, list[str], dict[str, str]]]


def assert_hostile_value_is_refused(server: RunningServer, routes: Routes, payload: str) -> None:
    """Each parameter of each route, in turn, gets ``payload``: the answer is a 4xx with a
    message, or (free text only) a 200 that matches nothing; never a 5xx."""
    for path, parameters, valid in routes:
        for parameter in parameters:
            params = {name: value for name, value in valid.items() if name != "slug"}
            url = f"{server.url}{path}"
            if parameter == "slug":
                url = url.replace("{slug}", quote(payload, safe=""))
            else:
                url = url.replace("{slug}", valid.get("slug", ""))
                params[parameter] = payload
            response = httpx.get(url, params=params, timeout=30)
            where = f"{path} {parameter}={payload!r}"
            assert response.status_code < 500, where
            if response.status_code == 200:
                # only free text may be accepted, and it matches nothing
                assert parameter == "q", where
                assert response.json()["total"] == 0, where
            else:
                assert 400 <= response.status_code < 500, where
                assert response.json()["message"], where
