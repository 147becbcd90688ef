"""The project graph's records and their form on disk: one line per module, decoded lazily.

A warm editor run needs the whole graph's stamps (to see what changed) but
the imports of only a few modules (the one under check, the chains from it),
and one whose findings are stored needs no module's imports at all. So the
cache file is lines: a header (base directory, content key, how many stamp
lines), the index (module names, externals, the module of each node line:
decoded the first time a node or the externals are looked at), the
directories' listings (decoded only when a directory's stamp moved), the
stamps in lines of three columns (paths, mtimes, sizes) that a run compares
with the files without building a record per file, then one line per module,
decoded the first time the module is looked up. The file's checksum (see
:mod:`archcheck.graph_cache`) vouches for every line, so a lazily decoded
line is one archcheck wrote.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

from archcheck.graph_cache import lines_digest
from archcheck.records import Record

Stamp = tuple[int, int]
Names = tuple[str, ...]
Line = str | bytes  # a cache line as written, or as read back (bytes, perhaps with its newline)


class Node(Record):
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

    def __init__(
        self,
        entries: dict[str, Node | Line],
        decode: Callable[[Line], Node],
        row_start: Callable[[str], str] | None = None,
        layout: tuple[list[str], str] | None = None,
    ) -> None:
        """``row_start(file)``: how an encoded line of the module whose file is ``file`` begins;
        ``layout``: the names and base directory the encoded lines were written with."""
        self._entries = entries
        self._decode = decode
        self._row_start = row_start
        self.layout = layout
        self.complete = True  # False: the stored index could not be decoded (only an archcheck bug)

    def encoded(self, module: str) -> str | None:
        """The line ``module`` was read from, if it was never decoded (its node is as stored)."""
        entry = self._entries[module]
        if isinstance(entry, bytes):
            return entry.decode().rstrip("\n")
        return entry if isinstance(entry, str) else None

    def decoded(self) -> Iterator[Node]:
        """The nodes decoded (or replaced) since the lines were read."""
        return (entry for entry in self._entries.values() if isinstance(entry, Node))

    def module_of(self, file: str) -> str | None:
        """The module whose file is ``file``, found without decoding the other modules' lines
        (after a save, a refresh maps the changed file to its module)."""
        start = self._row_start(file) if self._row_start is not None else None
        start_bytes = start.encode() if start is not None else None
        for module, entry in self._entries.items():
            if isinstance(entry, str):
                candidate = start is None or entry.startswith(start)
            elif isinstance(entry, bytes):
                candidate = start_bytes is None or entry.startswith(start_bytes)
            else:
                candidate = entry.file == file
            if candidate and self[module].file == file:
                return module
        return None

    def __getitem__(self, module: str) -> Node:
        entry = self._entries[module]
        if isinstance(entry, (str, bytes)):
            entry = self._entries[module] = self._decode(entry)
        return entry

    def copy(self) -> Nodes:
        """A copy that decodes no line (a refresh replaces a few nodes of many)."""
        return Nodes(dict(self._entries), self._decode, self._row_start, self.layout)

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
    """Path to stamp; read from the cache, kept as its stored lines until a path is looked up.

    A warm run compares every stamp with its file's (:meth:`changed`) one
    stored line at a time, each decoded into three columns (paths, mtimes,
    sizes) and dropped after its loop. Decoding them all at once would add
    0.4 MB to a warm editor run's peak memory for a project of 2,000 files,
    and keeping them would leave 6,000 objects in the host's heap.
    """

    def __init__(self, base: str, lines: Sequence[Line] = (), table: dict[str, Stamp] | None = None) -> None:
        """The stamps of ``lines``, their paths relative to the directory ``base`` (``""`` is
        ``base`` itself); or those of ``table``, a graph's held in memory."""
        self._base = base
        self._prefix = base.rstrip(os.sep) + os.sep if base else ""
        self._lines = lines
        self._table = table

    @classmethod
    def of(cls, stamps: Mapping[str, Stamp]) -> Stamps:
        """The stamps of a table held in memory."""
        return stamps if isinstance(stamps, Stamps) else cls("", table=dict(stamps))

    def changed(self) -> list[str] | None:
        """The paths whose file or directory is gone or has another stamp now (one ``stat`` each),
        or ``None`` if the stored stamps cannot be read."""
        stat, prefix, base, moved = os.stat, self._prefix, self._base, []
        for columns in self._chunks():
            if columns is None:
                return None
            for path, mtime, size in zip(*columns):
                full = prefix + path if path else base
                try:
                    status = stat(full)
                except (OSError, ValueError):
                    moved.append(full)
                    continue
                # A stamp of another type than written reads as a changed file, never as a crash.
                if status.st_mtime_ns != mtime or status.st_size != size:
                    moved.append(full)
        return moved

    def _chunks(self) -> Iterator[tuple[list[str], list[int], list[int]] | None]:
        if self._table is not None:
            table = self._table
            yield list(table), [mtime for mtime, _ in table.values()], [size for _, size in table.values()]
            return
        for line in self._lines:
            try:
                paths, mtimes, sizes = json.loads(line)
                _require(isinstance("".join(paths), str) and len(paths) == len(mtimes) == len(sizes))
            except (TypeError, ValueError, RecursionError):
                yield None
                return
            yield paths, mtimes, sizes

    def _built(self) -> dict[str, Stamp]:
        if self._table is None:
            prefix, base = self._prefix, self._base
            table: dict[str, Stamp] = {}
            for columns in self._chunks():
                if columns is None:
                    return {}
                table.update((prefix + path if path else base, (mtime, size)) for path, mtime, size in zip(*columns))
            self._table = table
        return self._table

    def __getitem__(self, path: str) -> Stamp:
        return self._built()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())


