"""Where each subject is written in a Turtle or N-Triples file (its first line).

RDF parsers report positions only for syntax errors; validation results name nodes, and
a contributor wants the line where that node is written. This scanner follows Turtle's
lexical structure (strings, IRIs, comments, brackets, statement ends) just enough to find
the subject at the start of each statement.

>>> text = '''@prefix ex: <http://a.example/> .
...
... ex:city a ex:City ;
...   ex:name "A. B." .
... <http://a.example/x> ex:p 1.5 .
... '''
>>> subject_lines(text)
{'http://a.example/city': 3, 'http://a.example/x': 5}
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

_DIRECTIVE = re.compile(r"(@prefix|@base|PREFIX|BASE)\b", re.IGNORECASE)
_PREFIX_DECLARATION = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_BASE_DECLARATION = re.compile(r"(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE)
_PREFIXED_NAME = re.compile(r"([A-Za-z][\w.-]*)?:((?:[\w:%-]|\\.|\.(?=[\w:%-]))*)")


def subject_lines(text: str, base: str | None = None) -> dict[str, int]:
    """Map each subject IRI to the first line (1-based) of a statement it starts."""
    prefixes: dict[str, str] = {}
    found: dict[str, int] = {}
    position, line, length = 0, 1, len(text)
    at_statement_start, depth = True, 0
    while position < length:
        char = text[position]
        if char == "\n":
            line += 1
            position += 1
            continue
        if char in " \t\r":
            position += 1
            continue
        if char == "#":
            end = text.find("\n", position)
            position = length if end < 0 else end
            continue
        if at_statement_start and depth == 0:
            rest = text[position : text.find("\n", position) if "\n" in text[position:] else length]
            if _DIRECTIVE.match(rest):
                if declared := _PREFIX_DECLARATION.match(rest):
                    prefixes[declared.group(1) or ""] = declared.group(2)
                elif based := _BASE_DECLARATION.match(rest):
                    base = based.group(1)
            else:
                subject = _subject_at(text, position, prefixes, base)
                if subject is not None:
                    found.setdefault(subject, line)
            at_statement_start = False
        if char in "\"'":
            position, line = _skip_string(text, position, line)
            continue
        if char == "<":
            end = text.find(">", position)
            position = length if end < 0 else end + 1
            continue
        if char in "[(":
            depth += 1
        elif char in "])":
            depth = max(0, depth - 1)
        elif char == "." and depth == 0 and (position + 1 >= length or text[position + 1] in " \t\r\n#"):
            at_statement_start = True
        position += 1
    return found


def _subject_at(text: str, position: int, prefixes: dict[str, str], base: str | None) -> str | None:
    if text[position] == "<":
        end = text.find(">", position)
        iri = text[position + 1 : end]
        return urljoin(base, iri) if base else iri
    match = _PREFIXED_NAME.match(text, position)
    if (match and match.group(1) is not None) or (match and text[position] == ":"):
        prefix = match.group(1) or ""
        if prefix in prefixes:
            return prefixes[prefix] + match.group(2).replace("\\", "")
    return None


def _skip_string(text: str, position: int, line: int) -> tuple[int, int]:
    quote = text[position]
    long_quote = text.startswith(quote * 3, position)
    delimiter = quote * 3 if long_quote else quote
    cursor = position + len(delimiter)
    while cursor < len(text):
        char = text[cursor]
        if char == "\\":
            cursor += 2
            continue
        if char == "\n":
            line += 1
        if text.startswith(delimiter, cursor):
            return cursor + len(delimiter), line
        cursor += 1
    return cursor, line
