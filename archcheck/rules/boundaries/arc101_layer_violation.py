"""ARC101 layer-violation: a module imports a module of a higher layer."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding, Severity
from archcheck.rule import Rule

RULE = Rule(
    code="ARC101",
    symbol="layer-violation",
    severity=Severity.WARNING,
    template="{importer} (layer {importer_layer}) imports {imported} (layer {imported_layer}), {relation}",
    summary="A module imports a module of a higher layer.",
)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each import whose target's layer outranks the importer's."""
    own = ctx.layer
    if own is None:
        return
    for ref in ctx.imports():
        theirs = ctx.project.layer_of(ref.target)
        relation = own.judge(theirs) if theirs else None
        if theirs is None or relation is None:
            continue
        yield RULE.finding(
            ref.fact.line,
            ref.fact.col,
            importer=ctx.module.name,
            importer_layer=own.label,
            imported=ref.target,
            imported_layer=theirs.label,
            relation=relation,
        )