class Listings(Mapping[str, tuple[str, ...]]):
    """Directory to the names in it; read from the cache, decoded only when a directory's stamp moved."""

    def __init__(self, line: Line, full: Callable[[str], str]) -> None:
        self._line = line
        self._full = full
        self._table: dict[str, tuple[str, ...]] | None = None

    def _built(self) -> dict[str, tuple[str, ...]]:
        if self._table is None:
            try:
                stored = json.loads(self._line)
                self._table = {self._full(path): tuple(listed) for path, listed in stored.items()}
                _require(all(isinstance("".join(listed), str) for listed in self._table.values()))
            except (TypeError, ValueError, AttributeError, RecursionError):
                # Only an archcheck bug could get here (the checksum held): without
                # listings, a moved directory reads as a changed module set, and the
                # graph is rebuilt.
                self._table = {}
        return self._table

    def __getitem__(self, path: str) -> tuple[str, ...]:
        return self._built()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())


class Stored(Record):
    """A graph's parts as read from its cache lines; ``decode_index()`` decodes the nodes and externals."""

    decode_index: Callable[[], tuple[Nodes, frozenset[str]]]
    stamps: Stamps
    listings: Listings
    content_key: str


# -- writing ------------------------------------------------------------------------


def to_lines(
    nodes: MutableMapping[str, Node],
    externals: frozenset[str],
    stamps: Mapping[str, Stamp],
    listings: Mapping[str, tuple[str, ...]],
    content_key: str | None,
) -> tuple[list[str], str]:
    """The graph as cache lines (module names once, edges as indexes into them), and the key of
    its content: ``content_key``, or the digest of its stamps when that is ``None``."""
    stored = _stored_layout(nodes, externals, stamps, listings)
    if stored is not None:
        names, base = stored  # the lines as read still say what they said: written again as they are
    else:
        names = sorted(set(nodes) | externals | {t for n in nodes.values() for t in (*n.imports, *n.strings)})
        paths = [node.file for node in nodes.values()] + list(stamps) + list(listings)
        # The common directory of the extremes is everyone's (anything sorted between
        # them shares their prefix up to a separator), and costs two paths, not all.
        base = os.path.commonpath([min(paths), max(paths)]) if paths else os.sep
    index = {name: position for position, name in enumerate(names)}
    cut = len(base.rstrip(os.sep) + os.sep)  # paths are stored relative to their common directory

    def short(path: str) -> str:
        return path[cut:] if path != base else ""

    def indexes(modules: Iterable[str]) -> list[int]:
        return sorted(index[module] for module in modules)

    stamped = sorted(stamps.items())
    chunks = (stamped[start:start + _STAMPS_PER_LINE] for start in range(0, len(stamped), _STAMPS_PER_LINE))
    # Columns, not rows: a warm run compares them with the files without building a tuple per file.
    stamp_lines = [
        _dumps([[short(path) for path, _ in chunk], [stamp[0] for _, stamp in chunk], [stamp[1] for _, stamp in chunk]])
        for chunk in chunks
    ]
    key = content_key if content_key is not None else lines_digest(stamp_lines)
    header = {"base": base, "content": key, "stamps": len(stamp_lines)}
    modules = {
        "names": names,
        "externals": indexes(externals),
        "nodes": [index[name] for name in sorted(nodes)],  # the module of each node line, in order
    }
    listed = {short(path): list(names_in) for path, names_in in sorted(listings.items())}
    lines = [_dumps(header), _dumps(modules), _dumps(listed)]
    lines += stamp_lines
    for module in sorted(nodes):
        line = nodes.encoded(module) if stored is not None and isinstance(nodes, Nodes) else None
        if line is None:
            node = nodes[module]
            line = _dumps([short(node.file), node.is_package, indexes(node.imports), indexes(node.type_checking),
                           indexes(node.strings), node.verified])
        lines.append(line)
    return lines, key


