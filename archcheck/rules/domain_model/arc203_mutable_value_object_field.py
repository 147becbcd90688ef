"""ARC203 mutable-value-object-field: a value object or event field holds a mutable container."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.facts.classes import Field
from archcheck.findings import Finding
from archcheck.index import ModuleView, ProjectIndex, RefKind
from archcheck.markers import Kind
from archcheck.registry import rule_at
from archcheck.rules.domain_model.model import domain_model, own_fields

RULE = rule_at(__name__)

_TYPING = ("typing", "typing_extensions")
MUTABLE_CONTAINERS = frozenset(
    {f"builtins.{name}" for name in ("list", "dict", "set", "bytearray")}
    | {f"collections.{name}" for name in ("deque", "defaultdict", "OrderedDict", "Counter")}
    | {f"collections.abc.{name}" for name in ("MutableMapping", "MutableSequence", "MutableSet")}
    | {
        f"{module}.{name}"
        for module in _TYPING
        for name in ("List", "Dict", "Set", "MutableMapping", "MutableSequence", "MutableSet")
        + ("DefaultDict", "Deque", "OrderedDict", "Counter")
    }
    | {"array.array"}
)


def _mutable(index: ProjectIndex, view: ModuleView, name: str) -> bool:
    ref = index.resolve(view, name)
    return ref.kind is RefKind.EXTERNAL and ref.qualified in MUTABLE_CONTAINERS


def mutable_container(index: ProjectIndex, view: ModuleView, field: Field) -> str | None:
    """The mutable container a field is annotated with or defaults to, as written."""
    for name in field.annotation:
        if _mutable(index, view, name):
            return name
    how, _, what = field.default.partition(":")
    if how == "literal":
        return what
    if how in ("call", "factory") and _mutable(index, view, what):
        return what
    return None


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each field of a value object or domain event that holds a mutable container."""
    model = domain_model(ctx)
    for item in model.marked:
        if item.kind not in (Kind.VALUE_OBJECT, Kind.DOMAIN_EVENT):
            continue
        for field in own_fields(item.cls):
            container = mutable_container(model.index, model.view, field)
            if container is None:
                continue
            yield RULE.finding(
                field.line, field.col, kind=item.kind.label, name=item.cls.name, field=field.name, container=container
            )
