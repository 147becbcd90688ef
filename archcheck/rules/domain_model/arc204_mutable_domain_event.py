"""ARC204 mutable-domain-event: a domain event whose class is not immutable."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.markers import Kind
from archcheck.registry import rule_at
from archcheck.rules.domain_model.arc201_mutable_value_object import mutable_classes

RULE = rule_at(__name__)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each domain event of this module that is known to be mutable."""
    for name, line, col, reason in mutable_classes(ctx, Kind.DOMAIN_EVENT):
        yield RULE.finding(line, col, name=name, reason=reason)
