"""The project's import graph, for questions that span modules (ARC105, contracts).

Built once with grimp (fast, Rust; imported lazily, only when a graph must be
built), corrected with archcheck's own import facts where grimp's differ
(``TYPE_CHECKING`` spellings, string imports), cached on disk as validated
JSON keyed on every module's mtime and size, and kept in memory per process.
A module whose file changed is re-read with archcheck's own facts; a module
added or removed rebuilds the whole graph.

Edges go from a module to the modules it imports, as grimp names them:
``import a.b.c`` is an edge to ``a.b.c`` only (to its nearest existing
ancestor when ``a.b.c`` does not exist), a third-party import an edge to the
top-level package.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path

from archcheck import runs
from archcheck.facts.imports import ImportFact, ImportKind, collect_imports
from archcheck.graph_cache import cache_file, digest, read_lines, write_lines
from archcheck.graph_store import Line, Names, Node, Nodes, Stamp, Stamps, from_lines, to_lines
from archcheck.modules import ModuleName, file_stamp
from archcheck.project import import_targets
from archcheck.records import Record

_generations = itertools.count(1)
# A module whose text holds none of these reads the same to grimp and to archcheck.
_MARKERS = re.compile(rb"TYPE_CHECKING|import_module|__import__")
_SKIPPED_DIRS = frozenset({"__pycache__"})


class _Scan(Record):
    """What is on disk: modules and their files, directories and their listings (filled in place)."""

    modules: dict[str, tuple[str, bool]]
    packages: list[tuple[str, str]]
    listings: dict[str, tuple[str, ...]]
    seen: set[str]


class ProjectGraph:
    """The import graph of the first-party modules under the source roots."""

    def __init__(
        self,
        nodes: MutableMapping[str, Node],
        externals: frozenset[str],
        stamps: Mapping[str, Stamp],
        listings: Mapping[str, tuple[str, ...]],
        content_key: str | None = None,
    ) -> None:
        self._nodes = nodes
        self._externals = externals
        self._index: Callable[[], tuple[Nodes, frozenset[str]]] | None = None
        self.stamps = Stamps.of(stamps)
        self.listings = listings
        self.generation = next(_generations)
        self.cache_path: Path | None = None
        self.roots: tuple[Path, ...] = ()  # where to build it again from, if its stored index is damaged
        self._dirty = False
        self._content_key = content_key

    @property
    def nodes(self) -> MutableMapping[str, Node]:
        """Module name to node."""
        self._decode_index()
        return self._nodes

    @property
    def externals(self) -> frozenset[str]:
        """The third-party modules imported, by their top-level package."""
        self._decode_index()
        return self._externals

    def _decode_index(self) -> None:
        """A graph read from its cache decodes its index when first asked for a node or the
        externals. An index that does not decode (only an archcheck bug could write one: the
        checksum held) gives way to a graph built afresh, as a damaged header does when read."""
        if self._index is None:
            return
        stored, externals = self._index()
        self._index = None
        nodes: MutableMapping[str, Node] = stored
        if not stored.complete and self.roots:
            fresh = build_graph(self.roots)
            nodes, externals, self.stamps, self.listings = fresh.nodes, fresh.externals, fresh.stamps, fresh.listings
            self._content_key = None
            self.generation = next(_generations)
            self._dirty = True
        self._nodes, self._externals = nodes, externals

    def successors(self, module: str, *, exclude_type_checking: bool, with_strings: bool = True) -> Names:
        """The modules ``module`` imports (empty for a third-party or unknown one)."""
        node = self.nodes.get(module)
        if node is None:
            return ()
        if not node.verified and (exclude_type_checking or with_strings):
            node = self.verified_node(module)
        return node.successors(exclude_type_checking=exclude_type_checking, with_strings=with_strings)

    def verified_node(self, module: str) -> Node:
        """The node of ``module`` with archcheck's own reading of its guards and string imports."""
        node = self.nodes[module]
        if node.verified:
            return node
        read = _read(node.file)
        data = read[0] if read is not None else None
        own = _reader(self).read(module, data) if data is not None else None
        if own is None:
            node = node._replace(verified=True)
        else:
            # grimp's static edges stand; archcheck adds what grimp cannot see.
            guarded = _names(set(own.type_checking).intersection(node.imports))
            node = node._replace(type_checking=guarded, strings=own.strings, verified=True)
        self.nodes[module] = node
        self._dirty = True
        return node

    def save(self) -> None:
        """Write the graph to its cache file if nodes were verified since it was read."""
        if self._dirty and self.cache_path is not None:
            write_lines(self.cache_path, self.to_lines())
            self._dirty = False

    def content_key(self) -> str:
        """A key of what the graph says, which results computed from it depend on (contracts).

        It is a digest of the files' stamps when the graph is built, and a
        refresh keeps it when the files it re-read import what they did (an
        edit inside a function): the first lint after such a save reuses the
        contract results instead of running import-linter's contracts again.
        """
        if self._content_key is None:
            self._content_key = digest(json.dumps(sorted(self.stamps.items())))
        return self._content_key

    def to_lines(self) -> list[str]:
        """The graph as cache lines (see :mod:`archcheck.graph_store`)."""
        lines, self._content_key = to_lines(self.nodes, self.externals, self.stamps, self.listings, self._content_key)
        return lines

    @classmethod
    def from_lines(cls, lines: Sequence[Line]) -> ProjectGraph | None:
        """The graph stored by :meth:`to_lines`, or ``None`` if ``lines`` do not have its shape."""
        stored = from_lines(lines)
        if stored is None:
            return None
        graph = cls({}, frozenset(), stored.stamps, stored.listings, stored.content_key)
        graph._index = stored.decode_index  # a run whose stored findings hold never decodes it
        return graph


