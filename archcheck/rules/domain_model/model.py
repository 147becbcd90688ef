"""What the domain-model rules share for one module: its marked classes, the
project index, the marker and immutability judges, built once per check."""

from __future__ import annotations

import re
from collections.abc import Iterator

from archcheck.context import ModuleContext, per_module
from archcheck.facts.classes import ClassFact, Field
from archcheck.immutability import Immutability
from archcheck.index import ModuleView, ProjectIndex, RefKind
from archcheck.markers import Kind, Marked, Markers

_SNAKE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_FIELDLESS_EXTERNAL = frozenset(
    {"builtins.object", "abc.ABC", "typing.Generic", "typing.Protocol", "typing_extensions.Protocol"}
    | {"typing_extensions.Generic", "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel"}
    | {"msgspec.Struct"}
)
_MAX_CHAIN = 64


class DomainModel:  # pylint: disable=too-few-public-methods
    """The checked module seen by the domain-model rules.

    A plain class: a frozen dataclass cost 1.4 ms at import, paid by every
    editor lint, and a NamedTuple cannot have a field named ``index``.
    """

    __slots__ = ("view", "index", "markers", "immutability", "marked")

    def __init__(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self, view: ModuleView, index: ProjectIndex, markers: Markers, immutability: Immutability,
        marked: tuple[Marked, ...],
    ) -> None:
        self.view = view
        self.index = index
        self.markers = markers
        self.immutability = immutability
        self.marked = marked

    def of_kind(self, *kinds: Kind) -> Iterator[ClassFact]:
        """The module's classes of one of ``kinds``."""
        for item in self.marked:
            if item.kind in kinds:
                yield item.cls

    def ancestors(self, cls: ClassFact) -> list[ClassFact] | None:
        """``cls`` and its project-local bases, nearest first; ``None`` when a base
        cannot be seen (unresolvable, or third-party and possibly holding state)."""
        chain: list[ClassFact] = []
        queue = [(self.view, cls)]
        seen: set[tuple[str, str]] = set()
        while queue:
            view, current = queue.pop(0)
            if (view.name, current.name) in seen:
                continue
            seen.add((view.name, current.name))
            chain.append(current)
            if len(chain) > _MAX_CHAIN:
                return None
            for base in current.bases:
                ref = self.index.resolve(view, base) if base else None
                if ref is None:
                    return None
                if ref.kind is RefKind.CLASS and ref.view is not None and ref.cls is not None:
                    queue.append((ref.view, ref.cls))
                elif not (ref.kind is RefKind.EXTERNAL and ref.qualified in _FIELDLESS_EXTERNAL):
                    return None
        return chain


@per_module
def domain_model(ctx: ModuleContext) -> DomainModel:
    """The domain model of ``ctx``, shared by the rules that run on the same context."""
    view = ModuleView(ctx.module.name, ctx.module.package, ctx.facts.classes)
    index = ProjectIndex(ctx.project.location, view)
    markers = Markers(ctx.config, index)
    model = DomainModel(view, index, markers, Immutability(index, markers), tuple(markers.marked(view)))
    return model


def snake_case(name: str) -> str:
    """``OrderLine`` → ``order_line``, ``HTTPRequest`` → ``http_request``."""
    return _SNAKE.sub("_", name).lower()


def own_fields(cls: ClassFact) -> list[Field]:
    """The class's own fields, each name once (its first declaration)."""
    seen: set[str] = set()
    fields = []
    for field in cls.fields:
        if field.name not in seen:
            seen.add(field.name)
            fields.append(field)
    return fields
