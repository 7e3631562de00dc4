"""Reading the curated sources: every Turtle file becomes one named graph.

Blank nodes get identifiers derived from the file and their order of appearance, so
two builds of the same sources give the same quads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyoxigraph as ox

from .errors import SourcePosition, SourceSyntaxError
from .namespaces import SOURCE_FOLDERS, graph_iri


@dataclass(frozen=True)
class SourceFile:
    """A curated file and the named graph it is loaded into."""

    path: Path
    relative: PurePosixPath

    @property
    def graph(self) -> str:
        return graph_iri(self.relative)

    @property
    def relative_path_for_messages(self) -> Path:
        """The path as the user knows it: relative to the repository."""
        return Path(self.relative)


@dataclass(frozen=True)
class ParsedSource:
    source: SourceFile
    quads: list[ox.Quad]


def discover(root: Path) -> list[SourceFile]:
    """All ``*.ttl`` files under the source folders, in a stable order."""
    found: list[SourceFile] = []
    for folder in SOURCE_FOLDERS:
        for path in sorted((root / folder).rglob("*.ttl")):
            found.append(SourceFile(path=path, relative=PurePosixPath(path.relative_to(root).as_posix())))
    return found


_POSITION = re.compile(r"line (\d+) column (\d+)")


def _position_of(error: SyntaxError, path: Path) -> SourcePosition:
    if error.lineno:
        return SourcePosition(path, error.lineno, error.offset or 1)
    match = _POSITION.search(str(error))
    if match:
        return SourcePosition(path, int(match.group(1)), int(match.group(2)))
    return SourcePosition(path, 1, 1)


def _reason_of(error: SyntaxError) -> str:
    # pyoxigraph says "Parser error between line 2 column 9 and line 3 column 1: what";
    # the position is reported separately, keep only the what.
    message = error.msg if isinstance(error.msg, str) else str(error)
    return message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message


def parse_file(source: SourceFile) -> ParsedSource:
    """Parse one Turtle file into quads of its named graph.

    :raises SourceSyntaxError: with the file, line and column of the first error.
    """
    graph = ox.NamedNode(source.graph)
    prefix = re.sub(r"[^A-Za-z0-9]", "_", str(source.relative.with_suffix("")))
    renamed: dict[str, ox.BlankNode] = {}

    def stable(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, ox.BlankNode):
            if term.value not in renamed:
                renamed[term.value] = ox.BlankNode(f"{prefix}_b{len(renamed)}")
            return renamed[term.value]
        return term

    try:
        with source.path.open("rb") as stream:
            triples = list(ox.parse(stream, format=ox.RdfFormat.TURTLE, base_iri=None))
    except SyntaxError as error:
        raise SourceSyntaxError(_position_of(error, source.relative_path_for_messages), _reason_of(error)) from None
    except UnicodeDecodeError as error:
        raise SourceSyntaxError(
            SourcePosition(source.relative_path_for_messages, 1, 1), f"not UTF-8: {error.reason}"
        ) from None
    quads = [
        ox.Quad(stable(t.subject), t.predicate, stable(t.object), graph)  # type: ignore[arg-type]
        for t in triples
    ]
    return ParsedSource(source, quads)
