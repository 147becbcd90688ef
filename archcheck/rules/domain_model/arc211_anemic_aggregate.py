"""ARC211 anemic-aggregate: an entity or aggregate root with state but no behaviour."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.facts.classes import MethodShape
from archcheck.findings import Finding
from archcheck.registry import rule_at
from archcheck.rules.domain_model.model import domain_model, own_fields

RULE = rule_at(__name__)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each entity or aggregate root with enough own fields and no behaviour of its own."""
    model = domain_model(ctx)
    minimum = ctx.config.anemic_min_fields
    for item in model.marked:
        if not item.kind.is_entity:
            continue
        cls = item.cls
        fields = [field.name for field in own_fields(cls)]
        if len(fields) < minimum or any(m.shape is MethodShape.BEHAVIOUR for m in cls.methods):
            continue
        yield RULE.finding(
            cls.line, cls.col, kind=item.kind.label, name=cls.name, count=len(fields), fields=", ".join(fields)
        )
