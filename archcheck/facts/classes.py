"""Class facts: what a module's classes declare, as written, from ``ast``.

Names are kept as they are spelled (``m.ValueObject``, ``List``): resolving
them against the module's bindings and the rest of the project is the job of
:mod:`archcheck.index`. Everything here is plain frozen data (str, int,
bool, tuples) so that a disk cache can serialise it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from archcheck.facts.expressions import (
    dotted,
    is_classvar,
    last_part,
    literal_str,
    mutable_default,
    pydantic_frozen,
    type_names,
)
from archcheck.facts.statements import own_statements
from archcheck.records import Choice, Record

CONSTRUCTORS = frozenset({"__init__", "__post_init__"})
_PROPERTY_NAMES = frozenset({"property", "cached_property", "abstractproperty"})
_ACCESSOR_SUFFIXES = ("setter", "getter", "deleter")


class MethodShape(Choice):
    """What a method does, as far as ARC211 cares."""

    DUNDER = "dunder"
    PROPERTY = "property"
    GETTER = "getter"
    SETTER = "setter"
    FACTORY = "factory"
    BEHAVIOUR = "behaviour"


class WriteHow(Choice):
    """How a method writes an attribute of ``self``."""

    ASSIGN = "assign"
    SETATTR = "setattr"
    OBJECT_SETATTR = "object.__setattr__"


class Binding(Record):
    """A module-level name bound by an import.

    ``import a.b as m``: ``Binding("m", "a.b", "", 0)``; ``import a.b``:
    ``Binding("a", "a", "", 0)``; ``from .k import V as W``:
    ``Binding("W", "k", "V", 1)``; ``from k import *``: name ``*``.
    """

    name: str
    module: str
    attr: str
    level: int


class Keyword(Record):
    """``name=value`` of a call or class statement; ``value`` is ``True``,
    ``False``, a dotted name as written, or ``?`` for anything else."""

    name: str
    value: str


class Decorator(Record):
    """A decorator as written: its dotted name (``""`` if not a name), whether it is called."""

    name: str
    called: bool
    keywords: tuple[Keyword, ...]


class Field(Record):
    """A field: a class-level annotated name, or ``self.x`` set in ``__init__``/``__post_init__``.

    ``annotation`` holds the dotted names the type expression mentions
    (string annotations parsed, ``Literal``/``Callable`` contents skipped);
    ``default`` the mutable-looking default: ``[]``, ``{}``, ``set``-literal
    as ``literal:list|dict|set``, a call ``call:NAME``, a factory
    ``factory:NAME``, or ``""``.
    """

    name: str
    line: int
    col: int
    in_init: bool
    annotation: tuple[str, ...]
    annotation_line: int
    annotation_col: int
    default: str


class Write(Record):
    """A method's write to an attribute of ``self`` (``attr`` empty when not a literal name)."""

    method: str
    attr: str
    line: int
    col: int
    how: WriteHow


class Method(Record):
    """A method defined in the class body itself."""

    name: str
    line: int
    shape: MethodShape
    static_or_class: bool
    is_guard: bool
    property_setter: bool
    abstract: bool


class ClassFact(Record):
    """One module-level class; ``attributes`` are the names its body binds
    without an annotation (class attributes, ``id = Column(...)``) and its methods."""

    name: str
    line: int
    col: int
    bases: tuple[str, ...]
    keywords: tuple[Keyword, ...]
    decorators: tuple[Decorator, ...]
    fields: tuple[Field, ...]
    methods: tuple[Method, ...]
    writes: tuple[Write, ...]
    pydantic_frozen: str
    attributes: tuple[str, ...] = ()

    def method(self, name: str) -> Method | None:
        """The method ``name`` defined in this class, if any."""
        return next((m for m in self.methods if m.name == name), None)

    @property
    def has_guard(self) -> bool:
        """Whether the class defines a ``__setattr__`` that raises, or binds one
        by assignment (``__setattr__ = _immutable``), which is taken on trust."""
        if any(m.name == "__setattr__" for m in self.methods):
            return any(m.is_guard and m.name == "__setattr__" for m in self.methods)
        return "__setattr__" in self.attributes


class ModuleClasses(Record):
    """A module's classes, its import bindings and its other module-level names."""

    classes: tuple[ClassFact, ...]
    bindings: tuple[Binding, ...]
    defined: tuple[str, ...]


