"""Expressions of a class body read as plain strings: dotted names, the names a
type expression mentions, how a default looks mutable, pydantic's frozen setting.

Pure functions from ``ast`` nodes to ``str`` and tuples, shared by the class facts.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

_OPAQUE_SUBSCRIPTS = frozenset({"Literal", "Callable", "type", "Type"})
_CLASSVAR = "ClassVar"


def last_part(name: str) -> str:
    """The last part of a dotted name: ``dataclasses.dataclass`` is ``dataclass``."""
    return name.rpartition(".")[2]


def dotted(node: ast.expr) -> str:
    """``a.b.c`` for a name or attribute chain, ``a`` for ``a[...]``, else ``""``."""
    if isinstance(node, ast.Subscript):
        return dotted(node.value)
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def type_names(node: ast.expr | None) -> Iterator[str]:
    """The dotted names a type expression mentions, string annotations included."""
    if node is None:
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            try:
                parsed = ast.parse(node.value.strip(), mode="eval")
            except (SyntaxError, ValueError, RecursionError):
                return
            yield from type_names(parsed.body)
        return
    if isinstance(node, ast.Subscript):
        name = dotted(node.value)
        if name:
            yield name
        if last_part(name) in _OPAQUE_SUBSCRIPTS:
            return
        inner = node.slice
        if last_part(name) == "Annotated" and isinstance(inner, ast.Tuple) and inner.elts:
            inner = inner.elts[0]
        yield from type_names(inner)
        return
    if isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from type_names(element)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from type_names(node.left)
        yield from type_names(node.right)
        return
    name = dotted(node)
    if name:
        yield name


def is_classvar(annotation: ast.expr) -> bool:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return last_part(annotation.value.strip().split("[")[0]) == _CLASSVAR
    return last_part(dotted(annotation)) == _CLASSVAR


_LITERALS: tuple[tuple[type[ast.expr], str], ...] = (
    (ast.List, "list"),
    (ast.ListComp, "list"),
    (ast.Dict, "dict"),
    (ast.DictComp, "dict"),
    (ast.Set, "set"),
    (ast.SetComp, "set"),
)


def mutable_default(node: ast.expr | None) -> str:
    """How a default value looks mutable (see :class:`Field`), or ``""``."""
    if node is None:
        return ""
    for kind, name in _LITERALS:
        if isinstance(node, kind):
            return f"literal:{name}"
    if isinstance(node, ast.Call):
        for keyword in node.keywords:
            if keyword.arg in ("default_factory", "factory") and dotted(keyword.value):
                return f"factory:{dotted(keyword.value)}"
            if keyword.arg == "default":
                inner = mutable_default(keyword.value)
                if inner.startswith("literal:"):
                    return inner
        name = dotted(node.func)
        return f"call:{name}" if name and not isinstance(node.func, ast.Subscript) else ""
    return ""


def literal_str(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def pydantic_frozen(node: ast.ClassDef) -> str:
    """``True``/``False`` when the class body configures pydantic's frozenness, ``?`` when it
    does so with something not literal, ``""`` when it does not."""
    found = ""
    for statement in node.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets) and statement.value:
                found = _config_value(statement.value) or found
        elif isinstance(statement, ast.ClassDef) and statement.name == "Config":
            found = _v1_config(statement) or found
    return found


def _config_value(value: ast.expr) -> str:
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "frozen":
                return _bool_or_unknown(keyword.value)
            if keyword.arg is None:
                return "?"
        return ""
    if isinstance(value, ast.Dict):
        for key, item in zip(value.keys, value.values):
            if key is None:
                return "?"
            if literal_str(key) == "frozen":
                return _bool_or_unknown(item)
        return ""
    return "?"


def _bool_or_unknown(node: ast.expr) -> str:
    return str(node.value) if isinstance(node, ast.Constant) and isinstance(node.value, bool) else "?"


def _v1_config(config: ast.ClassDef) -> str:
    for statement in config.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id == "frozen":
                return _bool_or_unknown(statement.value)
            if isinstance(target, ast.Name) and target.id == "allow_mutation":
                allowed = _bool_or_unknown(statement.value)
                return {"True": "False", "False": "True"}.get(allowed, "?")
    return ""
