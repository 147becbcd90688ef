"""The functions of a module as the type-hint rules see them.

Where each function is defined (module, class body, another function), which
of its parameters are checked and which suppressions apply. The definitions
follow flake8-annotations, the reference for ARC301/ARC302; the few places
where archcheck deliberately differs are listed in ``docs/type-hints.md``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from archcheck.config import Config
from archcheck.context import ModuleContext
from archcheck.facts.statements import child_statements
from archcheck.records import Choice, Record

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class Scope(Choice):
    """The nearest enclosing scope of a definition (``if``/``try``/… blocks are transparent)."""

    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"


class FunctionSite(Record):
    """One ``def`` or ``async def`` and where it stands (a record: every
    module makes dozens, and dataclass instances cost more to build)."""

    node: FunctionNode
    qualname: str
    scope: Scope
    overload_implementation: bool

    @property
    def name(self) -> str:
        """The function's own name."""
        return self.node.name

    @property
    def is_method(self) -> bool:
        """Defined directly in a class body."""
        return self.scope is Scope.CLASS

    @property
    def is_nested(self) -> bool:
        """Defined directly in another function (not in a class inside it)."""
        return self.scope is Scope.FUNCTION


def iter_functions(tree: ast.Module, overload_decorators: Sequence[str]) -> Iterator[FunctionSite]:
    """Every function of ``tree``, depth first in source order; lambdas have no annotations.

    Three rules ask for the same module in a row: the walk is done once per tree.
    """
    key = (tree, tuple(overload_decorators))
    if not _last_walk or _last_walk[0][0] is not key[0] or _last_walk[0][1] != key[1]:
        _last_walk[:] = [(key[0], key[1], tuple(_walk(tree, Scope.MODULE, "", key[1])))]
    yield from _last_walk[0][2]


_last_walk: list[tuple[ast.Module, tuple[str, ...], tuple[FunctionSite, ...]]] = []


def _definitions(node: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]:
    """The definitions directly in ``node``'s scope, through nested blocks, in source order."""
    found = []
    pending = list(reversed(child_statements(node)))
    while pending:
        child = pending.pop()
        if isinstance(child, _DEFINITIONS):
            found.append(child)
        else:
            pending.extend(reversed(child_statements(child)))
    return found


def _walk(node: ast.AST, scope: Scope, prefix: str, overloads: tuple[str, ...]) -> Iterator[FunctionSite]:
    previous: FunctionNode | None = None
    for child in _definitions(node):
        if isinstance(child, ast.ClassDef):
            yield from _walk(child, Scope.CLASS, f"{prefix}{child.name}.", overloads)
            continue
        implementation = (
            previous is not None
            and previous.name == child.name
            and has_decorator(previous, overloads)
            and not has_decorator(child, overloads)
        )
        yield FunctionSite(child, prefix + child.name, scope, implementation)
        previous = child
        yield from _walk(child, Scope.FUNCTION, f"{prefix}{child.name}.<locals>.", overloads)


def last_name(node: ast.expr) -> str | None:
    """The last name of a dotted expression: ``functools.cache`` is ``cache``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def decorator_name(decorator: ast.expr) -> str | None:
    """The name a decorator is matched by: ``functools.singledispatch()`` is ``singledispatch``."""
    return last_name(decorator.func if isinstance(decorator, ast.Call) else decorator)


def has_decorator(node: FunctionNode, names: Sequence[str]) -> bool:
    """Whether any of ``node``'s decorators (in any position) is one of ``names``."""
    return any(decorator_name(decorator) in names for decorator in node.decorator_list)


def is_public(name: str) -> bool:
    """No leading underscore; dunders (``__init__``) count as public."""
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def all_parameters(node: FunctionNode) -> list[ast.arg]:
    """Every parameter in signature order: positional-only, positional, ``*args``, keyword-only, ``**kwargs``."""
    args = node.args
    found = [*args.posonlyargs, *args.args]
    if args.vararg is not None:
        found.append(args.vararg)
    found += args.kwonlyargs
    if args.kwarg is not None:
        found.append(args.kwarg)
    return found


def parameter_label(node: FunctionNode, param: ast.arg) -> str:
    """How messages name a parameter: ``'x'``, ``'*args'``, ``'**kwargs'``."""
    star = "*" if param is node.args.vararg else "**" if param is node.args.kwarg else ""
    return f"'{star}{param.arg}'"


def receiver(site: FunctionSite) -> ast.arg | None:
    """The parameter that receives ``self`` or ``cls``: a method's first positional one,
    else its ``*args``; none for a static method or a function outside a class body."""
    if not site.is_method or has_decorator(site.node, ("staticmethod",)):
        return None
    args = site.node.args
    positional = [*args.posonlyargs, *args.args]
    return positional[0] if positional else args.vararg


def is_dynamically_typed(node: FunctionNode) -> bool:
    """No annotation at all, not even on ``self`` or the return."""
    return node.returns is None and all(arg.annotation is None for arg in all_parameters(node))


def returns_only_none(node: FunctionNode) -> bool:
    """Every ``return`` of the function's own body is bare or ``return None`` (yields do not count)."""
    pending: list[ast.AST] = list(node.body)
    while pending:
        current = pending.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(current, ast.Return) and current.value is not None:
            if not (isinstance(current.value, ast.Constant) and current.value.value is None):
                return False
        pending.extend(ast.iter_child_nodes(current))
    return True


def in_hint_layers(ctx: ModuleContext) -> bool:
    """Whether ``type_hints_layers`` (unset: every module) covers this module."""
    wanted = ctx.config.type_hints_layers
    if wanted is None:
        return True
    layer = ctx.layer
    return layer is not None and (layer.name in wanted or layer.kind in wanted)


def judged_sites(ctx: ModuleContext) -> Iterator[FunctionSite]:
    """The functions ARC301 and ARC302 judge in this module, every suppression applied."""
    if not in_hint_layers(ctx):
        return
    config = ctx.config
    for site in iter_functions(ctx.tree, config.overload_decorators):
        if not _suppressed(site, config):
            yield site


def _suppressed(site: FunctionSite, config: Config) -> bool:
    if config.type_hints_public_only and not is_public(site.name):
        return True
    # A dispatch function's parameters are the dispatch keys; an overload
    # series' implementation is typed by the overloads above it.
    if site.overload_implementation or has_decorator(site.node, config.dispatch_decorators):
        return True
    if not is_dynamically_typed(site.node):
        return False
    return config.allow_untyped_defs or (config.allow_untyped_nested and site.is_nested)
