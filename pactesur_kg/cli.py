"""The ``pactesur-kg`` command line: a thin layer over the library.

Exit codes: 0 ok, 1 data or validation error, 2 usage error (bad option, unreadable
input, malformed query). Every command reports its errors through :func:`reports_errors`.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
from collections.abc import Callable, Coroutine
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .build import BuildReport, build
from .contributions.accounts import Account, Accounts
from .contributions.local import LocalGraph
from .contributions.queue import STATUSES, Queue, Submission
from .contributions.workflow import Workflow
from .engine.inprocess import InProcessEngine
from .engine.reader import Reader
from .errors import CheckFailed, FederationRefused, PactesurError, QueryFailed, ShapeViolations, UsageError
from .export import ExportFormat
from .results import OutputFormat, default_format, is_graph_result, rows_for_table, serialize
from .settings import Settings, byte_size, debug_requested, service_pairs
from .sparql.guard import federated
from .sparql.queryfiles import QueryFiles
from .stats import instances_per_class
from .store import Store
from .validate import Checks, ContributionFile, validate_contribution

app = typer.Typer(
    name="pactesur-kg",
    help="Build, check and query the PACTESUR knowledge graph of public-space security.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.11
    typer.Option(
        "--store", help="On-disk store (a folder). Without it, the graph is built in memory.", show_default=False
    ),
]


def _report(error: PactesurError) -> int:
    """Print what went wrong (where, why, how to fix it) on stderr; the exit code."""
    if isinstance(error, CheckFailed):
        err.print(f"[bold red]error:[/] {error}", highlight=False)
        for violation in error.violations:
            err.print(f"  {violation}", highlight=False, markup=False)
    elif isinstance(error, ShapeViolations):
        err.print(f"[bold red]error:[/] {error}", highlight=False)
        err.print(error.details, highlight=False, markup=False, end="")
    else:
        err.print("[bold red]error:[/] ", end="", highlight=False)
        err.print(str(error), highlight=False, markup=False)
    return error.exit_code


_Params = ParamSpec("_Params")

#: what typer raises on purpose (exit, abort, bad usage) and a closed pipe: typer's to report
_TYPER_EXITS = (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError)


def reports_errors(command: Callable[_Params, None]) -> Callable[_Params, None]:
    """The one error mapping of the CLI, for every command: a :class:`PactesurError` is
    printed (see :func:`_report`) and exits with its ``exit_code``; any other exception is a
    one-line internal error, exit 1, without a traceback unless ``PACTESUR_DEBUG=1``."""

    @functools.wraps(command)
    def reporting(*args: _Params.args, **kwargs: _Params.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except PactesurError as error:
            raise SystemExit(_report(error)) from None
        except _TYPER_EXITS:
            raise
        except Exception as error:
            if debug_requested():
                raise
            what = str(error).strip().splitlines()
            err.print(
                f"internal error: {type(error).__name__}{': ' + what[0] if what else ''} "
                "(PACTESUR_DEBUG=1 shows the traceback)",
                highlight=False,
                markup=False,
            )
            raise SystemExit(1) from None

    return reporting


_Read = TypeVar("_Read")

FederateOption = Annotated[
    list[str] | None,
    typer.Option("--federate", help="A SPARQL endpoint SERVICE may reach (repeatable).", show_default=False),
]
ServiceMapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--service-map",
        metavar="IRI=MIRROR",
        help="Send SERVICE <IRI> to MIRROR instead (repeatable); MIRROR must be allowed with --federate.",
        show_default=False,
    ),
]


ContributionsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.11
    typer.Option(
        "--contributions",
        help="The contribution workflow's folder (default: PACTESUR_CONTRIBUTIONS).",
        show_default=False,
    ),
]
AccountsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.11
    typer.Option(
        "--accounts",
        help="The accounts file (default: PACTESUR_ACCOUNTS, else accounts.json in the contributions folder).",
        show_default=False,
    ),
]


def _federation(
    federate: list[str] | None, service_map: list[str] | None
) -> tuple[tuple[str, ...] | None, tuple[tuple[str, str], ...] | None]:
    """The allowlist and service map --federate and --service-map give (None where not given:
    the environment's PACTESUR_FEDERATION_ALLOWLIST and PACTESUR_SERVICE_MAP then apply)."""
    try:
        mirrors = service_pairs(service_map) if service_map else None
    except ValueError as error:
        raise UsageError(f"--service-map: {error}") from None
    return tuple(federate) if federate else None, mirrors


def _federated(text: str, settings: Settings) -> str:
    """The query as it may run: SERVICE mapped and every SERVICE/LOAD target checked against
    the allowlist of the settings, as the server does."""
    try:
        return federated(text, settings.federation_allowlist, settings.service_mirrors)
    except FederationRefused as error:
        raise FederationRefused(f"{error}; allow it with --federate URL") from None


def _open_or_build(store_path: Path | None, settings: Settings | None = None) -> Store:
    """The store to read: the on-disk one, or a fresh in-memory build of the sources
    (without the reasoner) with the settings, by default the environment's."""
    if store_path is not None:
        return Store.open(store_path)
    settings = replace(settings or Settings.from_env(checked=False), reason=False)
    settings.check()
    store, _ = build(settings)
    return store


def _size(option: str, text: str | None) -> int | None:
    """A size option such as ``2G`` in bytes (None when not given)."""
    if text is None:
        return None
    try:
        return byte_size(text)
    except ValueError:
        raise UsageError(f"{option} {text!r}: give a size such as 2G, 512M or 0 (no limit)") from None


_T = TypeVar("_T")


def _read(graph: Store, ask: Callable[[Reader, QueryFiles], Coroutine[Any, Any, _T]]) -> _T:
    """What ``ask`` reads from ``graph`` through the library's one read interface, in this
    process (the command line waits for as long as a query takes)."""
    queries = QueryFiles(Settings.from_env(checked=False).queries_dir)
    return asyncio.run(ask(Reader(InProcessEngine(graph)), queries))


def _print_counts(report: BuildReport) -> None:
    table = Table(title="Triples per named graph", title_justify="left")
    table.add_column("graph")
    table.add_column("triples", justify="right")
    for graph, count in report.triples_per_graph.items():
        table.add_row(graph, str(count))
    table.add_row("[bold]total[/]", f"[bold]{report.total_triples}[/]")
    out.print(table)


@app.command("build")
@reports_errors
def build_command(
    store: StoreOption = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="Also load the built graph into this SPARQL endpoint (Graph Store Protocol, one PUT per graph).",
            show_default=False,
        ),
    ] = None,
    graph_store: Annotated[
        str | None,
        typer.Option(
            "--graph-store",
            help="The endpoint's Graph Store URL, if not derived from --endpoint (Virtuoso: "
            "http://USER:PASSWORD@HOST:8890/sparql-graph-crud-auth; or set PACTESUR_GRAPH_STORE).",
            show_default=False,
        ),
    ] = None,
    no_reason: Annotated[
        bool, typer.Option("--no-reason", help="Skip the OWL consistency check (HermiT, needs Java).")
    ] = False,
) -> None:
    """Build the graph from ontology/ and data/: parse, infer, check, reason; print counts.

    With --store, the store at PATH is replaced only when the whole build succeeded.
    """
    settings = Settings.from_env(reason=False if no_reason else None, endpoint=endpoint, graph_store=graph_store)
    published = 0
    with err.status("building") as status:
        built, report = build(settings, target=store, progress=lambda step: status.update(f"building: {step}"))
        if settings.endpoint is not None:
            from .publish import publish

            _, _, store_url = settings.remote_urls()
            published = publish(built, store_url, progress=status.update)
    _print_counts(report)
    inference = report.inference
    err.print(
        f"{report.sources} source files, {inference.added if inference else 0} inferred statements, "
        f"{report.checks_run} checks passed, "
        f"{'shapes conform' if report.shapes_checked else 'no shapes'}, "
        f"{'consistent (HermiT)' if report.reasoned else 'reasoning skipped'}"
        + (f", store written to {store}" if store else "")
        + (f", {published} graphs loaded into {settings.endpoint}" if settings.endpoint else ""),
        highlight=False,
    )


