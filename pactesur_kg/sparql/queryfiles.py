"""Query files: ``.rq`` files with a ``#+ key: value`` metadata header.

>>> q = QueryFile.from_text(Path("x.rq"), "#+ summary: Cities.\\n#+ route: /api/cities\\nSELECT * {}")
>>> (q.summary, q.metadata["route"])
('Cities.', '/api/cities')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class QueryFile:
    path: Path
    text: str
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def summary(self) -> str:
        return self.metadata.get("summary", self.name)

    @classmethod
    def from_text(cls, path: Path, text: str) -> QueryFile:
        metadata: dict[str, str] = {}
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped.startswith("#"):
                if stripped:
                    break
                continue
            if stripped.startswith("#+") and ":" in stripped:
                key, value = stripped[2:].split(":", 1)
                key = key.strip()
                metadata[key] = f"{metadata[key]} {value.strip()}" if key in metadata else value.strip()
        return cls(path=path, text=text, metadata=metadata)

    @classmethod
    def read(cls, path: Path) -> QueryFile:
        return cls.from_text(path, path.read_text(encoding="utf-8"))


def load_query_files(folder: Path) -> list[QueryFile]:
    """The ``.rq`` files directly in ``folder``, sorted by name (``a`` before ``a-b``, which
    sorting the file names would not give: ``-`` comes before ``.``)."""
    return [QueryFile.read(path) for path in sorted(folder.glob("*.rq"), key=lambda path: path.stem)]


class QueryFiles:
    """The query files of one ``queries/`` folder by name (``api/cities``,
    ``service/labels``), each read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._read: dict[str, QueryFile] = {}

    def get(self, name: str) -> QueryFile:
        if name not in self._read:
            self._read[name] = QueryFile.read(self.folder / f"{name}.rq")
        return self._read[name]

    def text(self, name: str) -> str:
        return self.get(name).text
