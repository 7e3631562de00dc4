"""The remote engine: the same service over any SPARQL 1.1 endpoint.

Queries are forwarded with the client's Accept header and dataset parameters, as an
URL-encoded POST (the one form every endpoint reads: Virtuoso 7.2 never answers a POST of
``application/sparql-query``). The endpoint's own timeout stops long queries (the Oxigraph
server: ``--timeout-s``, Virtuoso: ``MaxQueryExecutionTime``), and this engine also stops
waiting after its own timeout. A result the endpoint cut (at its time limit, or at its row
limit: Virtuoso's ``ResultSetMaxRows``) is an error, never passed on as complete. Results
are streamed and refused past the size limit, as with the embedded engine. The project's
prefixes are declared in front of every query and update (on the first line, so that the
endpoint's line numbers stay those of the text sent), as the embedded engines predeclare them.

The dataset of a query that names none is the union of the project's graphs: those that
``build --endpoint`` listed in ``LOADED_GRAPHS``, read from the endpoint on first use and
sent as ``default-graph-uri`` and ``named-graph-uri``, so that an engine's own graphs never
show. An endpoint without that list is queried with its own default dataset.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from ..endpoint_auth import split_credentials
from ..errors import (
    EngineUnavailable,
    NotAcceptable,
    QueryFailed,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
)
from ..namespaces import LOADED_GRAPHS, PREFIXES, prefix_line
from ..sparql.binding import bind
from ..sparql.formats import OX_GRAPH, OX_SOLUTIONS, MediaFormat, negotiate
from ..sparql.guard import check_nesting, dataset_of, query_form, with_declarations
from ..sparql.queryfiles import QueryFiles
from .accounting import charge
from .base import QueryRequest, QueryResponse

# What the Oxigraph server writes into a result stream it had to stop (its timeout).
_CANCELLED = b"The SPARQL operation has been cancelled"


def _check_complete(body: bytes, content_type: str, timeout: float) -> None:
    """A streamed result that an endpoint stopped midway must not pass for a whole one."""
    if _CANCELLED in body[-200:]:
        raise QueryTimeout(f"the endpoint stopped the query at its time limit (this service waits {timeout:g} s)")
    if content_type.startswith(("application/sparql-results+json", "application/json")):
        try:
            json.loads(body)
        except ValueError:
            raise EngineUnavailable(
                "the endpoint sent an incomplete result (invalid JSON); the query was not answered"
            ) from None


#: what the endpoint is asked for: the formats every engine writes, read back here and
#: written in the client's format by pyoxigraph, so that an answer is the same byte for
#: byte whatever the engine (Virtuoso writes its own CSV, XML and Turtle, and legacy JSON)
_ASKED = {"solutions": "application/sparql-results+json", "graph": "application/n-triples"}


#: a blank node label N-Triples and SPARQL allow (ASCII subset; labels outside it are renamed)
_BLANK_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def _blank_nodes_labelled(body: bytes) -> bytes:
    """JSON results whose blank nodes have labels RDF allows. Virtuoso 7.2 names them
    ``nodeID://b10006``, which no RDF syntax reads as a blank node: then every blank node of
    the result is renamed, the same label always to the same new one (a blank node's label only
    means something within one result).

    >>> _blank_nodes_labelled(b'{"results": {"bindings": [{"x": {"type": "bnode", "value": "nodeID://b7"}}]}}')
    b'{"results": {"bindings": [{"x": {"type": "bnode", "value": "b0"}}]}}'
    """
    if b'"bnode"' not in body:
        return body
    document = json.loads(body)
    terms = [
        term
        for row in document.get("results", {}).get("bindings", [])
        for term in row.values()
        if isinstance(term, dict) and term.get("type") == "bnode"
    ]
    if all(_BLANK_LABEL.fullmatch(str(term.get("value", ""))) for term in terms):
        return body
    labels: dict[str, str] = {}
    for term in terms:
        term["value"] = labels.setdefault(str(term.get("value")), f"b{len(labels)}")
    return json.dumps(document).encode()


def _rewritten(body: bytes, kind: str, chosen: MediaFormat, max_bytes: int) -> QueryResponse:
    """The endpoint's answer (``_ASKED[kind]``) in the ``chosen`` format.

    :raises EngineUnavailable: the answer cannot be read. :raises ResultTooLarge: past ``max_bytes``.
    """
    try:
        if kind == "graph":
            quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            data = ox.serialize((quad.triple for quad in quads), format=OX_GRAPH[chosen.name]) or b""
        else:
            results = ox.parse_query_results(_blank_nodes_labelled(body), format=ox.QueryResultsFormat.JSON)
            data = results.serialize(format=OX_SOLUTIONS[chosen.name]) or b""
    except (SyntaxError, ValueError) as error:
        raise EngineUnavailable(f"the SPARQL endpoint sent an answer that cannot be read: {error}") from None
    if len(data) > max_bytes:
        raise ResultTooLarge(
            f"the result is larger than the limit of {max_bytes} bytes: add LIMIT or make the query more selective"
        )
    return QueryResponse(body=data, content_type=chosen.content_type, kind=kind)


def _check_not_cut(response: httpx.Response, timeout: float) -> None:
    """Virtuoso answers a query it stopped at its time limit with what it had found so far
    (an "anytime" result: status 206 and ``X-SPARQL-Anytime``), and a result it cut at
    ``ResultSetMaxRows`` with ``X-SPARQL-MaxRows`` (sent whenever the result has exactly
    that many rows: a result of exactly the limit is refused too)."""
    if response.status_code == 206 or "x-sparql-anytime" in response.headers:
        raise QueryTimeout(
            f"the endpoint stopped the query at its time limit and sent a partial result (this service "
            f"waits {timeout:g} s); make it more selective (add LIMIT, bind variables)"
        )
    if (cap := response.headers.get("x-sparql-maxrows")) is not None:
        raise ResultTooLarge(
            f"the endpoint cut the result at its limit of {cap} rows (Virtuoso's ResultSetMaxRows): "
            "add LIMIT or make the query more selective, or ask the operator to raise the limit"
        )


_JSON_RESULTS = [("application/sparql-results+json", 1.0)]
#: a graph name that holds nothing: an empty default graph or set of named graphs
_NO_GRAPH = "urn:x-pactesur:no-graph"
#: what the Oxigraph server answers an update with USING when its default graph is the union
_UNION_REFUSES_USING = "using-union-graph must not be used with a SPARQL UPDATE containing USING"
#: a USING clause as the service writes them (``contributions/entailment.inserting``)
_USING = re.compile(r"\sUSING <[^<>\s]*>")


class RemoteEngine:
    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None,
        *,
        timeout: float,
        max_result_bytes: int,
        queries: QueryFiles,
    ) -> None:
        self.queries = queries
        self.endpoint, self._query_auth = split_credentials(endpoint)
        self.update_endpoint, self._update_auth = split_credentials(update_endpoint or endpoint)
        self.timeout = timeout
        self.max_result_bytes = max_result_bytes
        self._client: httpx.AsyncClient | None = None
        #: the graphs queries see when they name none (empty: the endpoint's own default
        #: dataset); None until read from the endpoint
        self._graphs: list[str] | None = None
        self._graphs_read = asyncio.Lock()

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(self.timeout, connect=10.0))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(self.timeout, connect=10.0))
        return self._client

    async def project_graphs(self) -> list[str]:
        """The graphs ``build --endpoint`` loaded (empty if the endpoint has no such list),
        read once."""
        if self._graphs is None:
            async with self._graphs_read:
                if self._graphs is None:
                    self._graphs = await self._column(self.queries.text("service/loaded-graphs"), dataset=False)
        return self._graphs

    async def _column(self, query: str, *, dataset: bool = True) -> list[str]:
        """The values of the one variable of a SELECT query of this engine's own."""
        answer = await self._query(QueryRequest(query=query, accept=_JSON_RESULTS), dataset=dataset)
        solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        return [row[0].value for row in solutions if row[0] is not None]

    async def query(self, request: QueryRequest) -> QueryResponse:
        return await self._query(request, dataset=True)

    async def _query(self, request: QueryRequest, *, dataset: bool) -> QueryResponse:
        check_nesting(request.query)  # engines die of it too (the Oxigraph server aborts)
        kind = "graph" if query_form(request.query) in ("CONSTRUCT", "DESCRIBE") else "solutions"
        chosen = negotiate(request.accept, kind)
        # relative IRIs resolve against this service's endpoint, not the remote one's (a BASE
        # of the query's own wins); the project's prefixes as on every backend
        base = ox.NamedNode(request.base).value if request.base else None
        text = with_declarations(request.query, base, PREFIXES)
        default_graphs, named_graphs = request.default_graphs, request.named_graphs
        if not (default_graphs or named_graphs) and (declared := dataset_of(text)):
            # an endpoint that serves the union of its graphs as default graph may ignore
            # FROM (the Oxigraph server does); the same dataset given by the protocol is obeyed
            default_graphs, named_graphs = declared
        elif not (default_graphs or named_graphs) and dataset:
            # the union of the project's graphs, and the same graphs by name
            default_graphs = named_graphs = await self.project_graphs()
        if bool(default_graphs) != bool(named_graphs):
            # the half not given is empty; said with a graph that holds nothing, since an
            # endpoint given no named graph (Virtuoso) takes all of its own
            default_graphs, named_graphs = default_graphs or [_NO_GRAPH], named_graphs or [_NO_GRAPH]
        fields = [("query", text)]
        fields += [("default-graph-uri", g) for g in default_graphs]
        fields += [("named-graph-uri", g) for g in named_graphs]
        started = time.perf_counter()
        try:
            async with self._http().stream(
                "POST",
                self.endpoint,
                content=urlencode(fields).encode("ascii"),
                headers={"content-type": "application/x-www-form-urlencoded", "accept": _ASKED[kind]},
                auth=self._query_auth or httpx.USE_CLIENT_DEFAULT,
            ) as response:
                body = await self._read_capped(response, request.result_limit(self.max_result_bytes))
        except httpx.TimeoutException:
            raise QueryTimeout(
                f"the query ran longer than the limit of {self.timeout:g} s; make it more selective "
                "(add LIMIT, bind variables) or ask the operator for a longer timeout"
            ) from None
        except httpx.HTTPError as error:
            raise EngineUnavailable(f"the SPARQL endpoint cannot be reached: {error}") from None
        finally:
            charge(time.perf_counter() - started)
        if response.status_code in (400, 500) and b"timeout" in body.lower():
            raise QueryTimeout(f"the endpoint stopped the query: {body.decode('utf-8', errors='replace').strip()}")
        _check_not_cut(response, self.timeout)
        if response.status_code != 200:
            # Virtuoso repeats the query it compiled, with the dataset: the message is enough
            message = body.decode("utf-8", errors="replace").split("\n\nSPARQL query:")[0].strip()[:1000]
            refused = QuerySyntaxError if response.status_code == 400 else QueryFailed
            raise refused(f"the SPARQL endpoint answered {response.status_code}: {message}")
        _check_complete(body, response.headers.get("content-type", ""), self.timeout)
        if chosen is None:
            raise NotAcceptable(f"no acceptable media type for a {kind} result")
        # parsing and writing a large result is blocking work: off the event loop
        return await asyncio.to_thread(_rewritten, body, kind, chosen, self.max_result_bytes)

    async def _read_capped(self, response: httpx.Response, limit: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                if response.status_code != 200:
                    break  # an error message: its beginning says enough
                raise ResultTooLarge(
                    f"the result is larger than the limit of {limit} bytes: add LIMIT or make the query more selective"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    async def update(self, update: str, graphs: tuple[str, ...] | None = None) -> None:
        """Apply an update; a graph it wrote to that is not listed yet joins the list of the
        project's graphs (on the endpoint too), so that queries see it as they would on the
        embedded store. With ``graphs`` (every graph the update may write to, which the
        service knows of its own writes) only those are looked up, each by name: a graph the
        endpoint holds unlisted (an update applied whose listing was lost when the service
        stopped, applied again at the next start) joins the list too. Without, the endpoint's
        graphs are listed before and after (a scan of every statement: seconds at 1M)."""
        check_nesting(update)
        listed = await self.project_graphs()
        before = await self._endpoint_graphs() if listed and graphs is None else set()
        try:
            await self._post_update(prefix_line() + update)
        except QueryFailed as refused:
            # the Oxigraph server run with --union-default-graph refuses USING, whose default
            # graph for an update is the union already (docs/engines.md)
            if _UNION_REFUSES_USING not in str(refused) or not _USING.search(update):
                raise
            await self._post_update(prefix_line() + _USING.sub(" ", update))
        if not listed:
            return
        if graphs is None:
            created = sorted(await self._endpoint_graphs() - before - set(listed))
        else:
            exists = self.queries.text("service/graph-exists")
            unlisted = sorted(set(graphs) - set(listed))
            created = [g for g in unlisted if await self._column(bind(exists, graph=ox.NamedNode(g)), dataset=False)]
        if created:
            await self._post_update(
                f"INSERT DATA {{ GRAPH <{LOADED_GRAPHS}> {{ "
                + " ".join(f"<{LOADED_GRAPHS}> <http://purl.org/dc/terms/hasPart> <{g}> ." for g in created)
                + " } }"
            )
            self._graphs = [*listed, *created]

    async def _endpoint_graphs(self) -> set[str]:
        """Every named graph of the endpoint, its own too."""
        return set(await self._column(self.queries.text("service/endpoint-graphs"), dataset=False))

    async def _post_update(self, text: str) -> None:
        try:
            response = await self._http().post(
                self.update_endpoint,
                content=text.encode("utf-8"),
                headers={"content-type": "application/sparql-update"},
                auth=self._update_auth or httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.HTTPError as error:
            raise EngineUnavailable(f"the SPARQL endpoint cannot be reached: {error}") from None
        if response.status_code not in (200, 204):
            raise QueryFailed(
                f"the SPARQL endpoint refused the update ({response.status_code}): {response.text.strip()[:1000]}"
            )
