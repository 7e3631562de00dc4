"""W3C query tests known to fail, and why: {test id: reason}.

They run as strict xfails, so a test that starts passing fails the suite until it is taken
off this list. Each of them fails the same way when the query runs directly on a pyoxigraph
store (no HTTP), so the causes below are the engine's; none is the endpoint's.
"""

from __future__ import annotations

#: oxigraph stores numeric and boolean literals by value: a value read back from the data
#: comes out in oxigraph's lexical form, not the one written in the data
_STORED_LEXICAL = (
    "engine: pyoxigraph keeps xsd:decimal/double/float/boolean literals of the data by value, "
    'not their lexical form ("1.0"^^xsd:decimal comes back as "1", "0"^^xsd:boolean as "false")'
)
#: computed numbers are written in oxigraph's own lexical form
_COMPUTED_LEXICAL = (
    "engine: pyoxigraph writes computed xsd:double/float/decimal values in its own lexical form "
    '("30000", "0.4", "2"), not the XSD canonical form the tests expect ("3.0E4", "4.0E-1", "2.0")'
)
_BOTH_LEXICAL = (
    "engine: pyoxigraph neither keeps the lexical form of numeric/boolean literals of the data "
    '("1.0" comes back as "1") nor writes computed numbers in XSD canonical form ("1" for "1.0E0")'
)
_ZERO_LENGTH_PATH = (
    "engine: a zero-length path (p*, p?) from a constant that is not in the data gives no solution; "
    "SPARQL 1.1 gives the constant itself"
)

KNOWN_FAILURES: dict[str, str] = {
    # lexical forms of numbers and booleans
    "aggregates/agg-min-01": _STORED_LEXICAL,
    "aggregates/agg-min-02": _STORED_LEXICAL,
    "aggregates/agg-max-01": _STORED_LEXICAL,
    "aggregates/agg-max-02": _STORED_LEXICAL,
    "aggregates/agg-min-distinct": _STORED_LEXICAL,
    "aggregates/agg-max-distinct": _STORED_LEXICAL,
    "functions/plus-2-corrected": _STORED_LEXICAL,
    "csv-tsv-res/csv03": _STORED_LEXICAL,
    "aggregates/agg-sum-02": _COMPUTED_LEXICAL,
    "aggregates/agg-avg-02": _COMPUTED_LEXICAL,
    "aggregates/agg-err-02": _COMPUTED_LEXICAL,
    "functions/coalesce01": _COMPUTED_LEXICAL,
    "functions/plus-1-corrected": _BOTH_LEXICAL,
    "cast/cast-bool": _BOTH_LEXICAL,
    "cast/cast-int": _BOTH_LEXICAL,
    "cast/cast-float": _BOTH_LEXICAL,
    "cast/cast-double": _BOTH_LEXICAL,
    "cast/cast-decimal": _BOTH_LEXICAL,
    "cast/cast-string": _BOTH_LEXICAL,
    "csv-tsv-res/tsv03": (
        'engine: pyoxigraph stores "-3"^^xsd:negativeInteger as xsd:integer and "1.0E6"^^xsd:double '
        'as "1000000" (the expected file itself writes the double as 1.0e6)'
    ),
    # evaluation
    "aggregates/agg-groupconcat-04": (
        'engine: GROUP_CONCAT keeps a language tag shared by all values ("1 2"@en); SPARQL 1.1 gives a simple literal'
    ),
    "aggregates/agg-groupconcat-06": (
        'engine: GROUP_CONCAT keeps a language tag shared by all values ("1"@en); SPARQL 1.1 gives a simple literal'
    ),
    "aggregates/agg-empty-group-count-graph": (
        "engine: an aggregate subquery inside GRAPH ?g is evaluated once over the dataset, "
        "not once per named graph (one row, ?g unbound)"
    ),
    "bindings/graph": (
        "engine: a VALUES row with UNDEF for the graph variable inside GRAPH ?g leaves ?g unbound "
        "instead of joining it with each graph name"
    ),
    "negation/graph-minus": (
        "engine: MINUS inside GRAPH ?g counts the graph variable as shared, so a MINUS with no "
        "variable in common removes solutions"
    ),
    "functions/bnode01": (
        "engine: BNODE(str) gives the same blank node for equal strings in different solutions; "
        "SPARQL 1.1 wants a new one per solution"
    ),
    "property-path/zero_or_more_set_start": _ZERO_LENGTH_PATH,
    "property-path/zero_or_more_set_end": _ZERO_LENGTH_PATH,
    "property-path/zero_or_one_set_start": _ZERO_LENGTH_PATH,
    "property-path/zero_or_one_set_end": _ZERO_LENGTH_PATH,
}
