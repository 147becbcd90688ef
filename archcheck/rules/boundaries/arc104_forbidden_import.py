"""ARC104 forbidden-import: an import that a forbidden contract rules out."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ImportRef, ModuleContext
from archcheck.contracts import located_hops
from archcheck.findings import Finding
from archcheck.project import covers
from archcheck.registry import rule_at

RULE = rule_at(__name__)


def _names(ref: ImportRef) -> tuple[str, ...]:
    """The target, and for ``from pkg import sub`` of an external package, ``pkg.sub`` too."""
    if ref.fact.name and ref.fact.name != "*" and ref.fact.level == 0 and ref.target == ref.fact.base:
        return (ref.target, f"{ref.target}.{ref.fact.name}")
    return (ref.target,)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each direct import of a module forbidden to the importer, and each first
    hop of a chain that an import-linter forbidden contract reports."""
    yield from _own_forbidden(ctx)
    yield from _contracts(ctx)


def _own_forbidden(ctx: ModuleContext) -> Iterator[Finding]:
    importer = ctx.module.name
    rules = [(source, targets) for source, targets in ctx.config.forbidden if covers(source, importer)]
    if not rules:
        return
    for ref in ctx.imports():
        for source, targets in rules:
            hit = next((t for t in targets for name in _names(ref) if covers(t, name)), None)
            if hit is None:
                continue
            yield RULE.finding(
                ref.fact.line,
                ref.fact.col,
                importer=importer,
                imported=ref.target,
                source=source,
                contract="[tool.archcheck.forbidden]",
            )
            break


def _contracts(ctx: ModuleContext) -> Iterator[Finding]:
    for located in located_hops(ctx):
        hop = located.hop
        if hop.kind != "forbidden":
            continue
        chain = " -> ".join(hop.chain)
        imported = hop.imported if hop.direct else f"{hop.imported}, which leads to {hop.target} ({chain})"
        yield RULE.finding(
            located.line,
            located.col,
            importer=ctx.module.name,
            imported=imported,
            source=hop.source,
            contract=f"import-linter contract {hop.contract!r}",
        )
