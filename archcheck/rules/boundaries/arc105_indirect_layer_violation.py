"""ARC105 indirect-layer-violation: a layered module reaches a higher layer through unlayered ones.

Reported once per first hop (the import of a module that belongs to no
layer), with the shortest chain in the message. Chains that pass through
another layered module stop there: that module's own import is where they
break, and it is reported there (ARC101 or ARC105 of that module).
"""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.chains import shortest_chain
from archcheck.context import ModuleContext, graph_for
from archcheck.findings import Finding
from archcheck.contracts import located_hops
from archcheck.graph import ProjectGraph
from archcheck.layers import Layer
from archcheck.registry import rule_at

RULE = rule_at(__name__)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each import of an unlayered module through which a higher layer is reached."""
    if not ctx.config.indirect:
        return
    yield from _own_layers(ctx)
    yield from _contracts(ctx)


def _own_layers(ctx: ModuleContext) -> Iterator[Finding]:
    project = ctx.project
    own = project.layer_of(ctx.module.name)
    if own is None:
        return
    hops = [ref for ref in ctx.imports() if project.layer_of(ref.target) is None and project.module_exists(ref.target)]
    if not hops:
        return
    graph = graph_for(ctx)
    for ref in hops:
        chain = _chain(ctx, graph, own, ref.target)
        if chain is None:
            continue
        target = chain[-1]
        theirs = project.layer_of(target)
        assert theirs is not None
        yield RULE.finding(
            ref.fact.line,
            ref.fact.col,
            importer=ctx.module.name,
            importer_layer=own.label,
            target=target,
            target_layer=theirs.label,
            first=ref.target,
            why="which belongs to no layer",
            chain=" -> ".join((ctx.module.name, *chain)),
        )
    graph.save()  # the modules verified along the chains, for the next run


def _chain(ctx: ModuleContext, graph: ProjectGraph, own: Layer, first: str) -> tuple[str, ...] | None:
    project = ctx.project
    exclude = ctx.config.exclude_type_checking_imports

    def successors(module: str) -> list[str]:
        found = graph.successors(module, exclude_type_checking=exclude)
        return [target for target in found if not project.is_ignored(module, target)]

    def is_goal(module: str) -> bool:
        layer = project.layer_of(module)
        return layer is not None and layer.rank < own.rank

    def is_passable(module: str) -> bool:
        return project.layer_of(module) is None

    return shortest_chain(first, successors, is_goal=is_goal, is_passable=is_passable)


def _contracts(ctx: ModuleContext) -> Iterator[Finding]:
    """The first hops of the indirect chains that import-linter layers contracts report."""
    for located in located_hops(ctx):
        hop = located.hop
        if hop.kind != "layers" or hop.direct:
            continue
        yield RULE.finding(
            located.line,
            located.col,
            importer=ctx.module.name,
            importer_layer=hop.source,
            target=hop.chain[-1],
            target_layer=hop.target,
            first=hop.imported,
            why=f"breaking import-linter contract {hop.contract!r}",
            chain=" -> ".join(hop.chain),
        )