def _names(modules: Iterable[str]) -> Names:
    return tuple(sorted(modules))


def is_valid_graph(lines: Sequence[Line]) -> bool:
    """Whether ``lines`` have exactly the shape :meth:`ProjectGraph.to_lines` writes, every node included."""
    graph = ProjectGraph.from_lines(lines)
    if graph is None:
        return False
    nodes = graph.nodes
    return (not isinstance(nodes, Nodes) or nodes.complete) and all(node.file != "" for node in nodes.values())


# -- scanning the source roots ------------------------------------------------


def _listing(directory: str) -> tuple[str, ...] | None:
    """The names in ``directory`` that can change the module set: ``.py`` files and sub-packages."""
    names = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.name[:-3].isidentifier():
                    names.append(entry.name)
                elif entry.name.isidentifier() and entry.name not in _SKIPPED_DIRS and entry.is_dir():
                    if os.path.isfile(os.path.join(entry.path, "__init__.py")):
                        names.append(entry.name + "/")
    except OSError:
        return None
    return tuple(sorted(names))


def _scan(roots: Iterable[Path]) -> _Scan:
    scan = _Scan({}, [], {}, set())
    for root in roots:
        _scan_dir(str(root), "", scan, top=True)
    return scan


def _scan_dir(directory: str, prefix: str, scan: _Scan, *, top: bool) -> None:
    real = os.path.realpath(directory)
    listing = _listing(directory) if real not in scan.seen else None  # a symlink loop ends here
    if listing is None:
        return
    scan.seen.add(real)
    scan.listings[directory] = listing
    for name in listing:
        path = os.path.join(directory, name.rstrip("/"))
        if name.endswith("/"):
            module = prefix + name[:-1]
            if module in scan.modules:
                continue
            scan.modules[module] = (os.path.join(path, "__init__.py"), True)
            if top:
                scan.packages.append((module, directory))
            _scan_dir(path, module + ".", scan, top=False)
        elif name != "__init__.py":
            scan.modules.setdefault(prefix + name[:-3], (path, False))


# -- building -------------------------------------------------------------------


def _grimp_edges(packages: list[tuple[str, str]]) -> tuple[dict[str, set[str]], set[str]] | None:
    """grimp's edges for ``packages`` ((name, root) pairs), or ``None`` if it cannot build them."""
    chosen = [name for name, root in packages if _importable_from(name, root)]
    if not chosen:
        return {}, set()
    saved = list(sys.path)
    roots = list(dict.fromkeys(root for name, root in packages if name in chosen))
    sys.path[:0] = roots
    try:
        import grimp  # noqa: PLC0415 - lazily: only when a graph must be built

        importlib.invalidate_caches()
        graph = grimp.build_graph(
            *chosen, include_external_packages=True, exclude_type_checking_imports=False, cache_dir=None
        )
        edges: dict[str, set[str]] = {}
        externals: set[str] = set()
        for module in graph.modules:
            if graph.is_module_squashed(module):
                externals.add(module)
            else:
                edges[module] = set(graph.find_modules_directly_imported_by(module))
        return edges, externals
    except Exception:  # noqa: BLE001 - grimp fails on a syntax error: fall back to archcheck's own facts
        return None
    finally:
        sys.path[:] = saved


