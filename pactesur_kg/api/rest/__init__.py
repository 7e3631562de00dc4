"""The REST facade's parts below the routes: parameters, lookups (IRIs, 404 suggestions),
the shaping of query rows into answers, the search index."""
