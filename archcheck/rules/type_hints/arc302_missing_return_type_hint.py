"""ARC302 missing-return-type-hint: a function without a return annotation."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.registry import rule_at
from archcheck.rules.type_hints.functions import FunctionSite, all_parameters, judged_sites, returns_only_none

RULE = rule_at(__name__)


def _typed_init(site: FunctionSite) -> bool:
    """mypy's rule: a method ``__init__`` with one annotated parameter is checked, returning ``None``."""
    node = site.node
    if not site.is_method or node.name != "__init__":
        return False
    return any(arg.annotation is not None for arg in all_parameters(node))


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each judged function without a return annotation, reported on its ``def`` line."""
    none_ok = ctx.config.suppress_none_returning
    for site in judged_sites(ctx):
        node = site.node
        if node.returns is not None or _typed_init(site) or (none_ok and returns_only_none(node)):
            continue
        yield RULE.finding(node.lineno, node.col_offset, function=site.qualname)
