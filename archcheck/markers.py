"""Markers: which classes are value objects, entities, aggregate roots, domain events.

Decided in SPEC order: configured base classes (matched by the name they are
written with, or the name they resolve to, through the class's project-local
inheritance chain across modules; the nearest marker base decides), then
configured decorators, then module patterns (import-linter wildcards, matching
the defining module or any package above it), then shell-style name globs.
A base or decorator that resolves to the standard library (``threading.Event``)
is never a marker; the marker base classes themselves are never marked.
"""

from __future__ import annotations

from collections import deque
from fnmatch import fnmatchcase

from archcheck.config import Config, MarkerSpec
from archcheck.facts.classes import ClassFact
from archcheck.facts.expressions import last_part
from archcheck.index import ModuleView, ProjectIndex, RefKind
from archcheck.records import Choice, Record
from archcheck.wildcards import is_valid, matches

_MAX_DEPTH = 32


class Kind(Choice):
    """A kind of domain class, as named in ``[tool.archcheck.markers]``."""

    VALUE_OBJECT = "value_object"
    ENTITY = "entity"
    AGGREGATE_ROOT = "aggregate_root"
    DOMAIN_EVENT = "domain_event"

    @property
    def label(self) -> str:
        """How messages name the kind (``value object``)."""
        return self.value.replace("_", " ")

    @property
    def is_entity(self) -> bool:
        """An aggregate root is also an entity."""
        return self in (Kind.ENTITY, Kind.AGGREGATE_ROOT)


class Marked(Record):
    """A class of the checked module with its kind."""

    cls: ClassFact
    kind: Kind


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:cut]) for cut in range(len(parts), 0, -1)]


class Markers:
    """Classifies classes of one project, memoised for one check."""

    def __init__(self, config: Config, index: ProjectIndex) -> None:
        self.index = index
        self.specs: tuple[tuple[Kind, MarkerSpec], ...] = tuple((kind, config.marker(kind.value)) for kind in Kind)
        self.base_names = frozenset(name for _, spec in self.specs for name in spec.bases)
        self._memo: dict[tuple[str, str], Kind | None] = {}

    def is_marker_base(self, cls: ClassFact) -> bool:
        """Whether ``cls`` is itself one of the configured marker bases."""
        return cls.name in self.base_names

    def kind_of(self, view: ModuleView, cls: ClassFact) -> Kind | None:
        """The kind of class ``cls`` defined in ``view``, or ``None`` if unmarked."""
        key = (view.name, cls.name)
        if key not in self._memo:
            self._memo[key] = None if self.is_marker_base(cls) else self._classify(view, cls)
        return self._memo[key]

    def marked(self, view: ModuleView) -> list[Marked]:
        """The marked classes of module ``view``, in source order."""
        found = []
        for cls in view.facts.classes:
            kind = self.kind_of(view, cls)
            if kind is not None:
                found.append(Marked(cls, kind))
        return found

    def _classify(self, view: ModuleView, cls: ClassFact) -> Kind | None:
        return (
            self._by_bases(view, cls)
            or self._by_decorators(view, cls)
            or self._by_module(view.name)
            or self._by_name(cls.name)
        )

    def _matching(self, names: set[str], field: str) -> Kind | None:
        for kind, spec in self.specs:
            if names.intersection(getattr(spec, field)):
                return kind
        return None

    def _names(self, view: ModuleView, written: str) -> set[str] | None:
        """The names a base or decorator is known by; ``None`` for the standard library."""
        ref = self.index.resolve(view, written)
        if ref.is_stdlib:
            return None
        names = {last_part(written)}
        if ref.qualified:
            names.add(ref.last)
        return names

    def _by_bases(self, view: ModuleView, cls: ClassFact) -> Kind | None:
        """Breadth first through the project-local chain: the nearest marker base decides."""
        queue: deque[tuple[ModuleView, ClassFact, int]] = deque([(view, cls, 0)])
        seen = {(view.name, cls.name)}
        while queue:
            here, current, depth = queue.popleft()
            if depth > _MAX_DEPTH:
                return None
            for base in current.bases:
                names = self._names(here, base) if base else None
                if names is None:
                    continue
                kind = self._matching(names, "bases")
                if kind is not None:
                    return kind
                ref = self.index.resolve(here, base)
                if ref.kind is RefKind.CLASS and ref.view is not None and ref.cls is not None:
                    key = (ref.view.name, ref.cls.name)
                    if key not in seen:
                        seen.add(key)
                        queue.append((ref.view, ref.cls, depth + 1))
        return None

    def _by_decorators(self, view: ModuleView, cls: ClassFact) -> Kind | None:
        for decorator in cls.decorators:
            names = self._names(view, decorator.name) if decorator.name else None
            kind = self._matching(names, "decorators") if names else None
            if kind is not None:
                return kind
        return None

    def _by_module(self, module: str) -> Kind | None:
        for kind, spec in self.specs:
            for pattern in spec.modules:
                if is_valid(pattern) and any(matches(pattern, name) for name in _ancestors(module)):
                    return kind
        return None

    def _by_name(self, name: str) -> Kind | None:
        for kind, spec in self.specs:
            if any(fnmatchcase(name, pattern) for pattern in spec.names):
                return kind
        return None

    def is_marker_decorator(self, view: ModuleView, name: str) -> bool:
        """Whether the decorator written ``name`` is a configured marker decorator."""
        names = self._names(view, name) if name else None
        return bool(names and self._matching(names, "decorators"))
