"""How a module spells ``typing.Any``, and whether an annotation contains it.

Recognised: ``from typing import Any`` (also from ``typing_extensions``, also
``as A``), ``typing.Any`` / ``t.Any`` through an imported module name, a star
import, module-level aliases whose value holds ``Any`` (``Json = dict[str,
Any]``), and string annotations. Only the names are read; nothing is imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from archcheck.facts.statements import statements
from archcheck.records import Record
from archcheck.rules.type_hints.functions import last_name

TYPING_MODULES = frozenset({"typing", "typing_extensions"})
_ALIAS_VALUES = (ast.Name, ast.Attribute, ast.Subscript, ast.BinOp, ast.Constant)
_MAX_STRING_DEPTH = 3


class AnySpellings(Record):
    """The names that mean ``Any`` in one module and the names of its typing modules."""

    names: frozenset[str]
    modules: frozenset[str]

    def contains_any(self, annotation: ast.expr, depth: int = 0) -> bool:
        """Whether ``annotation`` is or holds ``Any`` (``list[Any]``, ``"Any | None"``)."""
        return any(self._is_any(node, depth) for node in _type_parts(annotation))

    def _is_any(self, node: ast.expr, depth: int) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.names
        if isinstance(node, ast.Attribute):
            return node.attr == "Any" and isinstance(node.value, ast.Name) and node.value.id in self.modules
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and depth < _MAX_STRING_DEPTH:
            parsed = _parse(node.value)
            return parsed is not None and self.contains_any(parsed, depth + 1)
        return False


def _parse(text: str) -> ast.expr | None:
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _type_parts(node: ast.expr) -> Iterator[ast.expr]:
    """The expressions of an annotation that stand for types: not call arguments,
    not ``Literal[...]`` values, not ``Annotated[...]`` metadata."""
    yield node
    if isinstance(node, ast.Subscript):
        yield from _type_parts(node.value)
        name = last_name(node.value)
        if name == "Literal":
            return
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if name == "Annotated":
            items = items[:1]
        for item in items:
            yield from _type_parts(item)
    elif isinstance(node, (ast.BinOp, ast.Tuple, ast.List)):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                yield from _type_parts(child)


def any_spellings(tree: ast.Module) -> AnySpellings:
    """How ``tree`` spells ``Any``: its imports anywhere, then its module-level aliases in order."""
    names: set[str] = set()
    modules: set[str] = set()
    for node in statements(tree):  # imports are statements: no need to visit expressions
        if isinstance(node, ast.Import):
            for alias in node.names:
                # ``import typing.re`` binds ``typing`` too; ``import typing.re as r`` does not.
                top = alias.name.partition(".")[0]
                if alias.name in TYPING_MODULES or (top in TYPING_MODULES and alias.asname is None):
                    modules.add(alias.asname or top)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module in TYPING_MODULES:
            names.update(alias.asname or "Any" for alias in node.names if alias.name in ("Any", "*"))
    spellings = AnySpellings(frozenset(names), frozenset(modules))
    for target, value in _module_aliases(tree):
        if isinstance(value, _ALIAS_VALUES) and spellings.contains_any(value):
            spellings = AnySpellings(spellings.names | {target}, spellings.modules)
    return spellings


def _module_aliases(tree: ast.Module) -> Iterator[tuple[str, ast.expr]]:
    """``X = …``, ``X: TypeAlias = …`` and ``type X = …`` at module level."""
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                yield target.id, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            if isinstance(statement.target, ast.Name):
                yield statement.target.id, statement.value
        elif type(statement).__name__ == "TypeAlias":  # Python 3.12+
            name, value = getattr(statement, "name", None), getattr(statement, "value", None)
            if isinstance(name, ast.Name) and isinstance(value, ast.expr):
                yield name.id, value
