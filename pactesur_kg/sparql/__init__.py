"""SPARQL text: query files, safe parameter binding, the guard that reads a query's tokens
(federation, dataset), result formats. No store, no network: what every backend shares."""
