"""import-linter's layers, forbidden and independence contracts, enforced per line.

archcheck does not re-implement import-linter's semantics (root packages,
containers, ``|``/``:`` siblings, optional layers, ``ignore_imports``
wildcards, ``allow_indirect_imports``): it runs import-linter's own contract
classes on a grimp graph made from archcheck's cached graph, and keeps the
first hop of every chain they report. So the editor shows, at the import
statement, exactly what ``lint-imports`` reports for the same files, with one
deliberate difference: with ``exclude_type_checking_imports``, archcheck's
correct reading of ``TYPE_CHECKING`` guards decides which imports never run.

The results for the project as saved are cached on disk; a buffer whose
imports differ from its file's (unsaved edits) is checked on a copy of the
graph with the buffer's imports in place of the file's.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from archcheck.facts.imports import ImportKind
from archcheck.context import ModuleContext, graph_for, per_module
from archcheck.graph import ProjectGraph, graph_name, own_node
from archcheck.graph_cache import cache_file, digest, is_str_list, read_json, write_json
from archcheck.graph_store import Node
from archcheck.importlinter_config import ImportLinterConfig, find_importlinter_config
from archcheck.records import Record

# Unmatched ignore_imports and other whole-graph checks stay with lint-imports.
_PER_LINE_OVERRIDES = {"unmatched_ignore_imports_alerting": "none"}


class Hop(Record):
    """The first hop of one chain a contract reports.

    ``chain`` runs from ``importer`` to the module the contract forbids;
    ``source`` and ``target`` are the contract's names for the two ends (the
    lower and higher layer, the forbidden contract's source module and
    forbidden module, the two independent modules).
    """

    kind: str
    contract: str
    importer: str
    imported: str
    chain: tuple[str, ...]
    source: str
    target: str

    @property
    def direct(self) -> bool:
        """Whether the chain is the import itself."""
        return len(self.chain) == 2

    def to_json(self) -> list[Any]:
        """The hop as a JSON row."""
        return [self.kind, self.contract, list(self.chain), self.source, self.target]

    @classmethod
    def from_json(cls, row: list[Any]) -> Hop:
        """The hop of a validated JSON row."""
        chain = tuple(row[2])
        return cls(row[0], row[1], chain[0], chain[1], chain, row[3], row[4])


def _is_valid_row(row: Any) -> bool:
    return (
        isinstance(row, list)
        and len(row) == 5
        and isinstance(row[0], str)
        and isinstance(row[1], str)
        and is_str_list(row[2])
        and len(row[2]) >= 2
        and isinstance(row[3], str)
        and isinstance(row[4], str)
    )


def _is_valid_document(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and data.keys() == {"fingerprint", "hops"}
        and isinstance(data["hops"], list)
        and all(_is_valid_row(row) for row in data["hops"])
    )


# -- from archcheck's graph to grimp's --------------------------------------------


def _included(module: str, roots: tuple[str, ...]) -> bool:
    return any(module == root or module.startswith(root + ".") for root in roots)


def _edges(
    graph: ProjectGraph, settings: ImportLinterConfig, overlay: tuple[str, Node] | None
) -> Iterator[tuple[str, str]]:
    """The imports lint-imports would see, archcheck's TYPE_CHECKING reading applied."""
    roots = settings.root_packages
    externals = settings.flag("include_external_packages")
    exclude = settings.flag("exclude_type_checking_imports")
    importers = set(graph.nodes) | ({overlay[0]} if overlay is not None else set())
    for importer in sorted(importers):
        if not _included(importer, roots):
            continue
        if overlay is not None and importer == overlay[0]:
            found = overlay[1].successors(exclude_type_checking=exclude, with_strings=False)
        else:
            found = graph.successors(importer, exclude_type_checking=exclude, with_strings=False)
        for imported in sorted(found):
            if _included(imported, roots) or (externals and imported in graph.externals):
                yield importer, imported


def _grimp_graph(graph: ProjectGraph, settings: ImportLinterConfig, overlay: tuple[str, Node] | None) -> Any:
    import grimp  # noqa: PLC0415 - lazily: only when contracts must be checked

    result = grimp.ImportGraph()
    for module in graph.nodes:
        if _included(module, settings.root_packages):
            result.add_module(module)
    if settings.flag("include_external_packages"):
        for module in graph.externals:
            result.add_module(module, is_squashed=True)
    for importer, imported in _edges(graph, settings, overlay):
        result.add_import(importer=importer, imported=imported)
    return result


# -- running the contracts ------------------------------------------------------------


def _contract_classes() -> dict[str, Any]:
    import importlinter.configuration  # noqa: PLC0415 - lazily, as grimp

    importlinter.configuration.configure()
    from importlinter.contracts.forbidden import ForbiddenContract  # noqa: PLC0415
    from importlinter.contracts.independence import IndependenceContract  # noqa: PLC0415
    from importlinter.contracts.layers import LayersContract  # noqa: PLC0415

    return {"layers": LayersContract, "forbidden": ForbiddenContract, "independence": IndependenceContract}


def _hops_of_detailed(kind: str, name: str, detailed: dict[str, Any], source: str, target: str) -> Iterator[Hop]:
    links = detailed["chain"]
    tail = tuple(link["imported"] for link in links)
    yield Hop(kind, name, links[0]["importer"], tail[0], (links[0]["importer"], *tail), source, target)
    for extra in detailed["extra_firsts"]:
        yield Hop(kind, name, extra["importer"], extra["imported"], (extra["importer"], *tail), source, target)


