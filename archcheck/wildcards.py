"""import-linter's module wildcards: ``*`` is one name, ``**`` any depth."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    parts = []
    for part in pattern.split("."):
        if part == "**":
            parts.append(r"[^.]+(?:\.[^.]+)*")
        elif part == "*":
            parts.append(r"[^.]+")
        else:
            parts.append(re.escape(part))
    return re.compile(r"\.".join(parts))


def matches(pattern: str, module: str) -> bool:
    """Whether ``module`` matches ``pattern`` exactly (``a.*`` is not ``a``)."""
    return _compile(pattern).fullmatch(module) is not None


def is_valid(pattern: str) -> bool:
    """Whether ``pattern`` is a dotted name whose parts are names, ``*`` or ``**``."""
    return all(part in {"*", "**"} or part.isidentifier() for part in pattern.split("."))
