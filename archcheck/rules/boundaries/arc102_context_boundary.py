"""ARC102 context-boundary-violation: a context reaches into another's internals."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding, Severity
from archcheck.rule import Rule

RULE = Rule(
    code="ARC102",
    symbol="context-boundary-violation",
    severity=Severity.WARNING,
    template="{importer} (context {importer_context}) imports {imported}, an internal module of "
    "context {imported_context}; import from its public surface ({surface}) instead",
    summary="A bounded context imports the internals of another context.",
)


def _surface(ctx: ModuleContext, context: str) -> str:
    public = [f"{context}.{name}" for name in ctx.config.context_public]
    return ", ".join([context, *public])


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each import from one context into a non-public module of another."""
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
            imported_context=theirs,
            surface=_surface(ctx, theirs),
        )