def _importable_from(name: str, root: str) -> bool:
    """Whether ``import name`` with ``root`` first on ``sys.path`` finds the package under ``root``.

    A package of that name already imported from elsewhere (the linter's own
    ``tests``, say) would shadow it; grimp would then read the wrong files.
    """
    loaded = sys.modules.get(name)
    if loaded is None:
        return True
    paths = [os.path.abspath(p) for p in getattr(loaded, "__path__", None) or ()]
    return os.path.join(os.path.abspath(root), name) in paths


class _OwnFacts:
    """Edges from archcheck's own import facts, named the way grimp names them."""

    def __init__(self, modules: Mapping[str, tuple[str, bool]], first_party: frozenset[str]) -> None:
        self.modules = modules
        self.first_party = first_party

    def name(self, target: str) -> str | None:
        """``target`` as grimp names it (see :func:`graph_name`)."""
        top = target.partition(".")[0]
        if top not in self.first_party:
            return top
        while target not in self.modules:
            if "." not in target:
                return None
            target = target.rpartition(".")[0]
        return target

    def read(self, module: str, data: bytes) -> Node | None:
        """The node of ``module`` from its text, or ``None`` if it cannot be parsed."""
        file, is_package = self.modules[module]
        try:
            tree = ast.parse(data, filename=file)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return None
        return self.node(module, file, is_package, collect_imports(tree, data))

    def node(self, module: str, file: str, is_package: bool, imports: tuple[ImportFact, ...]) -> Node:
        """The node of ``module`` from its import facts."""
        static: dict[str, bool] = {}
        strings: set[str] = set()
        name = ModuleName(module, is_package, False)
        for fact in imports:
            for target in import_targets(fact, name, self.modules.__contains__):
                resolved = self.name(target)
                if resolved is None or resolved == module:
                    continue
                if fact.kind is ImportKind.STRING:
                    if not fact.type_checking:
                        strings.add(resolved)
                    continue
                static[resolved] = static.get(resolved, True) and fact.type_checking
        type_checking = _names(t for t, only in static.items() if only)
        return Node(file, is_package, _names(static), type_checking, _names(strings.difference(static)))


def _tops(modules: Iterable[str]) -> frozenset[str]:
    return frozenset(name.partition(".")[0] for name in modules)


def _read(path: str) -> tuple[bytes, Stamp] | None:
    """A file's bytes and the stamp of what was read: one open, no second lookup of the path."""
    try:
        with open(path, "rb", buffering=0) as handle:
            status = os.fstat(handle.fileno())
            return handle.readall(), (status.st_mtime_ns, status.st_size)
    except OSError:
        return None


def build_graph(roots: tuple[Path, ...]) -> ProjectGraph:
    """Scan the source roots and build the graph (grimp first, archcheck's facts where needed)."""
    scan = _scan(roots)
    first_party = _tops(scan.modules)
    own = _OwnFacts(scan.modules, first_party)
    grimp_result = _grimp_edges(scan.packages)
    edges, externals = grimp_result if grimp_result is not None else ({}, set())
    nodes: dict[str, Node] = {}
    stamps: dict[str, Stamp] = {}
    for module, (file, is_package) in scan.modules.items():
        read = _read(file)
        if read is None:
            continue
        data, stamps[file] = read
        node: Node | None
        if module in edges:
            verified = _MARKERS.search(data) is None
            node = Node(file, is_package, _names(edges[module] - {module}), verified=verified)
        else:
            node = own.read(module, data)
        if node is not None:
            nodes[module] = node
    for directory in scan.listings:
        stamp = file_stamp(directory)
        if stamp is not None:
            stamps[directory] = stamp
    found_externals = set(externals)
    for node in nodes.values():
        found_externals.update(t for t in (*node.imports, *node.strings) if t.partition(".")[0] not in first_party)
    return ProjectGraph(nodes, frozenset(found_externals), stamps, dict(scan.listings))


# -- keeping it current ----------------------------------------------------------


