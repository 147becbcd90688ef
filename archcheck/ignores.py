"""``ignore_imports`` entries that match no import are configuration errors (ARC001).

An entry that matches nothing is usually a typo or a leftover after a
refactoring, and it silently stops protecting nothing. Matching needs every
import of the project, so it reads the project graph (built and cached as for
ARC105); it is re-checked whenever that graph changes.
"""

from __future__ import annotations

from archcheck.config import ConfigProblem
from archcheck.graph import ProjectGraph, project_graph
from archcheck.project import Project
from archcheck.wildcards import matches

_memo: dict[int, tuple[Project, int, tuple[ConfigProblem, ...]]] = {}


def _imported_matches(pattern: str, imported: str, graph: ProjectGraph) -> bool:
    if matches(pattern, imported):
        return True
    # The graph knows a third-party import only by its top-level package
    # (``sqlalchemy`` for ``sqlalchemy.orm``): any pattern below it may match.
    return imported in graph.externals and pattern.partition(".")[0] in (imported, "*", "**")


def unmatched_ignores(project: Project) -> tuple[ConfigProblem, ...]:
    """One problem per ``ignore_imports`` entry that matches no import of the project."""
    if not project.ignored:
        return ()
    config = project.config
    graph = project_graph(config.source_roots, config.cache_dir)
    cached = _memo.get(id(project))
    if cached is not None and cached[0] is project and cached[1] == graph.generation:
        return cached[2]
    exclude = config.exclude_type_checking_imports
    edges = [
        (importer, imported)
        for importer in list(graph.nodes)
        for imported in graph.successors(importer, exclude_type_checking=exclude, with_strings=True)
    ]
    graph.save()
    problems = []
    for importer, imported in project.ignored:
        if any(matches(importer, a) and _imported_matches(imported, b, graph) for a, b in edges):
            continue
        problems.append(
            ConfigProblem(
                str(config.file or "zero-config"),
                "ignore_imports",
                f"'{importer} -> {imported}' matches no import in the project",
            )
        )
    result = tuple(problems)
    _memo[id(project)] = (project, graph.generation, result)
    return result
