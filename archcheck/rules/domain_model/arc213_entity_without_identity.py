"""ARC213 entity-without-identity: an entity or aggregate root declares no identity field."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.facts.classes import ClassFact, MethodShape
from archcheck.findings import Finding
from archcheck.registry import rule_at
from archcheck.rules.domain_model.model import domain_model, snake_case

RULE = rule_at(__name__)


def identity_names(patterns: tuple[str, ...], class_name: str) -> tuple[str, ...]:
    """The configured identity field names for ``class_name``."""
    return tuple(pattern.replace("{snake_class_name}", snake_case(class_name)) for pattern in patterns)


def _visible_names(chain: list[ClassFact]) -> set[str]:
    """Field, property and class attribute names of the chain; a private ``_id`` counts as ``id``."""
    names: set[str] = set()
    for cls in chain:
        names.update(cls.attributes)
        for field in cls.fields:
            names.update({field.name, field.name.lstrip("_")})
        names.update(m.name for m in cls.methods if m.shape is MethodShape.PROPERTY)
    return names


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each stateful, concrete entity whose own and inherited fields hold no identity."""
    model = domain_model(ctx)
    for item in model.marked:
        cls = item.cls
        if not item.kind.is_entity or any(m.abstract for m in cls.methods):
            continue
        chain = model.ancestors(cls)
        if chain is None or not any(c.fields for c in chain):
            continue
        expected = identity_names(ctx.config.identity_fields, cls.name)
        if _visible_names(chain).intersection(expected):
            continue
        yield RULE.finding(cls.line, cls.col, kind=item.kind.label, name=cls.name, expected=", ".join(expected))
