"""Run flake8 or pylint in this interpreter, optionally without some plugins.

Usage::

    python benchmarks/host.py [--hide DIST[,DIST...]] flake8|pylint ARGS...

``--hide`` removes installed distributions from ``importlib.metadata``'s
view before the host starts, so flake8 finds no entry points of theirs: the
host behaves exactly as if they were not installed, while the interpreter,
the host's version and every other plugin stay the same. This is the
benchmark's honest baseline for "flake8 without archcheck": flake8 runs every
registered plugin whatever ``--select`` says, so selecting codes alone would
still pay for archcheck.

Both sides of every comparison go through this same wrapper, so its own cost
(a few imports) cancels out.
"""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterator
from typing import Any


def _hide(names: frozenset[str]) -> None:
    original = importlib.metadata.distributions

    def distributions(**kwargs: Any) -> Iterator[importlib.metadata.Distribution]:
        for dist in original(**kwargs):
            if (dist.metadata["Name"] or "").lower() not in names:
                yield dist

    importlib.metadata.distributions = distributions


def main(argv: list[str]) -> int:
    """Parse ``--hide``, then hand the rest of the command line to the host."""
    hidden: frozenset[str] = frozenset()
    if argv and argv[0] == "--hide":
        hidden = frozenset(name.strip().lower() for name in argv[1].split(",") if name.strip())
        argv = argv[2:]
    host, args = argv[0], argv[1:]
    _hide(hidden)
    if host == "flake8":
        from flake8.main.cli import main as flake8_main

        return int(flake8_main(args) or 0)
    if host == "pylint":
        from pylint import run_pylint

        sys.argv = ["pylint", *args]
        try:
            run_pylint()
        except SystemExit as done:
            return int(done.code or 0)
        return 0
    raise SystemExit(f"unknown host {host!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