def _refresh(graph: ProjectGraph) -> ProjectGraph | None:
    """``graph`` brought up to date with the files, or ``None`` if the module set changed.

    A directory whose mtime moved but whose listing is the same (an editor's
    swap file) does not count; a changed module file is re-read with
    archcheck's own facts.
    """
    moved = graph.stamps.changed()
    if moved is None:
        return None
    if not moved:
        return graph
    changed_files = []
    stamps = dict(graph.stamps)
    for path in moved:
        if path in graph.listings:
            now = file_stamp(path)
            if now is None or _listing(path) != graph.listings[path]:
                return None
            stamps[path] = now
        else:
            changed_files.append(path)
    own = _reader(graph)
    nodes = graph.nodes.copy() if isinstance(graph.nodes, Nodes) else dict(graph.nodes)
    same = True  # every re-read module imports what it did: the graph says the same
    for path in changed_files:
        module = _module_of(graph.nodes, path)
        read = _read(path)
        if module is None or read is None:
            return None
        data, stamps[path] = read
        node = own.read(module, data)
        nodes[module] = node if node is not None else Node(path, graph.nodes[module].is_package, ())
        same = same and nodes[module] == graph.nodes[module]
    return ProjectGraph(nodes, graph.externals, stamps, graph.listings, graph.content_key() if same else None)


def _module_of(nodes: MutableMapping[str, Node], file: str) -> str | None:
    if isinstance(nodes, Nodes):
        return nodes.module_of(file)
    return next((name for name, node in nodes.items() if node.file == file), None)


_memory: dict[tuple[str, ...], ProjectGraph] = {}
_validated: dict[tuple[str, ...], int] = {}


def project_graph(roots: tuple[Path, ...], cache_dir: Path | None) -> ProjectGraph:
    """The current graph of the project under ``roots``: from memory, the disk cache, or built.

    Never raises for a cache problem: an unreadable, corrupt or stale cache is
    rebuilt, and a cache that cannot be written is simply not written.
    """
    key = tuple(str(root) for root in roots)
    graph = _memory.get(key)
    run = runs.current_run()
    if graph is not None and run is not None and _validated.get(key) == run:
        return graph  # already re-validated against the files in this host run
    path = cache_file(cache_dir, "graph", *key, suffix=".lines") if cache_dir is not None else None
    if graph is None and path is not None:
        lines = read_lines(path)
        graph = ProjectGraph.from_lines(lines) if lines is not None else None
        if graph is not None:
            graph.roots = roots
    refreshed = _refresh(graph) if graph is not None else None
    if refreshed is None:
        refreshed = build_graph(roots)
    refreshed.cache_path = path
    refreshed.roots = roots
    if refreshed is not graph and path is not None:
        write_lines(path, refreshed.to_lines())
    _memory[key] = refreshed
    if run is not None:
        _validated[key] = run
    return refreshed


def existing_graph(roots: tuple[Path, ...], cache_dir: Path) -> ProjectGraph | None:
    """:func:`project_graph`, if a graph was built before (in memory or on disk): never a new build."""
    key = tuple(str(root) for root in roots)
    if key not in _memory and not cache_file(cache_dir, "graph", *key, suffix=".lines").is_file():
        return None
    return project_graph(roots, cache_dir)


def forget() -> None:
    """Drop the in-memory graphs (tests; the disk cache stays)."""
    _memory.clear()
    _validated.clear()


class _Files(Mapping[str, tuple[str, bool]]):
    """Module name to (file, is_package), read through the graph's nodes without decoding them all."""

    def __init__(self, nodes: Mapping[str, Node]) -> None:
        self._nodes = nodes

    def __getitem__(self, module: str) -> tuple[str, bool]:
        node = self._nodes[module]
        return node.file, node.is_package

    def __contains__(self, module: object) -> bool:
        return module in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


def _reader(graph: ProjectGraph) -> _OwnFacts:
    reader = _readers.get(id(graph))
    if reader is None or reader[0] is not graph:
        modules = _Files(graph.nodes)
        reader = (graph, _OwnFacts(modules, _tops(modules)))
        _readers.clear()
        _readers[id(graph)] = reader
    return reader[1]


_readers: dict[int, tuple[ProjectGraph, _OwnFacts]] = {}


def own_node(graph: ProjectGraph, module: ModuleName, file: str, imports: tuple[ImportFact, ...]) -> Node:
    """The node of ``module`` from the imports of its buffer (an editor's, saved or not)."""
    return _reader(graph).node(module.name, file, module.is_package, imports)


def graph_name(graph: ProjectGraph, target: str) -> str | None:
    """``target`` as the graph names it: its nearest existing module, or its top-level package if third-party."""
    return _reader(graph).name(target)
