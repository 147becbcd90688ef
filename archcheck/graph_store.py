"""The project graph's records and their form on disk: one line per module, decoded lazily.

A warm editor run needs the whole graph's stamps (to see what changed) but
the imports of only a few modules (the one under check, the chains from it).
So the cache file is lines: a header (names, base directory, listings,
externals, the module of each node line), the stamps as three columns (paths,
mtimes, sizes) that a run compares with the files without building a record
per file, then one line per module that is decoded the first time the module
is looked up. The file's checksum (see
:mod:`archcheck.graph_cache`) vouches for every line, so a lazily decoded
line is one archcheck wrote.
"""

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import NamedTuple

Stamp = tuple[int, int]
Names = tuple[str, ...]


class Node(NamedTuple):
    """One first-party module: its file and what it imports.

    ``imports`` holds every static import (``TYPE_CHECKING`` ones included);
    ``type_checking`` those of them that archcheck finds only under a
    ``TYPE_CHECKING`` guard; ``strings`` the literal string imports that run.
    Each is a sorted tuple, not a set: a graph is kept in every host process,
    and a frozenset of nine names takes six times the memory of a tuple
    (1.2 MB against 0.2 MB for a project of 1,812 modules).
    A node is not ``verified`` while only grimp has read a module whose text
    mentions a guard or a string import: archcheck re-reads it when a chain
    first needs it (``ProjectGraph.successors``).
    """

    file: str
    is_package: bool
    imports: Names
    type_checking: Names = ()
    strings: Names = ()
    verified: bool = True

    def successors(self, *, exclude_type_checking: bool, with_strings: bool) -> Names:
        """The modules this one imports under the given counting rules (no name twice)."""
        found = self.imports
        if exclude_type_checking and self.type_checking:
            guarded = self.type_checking
            found = tuple(module for module in found if module not in guarded)
        return found + self.strings if with_strings and self.strings else found


class Nodes(MutableMapping[str, Node]):
    """Module name to node; a node read from the cache is decoded when first looked up.

    One dict holds both kinds of value, a ``Node`` or its encoded line, so the
    order of modules never changes as they are decoded, and decoding during an
    iteration replaces a value without resizing the dict.
    """

    def __init__(self, entries: dict[str, Node | str], decode: Callable[[str], Node]) -> None:
        self._entries = entries
        self._decode = decode

    def __getitem__(self, module: str) -> Node:
        entry = self._entries[module]
        if isinstance(entry, str):
            entry = self._entries[module] = self._decode(entry)
        return entry

    def copy(self) -> "Nodes":
        """A copy that decodes no line (a refresh replaces a few nodes of many)."""
        return Nodes(dict(self._entries), self._decode)

    def __setitem__(self, module: str, node: Node) -> None:
        self._entries[module] = node

    def __delitem__(self, module: str) -> None:
        del self._entries[module]

    def __contains__(self, module: object) -> bool:
        return module in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class Stamps(Mapping[str, Stamp]):
    """Path to stamp; read from the cache, kept in the stored columns until a path is looked up.

    A warm run compares every stamp with its file's (:meth:`changed`) and, if
    none moved, never builds the path-to-stamp table: a project of 2,000
    files would otherwise build 2,000 tuples and path strings per run.
    """

    def __init__(self, base: str, paths: Sequence[str], mtimes: Sequence[int], sizes: Sequence[int]) -> None:
        """Stamps of ``paths``, each relative to the directory ``base`` (the empty path is ``base`` itself)."""
        self._base = base
        self._prefix = base.rstrip(os.sep) + os.sep if base else ""
        self._columns = (paths, mtimes, sizes)
        self._table: dict[str, Stamp] | None = None

    @classmethod
    def of(cls, stamps: Mapping[str, Stamp]) -> "Stamps":
        """The stamps of a table held in memory."""
        if isinstance(stamps, Stamps):
            return stamps
        table = dict(stamps)
        made = cls("", list(table), [mtime for mtime, _ in table.values()], [size for _, size in table.values()])
        made._table = table
        return made

    def changed(self) -> list[str]:
        """The paths whose file or directory is gone or has another stamp now: one ``stat`` each."""
        stat, prefix, base, moved = os.stat, self._prefix, self._base, []
        for path, mtime, size in zip(*self._columns):
            full = prefix + path if path else base
            try:
                status = stat(full)
            except (OSError, ValueError):
                moved.append(full)
                continue
            if status.st_mtime_ns != mtime or status.st_size != size:
                moved.append(full)
        return moved

    def _built(self) -> dict[str, Stamp]:
        if self._table is None:
            prefix, base = self._prefix, self._base
            self._table = {
                prefix + path if path else base: (mtime, size) for path, mtime, size in zip(*self._columns)
            }
        return self._table

    def __getitem__(self, path: str) -> Stamp:
        return self._built()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._columns[0])