def _hops(kind: str, name: str, metadata: dict[str, Any]) -> Iterator[Hop]:
    if kind == "layers":
        for dependency in metadata.get("invalid_dependencies", []):
            for route in dependency["routes"]:
                yield from _hops_of_detailed(kind, name, route, dependency["importer"], dependency["imported"])
        return
    for chains in metadata.get("invalid_chains", []):
        source, target = chains["downstream_module"], chains["upstream_module"]
        for chain in chains["chains"]:
            if isinstance(chain, dict):
                yield from _hops_of_detailed(kind, name, chain, source, target)
            elif chain:
                tail = tuple(link["imported"] for link in chain)
                yield Hop(kind, name, chain[0]["importer"], tail[0], (chain[0]["importer"], *tail), source, target)


def check_contracts(
    graph: ProjectGraph, settings: ImportLinterConfig, overlay: tuple[str, Node] | None = None
) -> list[Hop]:
    """The first hops of every chain the enforced contracts report.

    A contract that import-linter itself rejects (a malformed option, a
    missing module) yields nothing here: ``lint-imports`` reports it.
    """
    classes = _contract_classes()
    base = _grimp_graph(graph, settings, overlay)
    found: list[Hop] = []
    for options in settings.enforced():
        kind = options["type"]
        try:
            contract = classes[kind](
                name=options["name"],
                session_options=settings.session_options,
                contract_options={**options, **_PER_LINE_OVERRIDES},
            )
            result = contract.check(copy.deepcopy(base), verbose=False)
        except Exception:  # noqa: BLE001,S112 - lint-imports reports a broken contract, not us
            continue
        found += _hops(kind, options["name"], result.metadata)
    return sorted(set(found), key=lambda hop: (hop.importer, hop.chain, hop.kind, hop.contract))


# -- per module, with the caches -----------------------------------------------------


def _fingerprint(graph: ProjectGraph, settings: ImportLinterConfig) -> str:
    remembered = _fingerprints.get(id(graph))
    if remembered is not None and remembered[0] is graph and remembered[1] is settings:
        return remembered[2]
    found = _compute_fingerprint(graph, settings)
    _fingerprints.clear()  # one graph is current at a time: keep no stale entries
    _fingerprints[id(graph)] = (graph, settings, found)
    return found


_fingerprints: dict[int, tuple[ProjectGraph, ImportLinterConfig, str]] = {}


def _compute_fingerprint(graph: ProjectGraph, settings: ImportLinterConfig) -> str:
    return digest(graph.content_key(), settings.options_json())


_memory: dict[str, dict[str, list[Hop]]] = {}


def _by_importer(hops: Iterable[Hop]) -> dict[str, list[Hop]]:
    grouped: dict[str, list[Hop]] = {}
    for hop in hops:
        grouped.setdefault(hop.importer, []).append(hop)
    return grouped


def _saved_results(graph: ProjectGraph, settings: ImportLinterConfig, cache_dir: Any) -> dict[str, list[Hop]]:
    key = _fingerprint(graph, settings)
    cached = _memory.get(key)
    if cached is not None:
        return cached
    # One file per import-linter configuration, holding the results of the graph it was
    # last checked on: keyed on the graph's state, a file per save would pile up.
    path = cache_file(cache_dir, "contracts", str(settings.file)) if cache_dir is not None else None
    stored = read_json(path, _is_valid_document) if path is not None else None
    if stored is not None and stored["fingerprint"] == key:
        hops = [Hop.from_json(row) for row in stored["hops"]]
    else:
        hops = check_contracts(graph, settings)
        graph.save()
        if path is not None:
            write_json(path, {"fingerprint": key, "hops": [hop.to_json() for hop in hops]})
    _memory.clear()
    _memory[key] = _by_importer(hops)
    return _memory[key]


def module_hops(ctx: ModuleContext) -> list[Hop]:
    """The contract hops whose importer is the module under check, its buffer's imports counted."""
    config = ctx.config
    if not config.importlinter:
        return []
    settings = find_importlinter_config(config.root)
    if settings is None or not settings.enforced() or not _included(ctx.module.name, settings.root_packages):
        return []
    graph = graph_for(ctx)
    buffer = own_node(graph, ctx.module, str(ctx.path), ctx.facts.imports)
    if ctx.module.name in graph.nodes:
        saved = graph.verified_node(ctx.module.name)
        if buffer.imports == saved.imports and buffer.type_checking == saved.type_checking:
            return _saved_results(graph, settings, config.cache_dir).get(ctx.module.name, [])
    # Unsaved edits, or a module not saved at all yet: the buffer's imports replace the file's.
    hops = check_contracts(graph, settings, (ctx.module.name, buffer))
    return [hop for hop in hops if hop.importer == ctx.module.name]


class LocatedHop(Record):
    """A contract hop at one import statement of the module under check."""

    line: int
    col: int
    hop: Hop


@per_module
def located_hops(ctx: ModuleContext) -> list[LocatedHop]:
    """Where the buffer makes each first hop: every import statement of the hop's module.

    An indirect hop that is also a direct violation of some contract is
    reported only as that direct violation.
    """
    hops = module_hops(ctx)
    if not hops:
        return []
    settings = find_importlinter_config(ctx.config.root)
    exclude = settings is not None and settings.flag("exclude_type_checking_imports")
    graph = graph_for(ctx)
    direct = {hop.imported for hop in hops if hop.direct}
    wanted = [hop for hop in hops if hop.direct or hop.imported not in direct]
    found = []
    for fact in ctx.facts.imports:
        if fact.kind is ImportKind.STRING or (exclude and fact.type_checking):
            continue
        for target in ctx.project.targets(fact, ctx.module):
            name = graph_name(graph, target)
            found += [LocatedHop(fact.line, fact.col, hop) for hop in wanted if hop.imported == name]
    return found
