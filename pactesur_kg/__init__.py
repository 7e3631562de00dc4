"""pactesur-kg: a knowledge graph of public-space security in European cities.

The library builds the graph from the curated sources (``ontology/``, ``data/``),
checks it, reasons over it and answers SPARQL queries; the CLI and the HTTP service
are thin layers over it.
"""

__version__ = "0.1.0"