def _stored_layout(
    nodes: MutableMapping[str, Node],
    externals: frozenset[str],
    stamps: Mapping[str, Stamp],
    listings: Mapping[str, tuple[str, ...]],
) -> tuple[list[str], str] | None:
    """The names and base the nodes' stored lines were written with, if they still fit the graph.

    After a save that changed no import, a refresh replaces a node or two of a
    graph read from the cache: its other lines can be written again as they
    were read, instead of decoding and encoding every module.
    """
    if not isinstance(nodes, Nodes) or nodes.layout is None:
        return None
    names, base = nodes.layout
    known = set(names)
    prefix = base.rstrip(os.sep) + os.sep
    decoded = list(nodes.decoded())
    fits = (
        known.issuperset(nodes)
        and known.issuperset(externals)
        and all(known.issuperset(node.imports) and known.issuperset(node.strings) for node in decoded)
        and all(path.startswith(prefix) or path == base for path in (*stamps, *listings, *(n.file for n in decoded)))
    )
    return (names, base) if fits else None


# Stamps are decoded one line at a time: a few hundred objects at once, not thousands.
_STAMPS_PER_LINE = 256


# One encoder for every line: json.dumps with options builds a new encoder per call.
_dumps = json.JSONEncoder(separators=(",", ":")).encode


# -- reading ------------------------------------------------------------------------


def from_lines(lines: Sequence[Line]) -> Stored | None:
    """The parts stored by :func:`to_lines`, or ``None`` if ``lines`` do not have their shape."""
    try:
        return _from_lines(lines)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, RecursionError):
        return None


def _from_lines(lines: Sequence[Line]) -> Stored:
    header = json.loads(lines[0])
    _require(isinstance(header, dict) and set(header) == {"base", "content", "stamps"})
    base, stamp_count = header["base"], header["stamps"]
    _require(isinstance(base, str) and os.path.isabs(base))
    _require(type(stamp_count) is int and 0 <= stamp_count <= len(lines) - 3 and isinstance(header["content"], str))
    prefix = base.rstrip(os.sep) + os.sep
    paths: dict[str, str] = {}

    def full(path: str) -> str:
        # one string per file, shared by every node that names it
        return paths.setdefault(path, prefix + path if path else base)

    index = _Index(lines[1], lines[3 + stamp_count:], base, full)
    return Stored(index.decoded, Stamps(base, lines[3:3 + stamp_count]), Listings(lines[2], full), header["content"])


class _Index:
    """The module names, the externals and the module of each node line, decoded once, when
    first needed: a run whose stored findings all hold never looks at a node (the names of a
    project of 1,812 modules are 3 M instructions and 0.2 MB to decode)."""

    def __init__(self, line: Line, rows: Sequence[Line], base: str, full: Callable[[str], str]) -> None:
        self._line = line
        self._rows = rows
        self._base = base
        self._full = full
        self._decoded: tuple[Nodes, frozenset[str]] | None = None

    def decoded(self) -> tuple[Nodes, frozenset[str]]:
        """The nodes (each line decoded when looked up) and the externals."""
        if self._decoded is None:
            try:
                self._decoded = self._decode()
            except (TypeError, ValueError, IndexError, KeyError, AttributeError, RecursionError):
                # Only an archcheck bug could get here (the checksum held): an empty
                # graph costs findings, never the host's run.
                nodes = Nodes({}, lambda row: Node("", False, ()))
                nodes.complete = False
                self._decoded = (nodes, frozenset())
        return self._decoded

    def _decode(self) -> tuple[Nodes, frozenset[str]]:
        stored = json.loads(self._line)
        _require(isinstance(stored, dict) and set(stored) == {"names", "externals", "nodes"})
        names, order = stored["names"], stored["nodes"]
        # C-speed shape checks: join and map raise TypeError, IndexError on anything but what was written
        _require(isinstance(names, list) and isinstance("".join(names), str))
        _require(isinstance(order, list) and len(order) == len(self._rows) and min(order, default=0) >= 0)
        full, prefix = self._full, self._base.rstrip(os.sep) + os.sep

        def modules(indexes: list[int]) -> Names:
            if indexes == []:
                return ()
            _require(isinstance(indexes, list) and min(indexes) >= 0)
            return tuple([names[i] for i in indexes])  # sorted: names and indexes are stored sorted

        def decode(row: Line) -> Node:
            try:
                file, is_package, imports, type_checking, strings, verified = json.loads(row)
                _require(isinstance(file, str) and isinstance(is_package, bool) and isinstance(verified, bool))
                return Node(
                    full(file), is_package, modules(imports), modules(type_checking), modules(strings), verified
                )
            except (TypeError, ValueError, IndexError, RecursionError):
                # Only a line that passed the checksum gets here, so only an archcheck
                # bug could: an empty node costs findings, never the host's run.
                return Node("", False, ())

        def row_start(file: str) -> str:
            short = file[len(prefix):] if file.startswith(prefix) else ""
            return _dumps([short])[:-1] + ","  # a row is [file, is_package, ...]

        encoded: dict[str, Node | Line] = dict(zip(map(names.__getitem__, order), self._rows))
        externals = frozenset(modules(stored["externals"]))
        return Nodes(encoded, decode, row_start, (names, self._base)), externals


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("not the shape of a stored graph")