@app.command("query")
@reports_errors
def query_command(
    query: Annotated[Optional[str], typer.Argument(help="SPARQL query text.", show_default=False)] = None,  # noqa: UP045
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from this file.", show_default=False)
    ] = None,
    store: StoreOption = None,
    output: Annotated[
        Optional[OutputFormat],  # noqa: UP045
        typer.Option(
            "--format",
            help="Output format (default: table for SELECT/ASK, turtle for CONSTRUCT/DESCRIBE).",
            show_default=False,
        ),
    ] = None,
    federate: FederateOption = None,
    service_map: ServiceMapOption = None,
) -> None:
    """Run a SPARQL query (QUERY or -f FILE) over the graph; prefixes pac:, city:, threat:, … are predeclared.

    SERVICE and LOAD may only reach the endpoints allowed with --federate (or
    PACTESUR_FEDERATION_ALLOWLIST), as on the server.
    """
    text = _query_text(query, file)
    allowlist, mirrors = _federation(federate, service_map)
    settings = Settings.from_env(checked=False, federation_allowlist=allowlist, service_map=mirrors)
    text = _federated(text, settings)  # refused before anything is built
    result = _open_or_build(store, settings).query(text)
    chosen = output or default_format(result)
    if chosen is OutputFormat.table:
        if is_graph_result(result):
            raise UsageError("--format table is for SELECT/ASK results; use turtle, ntriples or jsonld")
        header, rows = _evaluated(lambda: rows_for_table(result))
        table = Table(*header)
        for row in rows:
            table.add_row(*row)
        out.print(table)
        err.print(f"{len(rows)} row(s)", highlight=False)
    else:
        sys.stdout.buffer.write(_evaluated(lambda: serialize(result, chosen)))
        sys.stdout.flush()


