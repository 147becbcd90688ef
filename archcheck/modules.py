"""Module names from paths, and where a module's file lives.

A file is named from the deepest source root that contains it; outside every
source root, from the chain of ``__init__.py`` files above it (as pylint does).
Nothing here imports the linted code: only names and ``stat`` calls.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from archcheck.records import Record


_TEST_FILE = re.compile(r"^(test_.*|.*_test|conftest)$")
_TEST_DIRS = frozenset({"tests", "test"})


class ModuleName(Record):
    """A module's dotted name, whether it is a package, whether it is a test."""

    name: str
    is_package: bool
    is_test: bool

    @property
    def package(self) -> str:
        """The package that relative imports in this module resolve against."""
        return self.name if self.is_package else self.name.rpartition(".")[0]


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """``(mtime_ns, size)`` of a file or directory, or ``None`` if it cannot be stat'ed.

    Every cache keyed on a file's state (configuration, project index, graph)
    uses this one stamp.
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def is_file(path: Path) -> bool:
    """``path.is_file()``, with a path that cannot be looked at (EACCES, ELOOP) taken as absent."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    """``path.is_dir()``, with a path that cannot be looked at taken as absent."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _parts_to_module(parts: list[str]) -> ModuleName | None:
    if not parts:
        return None
    stem = parts[-1]
    for suffix in (".pyi", ".py"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    is_package = stem == "__init__"
    dotted = parts[:-1] if is_package else [*parts[:-1], stem]
    if not dotted:
        return None
    is_test = bool(_TEST_DIRS.intersection(parts[:-1])) or bool(_TEST_FILE.match(stem))
    return ModuleName(".".join(dotted), is_package, is_test)


def module_for_path(path: Path, source_roots: tuple[Path, ...]) -> ModuleName | None:
    """The module that the file at ``path`` (absolute) defines, if it can be named."""
    containing = [root for root in source_roots if path.is_relative_to(root) and path != root]
    if containing:
        deepest = max(containing, key=lambda root: len(root.parts))
        return _parts_to_module(list(path.relative_to(deepest).parts))
    parts = [path.name]
    directory = path.parent
    while is_file(directory / "__init__.py") and directory.parent != directory:
        parts.insert(0, directory.name)
        directory = directory.parent
    return _parts_to_module(parts)


def module_location(name: str, source_roots: tuple[Path, ...]) -> tuple[str, bool] | None:
    """The file (or namespace directory) of first-party module ``name``, if any, and
    whether the module is a package (regular or namespace).

    Plain strings and ``os.stat``, not pathlib: every configured container,
    context and layer is looked up in each new editor process.
    """
    if not name:
        return None
    relative = os.path.join(*name.split("."))
    for root in source_roots:
        base = os.path.join(root, relative)
        package = os.path.join(base, "__init__.py")
        for candidate in (base + ".py", package, base + ".pyi"):
            if _is_mode(candidate, stat.S_ISREG):
                return candidate, candidate is package
        if _is_mode(base, stat.S_ISDIR) and not name.rpartition(".")[2].startswith("."):
            return base, True
    return None


def _is_mode(path: str, kind: Callable[[int], bool]) -> bool:
    try:
        return kind(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
