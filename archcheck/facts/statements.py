"""Walking a tree's statements without visiting its expressions.

Imports, ``if`` guards, definitions and assignments are statements, and
statements live only in a few list fields; expressions are most of a tree's
nodes. The lists each node type has are looked up once per type.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

# In source order: a ``try``'s body, its handlers, its ``else``, its ``finally``.
STATEMENT_LISTS = ("body", "handlers", "orelse", "finalbody", "cases")

_lists_of_type: dict[type[ast.AST], tuple[str, ...]] = {}


def _lists_of(node: ast.AST) -> tuple[str, ...]:
    kind = type(node)
    found = _lists_of_type.get(kind)
    if found is None:
        # ``Lambda.body`` and ``IfExp.body`` are expressions: only lists count.
        found = tuple(name for name in STATEMENT_LISTS if isinstance(getattr(node, name, None), list))
        _lists_of_type[kind] = found
    return found


def child_statements(node: ast.AST) -> list[ast.AST]:
    """The statements (and ``except`` handlers, ``case`` clauses) directly in ``node``, in source order."""
    names = _lists_of_type.get(type(node))
    if names is None:
        names = _lists_of(node)
    if not names:
        return []
    if len(names) == 1:
        found: list[ast.AST] = getattr(node, names[0])
        return found
    return [child for name in names for child in getattr(node, name)]


def statements(tree: ast.AST) -> Iterator[ast.AST]:
    """``tree`` and every statement below it (handlers and cases included), in no particular order."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child_statements(node))


def own_statements(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """The statements of ``body`` and below, in source order, not looking into nested classes."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.ClassDef):
            stack.extend(reversed(child_statements(node)))
