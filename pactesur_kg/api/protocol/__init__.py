"""The W3C protocols: SPARQL 1.1 Protocol (and its fast path), Graph Store Protocol."""
