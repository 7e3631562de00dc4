"""Entity reconciliation (the W3C Reconciliation Service API, version 0.2, as OpenRefine
speaks it) over the cities, organisations, incidents, threats and measures of the graph.

One job per module: ``index`` reads the graph into an in-memory index (query files of
``queries/reconcile/``), ``identifiers`` reads Wikidata and GeoNames identifiers in their
usual forms, ``scoring`` compares names, ``batch`` reads and checks a query batch,
``matching`` ranks the candidates of one query, ``suggest`` completes names, ``extend``
answers data extension and property proposals, ``manifest`` describes the service and
``preview`` draws an entity's card. The HTTP routes are in ``pactesur_kg.api.routes.reconcile``.
"""
