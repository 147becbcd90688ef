"""Host runs: project-wide facts are re-validated once per run, not once per file.

A host that lints many files in one run (flake8, pylint) says so by passing
``shared=True`` to the engine and calling ``engine.forget_shared`` when a new
run starts; editor servers start a new run for every lint. Outside such a run
every check re-validates everything (always correct, a little slower).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

_Key = TypeVar("_Key", bound=Hashable)
_Answer = TypeVar("_Answer")
_state = {"generation": 0, "shared": False}
Observed = dict[tuple[str, str], object]
_observers: list[Observed] = []


def new_run() -> None:
    """A host starts a new run: what was validated before must be checked again."""
    _state["generation"] += 1


def enter_check(shared: bool) -> None:
    """The engine starts checking one module, inside a host run or not."""
    _state["shared"] = shared


def current_run() -> int | None:
    """The run the current check belongs to, or ``None`` outside a host run."""
    return _state["generation"] if _state["shared"] else None


@contextlib.contextmanager
def observing() -> Iterator[Observed]:
    """The questions labelled memos answer inside the ``with`` block, with their
    answers: what a check learnt of the file system (:mod:`archcheck.results`
    asks them again before it reuses the check's findings)."""
    observed: Observed = {}
    _observers.append(observed)
    try:
        yield observed
    finally:
        _observers.pop()


class RunMemo(Generic[_Key, _Answer]):
    """Answers about the file system, remembered for the current host run only.

    Outside a host run nothing is remembered (every check looks again); a new
    run forgets every answer, since files may have changed in between. A
    memo with a ``label`` (its questions are strings) reports each question
    and answer to :func:`observing`, asked afresh or remembered alike.
    """

    def __init__(self, compute: Callable[[_Key], _Answer], label: str = "") -> None:
        self._compute = compute
        self._label = label
        self._run: int | None = None
        self._answers: dict[_Key, _Answer] = {}

    def __call__(self, key: _Key) -> _Answer:
        found = self._answer(key)
        if _observers and self._label:
            for observed in _observers:
                observed[(self._label, str(key))] = found
        return found

    def _answer(self, key: _Key) -> _Answer:
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