def _evaluated(read: Callable[[], _Read]) -> _Read:
    """Read a query's results: pyoxigraph evaluates as the solutions are read, so a failing
    SERVICE call, say, shows here rather than when the query was started."""
    try:
        return read()
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryFailed(f"query evaluation failed: {error}") from None


def _query_text(query: str | None, file: Path | None) -> str:
    if (query is None) == (file is None):
        raise UsageError("give the query either as an argument or with -f FILE (exactly one)")
    if file is not None:
        if not file.is_file():
            raise UsageError(f"{file}: no such query file")
        return file.read_text(encoding="utf-8")
    assert query is not None
    return query


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    turtle = "turtle"


@app.command("validate")
@reports_errors
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(help="Contributed RDF files: .ttl, .nt, .jsonld, .rdf.", show_default=False)
    ],
    output: Annotated[
        ReportFormat, typer.Option("--format", help="text (grouped by node), json, or turtle (sh:ValidationReport).")
    ] = ReportFormat.text,
    store: StoreOption = None,
    language: Annotated[str, typer.Option("--lang", help="Language of the messages: en or fr.")] = "en",
) -> None:
    """Validate a contribution against the ontology and the shapes, without changing the store.

    Exit 0: conforms (warnings allowed); 1: violations; 2: unreadable input.
    """
    settings = Settings.from_env(reason=False)
    contribution = [ContributionFile.read(path) for path in files]
    graph_store = _open_or_build(store, settings)
    checks = Checks.load(settings.data_shapes_dir, settings.inference_dir, settings.checks_dir)
    report = _read(graph_store, lambda reader, queries: validate_contribution(contribution, reader, queries, checks))
    if output is ReportFormat.json:
        sys.stdout.write(json.dumps(report.to_json(language), indent=2, ensure_ascii=False) + "\n")
    elif output is ReportFormat.turtle:
        sys.stdout.buffer.write(report.to_turtle())
    else:
        sys.stdout.write(report.to_text(language))
    sys.stdout.flush()
    if not report.conforms:
        raise typer.Exit(1)


@app.command("load")
@reports_errors
def load_command(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .nt, .nq, .ttl, .trig.", show_default=False)],
    store: Annotated[Path, typer.Option("--store", help="On-disk store to load into (created if missing).")],
    graph: Annotated[
        str | None, typer.Option(help="Named graph for triples (default: one per file).", show_default=False)
    ] = None,
) -> None:
    """Bulk-load RDF files into an on-disk store, e.g. a generated data set for benchmarks.

    A file with a syntax error is reported with file:line:column and nothing of it is loaded.
    """
    from .load import load_files

    with err.status("loading") as status:
        count = load_files(files, store, graph, progress=status.update)
    err.print(f"{count} quads loaded into {store}", highlight=False)


