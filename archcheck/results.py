"""Findings of modules that did not change, kept across host runs.

A whole-project run of flake8 or pylint checks every file again, although
most did not change since the last run. A module's findings are a function
of its text, the configuration, the rules (archcheck's version and code), and
of what the rules read of the rest of the project: which modules exist and
what they import (the import graph says both, and its content key changes
when either does) and the class facts of the modules the project index read
(each recorded with its stamp). An entry keyed on all of these gives back
the very findings the rules would give, without running them.

One file per module (and selection of rules) under ``<cache_dir>/findings/``, written atomically like
every cache file (:mod:`archcheck.graph_cache`). Used only in host runs, and
only once the project's graph is in memory or on disk: building a graph just
to key the entries would cost a project that never needs one more than the
entries save. See docs/performance.md, "Findings of unchanged modules".
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import archcheck
from archcheck.config import Config
from archcheck.findings import Finding
from archcheck.graph import existing_graph
from archcheck.graph_cache import digest, read_json, write_json
from archcheck.importlinter_config import ImportLinterConfig, find_importlinter_config
from archcheck.modules import ModuleName, file_stamp
from archcheck.project import Project
from archcheck.records import Record
from archcheck.rules.internal import INTERNAL_ERROR
from archcheck.runs import Observed, current_run

if TYPE_CHECKING:  # the index (class facts) is imported only by a run that checks a module
    from archcheck.index import Consulted

_DIRECTORY = "findings"


class Entry(Record):
    """Where one module's findings are stored, and the key they must match."""

    file: Path
    key: str


def entry_for(path: Path, module: ModuleName, source: str, config: Config, selection: str) -> Entry | None:
    """The entry of the module at ``path`` with text ``source``, or ``None`` when
    findings are not stored for it (no cache directory, no graph yet)."""
    cache_dir = config.cache_dir
    if cache_dir is None:
        return None
    graph = existing_graph(config.source_roots, cache_dir)
    if graph is None:
        return None
    try:
        key = digest(
            _rules_key(), str(path), repr(module), selection, _config_key(config), graph.content_key(), source
        )
    except UnicodeEncodeError:  # text that is not valid Unicode (a lone surrogate): not stored
        return None
    # One file per module and selection: flake8 and pylint, which may select other
    # codes in the same project, keep their own entries instead of replacing each other's.
    return Entry(cache_dir / _DIRECTORY / f"{digest(str(path), selection)}.json", key)


def stored(entry: Entry, project: Project) -> tuple[Finding, ...] | None:
    """The findings stored for ``entry``, if its key matches, every file the
    rules read then is as it was, and every question they asked of the file
    system has the answer it had."""
    payload = read_json(entry.file, _is_valid)
    if payload is None or payload[0] != entry.key:
        return None
    _key, files, questions, answers, findings = payload
    for file, mtime, size in files:
        if file_stamp(file) != ((mtime, size) if mtime is not None else None):
            return None
    if digest(*_answers_now(project, questions)) != answers:
        return None
    return tuple(Finding(line, col, code, message) for line, col, code, message in findings)


def store(entry: Entry, findings: Sequence[Finding], consulted: Consulted, observed: Observed) -> None:
    """Keep ``findings`` for ``entry``, with what the rules read to find them,
    unless one of them says a rule failed (a failure may not repeat: the next
    run tries again)."""
    if any(finding.code == INTERNAL_ERROR.code for finding in findings):
        return
    files = [[file, *(stamp or (None, None))] for file, stamp in consulted]
    questions = sorted(observed)
    answers = digest(*(repr(observed[question]) for question in questions))
    write_json(entry.file, [entry.key, files, questions, answers, [list(finding) for finding in findings]])


# The answers' spellings for the current project and run, keyed on the answer (with its
# type, so that equal values of two types keep their own spellings): most files of a run
# get the same answers (their layer, the same imported modules), and a project's modules
# share a few layers, so this holds one spelling per layer rather than one per module.
_spelled: dict[tuple[type, object], str] = {}
_spelled_for: list[object] = [None, None]


def _answers_now(project: Project, questions: Iterable[list[str]]) -> Iterator[str]:
    """The answers to ``questions`` now, as ``repr`` spells them: asked again
    (once per run, as the rules would ask them), the memos' answers being fixed for a run."""
    run = current_run()
    if _spelled_for[0] is not project or _spelled_for[1] != run or run is None:
        _spelled.clear()
        _spelled_for[:] = [project, run]
    for label, question in questions:
        answer = project.observe(label, question)
        try:
            key = (type(answer), answer)
            spelled = _spelled.get(key)
            if spelled is None:
                spelled = _spelled[key] = repr(answer)
        except TypeError:  # an answer that cannot be a key is spelled every time
            spelled = repr(answer)
        yield spelled


def _is_valid(payload: Any) -> bool:
    key, files, questions, answers, findings = payload
    return (
        isinstance(key, str)
        and _rows(files, (str, (int, type(None)), (int, type(None))))
        and _rows(questions, (str, str))
        and isinstance(answers, str)
        and _rows(findings, (int, int, str, str))
    )


def _rows(rows: Any, kinds: tuple[type | tuple[type, ...], ...]) -> bool:
    return isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == len(kinds) and all(map(isinstance, row, kinds)) for row in rows
    )


_config_keys: dict[int, tuple[Config, ImportLinterConfig | None, str]] = {}


def _config_key(config: Config) -> str:
    """A digest of everything configured: ``[tool.archcheck]`` and import-linter's contracts."""
    settings = find_importlinter_config(config.root) if config.importlinter else None
    known = _config_keys.get(id(config))
    if known is not None and known[0] is config and known[1] is settings:
        return known[2]
    contracts = (str(settings.file), settings.options_json()) if settings else ()
    found = digest(repr(config), *contracts)
    _config_keys.clear()
    _config_keys[id(config)] = (config, settings, found)
    return found


_rules: list[str] = []


def _rules_key() -> str:
    """archcheck's version and the stamps of its own files, once per process: an
    editable install whose rules were edited must not be answered from before."""
    if not _rules:
        _rules.append(digest(archcheck.__version__, *_package_stamps(Path(archcheck.__file__).parent)))
    return _rules[0]


def _package_stamps(directory: Path) -> Iterable[str]:
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda found: found.name):
            if entry.is_dir() and entry.name != "__pycache__":
                yield from _package_stamps(Path(entry.path))
            elif entry.name.endswith(".py"):
                status = entry.stat()
                yield f"{entry.name} {status.st_mtime_ns} {status.st_size}"
