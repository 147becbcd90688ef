"""The architecture diagram: layers, contexts and the imports between them.

``python -m archcheck graph`` draws it as Mermaid or Graphviz DOT. Modules are
aggregated into one node per layer of each context (or container); modules
outside every layer get a node per package below their context. An edge
counts the imports between two nodes and is marked when any of them breaks a
rule. Whether an import breaks a rule is decided by the rules themselves: the
engine's findings are attributed to the import statement they point at, and
where one statement imports several modules, by running the rules on that one
import alone. No rule logic lives here.
"""

from __future__ import annotations

import ast
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archcheck.config import Config, load_config
from archcheck.context import ModuleContext
from archcheck.engine import check_module, decode, project_for
from archcheck.facts.imports import ImportFact
from archcheck.facts.module import collect_facts
from archcheck.findings import Finding
from archcheck.layers import is_test_module
from archcheck.modules import module_for_path
from archcheck.project import Project, covers
from archcheck.registry import RULES

VIOLATION_COLOUR = "#d32f2f"
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "build", "dist"})
_UNLAYERED_RANK = 1_000
# Groups are drawn in this order: contexts and containers, loose nodes, then third-party packages.
_GROUP_ORDER = {"context": 0, "container": 0, "": 1, "third-party": 2}


@dataclass(frozen=True, order=True)
class Group:
    """Where a node is drawn: a bounded context, a container, third-party packages or nowhere ("")."""

    name: str
    kind: str

    @property
    def title(self) -> str:
        """The subgraph's caption."""
        return f"{self.name} ({self.kind})" if self.kind in ("context", "container") else self.name

    @property
    def order(self) -> tuple[int, str]:
        """Sort key: contexts and containers first, by name."""
        return (_GROUP_ORDER[self.kind], self.name)


@dataclass(frozen=True)
class Node:
    """One box: a layer of a group, an unlayered package, or a third-party package."""

    group: Group
    name: str
    label: str
    rank: int
    layered: bool

    @property
    def order(self) -> tuple[tuple[int, str], int, str]:
        """Sort key: by group, then highest layer first, then name."""
        return (self.group.order, self.rank, self.name)


@dataclass(frozen=True)
class Edge:
    """The imports from one node into another, and the rules they break."""

    source: Node
    target: Node
    imports: int
    violations: tuple[tuple[str, int], ...]

    @property
    def label(self) -> str:
        """``3 imports`` or ``1 import: ARC101, ARC104 x2``."""
        text = f"{self.imports} import{'s' if self.imports != 1 else ''}"
        if not self.violations:
            return text
        codes = ", ".join(code if count == 1 else f"{code} x{count}" for code, count in self.violations)
        return f"{text}: {codes}"


