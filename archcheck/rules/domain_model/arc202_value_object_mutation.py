"""ARC202 value-object-mutation: a value object method assigns to an attribute of ``self``."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.facts.classes import ClassFact, Write
from archcheck.findings import Finding
from archcheck.markers import Kind
from archcheck.registry import rule_at
from archcheck.rules.domain_model.model import domain_model

RULE = rule_at(__name__)

_CONSTRUCTION = frozenset({"__init__", "__post_init__", "__new__", "__setstate__"})


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def mutations(cls: ClassFact) -> Iterator[Write]:
    """The writes to ``self`` outside construction, cached private state in dunders
    and the guard methods themselves."""
    guards = {method.name for method in cls.methods if method.is_guard}
    for write in cls.writes:
        if write.method in _CONSTRUCTION or write.method in guards:
            continue
        if _is_dunder(write.method) and (not write.attr or write.attr.startswith("_")):
            continue
        yield write


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each assignment to ``self`` in a value object method that is not construction."""
    for cls in domain_model(ctx).of_kind(Kind.VALUE_OBJECT):
        for write in mutations(cls):
            target = f"self.{write.attr}" if write.attr else f"an attribute of self ({write.how.value})"
            yield RULE.finding(write.line, write.col, name=cls.name, method=write.method, target=target)