class Stored(NamedTuple):
    """A graph's parts as read from its cache lines."""

    nodes: Nodes
    externals: frozenset[str]
    stamps: Stamps
    listings: dict[str, tuple[str, ...]]
    stamps_line: str


# -- writing ------------------------------------------------------------------------


def to_lines(
    nodes: MutableMapping[str, Node],
    externals: frozenset[str],
    stamps: Mapping[str, Stamp],
    listings: dict[str, tuple[str, ...]],
) -> list[str]:
    """The graph as cache lines: module names once, edges as indexes into them."""
    names = sorted(set(nodes) | externals | {t for n in nodes.values() for t in (*n.imports, *n.strings)})
    index = {name: position for position, name in enumerate(names)}
    paths = [node.file for node in nodes.values()] + list(stamps) + list(listings)
    # The common directory of the extremes is everyone's (anything sorted between
    # them shares their prefix up to a separator), and costs two paths, not all.
    base = os.path.commonpath([min(paths), max(paths)]) if paths else os.sep
    cut = len(base.rstrip(os.sep) + os.sep)  # paths are stored relative to their common directory

    def short(path: str) -> str:
        return path[cut:] if path != base else ""

    def indexes(modules: Iterable[str]) -> list[int]:
        return sorted(index[module] for module in modules)

    header = {
        "names": names,
        "base": base,
        "externals": indexes(externals),
        "listings": {short(path): list(listed) for path, listed in sorted(listings.items())},
        "nodes": [index[name] for name in sorted(nodes)],  # the module of each node line, in order
    }
    stamped = sorted(stamps.items())
    # Columns, not rows: a warm run compares them with the files without building a tuple per file.
    columns = [[short(path) for path, _ in stamped], [mtime for _, (mtime, _) in stamped],
               [size for _, (_, size) in stamped]]
    lines = [_dumps(header), _dumps(columns)]
    for _, node in sorted(nodes.items()):
        lines.append(_dumps([short(node.file), node.is_package, indexes(node.imports), indexes(node.type_checking),
                             indexes(node.strings), node.verified]))
    return lines


# One encoder for every line: json.dumps with options builds a new encoder per call.
_dumps = json.JSONEncoder(separators=(",", ":")).encode


# -- reading ------------------------------------------------------------------------


def from_lines(lines: list[str]) -> Stored | None:
    """The parts stored by :func:`to_lines`, or ``None`` if ``lines`` do not have their shape."""
    try:
        return _from_lines(lines)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, RecursionError):
        return None


def _from_lines(lines: list[str]) -> Stored:
    header = json.loads(lines[0])
    _require(isinstance(header, dict) and set(header) == {"names", "base", "externals", "listings", "nodes"})
    names, base, order = header["names"], header["base"], header["nodes"]
    # C-speed shape checks: join and map raise TypeError, IndexError on anything but what was written
    _require(isinstance(names, list) and isinstance("".join(names), str))
    _require(isinstance(base, str) and os.path.isabs(base))
    _require(isinstance(order, list) and len(order) == len(lines) - 2 and min(order, default=0) >= 0)
    prefix = base.rstrip(os.sep) + os.sep
    paths: dict[str, str] = {}

    def full(path: str) -> str:
        # one string per file, shared by every node that names it
        return paths.setdefault(path, prefix + path if path else base)

    def modules(indexes: list[int]) -> Names:
        if indexes == []:
            return ()
        _require(isinstance(indexes, list) and min(indexes) >= 0)
        return tuple([names[i] for i in indexes])  # sorted: names and indexes are stored sorted

    listings = {}
    for path, listed in header["listings"].items():
        _require(isinstance(listed, list) and isinstance("".join(listed), str))
        listings[full(path)] = tuple(listed)
    stamped, mtimes, sizes = json.loads(lines[1])
    _require(isinstance("".join(stamped), str) and len(stamped) == len(mtimes) == len(sizes))
    # A stamp of another type than written would read as a changed file, never as a crash.
    stamps = Stamps(base, stamped, mtimes, sizes)
    encoded: dict[str, Node | str] = dict(zip(map(names.__getitem__, order), lines[2:]))

    def decode(row: str) -> Node:
        try:
            file, is_package, imports, type_checking, strings, verified = json.loads(row)
            _require(isinstance(file, str) and isinstance(is_package, bool) and isinstance(verified, bool))
            return Node(full(file), is_package, modules(imports), modules(type_checking), modules(strings), verified)
        except (TypeError, ValueError, IndexError, RecursionError):
            # Only a line that passed the checksum gets here, so only an archcheck
            # bug could: an empty node costs findings, never the host's run.
            return Node("", False, ())

    return Stored(Nodes(encoded, decode), frozenset(modules(header["externals"])), stamps, listings, lines[1])


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("not the shape of a stored graph")
