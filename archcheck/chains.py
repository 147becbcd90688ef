"""Import chains: the shortest path from a first hop to a module that breaks a layering.

Breadth-first, level by level, keeping for every module the lexicographically
smallest of its shortest paths, so that the chain a message shows is the same
in every run mode: the shortest, ties broken by the module names in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Successors = Callable[[str], Iterable[str]]
Predicate = Callable[[str], bool]


def shortest_chain(
    start: str, successors: Successors, *, is_goal: Predicate, is_passable: Predicate
) -> tuple[str, ...] | None:
    """The smallest shortest chain ``(start, …, goal)``, or ``None``.

    ``start`` is passable; a chain continues only through passable modules and
    ends at the first goal. A module that is neither (a layered module that
    breaks nothing) ends the search along that path: a chain through it is
    judged where it imports, not here.
    """
    best: dict[str, tuple[str, ...]] = {start: (start,)}
    frontier = [start]
    while frontier:
        level: dict[str, tuple[str, ...]] = {}
        for module in frontier:
            path = best[module]
            for target in successors(module):
                if target in best:
                    continue
                candidate = (*path, target)
                if target not in level or candidate < level[target]:
                    level[target] = candidate
        goals = [path for target, path in level.items() if is_goal(target)]
        if goals:
            return min(goals)
        best.update(level)
        frontier = sorted(target for target in level if is_passable(target))
    return None
