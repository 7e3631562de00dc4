"""rdflib-endpoint over an rdflib Dataset (union default graph), for bench/run.py.

    python bench/rdflib_server.py --port 8123 --graph IRI curated.nq synthetic.nt

N-Quads files keep their graphs; the triples of N-Triples files go into ``--graph``.
Listens on 127.0.0.1 only; the endpoint is at /sparql.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import rdflib
import uvicorn
from rdflib_endpoint import SparqlEndpoint


def dataset(files: list[Path], graph: str) -> rdflib.Dataset:
    data = rdflib.Dataset(default_union=True)
    for path in files:
        if path.suffix == ".nq":
            data.parse(path, format="nquads")
        else:
            data.graph(rdflib.URIRef(graph)).parse(path, format="nt")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--graph", required=True, help="named graph for the triples of N-Triples files")
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    app = SparqlEndpoint(
        graph=dataset(args.files, args.graph), path="/sparql", public_url=f"http://127.0.0.1:{args.port}/sparql"
    )
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
