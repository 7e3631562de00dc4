"""One settings object, from CLI flags and ``PACTESUR_*`` environment variables."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def _default_root() -> Path:
    """The repository holding ``ontology/`` and ``data/``: the package's parent when it
    is run from a checkout, else the working directory."""
    if (_PACKAGE_PARENT / "ontology").is_dir():
        return _PACKAGE_PARENT
    return Path.cwd()


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.replace(",", " ").split() if item.strip())


_ENDPOINT = re.compile(r"https?://[^\s<>\"{}|^`\\]+")


def service_pairs(value: str | Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``IRI=MIRROR`` pairs (space- or comma-separated in one string, or one per item):
    SERVICE ``IRI`` is sent to ``MIRROR``. Both are http(s) IRIs; ``IRI`` holds no ``=``.

    >>> service_pairs("https://query.wikidata.org/sparql=http://127.0.0.1:7879/query")
    (('https://query.wikidata.org/sparql', 'http://127.0.0.1:7879/query'),)
    """
    items = _list(value) if isinstance(value, str) else tuple(value)
    pairs: list[tuple[str, str]] = []
    for item in items:
        source, _, mirror = item.partition("=")
        if not (_ENDPOINT.fullmatch(source) and _ENDPOINT.fullmatch(mirror)):
            raise ValueError(f"{item!r} is not IRI=MIRROR with two http(s) IRIs")
        if any(known == source for known, _ in pairs):
            raise ValueError(f"{source} is mapped twice")
        pairs.append((source, mirror))
    return tuple(pairs)


def byte_size(text: str) -> int:
    """A size in bytes written as a number, optionally with K, M, G or T (powers of 1024).

    >>> byte_size("512M"), byte_size("3g"), byte_size("1048576"), byte_size("0")
    (536870912, 3221225472, 1048576, 0)
    """
    text = text.strip()
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    factor = units.get(text[-1:].upper(), 1)
    number = text[:-1] if factor > 1 else text
    value = float(number) * factor
    if value < 0 or not number.replace(".", "", 1).isdigit():
        raise ValueError(f"not a size: {text!r}")
    return int(value)


def _physical_memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


#: environment variables and how to read them, for the settings that can come from the environment
_ENVIRONMENT: dict[str, tuple[str, object]] = {
    "PACTESUR_ROOT": ("root", Path),
    "PACTESUR_STORE": ("store", Path),
    "PACTESUR_ENDPOINT": ("endpoint", str),
    "PACTESUR_UPDATE_ENDPOINT": ("update_endpoint", str),
    "PACTESUR_GRAPH_STORE": ("graph_store", str),
    "PACTESUR_TIMEOUT": ("timeout", float),
    "PACTESUR_WORKERS": ("workers", int),
    "PACTESUR_SPIN_MS": ("spin_ms", float),
    "PACTESUR_MAX_BODY_BYTES": ("max_body_bytes", int),
    "PACTESUR_MAX_RESULT_BYTES": ("max_result_bytes", int),
    "PACTESUR_MAX_SHAPED_BYTES": ("max_shaped_bytes", int),
    "PACTESUR_MAX_CONTRIBUTION_STATEMENTS": ("max_contribution_statements", int),
    "PACTESUR_QUERY_MEMORY": ("query_memory", byte_size),
    "PACTESUR_CLIENT_REQUESTS": ("client_requests", int),
    "PACTESUR_CLIENT_SECONDS": ("client_seconds", float),
    "PACTESUR_UPDATE_TOKEN": ("update_token", str),
    "PACTESUR_FEDERATION_ALLOWLIST": ("federation_allowlist", _list),
    "PACTESUR_SERVICE_MAP": ("service_map", service_pairs),
    "PACTESUR_CORS_ORIGINS": ("cors_origins", _list),
    "PACTESUR_MAP_TILES": ("map_tiles", str),
    "PACTESUR_MAP_ATTRIBUTION": ("map_attribution", str),
    "PACTESUR_CONTRIBUTIONS": ("contributions", Path),
    "PACTESUR_ACCOUNTS": ("accounts", Path),
}


