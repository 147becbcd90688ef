"""ARC101 layer-violation: a module imports a module of a higher layer."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.contracts import located_hops
from archcheck.findings import Finding
from archcheck.registry import rule_at

RULE = rule_at(__name__)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each import whose target's layer outranks the importer's, in archcheck's
    own layers and in the import-linter layers contracts."""
    yield from _own_layers(ctx)
    yield from _contracts(ctx)


def _own_layers(ctx: ModuleContext) -> Iterator[Finding]:
    own = ctx.project.layer_of(ctx.module.name)
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


def _contracts(ctx: ModuleContext) -> Iterator[Finding]:
    for located in located_hops(ctx):
        hop = located.hop
        if hop.kind == "layers" and hop.direct:
            yield RULE.finding(
                located.line,
                located.col,
                importer=ctx.module.name,
                importer_layer=hop.source,
                imported=hop.imported,
                imported_layer=hop.target,
                relation=f"which import-linter contract {hop.contract!r} forbids",
            )
