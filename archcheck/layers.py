"""Layers: which layer a module belongs to, and how layers rank.

Rank is global: index 0 is the highest layer. Explicit layers come from
``layers`` (import-linter's syntax: ``a | b`` independent siblings, ``a : b``
siblings that may import each other, ``(a)`` optional); zero-config layers
from the conventional names below.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from archcheck.records import Record


CONVENTIONAL_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("presentation", ("presentation", "entrypoints", "api", "web", "ui", "cli", "interfaces", "controllers", "views")),
    ("infrastructure", ("infrastructure", "infra", "adapters", "persistence", "gateways")),
    ("application", ("application", "service_layer", "services", "use_cases", "usecases")),
    ("domain", ("domain", "entities")),
)
CONVENTIONAL_KIND: dict[str, str] = {name: kind for kind, names in CONVENTIONAL_LAYERS for name in names}
KIND_RANK: dict[str, int] = {kind: rank for rank, (kind, _) in enumerate(CONVENTIONAL_LAYERS)}

_TEST_PART = re.compile(r"^(tests?|test_.*|.*_test|conftest)$")


class Layer(Record):
    """A module's layer: its name, kind, global rank and container."""

    name: str
    kind: str
    rank: int
    independent: bool
    container: str

    @property
    def label(self) -> str:
        """How messages name the layer (``adapters (infrastructure)``)."""
        return self.name if self.name == self.kind else f"{self.name} ({self.kind})"

    def judge(self, imported: Layer) -> str | None:
        """Why importing a module of ``imported`` breaks the layering, or ``None``."""
        if imported.rank < self.rank:
            return "a higher layer"
        if imported.rank == self.rank and imported.independent and imported.name != self.name:
            return "an independent sibling layer"
        return None


class LayerGroup(Record):
    """One entry of ``layers``: sibling names of the same rank."""

    names: tuple[str, ...]
    independent: bool
    optional: frozenset[str]


def parse_layers(entries: tuple[str, ...]) -> tuple[tuple[LayerGroup, ...], list[str]]:
    """Parse ``layers`` entries into groups; also return what is malformed."""
    groups: list[LayerGroup] = []
    problems: list[str] = []
    for entry in entries:
        has_bar, has_colon = "|" in entry, ":" in entry
        if has_bar and has_colon:
            problems.append(f"{entry!r} mixes '|' and ':'")
            continue
        raw = [part.strip() for part in re.split(r"[|:]", entry)]
        names = tuple(part.strip("()").strip() for part in raw)
        if not all(re.fullmatch(r"[A-Za-z_][\w.]*", name) for name in names):
            problems.append(f"{entry!r} is not a layer name")
            continue
        optional = frozenset(name for part, name in zip(raw, names, strict=True) if part.startswith("("))
        groups.append(LayerGroup(names, has_bar, optional))
    return tuple(groups), problems


def is_test_module(name: str) -> bool:
    """Whether a module is a test module by its name (tests belong to no layer)."""
    return any(_TEST_PART.match(part) for part in name.split("."))


class ExplicitLayers:
    """Layers from configuration: absolute, or relative to containers."""

    def __init__(self, groups: tuple[LayerGroup, ...], containers: tuple[str, ...]) -> None:
        self._containers = tuple(sorted(containers, key=len, reverse=True))
        self._names: list[tuple[str, int, bool]] = sorted(
            ((name, rank, group.independent) for rank, group in enumerate(groups) for name in group.names),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        self._known: dict[str, Layer | None] = {}
        self._shared: dict[Layer, Layer] = {}

    def layer_of(self, module: str) -> Layer | None:
        """The layer of ``module``, or ``None`` if it belongs to none (explicit
        layers depend on the configuration alone, so each answer is kept)."""
        if module in self._known:
            return self._known[module]
        found = self._find(module)
        self._known[module] = found
        return found

    def _find(self, module: str) -> Layer | None:
        container, relative = "", module
        if self._containers:
            inside = [c for c in self._containers if module.startswith(c + ".")]
            if not inside:
                return None
            container, relative = inside[0], module[len(inside[0]) + 1 :]
        for name, rank, independent in self._names:
            if relative == name or relative.startswith(name + "."):
                return _one_record(self._shared, Layer(name, name, rank, independent, container))
        return None


def _one_record(shared: dict[Layer, Layer], layer: Layer) -> Layer:
    """The record equal to ``layer`` that its modules share: a whole run keeps every module's answer."""
    return shared.setdefault(layer, layer)


class ConventionalLayers:
    """The zero-config layout: packages holding two or more conventional layer names.

    ``children`` lists a package's sub-package and module names; the innermost
    container governs a module.
    """

    def __init__(self, children: Callable[[str], frozenset[str]]) -> None:
        self._children = children
        self._shared: dict[Layer, Layer] = {}

    def is_container(self, package: str) -> bool:
        """Whether ``package`` ("" for a source root) holds two or more layer names."""
        return len(self._children(package) & CONVENTIONAL_KIND.keys()) >= 2

    def layer_of(self, module: str) -> Layer | None:
        """The layer of ``module`` in its innermost container, if any."""
        parts = module.split(".")
        for index in range(len(parts) - 1, -1, -1):
            container = ".".join(parts[:index])
            if self.is_container(container):
                kind = CONVENTIONAL_KIND.get(parts[index])
                if kind is None:
                    return None
                return _one_record(self._shared, Layer(parts[index], kind, KIND_RANK[kind], False, container))
        return None


_listing_cache: dict[Path, tuple[int, frozenset[str]]] = {}


def _child_name(entry: os.DirEntry[str]) -> tuple[str, ...]:
    """The module name an entry contributes; an entry that cannot be inspected
    (a symlink loop, a permission error) contributes nothing, the rest stays."""
    try:
        if entry.name.endswith(".py") and entry.is_file():
            return (entry.name[:-3],)
        if entry.is_dir() and entry.name.isidentifier():
            return (entry.name,)
    except OSError:
        pass
    return ()


def package_children(directory: Path) -> frozenset[str]:
    """Sub-package and module names in ``directory``, cached on its mtime."""
    try:
        stamp = directory.stat().st_mtime_ns
    except OSError:
        return frozenset()
    cached = _listing_cache.get(directory)
    if cached and cached[0] == stamp:
        return cached[1]
    names: set[str] = set()
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if not entry.name.startswith((".", "_")):
                    names.update(_child_name(entry))
    except OSError:
        return frozenset()
    result = frozenset(names)
    _listing_cache[directory] = (stamp, result)
    return result
