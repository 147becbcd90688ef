"""ARC212 aggregate-reference-by-object: an aggregate root holds another aggregate root."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.facts.classes import Field
from archcheck.findings import Finding
from archcheck.index import RefKind
from archcheck.markers import Kind
from archcheck.registry import rule_at
from archcheck.rules.domain_model.model import DomainModel, domain_model

RULE = rule_at(__name__)


def _held_aggregate(model: DomainModel, field: Field) -> str | None:
    for name in field.annotation:
        ref = model.index.resolve(model.view, name)
        if ref.kind is not RefKind.CLASS or ref.view is None or ref.cls is None:
            continue
        if model.markers.kind_of(ref.view, ref.cls) is Kind.AGGREGATE_ROOT:
            return ref.cls.name
    return None


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each annotated field of an aggregate root whose type mentions an aggregate root."""
    model = domain_model(ctx)
    for cls in model.of_kind(Kind.AGGREGATE_ROOT):
        seen: set[str] = set()
        for field in cls.fields:
            if not field.annotation or field.name in seen:
                continue
            other = _held_aggregate(model, field)
            if other is None:
                continue
            seen.add(field.name)
            yield RULE.finding(
                field.annotation_line, field.annotation_col, name=cls.name, field=field.name, other=other
            )