def _from_environment(variable: str) -> object | None:
    """The value of one of the settings' environment variables, converted (None if unset).

    :raises UsageError: if the value cannot be read.
    """
    name, convert = _ENVIRONMENT[variable]
    raw = os.environ.get(variable)
    if not raw:
        return None
    try:
        value: object = convert(raw)  # type: ignore[operator]
        return value
    except ValueError:
        raise UsageError(f"{variable}={raw!r} is not a valid {name}") from None


def _flag(variable: str, default: bool) -> bool:
    """A yes/no environment variable: ``0``, ``false``, ``no`` and ``off`` say no, any other
    value yes; unset or empty, the default."""
    raw = os.environ.get(variable)
    if not raw:
        return default
    return raw.strip().lower() not in {"0", "false", "no", "off"}


def debug_requested() -> bool:
    """``PACTESUR_DEBUG=1``: the CLI shows the traceback of an internal error instead of a
    one-line message. Read apart from :class:`Settings`, since building those can fail."""
    return _flag("PACTESUR_DEBUG", False)


@dataclass(frozen=True)
class Settings:
    """Where the sources are, how the graph is built and how the service behaves."""

    root: Path = field(default_factory=_default_root)
    #: run the OWL reasoner (HermiT, needs Java) during the build
    reason: bool = True
    #: on-disk store to serve (None: build the graph in memory)
    store: Path | None = None
    #: a remote SPARQL 1.1 endpoint to serve instead of the embedded store
    endpoint: str | None = None
    #: where updates go on the remote endpoint (default: derived from ``endpoint``)
    update_endpoint: str | None = None
    #: its Graph Store Protocol URL, used by ``build --endpoint`` (default: derived)
    graph_store: str | None = None
    #: seconds a query may run before it is stopped
    timeout: float = 30.0
    #: worker processes answering queries in parallel
    workers: int = 4
    #: milliseconds the server watches for the reply of a query while no other is running,
    #: before it sleeps until the reply comes (0: sleep at once; see engine.embedded._watch)
    spin_ms: float = 0.5
    #: largest request body accepted (queries, updates, contributions)
    max_body_bytes: int = 2 * 1024 * 1024
    #: largest serialised query result
    max_result_bytes: int = 64 * 1024 * 1024
    #: largest result of the queries the server runs itself to build an answer (REST routes,
    #: linked-data pages, a validation's context): the server holds it as objects, several
    #: times its size, so it is kept well below ``max_result_bytes``
    max_shaped_bytes: int = 16 * 1024 * 1024
    #: most statements one contribution sent to ``/validate`` may have
    max_contribution_statements: int = 20_000
    #: memory a query (or a validation) may take beyond what its process holds when it starts,
    #: enforced by the operating system (0: no limit; None: half the physical memory shared
    #: among the workers, see :attr:`query_memory_budget`)
    query_memory: int | None = None
    #: requests one client (address) may have running at once (None: one less than the
    #: workers, at least one), and seconds of work per minute (None: half of what the workers
    #: can do in a minute); loopback is exempt unless ``fair_share_loopback``
    client_requests: int | None = None
    client_seconds: float | None = None
    fair_share_loopback: bool = False
    #: accept SPARQL Update and Graph Store writes (with the token)
    allow_updates: bool = False
    update_token: str | None = None
    #: SPARQL endpoints that SERVICE (and LOAD) may reach
    federation_allowlist: tuple[str, ...] = ()
    #: SERVICE endpoints sent to a mirror instead, as (IRI in the query, mirror) pairs;
    #: the allowlist applies to the mirror
    service_map: tuple[tuple[str, str], ...] = ()
    cors_origins: tuple[str, ...] = ("*",)
    #: an XYZ tile URL template (``https://…/{z}/{x}/{y}.png``) for the maps of the place pages;
    #: None: no tiles, nothing fetched from another host
    map_tiles: str | None = None
    #: the attribution the tile provider asks for, shown on the map (HTML)
    map_attribution: str = ""
    #: the folder of the contribution workflow's queue (None: the workflow is off)
    contributions: Path | None = None
    #: the accounts file (default: ``accounts.json`` in the contributions folder)
    accounts: Path | None = None

    @classmethod
    def from_env(cls, *, checked: bool = True, **overrides: object) -> Settings:
        """Settings from the ``PACTESUR_*`` environment variables (``PACTESUR_REASON=0``
        turns reasoning off), then the given overrides (``None`` values are ignored), then
        :meth:`check`ed unless ``checked`` is false (a command that only opens a store
        needs no checkout).

        :raises UsageError: for an unreadable variable or settings that cannot work together.
        """
        values: dict[str, object] = {}
        for variable, (name, _) in _ENVIRONMENT.items():
            if (value := _from_environment(variable)) is not None:
                values[name] = value
        values["reason"] = _flag("PACTESUR_REASON", True)
        values["fair_share_loopback"] = _flag("PACTESUR_FAIR_SHARE_LOOPBACK", False)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        if checked:
            settings.check()
        return settings

    def remote_urls(self) -> tuple[str, str, str]:
        """Query, update and Graph Store URLs of the remote endpoint. For an Oxigraph-style
        ``…/query`` endpoint, the others default to ``…/update`` and ``…/store``."""
        assert self.endpoint is not None
        base = self.endpoint[: -len("/query")] if self.endpoint.endswith("/query") else None
        update = self.update_endpoint or (f"{base}/update" if base else self.endpoint)
        store = self.graph_store or (f"{base}/store" if base else self.endpoint)
        return self.endpoint, update, store

    def check(self) -> None:
        if self.endpoint is not None and self.store is not None:
            raise UsageError("serve either an on-disk store (--store) or a remote endpoint (--endpoint), not both")
        if self.allow_updates and not self.update_token:
            raise UsageError("updates need a token: set PACTESUR_UPDATE_TOKEN (clients send it as a Bearer token)")
        try:
            service_pairs(f"{source}={mirror}" for source, mirror in self.service_map)
        except ValueError as error:
            raise UsageError(f"service map: {error}") from None
        if self.map_tiles is not None and not (
            self.map_tiles.startswith(("https://", "http://", "/")) and all(f"{{{k}}}" in self.map_tiles for k in "zxy")
        ):
            raise UsageError(
                f"PACTESUR_MAP_TILES={self.map_tiles!r} is not an XYZ tile URL template like https://…/{{z}}/{{x}}/{{y}}.png"
            )
        if self.timeout <= 0 or self.workers < 1:
            raise UsageError("the timeout must be positive and there must be at least one worker")
        if (self.client_requests is not None and self.client_requests < 1) or (
            self.client_seconds is not None and self.client_seconds <= 0
        ):
            raise UsageError("PACTESUR_CLIENT_REQUESTS must be at least 1 and PACTESUR_CLIENT_SECONDS positive")
        if not 0 <= self.spin_ms <= 10:
            raise UsageError(f"PACTESUR_SPIN_MS={self.spin_ms:g} is out of range: give 0 (off) to 10 milliseconds")
        missing = [name for name in ("ontology", "data") if not (self.root / name).is_dir()]
        if missing:
            raise UsageError(
                f"{self.root} is not a pactesur-kg checkout: no {' or '.join(missing)}/ folder; "
                "run from the repository or set PACTESUR_ROOT"
            )

    @property
    def query_memory_budget(self) -> int:
        """The memory budget of one query in bytes (0: none): ``query_memory``, by default
        half the physical memory divided by the workers, so that the server, the other
        workers and the rest of the machine keep the other half."""
        if self.query_memory is not None:
            return self.query_memory
        return _physical_memory() // 2 // self.workers

    @property
    def client_share(self) -> tuple[int, float]:
        """(requests at once, seconds of work per minute) that one client may take."""
        at_once = self.client_requests if self.client_requests is not None else max(1, self.workers - 1)
        seconds = self.client_seconds if self.client_seconds is not None else 60.0 * self.workers / 2
        return at_once, seconds

    @property
    def service_mirrors(self) -> dict[str, str]:
        """The service map as a dictionary: SERVICE IRI to mirror."""
        return dict(self.service_map)

    @property
    def accounts_file(self) -> Path | None:
        """Where the accounts are kept: ``accounts``, else ``accounts.json`` in the
        contributions folder (None when neither is set)."""
        if self.accounts is not None:
            return self.accounts
        return self.contributions / "accounts.json" if self.contributions is not None else None

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def checks_dir(self) -> Path:
        return self.queries_dir / "checks"

    @property
    def inference_dir(self) -> Path:
        return self.queries_dir / "inference"

    @property
    def data_shapes_dir(self) -> Path:
        return self.root / "shapes" / "data"

    @property
    def ontology_shapes_dir(self) -> Path:
        return self.root / "shapes" / "ontology"
