"""ARC102 context-boundary-violation: a context reaches into another's internals."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.contracts import located_hops
from archcheck.findings import Finding
from archcheck.registry import rule_at

RULE = rule_at(__name__)


def _surface(ctx: ModuleContext, context: str) -> str:
    public = [f"{context}.{name}" for name in ctx.config.context_public]
    return ", ".join([context, *public])


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each import from one context into a non-public module of another, and
    each first hop of a chain that an import-linter independence contract reports."""
    yield from _own_contexts(ctx)
    yield from _contracts(ctx)


def _own_contexts(ctx: ModuleContext) -> Iterator[Finding]:
    own = ctx.project.context_of(ctx.module.name)
    if own is None:
        return
    for ref in ctx.imports():
        theirs = ctx.project.context_of(ref.target)
        if theirs is None or theirs == own or ctx.project.is_public_surface(theirs, ref.target):
            continue
        yield RULE.finding(
            ref.fact.line,
            ref.fact.col,
            importer=ctx.module.name,
            importer_context=own,
            imported=ref.target,
            reason=f"an internal module of context {theirs}; import from its public surface "
            f"({_surface(ctx, theirs)}) instead",
        )


def _contracts(ctx: ModuleContext) -> Iterator[Finding]:
    for located in located_hops(ctx):
        hop = located.hop
        if hop.kind != "independence":
            continue
        through = "" if hop.direct else f" and through it {hop.chain[-1]} ({' -> '.join(hop.chain)})"
        yield RULE.finding(
            located.line,
            located.col,
            importer=ctx.module.name,
            importer_context=hop.source,
            imported=hop.imported + through,
            reason=f"but import-linter contract {hop.contract!r} keeps {hop.source} and {hop.target} independent",
        )
