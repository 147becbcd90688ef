"""type_hints rules."""

from __future__ import annotations

from archcheck.rule import Rule

RULES: tuple[Rule, ...] = ()
