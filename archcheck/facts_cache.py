"""A per-module facts cache: in memory per process, and on disk as validated JSON.

Collecting a module's facts walks its whole tree; on a warm run the cache
answers instead. An entry is keyed on the module's absolute path and holds
the file's ``mtime_ns`` and size (for modules read from disk, as the project
index reads other modules) and a digest of the text (for the module under
check, whose text may be an editor's unsaved buffer). An entry that does not
match, does not parse, or does not fit the facts' types exactly is ignored and
recomputed: a cache can make archcheck faster, never wrong.

Entries live under ``<cache_dir>/facts-<schema>/``, where ``schema`` is a
digest of the facts' dataclass structure and of the facts package's source,
so that a new archcheck never reads an old archcheck's facts. Writes go to a
temporary file in the same directory and are published with ``os.replace``:
a reader sees a whole entry or none. JSON only, never pickle or eval. Every
file-system error is swallowed: the cache is an optimisation.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import functools
import json
import os
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

from archcheck.facts import ModuleFacts, collect_facts

try:
    # ``hashlib`` loads OpenSSL: about 3.7 MB of resident memory, 15 % of a
    # whole flake8 process. CPython's own blake2 module costs nothing.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

_SUBDIR_PREFIX = "facts-"
# Bounded: a whole-project flake8 run checks each module once, and 4,096 entries
# of facts held 3-4 MB, 15 % of a flake8 process; the disk cache keeps the rest.
_MEMORY_LIMIT = 256


class _Unfit(Exception):
    """The data does not fit the declared type (or the type is not cacheable)."""


@dataclasses.dataclass(frozen=True)
class Stamp:
    """What an entry must match: the file's mtime and size, and the text's digest."""

    mtime_ns: int
    size: int
    digest: str


def digest(text: str) -> str:
    """A stable digest of a module's text (``hash()`` differs between processes)."""
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# -- encoding and strict decoding, driven by the dataclasses' annotations -----------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list, frozenset)):
        items = [_encode(item) for item in value]
        return sorted(items, key=json.dumps) if isinstance(value, frozenset) else items
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise _Unfit(f"cannot store {type(value).__name__}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # Resolving string annotations compiles them: once per fact class, not per entry.
    return typing.get_type_hints(cls)


def _decode(kind: Any, data: Any) -> Any:  # noqa: C901 - one branch per supported type
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(kind):
            try:
                return _decode(option, data)
            except _Unfit:
                continue
        raise _Unfit(f"{data!r} fits no member of {kind}")
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(data, list):
            raise _Unfit("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        if len(args) != len(data):
            raise _Unfit("wrong tuple length")
        return tuple(_decode(arg, item) for arg, item in zip(args, data, strict=True))
    if origin is frozenset:
        if not isinstance(data, list):
            raise _Unfit("expected a list")
        return frozenset(_decode(typing.get_args(kind)[0], item) for item in data)
    if kind is type(None):
        if data is not None:
            raise _Unfit("expected null")
        return None
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _decode_dataclass(kind, data)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(data)
        except ValueError as error:
            raise _Unfit(str(error)) from None
    if kind is bool:
        if not isinstance(data, bool):
            raise _Unfit("expected a boolean")
        return data
    if kind is int:
        if not isinstance(data, int) or isinstance(data, bool):
            raise _Unfit("expected an integer")
        return data
    if kind is float:
        if not isinstance(data, (int, float)) or isinstance(data, bool):
            raise _Unfit("expected a number")
        return float(data)
    if kind is str:
        if not isinstance(data, str):
            raise _Unfit("expected a string")
        return data
    raise _Unfit(f"type {kind!r} is not cacheable")


def _decode_dataclass(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise _Unfit("expected an object")
    hints = _hints(kind)
    fields = [f for f in dataclasses.fields(kind) if f.init]
    if set(data) != {f.name for f in fields}:
        raise _Unfit(f"fields of {kind.__name__} do not match")
    return kind(**{f.name: _decode(hints[f.name], data[f.name]) for f in fields})


def _describe(kind: Any, seen: set[type]) -> str:
    """A text of the type's whole structure; raises ``_Unfit`` for what cannot be cached."""
    origin = typing.get_origin(kind)
    if origin is not None:
        return f"{origin!r}[{','.join(_describe(arg, seen) for arg in typing.get_args(kind))}]"
    if kind is Ellipsis or kind is type(None) or kind in (bool, int, float, str):
        return repr(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return f"{kind.__qualname__}{sorted(str(member.value) for member in kind)}"
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if kind in seen:
            return kind.__qualname__
        seen.add(kind)
        hints = _hints(kind)
        inner = ",".join(f"{f.name}:{_describe(hints[f.name], seen)}" for f in dataclasses.fields(kind))
        return f"{kind.__qualname__}({inner})"
    raise _Unfit(f"type {kind!r} is not cacheable")


_schema: list[str | None] = []


def schema() -> str | None:
    """The facts' schema digest (``None``: the facts hold something JSON cannot keep)."""
    if not _schema:
        _schema.append(_compute_schema())
    return _schema[0]


def _compute_schema() -> str | None:
    try:
        text = _describe(ModuleFacts, set())
    except (_Unfit, NameError, TypeError):
        return None
    hasher = blake2b(text.encode(), digest_size=8)
    # The collector's code is part of the schema: a fixed bug must not be served from the cache.
    package = Path(collect_facts.__code__.co_filename).parent
    for source in sorted(package.rglob("*.py")):
        try:
            hasher.update(source.read_bytes())
        except OSError:
            return None
    return hasher.hexdigest()


# -- the cache ---------------------------------------------------------------------------


_memory: dict[Path, tuple[Stamp, ModuleFacts]] = {}


def _entry_path(cache_dir: Path, module_path: Path, version: str) -> Path:
    name = blake2b(str(module_path).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return cache_dir / f"{_SUBDIR_PREFIX}{version}" / f"{name}.json"


def _matches(stored: Stamp, wanted: Stamp) -> bool:
    """The text's digest decides when it is known; otherwise the file's mtime and size."""
    if wanted.digest:
        return stored.digest == wanted.digest
    return (stored.mtime_ns, stored.size) == (wanted.mtime_ns, wanted.size)


def load(cache_dir: Path | None, module_path: Path, wanted: Stamp) -> ModuleFacts | None:
    """The cached facts of ``module_path`` if an entry matches ``wanted``, else ``None``."""
    remembered = _memory.get(module_path)
    if remembered is not None and _matches(remembered[0], wanted):
        return remembered[1]
    version = schema()
    if cache_dir is None or version is None:
        return None
    try:
        with _entry_path(cache_dir, module_path, version).open("rb") as handle:
            entry = json.load(handle)
        if not isinstance(entry, dict) or entry.get("path") != str(module_path):
            return None
        stored = _decode(Stamp, entry.get("stamp"))
        if not _matches(stored, wanted):
            return None
        facts: ModuleFacts = _decode(ModuleFacts, entry.get("facts"))
    except (OSError, ValueError, RecursionError, _Unfit, TypeError):
        return None  # missing, unreadable, corrupt or stale: recompute
    _remember(module_path, stored, facts)
    return facts


def store(cache_dir: Path | None, module_path: Path, stamp: Stamp, facts: ModuleFacts) -> None:
    """Remember ``facts``, and write them atomically under ``cache_dir`` (errors ignored)."""
    _remember(module_path, stamp, facts)
    version = schema()
    if cache_dir is None or version is None:
        return
    target = _entry_path(cache_dir, module_path, version)
    try:
        text = json.dumps({"path": str(module_path), "stamp": _encode(stamp), "facts": _encode(facts)})
        _prepare(cache_dir, target.parent)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, target)
        except BaseException:
            _remove(temporary)
            raise
    except (OSError, ValueError, _Unfit):
        return


def _prepare(cache_dir: Path, directory: Path) -> None:
    if directory.is_dir():
        return
    directory.mkdir(parents=True, exist_ok=True)
    ignore = cache_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# archcheck's cache: safe to delete\n*\n", encoding="utf-8")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _remember(module_path: Path, stamp: Stamp, facts: ModuleFacts) -> None:
    if len(_memory) >= _MEMORY_LIMIT and module_path not in _memory:
        _memory.pop(next(iter(_memory)))
    _memory[module_path] = (stamp, facts)


def clear_memory() -> None:
    """Forget the in-process entries (tests; the disk entries stay)."""
    _memory.clear()


# -- what callers use --------------------------------------------------------------------


def facts_for_source(cache_dir: Path | None, module_path: Path, source: str, tree: ast.Module) -> ModuleFacts:
    """The facts of the module under check, whose text (maybe a buffer) is ``source``."""
    wanted = Stamp(0, 0, digest(source))
    found = load(cache_dir, module_path, wanted)
    if found is None:
        found = collect_facts(tree, source)
        store(cache_dir, module_path, wanted, found)
    return found


def facts_for_file(cache_dir: Path | None, module_path: Path) -> ModuleFacts | None:
    """The facts of another module, read from disk (``None`` if unreadable or unparsable).

    A hit costs one ``stat``: the entry matches on ``mtime_ns`` and size.
    """
    try:
        status = module_path.stat()
    except OSError:
        return None
    on_disk = Stamp(status.st_mtime_ns, status.st_size, "")
    found = load(cache_dir, module_path, on_disk)
    if found is not None:
        return found
    try:
        data = module_path.read_bytes()
        tree = ast.parse(data, filename=str(module_path))
    except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    facts = collect_facts(tree, data)
    text = data.decode("utf-8", "surrogateescape")
    store(cache_dir, module_path, Stamp(status.st_mtime_ns, status.st_size, digest(text)), facts)
    return facts
