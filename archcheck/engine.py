"""The engine: one entry point that both frontends call for one module.

It never raises: a broken configuration becomes ARC001 findings, a failing
rule becomes one ARC000 finding while the other rules go on, unreadable or
unparsable text yields nothing (the host linter reports syntax errors).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import io
import os
import tokenize
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

from archcheck import results, runs
from archcheck.config import Config, load_config
from archcheck.findings import Finding, Selector
from archcheck.ignores import unmatched_ignores
from archcheck.modules import ModuleName, module_for_path
from archcheck.project import Project
from archcheck.registry import RULES
from archcheck.rules.internal import CONFIG_ERROR, INTERNAL_ERROR


_MEMO_SIZE = 32
_PROJECTS_KEPT = 16
_memo: OrderedDict[tuple[object, ...], tuple[Finding, ...]] = OrderedDict()
_projects: dict[int, tuple[Config, Project]] = {}
# Within one host run the configuration governing a directory does not change:
# one discovery walk per directory and run, not per file (dropped by forget_shared).
_run_configs: dict[tuple[Path, str | None], Config] = {}


def _all(_code: str) -> bool:
    return True


def decode(data: bytes) -> str | None:
    """Source bytes as text, honouring a coding cookie and a BOM (``None`` if
    undecodable), with universal newlines: the text flake8 and an editor's
    buffer hand over, so that a file and its buffer parse alike."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return io.IncrementalNewlineDecoder(None, translate=True).decode(data.decode(encoding), final=True)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None


def project_for(config: Config) -> Project:
    """The project of ``config``, built once per configuration and process."""
    cached = _projects.get(id(config))
    if cached is None or cached[0] is not config:
        if len(_projects) >= _PROJECTS_KEPT:
            # An editor server sees a new Config per edit of the file: keep memory bounded.
            _projects.clear()
        cached = (config, Project(config))
        _projects[id(config)] = cached
    return cached[1]


def _module_name(path: Path, config: Config) -> ModuleName:
    found = module_for_path(path, config.source_roots)
    return found or ModuleName(path.stem, False, False)


def check_module(
    path: str,
    source: str | None = None,
    tree: ast.Module | None = None,
    *,
    selected: Selector = _all,
    config_path: str | None = None,
    shared: bool = False,
) -> tuple[Finding, ...]:
    """All findings for the module at ``path`` (the display path for stdin).

    ``source`` is the buffer's text when the frontend has it (stdin, editors);
    otherwise the file is read. Sorted by position, each finding once.
    ``shared``: the caller is a host run that calls :func:`forget_shared` when
    it starts; results (several pylint family checkers ask for the same module)
    and the configuration of each directory are memoised until then.
    """
    try:
        with warnings.catch_warnings(), _collector_paused():
            # Python's warnings about linted text (this module's, or any other
            # module archcheck parses for the graph or the index) are the
            # host's to show: ours would be noise on stderr.
            warnings.simplefilter("ignore")
            return _check(path, source, tree, selected, config_path, shared)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if not selected(INTERNAL_ERROR.code):
            return ()
        return (_engine_failure(error),)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while one module is checked.

    A check allocates tens of thousands of short-lived objects (the ``ast``
    tree, the facts), which trigger full collections; in a host that holds
    a large heap (pylint keeps every astroid tree) each one walks all of it,
    and parsing a module cost seven times as much inside pylint as alone.
    What the check leaves behind holds no cycles that matter, and the
    collector is resumed (when it was running) as soon as the check ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _engine_failure(error: Exception) -> Finding:
    """ARC000 for a failure outside any rule: no rule ran, and the message says so."""
    return Finding(
        1,
        0,
        INTERNAL_ERROR.code,
        f"archcheck internal error: the engine raised {type(error).__name__}: {error}; "
        "no rule ran on this file; please report this",
    )


def _check(
    path: str, source: str | None, tree: ast.Module | None, selected: Selector, config_path: str | None, shared: bool
) -> tuple[Finding, ...]:
    absolute = Path(os.path.abspath(path))
    runs.enter_check(shared)
    config = _config_for(absolute.parent, config_path, shared)
    project = project_for(config)
    problems = project.problems or unmatched_ignores(project)
    if problems:
        if not selected(CONFIG_ERROR.code):
            return ()
        return tuple(sorted({CONFIG_ERROR.finding(1, 0, problem=p.describe()) for p in problems}))
    if source is None:
        try:
            data = absolute.read_bytes()
        except OSError:
            return ()
        source = decode(data)
        if source is None:
            return ()
    if not shared:
        # Imported on first use, here and below: the facts, the rules' context and the
        # rules are needed only where findings are found, not read back from the store.
        from archcheck.checking import findings  # pylint: disable=import-outside-toplevel

        return findings(absolute, source, tree, project, selected, _module_name(absolute, project.config))
    selection = "".join("1" if selected(rule.code) else "0" for rule in RULES)
    key = (str(absolute), hash(source), id(config), selection)
    if key in _memo:
        _memo.move_to_end(key)
        return _memo[key]
    found = _stored_or_found(absolute, source, tree, project, selected, selection)
    _memo[key] = found
    if len(_memo) > _MEMO_SIZE:
        _memo.popitem(last=False)
    return found


def _stored_or_found(
    absolute: Path, source: str, tree: ast.Module | None, project: Project, selected: Selector, selection: str
) -> tuple[Finding, ...]:
    """The findings stored for this very text, configuration and project, or found
    and stored (in host runs only: :mod:`archcheck.results`)."""
    module = _module_name(absolute, project.config)
    entry = results.entry_for(absolute, module, source, project.config, selection)
    found = results.stored(entry, project) if entry is not None else None
    if found is not None:
        return found
    from archcheck.checking import observed_findings  # pylint: disable=import-outside-toplevel

    found, files, observed = observed_findings(absolute, source, tree, project, selected, module)
    # The rules may have built the graph just now (the first module of a cold run).
    entry = entry or results.entry_for(absolute, module, source, project.config, selection)
    if entry is not None:
        results.store(entry, found, files, observed)
    return found


def _config_for(directory: Path, config_path: str | None, shared: bool) -> Config:
    if not shared:
        return load_config(directory, config_path)
    key = (directory, config_path)
    config = _run_configs.get(key)
    if config is None:
        config = _run_configs[key] = load_config(directory, config_path)
    return config


def forget_shared() -> None:
    """Drop memoised results: a host calls this when a new run starts, because
    other files of the project may have changed since the last one."""
    _memo.clear()
    _run_configs.clear()
    runs.new_run()
