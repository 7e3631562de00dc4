"""Comparing a query with the names of an entity, as a score from 0 to 100.

Names and queries are compared once normalised: lower case, no accents (``fold`` of the REST
search), punctuation read as spaces. Equal normalised names score 100; the same letters with
other spacing or punctuation (``Saint Denis``, ``Saint-Denis``) 98; below that, the best of a
prefix score (the query begins the name), a token overlap score (shared words) and a
similarity score (difflib's ratio of matching characters), so that ``Muenchen`` still finds
``München`` and ``Turijn`` finds ``Turin``.

>>> normalise("  Liège "), normalise("Halle (Saale)"), normalise("Mossos d'Esquadra")
('liege', 'halle saale', 'mossos d esquadra')
>>> name_score("munchen", "munchen"), name_score("saint denis", normalise("Saint-Denis"))
(100.0, 100.0)
>>> name_score("saintdenis", "saint denis")
98.0
>>> 75 < name_score("muenchen", "munchen") < 95, name_score("nice", "lisbon") < 40
(True, True)
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..text import fold

EXACT = 100.0
"""The score of a name equal to the query once normalised."""

SPACING = 98.0
"""The score of a name with the same letters and digits as the query, spaced otherwise."""

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """``text`` folded (lower case, no accents), with every run of other characters than
    letters and digits (of any script) made one space.

    >>> normalise("Αθήνα"), normalise("Rīga_2")
    ('αθηνα', 'riga 2')
    """
    return _NOT_WORD.sub(" ", fold(text)).strip()


def name_score(query: str, name: str) -> float:
    """How well a normalised name answers a normalised query, from 0 to 100.

    >>> name_score("ville de nice", "nice"), name_score("nice", "nice municipal police")
    (42.4, 65.7)
    """
    if not query or not name:
        return 0.0
    if query == name:
        return EXACT
    if query.replace(" ", "") == name.replace(" ", ""):
        return SPACING
    best = 90.0 * SequenceMatcher(None, query, name, autojunk=False).ratio()
    query_words, name_words = set(query.split()), set(name.split())
    shared = len(query_words & name_words)
    if shared:
        best = max(best, 85.0 * shared / len(query_words | name_words) + 10.0 * shared / len(query_words))
    if len(query) >= 3 and name.startswith(query):
        best = max(best, 60.0 + 30.0 * len(query) / len(name))
    return round(min(best, SPACING - 1), 1)
