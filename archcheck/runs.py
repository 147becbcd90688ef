"""Host runs: project-wide facts are re-validated once per run, not once per file.

A host that lints many files in one run (flake8, pylint) says so by passing
``shared=True`` to the engine and calling ``engine.forget_shared`` when a new
run starts; editor servers start a new run for every lint. Outside such a run
every check re-validates everything (always correct, a little slower).
"""

from __future__ import annotations

_state = {"generation": 0, "shared": False}


def new_run() -> None:
    """A host starts a new run: what was validated before must be checked again."""
    _state["generation"] += 1


def enter_check(shared: bool) -> None:
    """The engine starts checking one module, inside a host run or not."""
    _state["shared"] = shared


def current_run() -> int | None:
    """The run the current check belongs to, or ``None`` outside a host run."""
    return _state["generation"] if _state["shared"] else None
