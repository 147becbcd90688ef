"""ARC201 mutable-value-object: a value object whose class is not immutable."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.markers import Kind
from archcheck.registry import rule_at
from archcheck.rules.domain_model.model import domain_model

RULE = rule_at(__name__)


def mutable_classes(ctx: ModuleContext, kind: Kind) -> Iterator[tuple[str, int, int, str]]:
    """(name, line, col, reason) of each class of ``kind`` known to be mutable."""
    model = domain_model(ctx)
    for cls in model.of_kind(kind):
        judgement = model.immutability.judge(model.view, cls)
        if judgement.mutable:
            yield cls.name, cls.line, cls.col, judgement.reason


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each value object of this module that is known to be mutable."""
    for name, line, col, reason in mutable_classes(ctx, Kind.VALUE_OBJECT):
        yield RULE.finding(line, col, name=name, reason=reason)
