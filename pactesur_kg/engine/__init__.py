"""Query engines: the embedded pyoxigraph store behind a pool of worker processes, the same
store in-process (command line), or a remote SPARQL 1.1 endpoint. Everything else reads the
graph through :class:`~pactesur_kg.engine.reader.Reader` and writes through
:class:`~pactesur_kg.engine.writer.Writer`, over any of them."""
