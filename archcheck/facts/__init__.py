"""Per-module facts, computed once per file from the standard ``ast``.

The package imports none of its modules: the import graph and the project
need only :mod:`archcheck.facts.imports`, and a run answered from stored
findings never collects the facts of a class (:mod:`archcheck.facts.module`).
"""
