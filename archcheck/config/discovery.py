"""Find and read the configuration that governs a file, cached on mtime.

Editor servers keep the plugin loaded for hours: every cache here is keyed on
the file's path, modification time and size, so an edited ``pyproject.toml``
is read again on the next run.

Editors that start a new linter per lint (flake8's stdin mode, pylsp) would
parse ``pyproject.toml`` every time, and importing ``tomllib`` alone is a
sixth of importing archcheck. So the ``[tool.archcheck]`` table a file holds
is also stored, with the file's stamp, in the default cache directory
(``.archcheck_cache`` beside the file) when that directory exists: a later
process reads it back as JSON and never imports ``tomllib``. Nothing is
stored for a file that cannot be parsed, nor where the directory is absent
(a project with another ``cache_dir``): those are parsed every time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from archcheck.config.model import Config, ConfigProblem
from archcheck.config.validate import build_config
from archcheck.graph_cache import cache_file, read_json, write_json
from archcheck.modules import file_stamp, is_dir, is_file
from archcheck.records import Record

_CONFIGS_KEPT = 64
_VCS_MARKERS = (".git", ".hg")
_CACHE_DIR = ".archcheck_cache"  # the default cache_dir (config/schema.py)


class _TomlRead(Record):
    table: dict[str, Any] | None
    error: str | None


_toml_cache: dict[Path, tuple[tuple[int, int], _TomlRead]] = {}
_config_cache: dict[tuple[Path, Path | None, tuple[int, int]], Config] = {}


def _exists(path: Path) -> bool:
    """``path.exists()``, with a path that cannot be looked at (EACCES) taken as absent."""
    return file_stamp(path) is not None


def _read_toml(path: Path) -> _TomlRead | None:
    """The parsed file, or ``None`` when it does not exist."""
    stamp = file_stamp(path)
    if stamp is None:
        return None
    cached = _toml_cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    stored_file = _stored_file(path)
    read = _stored(stored_file, stamp) if stored_file is not None else None
    if read is None:
        read = _parse(path)
        if stored_file is not None and read.error is None:
            write_json(stored_file, {"stamp": list(stamp), "archcheck": _archcheck_table(read)})
    _toml_cache[path] = (stamp, read)
    return read


def _parse(path: Path) -> _TomlRead:
    import tomllib  # pylint: disable=import-outside-toplevel  # only on a cache miss (see the module docstring)

    try:
        if not is_file(path):
            # A FIFO or device would block the linter on open(); a directory cannot be read.
            raise OSError(f"{path} is not a regular file")
        with path.open("rb") as handle:
            return _TomlRead(tomllib.load(handle), None)
    except (OSError, ValueError, RecursionError) as error:
        # ValueError: TOMLDecodeError, UnicodeDecodeError; RecursionError: arrays nested thousands deep.
        return _TomlRead(None, f"cannot be read: {type(error).__name__}: {error}")


def _stored_file(path: Path) -> Path | None:
    """Where the table of ``path`` is stored, if the default cache directory is beside it."""
    directory = path.parent / _CACHE_DIR
    return cache_file(directory, "toml", str(path)) if is_dir(directory) else None


def _stored(stored_file: Path, stamp: tuple[int, int]) -> _TomlRead | None:
    """The ``[tool.archcheck]`` table stored in ``stored_file`` for its file as it is now, if any."""
    payload = read_json(stored_file, lambda p: isinstance(p, dict) and p.keys() == {"stamp", "archcheck"})
    if payload is None or payload["stamp"] != list(stamp):
        return None
    table = payload["archcheck"]
    return _TomlRead({} if table is None else {"tool": {"archcheck": table}}, None)


def _archcheck_table(read: _TomlRead) -> Any:
    assert read.table is not None
    return read.table.get("tool", {}).get("archcheck") if isinstance(read.table.get("tool"), dict) else None


def _zero_config_root(start: Path) -> Path:
    """The project root without configuration: nearest pyproject, VCS root, or package parent."""
    for directory in (start, *start.parents):
        if is_file(directory / "pyproject.toml"):
            return directory
        if any(_exists(directory / marker) for marker in _VCS_MARKERS):
            return directory
    top = start
    while is_file(top / "__init__.py") and top.parent != top:
        top = top.parent
    return top


def _find_archcheck_file(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        read = _read_toml(candidate)
        if read is not None and (read.error or _archcheck_table(read) is not None):
            return candidate
        if any(_exists(directory / marker) for marker in _VCS_MARKERS):
            return None
    return None


def load_config(directory: Path, explicit: str | None = None) -> Config:
    """The configuration governing files in ``directory``.

    ``explicit`` is a ``--archcheck-config`` path; otherwise the nearest
    ``pyproject.toml`` holding ``[tool.archcheck]`` wins.
    """
    file = Path(os.path.abspath(explicit)) if explicit else _find_archcheck_file(directory)
    root = file.parent if file else _zero_config_root(directory)
    stamp = file_stamp(file) if file else (0, 0)
    key = (root, file, stamp or (-1, -1))
    cached = _config_cache.get(key)
    if cached is not None:
        return cached
    config = _load(file, root)
    if len(_config_cache) >= _CONFIGS_KEPT:
        # Each edit of a configuration file is a new key: keep an editor server's memory bounded.
        _config_cache.clear()
    _config_cache[key] = config
    return config


def _load(file: Path | None, root: Path) -> Config:
    if file is None:
        return build_config({}, root, None)
    read = _read_toml(file)
    if read is None or read.error:
        why = read.error if read else "does not exist"
        return _broken(file, root, "file", str(why))
    table = _archcheck_table(read)
    if table is None:
        return _broken(file, root, "tool.archcheck", "the file has no [tool.archcheck] table")
    if not isinstance(table, dict):
        return _broken(file, root, "tool.archcheck", "expected a table")
    return build_config(table, root, file)


def _broken(file: Path, root: Path, key: str, why: str) -> Config:
    config = build_config({}, root, file)
    return Config(
        root=config.root,
        file=file,
        source_roots=config.source_roots,
        cache_dir=config.cache_dir,
        markers=config.markers,
        problems=(ConfigProblem(str(file), key, why),),
    )