@dataclass(frozen=True)
class Diagram:
    """The nodes and edges of a project, or the configuration problems that prevent drawing it."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    problems: tuple[str, ...] = ()


@dataclass
class _Tally:
    imports: int = 0
    violations: Counter[str] = field(default_factory=Counter)


def _is_venv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def python_files(start: Path, config: Config, explicit: str | None) -> Iterator[Path]:
    """The ``.py`` files under ``start`` that ``config`` governs, in a stable order.

    Hidden, cache and build folders, virtual environments and sub-projects with
    a configuration of their own are skipped.
    """
    if start.is_file():
        yield start
        return
    for directory, subdirs, files in os.walk(start):
        here = Path(directory)
        subdirs[:] = sorted(
            name
            for name in subdirs
            if not name.startswith(".") and name not in _SKIPPED_DIRS and not _is_venv(here / name)
            and (here / name) != config.cache_dir
            and (explicit is not None or load_config(here / name).file == config.file)
        )
        for name in sorted(files):
            if name.endswith(".py"):
                yield here / name


@dataclass(frozen=True)
class _Import:
    """One counted import, before modules are aggregated into nodes."""

    importer: str
    target: str
    first_party: bool
    codes: frozenset[str]


class _Builder:
    """Collects the imports of one project, then aggregates them into nodes and edges."""

    def __init__(self, project: Project, explicit: str | None) -> None:
        self.project = project
        self.explicit = explicit
        self.imports: list[_Import] = []
        # Packages that hold layers or are contexts: unlayered modules are drawn relative to them.
        self.homes: set[str] = set(project.config.contexts) | set(project.config.containers)

    def _note_home(self, module: str) -> None:
        layer = self.project.layer_of(module)
        if layer is not None and layer.container:
            self.homes.add(layer.container)

    def _home_of(self, module: str) -> str | None:
        inside = [home for home in self.homes if covers(home, module)]
        return max(inside, key=len) if inside else None

    def _loose_name(self, module: str) -> str:
        """An unlayered module outside every home: its package one level below the
        deepest package that holds a home (``shop.shared_kernel``), else its top level."""
        parts = module.split(".")
        for depth in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:depth])
            if any(home.startswith(prefix + ".") for home in self.homes):
                return ".".join(parts[: depth + 1])
        return parts[0]

    def node_of(self, module: str) -> Node:
        """The node that ``module`` is drawn in."""
        layer = self.project.layer_of(module)
        context = self.project.context_of(module)
        if layer is not None:
            name = f"{layer.container}.{layer.name}" if layer.container else layer.name
            if context:
                group = Group(context, "context")
            else:
                group = Group(layer.container, "container" if layer.container else "")
            return Node(group, name, layer.label, layer.rank, True)
        home = context or self._home_of(module)
        if home:
            group = Group(home, "context" if context else "container")
            rest = module[len(home) + 1 :].split(".")[0] if module != home else ""
            name = f"{home}.{rest}" if rest else home
            label = rest or f"{home.rpartition('.')[2]} (package)"
            return Node(group, name, label, _UNLAYERED_RANK, False)
        name = self._loose_name(module)
        return Node(Group("", ""), name, name, _UNLAYERED_RANK, False)

    def add_module(self, path: Path) -> None:
        """Record the counted imports of the module at ``path`` and the rules they break."""
        config = self.project.config
        module = module_for_path(path, config.source_roots)
        if module is None or is_test_module(module.name):
            return
        try:
            source = decode(path.read_bytes())
            tree = ast.parse(source or "", filename=str(path)) if source is not None else None
        except (OSError, SyntaxError, ValueError, RecursionError):
            return
        if tree is None or source is None:
            return
        ctx = ModuleContext(path, module, tree, collect_facts(tree), self.project)
        findings = check_module(str(path), source, tree, config_path=self.explicit)
        by_place: dict[tuple[int, int], set[str]] = {}
        for finding in findings:
            by_place.setdefault((finding.line, finding.col), set()).add(finding.code)
        self._note_home(module.name)
        for ref in ctx.imports():
            if is_test_module(ref.target):
                continue
            at = by_place.get((ref.fact.line, ref.fact.col), set())
            codes = frozenset(_judge(ctx, ref.fact, at) if at else ())
            first_party = self.project.is_first_party(ref.target.partition(".")[0])
            if first_party or codes:
                self.imports.append(_Import(module.name, ref.target, first_party, codes))
                self._note_home(ref.target)

    def diagram(self) -> Diagram:
        """The imports aggregated into nodes and edges, sorted."""
        tallies: dict[tuple[Node, Node], _Tally] = {}
        for found in self.imports:
            source = self.node_of(found.importer)
            target = self.node_of(found.target) if found.first_party else _external(found.target)
            if target == source and not found.codes:
                continue
            tally = tallies.setdefault((source, target), _Tally())
            tally.imports += 1
            tally.violations.update(found.codes)
        nodes = sorted({node for pair in tallies for node in pair}, key=lambda node: node.order)
        edges = [
            Edge(source, target, tally.imports, tuple(sorted(tally.violations.items())))
            for (source, target), tally in tallies.items()
        ]
        edges.sort(key=lambda edge: (edge.source.order, edge.target.order))
        return Diagram(tuple(nodes), tuple(edges))


def _external(module: str) -> Node:
    top = module.partition(".")[0]
    return Node(Group("third-party", "third-party"), top, top, _UNLAYERED_RANK, False)


def _judge(ctx: ModuleContext, fact: ImportFact, codes_here: set[str]) -> set[str]:
    """The codes that ``fact`` alone earns, among those the engine reported at its place.

    The rules run on the module with only this import in its facts, so that a
    statement importing several modules is attributed import by import.
    """
    alone = ctx._replace(facts=ctx.facts._replace(imports=(fact,)))
    found: set[str] = set()
    for rule in RULES:
        check = rule.loaded_check()
        if check is None or rule.code not in codes_here:
            continue
        try:
            hits: list[Finding] = list(check(alone))
        except Exception:  # noqa: BLE001 - a failing rule is the engine's ARC000, not the diagram's concern
            continue
        if any((hit.line, hit.col) == (fact.line, fact.col) for hit in hits):
            found.add(rule.code)
    return found


def build_diagram(path: Path, config_path: str | None = None) -> Diagram:
    """The diagram of the project that governs ``path``, over the files under ``path``."""
    start = path.resolve()
    config = load_config(start if start.is_dir() else start.parent, config_path)
    project = project_for(config)
    if project.problems:
        return Diagram((), (), tuple(problem.describe() for problem in project.problems))
    builder = _Builder(project, config_path)
    for file in python_files(start, config, config_path):
        builder.add_module(file)
    return builder.diagram()


def _ids(diagram: Diagram) -> dict[Node, str]:
    return {node: f"n{index}" for index, node in enumerate(diagram.nodes)}


def _groups(diagram: Diagram) -> list[tuple[Group, list[Node]]]:
    grouped: dict[Group, list[Node]] = {}
    for node in diagram.nodes:
        grouped.setdefault(node.group, []).append(node)
    return sorted(grouped.items(), key=lambda item: item[0].order)


@dataclass(frozen=True)
class _Syntax:
    """How one output format opens and closes a group and draws a node."""

    open_group: Callable[[int, Group], list[str]]
    close_group: str
    node: Callable[[str, Node], str]


def _node_lines(diagram: Diagram, ids: dict[Node, str], syntax: _Syntax) -> list[str]:
    """The grouped node declarations; nodes of no group stand outside every subgraph."""
    lines: list[str] = []
    for index, (group, nodes) in enumerate(_groups(diagram)):
        indent = "        " if group.kind else "    "
        if group.kind:
            lines += syntax.open_group(index, group)
        lines += [indent + syntax.node(ids[node], node) for node in nodes]
        if group.kind:
            lines.append(syntax.close_group)
    return lines


def _quote(text: str) -> str:
    return text.replace('"', "#quot;")


_MERMAID = _Syntax(
    open_group=lambda index, group: [f'    subgraph g{index}["{_quote(group.title)}"]'],
    close_group="    end",
    node=lambda ident, node: f'{ident}["{_quote(node.label)}"]' if node.layered else f'{ident}("{_quote(node.label)}")',
)


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a Mermaid flowchart; violating edges thick and red."""
    ids = _ids(diagram)
    lines = ["flowchart TB", *_node_lines(diagram, ids, _MERMAID)]
    red: list[str] = []
    for index, edge in enumerate(diagram.edges):
        arrow = "==>" if edge.violations else "-->"
        lines.append(f'    {ids[edge.source]} {arrow}|"{_quote(edge.label)}"| {ids[edge.target]}')
        if edge.violations:
            red.append(str(index))
    if red:
        style = f"stroke:{VIOLATION_COLOUR},stroke-width:3px,color:{VIOLATION_COLOUR}"
        lines.append(f"    linkStyle {','.join(red)} {style}")
    return "\n".join(lines) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_DOT = _Syntax(
    open_group=lambda index, group: [f"    subgraph cluster_{index} {{", f"        label={_dot_quote(group.title)};"],
    close_group="    }",
    node=lambda ident, node: f"{ident} [label={_dot_quote(node.label)}{'' if node.layered else ', shape=ellipse'}];",
)


def to_dot(diagram: Diagram) -> str:
    """The diagram as Graphviz DOT; violating edges bold and red."""
    ids = _ids(diagram)
    lines = ["digraph archcheck {", "    rankdir=TB;", "    node [shape=box];", *_node_lines(diagram, ids, _DOT)]
    for edge in diagram.edges:
        style = f', color="{VIOLATION_COLOUR}", fontcolor="{VIOLATION_COLOUR}", penwidth=3' if edge.violations else ""
        lines.append(f"    {ids[edge.source]} -> {ids[edge.target]} [label={_dot_quote(edge.label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


RENDERERS = {"mermaid": to_mermaid, "dot": to_dot}
