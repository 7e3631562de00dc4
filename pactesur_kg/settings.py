"""One settings object, from CLI flags and ``PACTESUR_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def _default_root() -> Path:
    """The repository holding ``ontology/`` and ``data/``: the package's parent when it
    is run from a checkout, else the working directory."""
    if (_PACKAGE_PARENT / "ontology").is_dir():
        return _PACKAGE_PARENT
    return Path.cwd()


@dataclass(frozen=True)
class Settings:
    """Where the sources are and how the graph is built."""

    root: Path = field(default_factory=_default_root)
    #: run the OWL reasoner (HermiT, needs Java) during the build
    reason: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``PACTESUR_ROOT`` and ``PACTESUR_REASON`` (``0`` turns reasoning
        off), then the given overrides (``None`` values are ignored)."""
        values: dict[str, object] = {}
        if root := os.environ.get("PACTESUR_ROOT"):
            values["root"] = Path(root)
        if (reason := os.environ.get("PACTESUR_REASON")) is not None:
            values["reason"] = reason.strip().lower() not in {"0", "false", "no", "off"}
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        missing = [name for name in ("ontology", "data") if not (self.root / name).is_dir()]
        if missing:
            raise UsageError(
                f"{self.root} is not a pactesur-kg checkout: no {' or '.join(missing)}/ folder; "
                "run from the repository or set PACTESUR_ROOT"
            )

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def checks_dir(self) -> Path:
        return self.queries_dir / "checks"

    @property
    def inference_dir(self) -> Path:
        return self.queries_dir / "inference"

    @property
    def data_shapes_dir(self) -> Path:
        return self.root / "shapes" / "data"

    @property
    def ontology_shapes_dir(self) -> Path:
        return self.root / "shapes" / "ontology"