def _keyword_value(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return str(node.value)
    return dotted(node) or "?"


def _keywords(keywords: list[ast.keyword]) -> tuple[Keyword, ...]:
    return tuple(Keyword(k.arg, _keyword_value(k.value)) for k in keywords if k.arg)


def _decorator(node: ast.expr) -> Decorator:
    if isinstance(node, ast.Call):
        return Decorator(dotted(node.func), True, _keywords(node.keywords))
    return Decorator(dotted(node), False, ())


def _body_without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        if isinstance(body[0].value.value, str):
            return body[1:]
    return body


def _first_param(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    params = [*func.args.posonlyargs, *func.args.args]
    return params[0].arg if params else None


def _is_self_attr(node: ast.expr, self_name: str | None) -> bool:
    return (
        self_name is not None
        and isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == self_name
    )


class _MethodInfo(Record):
    node: ast.FunctionDef | ast.AsyncFunctionDef
    decorators: tuple[str, ...]

    @property
    def static_or_class(self) -> bool:
        return any(last_part(name) in ("staticmethod", "classmethod") for name in self.decorators)

    @property
    def self_name(self) -> str | None:
        return None if self.static_or_class else _first_param(self.node)

    @property
    def is_property(self) -> bool:
        return any(
            last_part(name) in _PROPERTY_NAMES or (name.count(".") == 1 and last_part(name) in _ACCESSOR_SUFFIXES)
            for name in self.decorators
        )


def _shape(info: _MethodInfo, class_name: str) -> MethodShape:
    name = info.node.name
    if _is_dunder(name):
        return MethodShape.DUNDER
    if info.is_property:
        return MethodShape.PROPERTY
    body = _body_without_docstring(info.node.body)
    if len(body) != 1:
        return MethodShape.BEHAVIOUR
    statement = body[0]
    self_name = info.self_name
    if isinstance(statement, ast.Return) and statement.value is not None:
        if _is_self_attr(statement.value, self_name):
            return MethodShape.GETTER
        if info.static_or_class and _constructs(statement.value, info.node, class_name):
            return MethodShape.FACTORY
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        params = {a.arg for a in [*info.node.args.posonlyargs, *info.node.args.args, *info.node.args.kwonlyargs]}
        value = statement.value
        if (
            _is_self_attr(statement.targets[0], self_name)
            and isinstance(value, ast.Name)
            and value.id in params - {self_name}
        ):
            return MethodShape.SETTER
    return MethodShape.BEHAVIOUR


def _constructs(value: ast.expr, func: ast.FunctionDef | ast.AsyncFunctionDef, class_name: str) -> bool:
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Name):
        return False
    first = _first_param(func)
    return value.func.id == class_name or (value.func.id == first and first is not None)


def _raises(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(node, ast.Raise) for node in own_statements(func.body))


def _walk_own(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of ``body``, not descending into nested classes."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.ClassDef):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _writes(info: _MethodInfo, with_calls: bool) -> Iterator[tuple[Write, ast.AST]]:
    """Each write to an attribute of ``self`` in the method, with its value node.

    Assignments are statements; ``setattr`` calls are expressions, looked for
    only ``with_calls`` (the module's text may hold one).
    """
    self_name = info.self_name
    if self_name is None:
        return
    method = info.node.name
    for node in _walk_own(info.node.body) if with_calls else own_statements(info.node.body):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in _flatten_targets(targets):
                if _is_self_attr(target, self_name):
                    assert isinstance(target, ast.Attribute)
                    yield Write(method, target.attr, target.lineno, target.col_offset, WriteHow.ASSIGN), node
        elif isinstance(node, ast.Call):
            write = _setattr_call(node, self_name, method)
            if write is not None:
                yield write, node


def _flatten_targets(targets: Sequence[ast.expr]) -> Iterator[ast.expr]:
    for target in targets:
        if isinstance(target, (ast.Tuple, ast.List)):
            yield from _flatten_targets(target.elts)
        elif isinstance(target, ast.Starred):
            yield from _flatten_targets([target.value])
        else:
            yield target


def _setattr_call(node: ast.Call, self_name: str, method: str) -> Write | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id == "setattr":
        how = WriteHow.SETATTR
    elif isinstance(func, ast.Attribute) and func.attr == "__setattr__" and dotted(func.value) == "object":
        how = WriteHow.OBJECT_SETATTR
    else:
        return None
    if len(node.args) < 2 or not (isinstance(node.args[0], ast.Name) and node.args[0].id == self_name):
        return None
    return Write(method, literal_str(node.args[1]), node.lineno, node.col_offset, how)


def _declaration_only(node: ast.AST) -> bool:
    """``self.x: int`` declares a field and sets nothing."""
    return isinstance(node, ast.AnnAssign) and node.value is None


def _is_dunder(name: str) -> bool:
    """Dunder attributes (``__slots__``, ``__doc__``) are Python's, not the model's state."""
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _class_fields(node: ast.ClassDef) -> Iterator[Field]:
    for statement in node.body:
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        if is_classvar(statement.annotation) or _is_dunder(statement.target.id):
            continue
        target = statement.target
        yield Field(
            target.id,
            target.lineno,
            target.col_offset,
            False,
            tuple(type_names(statement.annotation)),
            statement.annotation.lineno,
            statement.annotation.col_offset,
            mutable_default(statement.value),
        )


def _init_fields(writes: list[tuple[Write, ast.AST]]) -> Iterator[Field]:
    for write, node in writes:
        if not write.attr or _is_dunder(write.attr):
            continue
        if isinstance(node, ast.AnnAssign):
            annotation = node.annotation
            yield Field(
                write.attr, write.line, write.col, True, tuple(type_names(annotation)),
                annotation.lineno, annotation.col_offset, mutable_default(node.value),
            )
            continue
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            value = node.value if len(node.targets) == 1 else None
        elif isinstance(node, ast.Call) and len(node.args) >= 3:
            value = node.args[2]
        yield Field(write.attr, write.line, write.col, True, (), 0, 0, mutable_default(value))


def collect_class(node: ast.ClassDef, with_calls: bool = True) -> ClassFact:
    """The facts of one class statement (``with_calls``: look for ``setattr`` calls too)."""
    infos = [
        _MethodInfo(item, tuple(dotted(d.func if isinstance(d, ast.Call) else d) for d in item.decorator_list))
        for item in node.body
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    methods = tuple(
        Method(
            info.node.name,
            info.node.lineno,
            _shape(info, node.name),
            info.static_or_class,
            info.node.name in ("__setattr__", "__delattr__") and _raises(info.node),
            any(last_part(name) == "setter" for name in info.decorators),
            any(last_part(name).startswith("abstract") for name in info.decorators),
        )
        for info in infos
    )
    found = [(info, list(_writes(info, with_calls))) for info in infos]
    fields = [*_class_fields(node)]
    for info, writes in found:
        if info.node.name in CONSTRUCTORS:
            fields.extend(_init_fields(writes))
    return ClassFact(
        name=node.name,
        line=node.lineno,
        col=node.col_offset,
        bases=tuple(dotted(base) for base in node.bases),
        keywords=_keywords(node.keywords),
        decorators=tuple(_decorator(d) for d in node.decorator_list),
        fields=tuple(fields),
        methods=methods,
        writes=tuple(write for _, writes in found for write, node in writes if not _declaration_only(node)),
        pydantic_frozen=pydantic_frozen(node),
        attributes=tuple(name for statement in node.body for name in _assigned_names(statement)),
    )


def _module_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, looking into ``if``/``try``/``with`` blocks."""
    for statement in body:
        yield statement
        if isinstance(statement, ast.If):
            yield from _module_statements(statement.body)
            yield from _module_statements(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from _module_statements(block)
            for handler in statement.handlers:
                yield from _module_statements(handler.body)
        elif isinstance(statement, ast.With):
            yield from _module_statements(statement.body)


def _bindings_of(statement: ast.stmt) -> Iterator[Binding]:
    if isinstance(statement, ast.Import):
        for alias in statement.names:
            if alias.asname:
                yield Binding(alias.asname, alias.name, "", 0)
            else:
                top = alias.name.partition(".")[0]
                yield Binding(top, top, "", 0)
    elif isinstance(statement, ast.ImportFrom):
        for alias in statement.names:
            yield Binding(alias.asname or alias.name, statement.module or "", alias.name, statement.level)


def _assigned_names(statement: ast.stmt) -> Iterator[str]:
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield statement.name
    elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in _flatten_targets(targets):
            if isinstance(target, ast.Name):
                yield target.id


def collect_classes(tree: ast.Module, source: str | bytes | None = None) -> ModuleClasses:
    """The classes, bindings and other names defined at the top level of ``tree``.

    With the module's ``source`` at hand, a text that never says ``setattr``
    has its methods walked through their statements only.

    A name bound more than once in different ways (``try: from a import X``
    ``except ImportError: from b import X``) is ambiguous: it is kept only
    among ``defined``, which resolution treats as unknown.
    """
    classes: dict[str, ClassFact | None] = {}
    bindings: dict[str, Binding | None] = {}
    defined: set[str] = set()
    with_calls = source is None or _may_setattr(source)
    for statement in _module_statements(tree.body):
        if isinstance(statement, ast.ClassDef):
            classes[statement.name] = None if statement.name in classes else collect_class(statement, with_calls)
        for binding in _bindings_of(statement):
            if binding.name == "*":
                bindings[f"*{binding.level}{binding.module}"] = binding
            elif binding.name in bindings and bindings[binding.name] != binding:
                bindings[binding.name] = None
            else:
                bindings[binding.name] = binding
        defined.update(_assigned_names(statement))
    ambiguous = {name for name, b in bindings.items() if b is None} | {n for n, c in classes.items() if c is None}
    ambiguous |= (set(classes) | {b.name for b in bindings.values() if b and b.name != "*"}) & defined
    ambiguous |= set(classes) & {b.name for b in bindings.values() if b}
    return ModuleClasses(
        classes=tuple(c for name, c in classes.items() if c is not None and name not in ambiguous),
        bindings=tuple(b for b in bindings.values() if b is not None and b.name not in ambiguous),
        defined=tuple(sorted(defined | ambiguous)),
    )


def _may_setattr(source: str | bytes) -> bool:
    """Whether a module's text could call ``setattr`` or ``__setattr__`` at all."""
    return (b"setattr" in source) if isinstance(source, bytes) else ("setattr" in source)
