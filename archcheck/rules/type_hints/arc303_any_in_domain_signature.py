"""ARC303 any-in-domain-signature: ``Any`` in a domain-layer function's signature."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.registry import rule_at
from archcheck.rules.type_hints.any_types import any_spellings
from archcheck.rules.type_hints.functions import all_parameters, iter_functions, parameter_label

RULE = rule_at(__name__)

_SHOWN = 60


def _shown(annotation: ast.expr) -> str:
    text = ast.unparse(annotation)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each parameter or return annotation of a domain-layer function that holds ``Any``, once."""
    layer = ctx.layer
    if layer is None or ctx.config.domain_layer not in (layer.name, layer.kind):
        return
    spellings = any_spellings(ctx.tree)
    if not spellings.names and not spellings.modules:
        return
    for site in iter_functions(ctx.tree, ctx.config.overload_decorators):
        node = site.node
        for param in all_parameters(node):
            if param.annotation is not None and spellings.contains_any(param.annotation):
                yield RULE.finding(
                    param.lineno,
                    param.col_offset,
                    where=f"parameter {parameter_label(node, param)}",
                    function=site.qualname,
                    layer=layer.label,
                    annotation=_shown(param.annotation),
                )
        if node.returns is not None and spellings.contains_any(node.returns):
            yield RULE.finding(
                node.lineno,
                node.col_offset,
                where="the return type",
                function=site.qualname,
                layer=layer.label,
                annotation=_shown(node.returns),
            )
