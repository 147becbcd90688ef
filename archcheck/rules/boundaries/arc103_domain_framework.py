"""ARC103 domain-framework-import: the domain layer imports a third-party package."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.project import covers
from archcheck.registry import rule_at

RULE = rule_at(__name__)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each third-party import of a domain-layer module that is not allowed."""
    layer = ctx.layer
    domain = ctx.config.domain_layer
    if layer is None or domain not in (layer.name, layer.kind):
        return
    allowed = ctx.config.domain_allowed_imports
    for ref in ctx.imports():
        if ref.fact.level or not ctx.project.is_third_party(ref.target):
            continue
        if any(covers(entry, ref.target) for entry in allowed):
            continue
        yield RULE.finding(
            ref.fact.line,
            ref.fact.col,
            importer=ctx.module.name,
            layer=layer.label,
            imported=ref.target,
            top=ref.target.partition(".")[0],
        )
