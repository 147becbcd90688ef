"""Host runs: project-wide facts are re-validated once per run, not once per file.

A host that lints many files in one run (flake8, pylint) says so by passing
``shared=True`` to the engine and calling ``engine.forget_shared`` when a new
run starts; editor servers start a new run for every lint. Outside such a run
every check re-validates everything (always correct, a little slower).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

_Key = TypeVar("_Key", bound=Hashable)
_Answer = TypeVar("_Answer")
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


class RunMemo(Generic[_Key, _Answer]):
    """Answers about the file system, remembered for the current host run only.

    Outside a host run nothing is remembered (every check looks again); a new
    run forgets every answer, since files may have changed in between.
    """

    def __init__(self, compute: Callable[[_Key], _Answer]) -> None:
        self._compute = compute
        self._run: int | None = None
        self._answers: dict[_Key, _Answer] = {}

    def __call__(self, key: _Key) -> _Answer:
        run = current_run()
        if run is None:
            return self._compute(key)
        if run != self._run:
            self._answers.clear()
            self._run = run
        answers = self._answers
        if key in answers:
            return answers[key]
        found = answers[key] = self._compute(key)
        return found
