"""The project index: other modules' class facts, for cross-module questions.

"Is this imported class an aggregate root?" needs the class statement of a
module that is not the one being checked. The index parses such modules on
demand with the standard ``ast`` (never importing them), and keeps their class
facts per process keyed on path, ``mtime_ns`` and size, so that editor servers
that stay alive for hours see edits. A module that cannot be read or parsed
answers nothing, and every question about it stays unanswered (silence).
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import tokenize
from collections.abc import Callable, Iterator
from pathlib import Path

from archcheck.facts.classes import Binding, ClassFact, ModuleClasses, collect_classes
from archcheck.modules import file_stamp
from archcheck.records import Choice, Record
from archcheck.stdlib import STDLIB_MODULES

BUILTIN_NAMES = frozenset(dir(builtins))
_MAX_HOPS = 16

_Stamp = tuple[int, int]
_files: dict[Path, tuple[_Stamp, ModuleClasses | None]] = {}
# Where a first-party module is: its file (or namespace directory) and whether it is a package.
Locate = Callable[[str], tuple[str, bool] | None]
Consulted = list[tuple[str, _Stamp | None]]
_consulted: list[Consulted] = []


@contextlib.contextmanager
def consulting() -> Iterator[Consulted]:
    """The files whose facts the index reads inside the ``with`` block, each with
    its stamp as read: what findings computed meanwhile depend on besides their
    own module (:mod:`archcheck.results`)."""
    files: Consulted = []
    _consulted.append(files)
    try:
        yield files
    finally:
        _consulted.pop()


class ModuleView(Record):
    """A module's name and class facts, as resolution sees them."""

    name: str
    package: str
    facts: ModuleClasses

    def cls(self, name: str) -> ClassFact | None:
        """The module-level class ``name``, if the module defines exactly one."""
        return next((c for c in self.facts.classes if c.name == name), None)

    def binding(self, name: str) -> Binding | None:
        """The import that binds ``name`` at module level, if any."""
        return next((b for b in self.facts.bindings if b.name == name), None)

    @property
    def has_star_import(self) -> bool:
        """Whether a ``from x import *`` may bind names we cannot see."""
        return any(b.name == "*" for b in self.facts.bindings)


class RefKind(Choice):
    """What a name resolved to."""

    CLASS = "class"
    MODULE = "module"
    EXTERNAL = "external"
    UNKNOWN = "unknown"


class Ref(Record):
    """What a dotted name in a module refers to.

    ``qualified`` is the absolute dotted name (``typing.NamedTuple``,
    ``builtins.list``, ``shop.kernel.ValueObject``) when known.
    """

    kind: RefKind
    qualified: str = ""
    view: ModuleView | None = None
    cls: ClassFact | None = None

    @property
    def is_stdlib(self) -> bool:
        """Whether the name lives in the standard library (builtins included)."""
        return self.kind is RefKind.EXTERNAL and self.qualified.partition(".")[0] in STDLIB_MODULES

    @property
    def last(self) -> str:
        """The last part of the qualified name."""
        return self.qualified.rpartition(".")[2]


UNKNOWN = Ref(RefKind.UNKNOWN)


def _read(path: Path) -> ModuleClasses | None:
    stamp = file_stamp(path)
    for files in _consulted:
        files.append((str(path), stamp))
    if stamp is None or not path.is_file():
        # Not a regular file (a FIFO named like a module would block the read).
        return None
    cached = _files.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    facts: ModuleClasses | None = None
    try:
        with tokenize.open(path) as handle:
            text = handle.read()
            facts = collect_classes(ast.parse(text, filename=str(path)), text)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
        facts = None
    _files[path] = (stamp, facts)
    return facts


def absolute(binding: Binding, package: str) -> str | None:
    """The absolute dotted name a binding stands for."""
    module = binding.module
    if binding.level:
        parts = package.split(".") if package else []
        if binding.level > len(parts):
            return None
        kept = parts[: len(parts) - (binding.level - 1)]
        module = ".".join([*kept, module] if module else kept)
    if not module:
        return None
    return f"{module}.{binding.attr}" if binding.attr else module


class ProjectIndex:
    """Module views by name, for one check; parsed files are shared per process."""

    def __init__(self, locate: Locate, current: ModuleView | None = None) -> None:
        self._locate = locate
        self.current = current
        self._views: dict[str, ModuleView | None] = {}
        self._tops: dict[str, bool] = {}
        if current is not None:
            self._views[current.name] = current

    def is_first_party(self, top: str) -> bool:
        """Whether ``top`` is a top-level module under a source root."""
        if top not in self._tops:
            self._tops[top] = top in self._views or self._locate(top) is not None
        return self._tops[top]

    def view(self, name: str) -> ModuleView | None:
        """The module ``name`` of the project, or ``None`` if absent or unparsable."""
        if name in self._views:
            return self._views[name]
        found = self._locate(name)
        view: ModuleView | None = None
        if found is not None and found[1] and not found[0].endswith("__init__.py"):
            view = ModuleView(name, name, ModuleClasses((), (), ()))  # a namespace package
        elif found is not None:
            file, is_package = found
            facts = _read(Path(file))
            if facts is not None:
                view = ModuleView(name, name if is_package else name.rpartition(".")[0], facts)
        self._views[name] = view
        return view

    def resolve(self, view: ModuleView, name: str, hops: int = 0) -> Ref:
        """What the dotted ``name`` written in module ``view`` refers to."""
        if not name or hops > _MAX_HOPS:
            return UNKNOWN
        head, _, rest = name.partition(".")
        own = view.cls(head)
        if own is not None:
            return Ref(RefKind.CLASS, f"{view.name}.{head}", view, own) if not rest else UNKNOWN
        binding = view.binding(head)
        if binding is not None:
            target = absolute(binding, view.package)
            if target is None:
                return UNKNOWN
            return self.resolve_qualified(f"{target}.{rest}" if rest else target, hops + 1)
        if head in view.facts.defined or view.has_star_import:
            return UNKNOWN
        if head in BUILTIN_NAMES:
            return Ref(RefKind.EXTERNAL, f"builtins.{name}")
        return UNKNOWN

    def resolve_qualified(self, qualified: str, hops: int = 0) -> Ref:
        """What the absolute dotted name ``qualified`` refers to."""
        parts = qualified.split(".")
        if not self.is_first_party(parts[0]):
            return Ref(RefKind.EXTERNAL, qualified)
        for cut in range(len(parts), 0, -1):
            view = self.view(".".join(parts[:cut]))
            if view is None:
                continue
            remaining = parts[cut:]
            if not remaining:
                return Ref(RefKind.MODULE, qualified, view)
            return self.resolve(view, ".".join(remaining), hops + 1)
        return UNKNOWN