@app.command("serve")
@reports_errors
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    store: StoreOption = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="Serve a remote SPARQL 1.1 endpoint (with the union as default graph) instead of the embedded store.",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds a query may run (default 30).", show_default=False)
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Query worker processes (default 4).", show_default=False)] = None,
    query_memory: Annotated[
        str | None,
        typer.Option(
            "--query-memory",
            help="Memory one query or validation may take, e.g. 2G or 512M; 0: no limit "
            "(default: half the physical memory shared among the workers).",
            show_default=False,
        ),
    ] = None,
    allow_updates: Annotated[
        bool,
        typer.Option(
            "--allow-updates",
            help="Accept SPARQL Update and Graph Store writes from clients holding PACTESUR_UPDATE_TOKEN.",
        ),
    ] = False,
    federate: FederateOption = None,
    service_map: ServiceMapOption = None,
    contributions: ContributionsOption = None,
    accounts: AccountsOption = None,
    load: Annotated[
        list[Path] | None,
        typer.Option(
            "--load",
            help="Also load this RDF file (.nt, .nq, .ttl, .trig) into the in-memory graph, in a graph named after "
            "the file (repeatable; not with --store or --endpoint).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the SPARQL endpoint, the query page, VoID, Graph Store reads and /validate.

    Without --store, the graph is built in memory from the sources first (plus the --load files).
    """
    import uvicorn

    from . import allocator
    from .api import create_app

    allowlist, mirrors = _federation(federate, service_map)
    settings = Settings.from_env(
        store=store,
        endpoint=endpoint,
        timeout=timeout,
        workers=workers,
        query_memory=_size("--query-memory", query_memory),
        allow_updates=allow_updates or None,
        federation_allowlist=allowlist,
        service_map=mirrors,
        contributions=contributions,
        accounts=accounts,
    )
    with err.status("loading the graph") as status:
        served = _in_memory_with(settings, load, status.update) if load else None
        application = create_app(settings, store=served)
    err.print(f"serving http://{host}:{port}/sparql (allocator: {allocator.active()})", highlight=False)
    # access_log=False: at this log level the access lines are never shown, yet uvicorn
    # would still format one for every request
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)


def _in_memory_with(settings: Settings, files: list[Path], progress: Callable[[str], None]) -> Store:
    """The graph built in memory from the sources, with the files loaded into it."""
    from .load import check_files, load_into

    if settings.store is not None or settings.endpoint is not None:
        raise UsageError("--load adds files to the in-memory graph: it cannot be used with --store or --endpoint")
    check_files(files)
    store, _ = build(replace(settings, reason=False), progress=progress)
    load_into(store, files, progress=progress)
    return store


def _accounts(contributions: Path | None, accounts: Path | None) -> Accounts:
    settings = Settings.from_env(checked=False, contributions=contributions, accounts=accounts)
    if settings.accounts_file is None:
        raise UsageError(
            "say where the accounts are: --accounts FILE or --contributions DIR (or PACTESUR_CONTRIBUTIONS)"
        )
    return Accounts(settings.accounts_file)


accounts_app = typer.Typer(
    help="Accounts of the contribution workflow (contributors and curators).", no_args_is_help=True
)
app.add_typer(accounts_app, name="accounts")


class Role(StrEnum):
    contributor = "contributor"
    curator = "curator"


@accounts_app.command("add")
@reports_errors
def accounts_add_command(
    name: Annotated[str, typer.Argument(help="The account's name, e.g. 'City of Liège'.", show_default=False)],
    role: Annotated[Role, typer.Option("--role", help="contributor (submits) or curator (reviews).")],
    contributions: ContributionsOption = None,
    accounts: AccountsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the account and its token as JSON.")] = False,
) -> None:
    """Add an account and print its bearer token, once: only a salted hash of it is kept."""
    account, token = _accounts(contributions, accounts).add(name, role.value)
    if as_json:
        print(json.dumps({**account.public(), "token": token}, ensure_ascii=False))
        return
    err.print(f"added {account.role} {account.name!r}; its token (shown only now, keep it secret):", highlight=False)
    print(token)


@accounts_app.command("list")
@reports_errors
def accounts_list_command(
    contributions: ContributionsOption = None,
    accounts: AccountsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The accounts: names and roles, never tokens."""
    found = [a.public() for a in sorted(_accounts(contributions, accounts).all().values(), key=lambda a: a.name)]
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    table = Table("name", "role", "created")
    for account in found:
        table.add_row(account["name"], account["role"], account["created"])
    out.print(table)


@accounts_app.command("remove")
@reports_errors
def accounts_remove_command(
    name: Annotated[str, typer.Argument(help="The account's name.", show_default=False)],
    contributions: ContributionsOption = None,
    accounts: AccountsOption = None,
) -> None:
    """Remove an account: its token stops working at once, in a running server too."""
    removed = _accounts(contributions, accounts).remove(name)
    err.print(f"removed {removed.role} {removed.name!r}", highlight=False)


contributions_app = typer.Typer(
    help="Review contributions from a shell (the same folder as the server's --contributions).", no_args_is_help=True
)
app.add_typer(contributions_app, name="contributions")


def _workflow(contributions: Path | None, accounts: Path | None, store: Path | None) -> Workflow:
    settings = Settings.from_env(checked=False, contributions=contributions, accounts=accounts)
    if settings.contributions is None:
        raise UsageError("say where the contributions are: --contributions DIR (or PACTESUR_CONTRIBUTIONS)")
    graph = Store.open(store, read_only=False) if store is not None else _open_or_build(None, settings)
    assert settings.accounts_file is not None
    return Workflow(
        settings.contributions, Accounts(settings.accounts_file), settings.root, LocalGraph(graph, settings)
    )


def _curator(workflow: Workflow, name: str) -> Account:
    account = workflow.accounts.all().get(name.strip().casefold())
    if account is None:
        raise UsageError(f"no account named {name!r}: 'pactesur-kg accounts list' shows them")
    return account


AsOption = Annotated[str, typer.Option("--as", help="The curator account you act as.", show_default=False)]
CuratorStoreOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.11
    typer.Option(
        "--store",
        help="An on-disk store to change too (not one a running server holds). Without it the change goes into the "
        "sources (data/contributions/) only, checked against a fresh in-memory build.",
        show_default=False,
    ),
]


@contributions_app.command("list")
@reports_errors
def contributions_list_command(
    status: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11
        typer.Option(help="pending, accepted or rejected.", show_default=False),
    ] = None,
    contributions: ContributionsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The submissions, newest first."""
    settings = Settings.from_env(checked=False, contributions=contributions)
    if settings.contributions is None:
        raise UsageError("say where the contributions are: --contributions DIR (or PACTESUR_CONTRIBUTIONS)")
    if status is not None and status not in STATUSES:
        raise UsageError(f"--status must be one of {', '.join(STATUSES)}")
    found = [s.summary() for s in reversed(Queue(settings.contributions).all()) if status in (None, s.status)]
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    table = Table("id", "status", "submitter", "submitted", "kind", "added", "removed", "message")
    for s in found:
        table.add_row(
            s["id"],
            s["status"],
            s["submitter"],
            s["submitted"],
            s["kind"],
            str(s["added"]),
            str(s["removed"]),
            s.get("message", ""),
        )
    out.print(table)


@contributions_app.command("show")
@reports_errors
def contributions_show_command(
    identifier: Annotated[str, typer.Argument(help="The contribution's id, e.g. 0001.", show_default=False)],
    contributions: ContributionsOption = None,
) -> None:
    """A submission as JSON: its record, report, diff (as submitted) and review."""
    settings = Settings.from_env(checked=False, contributions=contributions)
    if settings.contributions is None:
        raise UsageError("say where the contributions are: --contributions DIR (or PACTESUR_CONTRIBUTIONS)")
    submission = Queue(settings.contributions).get(identifier)
    print(
        json.dumps(
            submission.as_json(),
            ensure_ascii=False,
            indent=2,
        )
    )


@contributions_app.command("accept")
@reports_errors
def contributions_accept_command(
    identifier: Annotated[str, typer.Argument(help="The contribution's id.", show_default=False)],
    curator: AsOption,
    comment: Annotated[str, typer.Option(help="Your comment.")] = "",
    contributions: ContributionsOption = None,
    accounts: AccountsOption = None,
    store: CuratorStoreOption = None,
) -> None:
    """Validate again against the graph, then write the contribution into data/contributions/ (and --store)."""
    workflow = _workflow(contributions, accounts, store)

    async def accept() -> Submission:
        await workflow.recover()
        return await workflow.accept(_curator(workflow, curator), identifier, comment)

    decided = asyncio.run(accept())
    assert decided.decision is not None
    err.print(f"accepted {identifier}: {decided.decision['file']}", highlight=False)


@contributions_app.command("reject")
@reports_errors
def contributions_reject_command(
    identifier: Annotated[str, typer.Argument(help="The contribution's id.", show_default=False)],
    curator: AsOption,
    reason: Annotated[str, typer.Option(help="Why (the submitter reads it).", show_default=False)],
    contributions: ContributionsOption = None,
    accounts: AccountsOption = None,
) -> None:
    """Reject a pending contribution; the graph and the sources are unchanged."""
    settings = Settings.from_env(checked=False, contributions=contributions, accounts=accounts)
    if settings.contributions is None or settings.accounts_file is None:
        raise UsageError("say where the contributions are: --contributions DIR (or PACTESUR_CONTRIBUTIONS)")
    # a rejection changes no graph: the workflow is given an empty one
    graph = LocalGraph(Store.in_memory(), settings)
    workflow = Workflow(settings.contributions, Accounts(settings.accounts_file), settings.root, graph)
    asyncio.run(workflow.reject(_curator(workflow, curator), identifier, reason))
    err.print(f"rejected {identifier}", highlight=False)


links_app = typer.Typer(help="Check the links to Wikidata, GeoNames, DBpedia and EuroVoc.", no_args_is_help=True)
app.add_typer(links_app, name="links")


@links_app.command("check")
@reports_errors
def links_check_command(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Report links in a wrong form, duplicated identifiers, and entities with no link yet.

    Exit 0: no wrong form and no duplicate (missing links are a to-do list); 1 otherwise.
    """
    from .links import check_links

    report = _read(_open_or_build(store), check_links)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        out.print(f"{report.links} links checked", highlight=False)
        for item in report.wrong_form:
            hint = f" (write {item['canonical']})" if item["canonical"] else ""
            out.print(f"wrong form: {item['entity']} {item['property']} {item['target']}{hint}", markup=False)
        for item in report.duplicates:
            out.print(f"duplicate: {item}", markup=False)
        todo = Table(title=f"{len(report.missing)} entities with no link yet", title_justify="left")
        todo.add_column("class")
        todo.add_column("entity")
        for item in report.missing:
            todo.add_row(item["class"], item["entity"])
        out.print(todo)
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
@reports_errors
def export_command(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="nq, trig, jsonld (dataset) or ttl (one graph).")
    ] = ExportFormat.nq,
    graph: Annotated[str | None, typer.Option(help="Export only this named graph.", show_default=False)] = None,
    store: StoreOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (and its VoID description beside it, .void.ttl) instead of standard output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the whole dataset or one graph, deterministically, as a release artefact."""
    from .describe import serialize_triples, void_description
    from .export import export

    graph_store = _open_or_build(store)
    data = export(graph_store, output_format, graph)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    output.write_bytes(data)
    void = output.with_name(output.name + ".void.ttl")
    endpoint = "https://w3id.org/pactesur/sparql"
    triples = _read(graph_store, lambda reader, queries: void_description(reader, queries, endpoint))
    void.write_bytes(serialize_triples(triples, "turtle"))
    err.print(f"wrote {output} and {void}", highlight=False)


@app.command("docs")
@reports_errors
def docs_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page.")] = Path(
        "docs/ontology/index.html"
    ),
    store: StoreOption = None,
) -> None:
    """Generate the ontology documentation (one HTML page) from the ontology itself."""
    from .ontodoc import render

    page = _read(_open_or_build(store), render)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output}", highlight=False)


@app.command("stats")
@reports_errors
def stats_command(store: StoreOption = None) -> None:
    """Print triples per named graph and instances per class of the ontology."""
    graph_store = _open_or_build(store)
    counts = graph_store.triples_per_graph()
    classes = _read(graph_store, instances_per_class)
    graphs = Table(title="Triples per named graph", title_justify="left")
    graphs.add_column("graph")
    graphs.add_column("triples", justify="right")
    for graph, count in counts.items():
        graphs.add_row(graph, str(count))
    graphs.add_row("[bold]total[/]", f"[bold]{sum(counts.values())}[/]")
    out.print(graphs)
    instances = Table(title="Instances per class", title_justify="left")
    instances.add_column("class")
    instances.add_column("instances", justify="right")
    for name, count in classes.items():
        instances.add_row(name, str(count))
    out.print(instances)


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"pactesur-kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Build, check and query the PACTESUR knowledge graph of public-space security."""


def run() -> None:
    """The ``pactesur-kg`` command. ``serve`` first executes itself again with a faster
    malloc preloaded (see ``allocator``); only here, at the process's entry, never when the
    commands are invoked from Python (tests, other programs)."""
    from . import allocator

    if sys.argv[1:2] == ["serve"]:
        reports_errors(allocator.reexec_with_allocator)(sys.argv[1:])
    app(prog_name="pactesur-kg")
