"""The validated configuration: immutable facts the rules read."""

from __future__ import annotations

from pathlib import Path

from archcheck.records import Record


class MarkerSpec(Record):
    """How one kind of domain class (value object, entity …) is recognised."""

    bases: tuple[str, ...] = ()
    decorators: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


class ConfigProblem(Record):
    """Why a configuration is invalid: the file, the key and what is wrong."""

    file: str
    key: str
    message: str

    def describe(self) -> str:
        """The ARC001 message text."""
        return f"invalid archcheck configuration in {self.file}: {self.key}: {self.message}"


class Config(Record):
    """``[tool.archcheck]`` after validation, with defaults filled in.

    ``file`` is the TOML file it came from (``None`` for zero-config) and
    ``root`` the directory relative paths resolve against. A record, as every
    one on the import path is (see :mod:`archcheck.records`): a frozen
    dataclass of this size took 3 ms to create at import, paid by every
    editor lint.
    """

    root: Path
    file: Path | None
    source_roots: tuple[Path, ...]
    layers: tuple[str, ...] | None = None
    containers: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    context_public: tuple[str, ...] = ()
    ignore_imports: tuple[str, ...] = ()
    domain_layer: str = "domain"
    domain_allowed_imports: tuple[str, ...] = ()
    exclude_type_checking_imports: bool = False
    exclude_tests: bool = True
    indirect: bool = True
    importlinter: bool = True
    cache_dir: Path | None = None
    type_hints_layers: tuple[str, ...] | None = None
    type_hints_public_only: bool = True
    suppress_none_returning: bool = False
    suppress_dummy_args: bool = False
    allow_untyped_defs: bool = False
    allow_untyped_nested: bool = False
    overload_decorators: tuple[str, ...] = ("overload",)
    dispatch_decorators: tuple[str, ...] = ("singledispatch", "singledispatchmethod")
    anemic_min_fields: int = 2
    identity_fields: tuple[str, ...] = ("id", "{snake_class_name}_id")
    forbidden: tuple[tuple[str, tuple[str, ...]], ...] = ()
    markers: tuple[tuple[str, MarkerSpec], ...] = ()
    problems: tuple[ConfigProblem, ...] = ()

    def marker(self, kind: str) -> MarkerSpec:
        """The marker specification of ``kind`` (``value_object`` …)."""
        return dict(self.markers).get(kind, MarkerSpec())
