"""Turn a raw ``[tool.archcheck]`` table into a :class:`Config`, or problems."""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from archcheck.config.model import Config, ConfigProblem, MarkerSpec
from archcheck.config.schema import DEFAULT_MARKERS, KEY_NAMES, KEYS, MARKER_FIELDS, MARKER_KINDS, Key, Kind
from archcheck.modules import is_dir


def _did_you_mean(name: str, choices: frozenset[str] | tuple[str, ...]) -> str:
    import difflib  # noqa: PLC0415 - only a misspelt key pays for it (editors start a process per lint)

    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check_kind(key: Key, value: object) -> str | None:
    """What is wrong with ``value`` for ``key``'s kind, or ``None``."""
    ok = {
        Kind.BOOL: isinstance(value, bool),
        Kind.INT: isinstance(value, int) and not isinstance(value, bool),
        Kind.STR: isinstance(value, str),
        Kind.STR_LIST: _is_str_list(value),
        Kind.TABLE_OF_LISTS: isinstance(value, dict) and all(_is_str_list(v) for v in value.values()),
        Kind.MARKERS: isinstance(value, dict),
    }[key.kind]
    if not ok:
        return f"expected a {key.kind.value}, got {type(value).__name__} {value!r}"
    if _has_nul(value):
        return f"contains a NUL character: {value!r}"
    if key.name == "identity_fields":
        return _bad_templates(value)
    return None


def _has_nul(value: object) -> bool:
    """Whether a string anywhere in ``value`` holds NUL (no path or name may)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


def _bad_templates(entries: Any) -> str | None:
    """What is wrong with ``identity_fields`` templates (only ``{snake_class_name}`` is known)."""
    for entry in entries:
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(entry) if name is not None}
        except ValueError as error:
            return f"{entry!r} is not a valid template: {error}"
        unknown = fields - {"snake_class_name"}
        if unknown:
            return f"{entry!r} uses unknown placeholder(s) {sorted(unknown)}; only {{snake_class_name}} is known"
    return None


def _markers(raw: Mapping[str, Any], problem: list[str]) -> tuple[tuple[str, MarkerSpec], ...]:
    merged: dict[str, dict[str, tuple[str, ...]]] = {kind: dict(DEFAULT_MARKERS[kind]) for kind in MARKER_KINDS}
    for kind, table in raw.items():
        if kind not in MARKER_KINDS:
            problem.append(f"markers.{kind}: unknown marker kind{_did_you_mean(kind, MARKER_KINDS)}")
            continue
        if not isinstance(table, dict):
            problem.append(f"markers.{kind}: expected a table, got {type(table).__name__}")
            continue
        for name, value in table.items():
            if name not in MARKER_FIELDS:
                problem.append(f"markers.{kind}.{name}: unknown key{_did_you_mean(name, MARKER_FIELDS)}")
            elif not _is_str_list(value):
                problem.append(f"markers.{kind}.{name}: expected a list of strings, got {value!r}")
            else:
                merged[kind][name] = tuple(value)
    return tuple((kind, MarkerSpec(**fields)) for kind, fields in merged.items())


def _absolute(path: Path) -> Path:
    """``path`` made absolute and normalised, symbolic links kept: a project
    reached through a linked directory keeps the paths the files are named by."""
    return Path(os.path.normpath(os.path.abspath(path)))


def _default_source_roots(root: Path) -> tuple[Path, ...]:
    roots = [root]
    if is_dir(root / "src"):
        roots.append(root / "src")
    return tuple(roots)


def build_config(table: Mapping[str, Any], root: Path, file: Path | None) -> Config:
    """Validate ``table`` (the contents of ``[tool.archcheck]``) into a Config.

    Problems do not raise: they are collected on ``Config.problems`` so that
    the engine reports them as ARC001 findings.
    """
    shown = str(file) if file else "zero-config"
    problems: list[ConfigProblem] = []
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name not in KEY_NAMES:
            problems.append(ConfigProblem(shown, name, f"unknown key{_did_you_mean(name, KEY_NAMES)}"))
            continue
        key = next(k for k in KEYS if k.name == name)
        wrong = _check_kind(key, value)
        if wrong:
            problems.append(ConfigProblem(shown, name, wrong))
            continue
        values[name] = value
    if "anemic_min_fields" in values and values["anemic_min_fields"] < 1:
        problems.append(ConfigProblem(shown, "anemic_min_fields", "must be at least 1"))
        del values["anemic_min_fields"]
    marker_problems: list[str] = []
    markers = _markers(values.pop("markers", {}), marker_problems)
    problems += [ConfigProblem(shown, text.split(":", 1)[0], text.split(": ", 1)[1]) for text in marker_problems]
    return _assemble(values, root, file, markers, tuple(problems))


def _assemble(
    values: dict[str, Any],
    root: Path,
    file: Path | None,
    markers: tuple[tuple[str, MarkerSpec], ...],
    problems: tuple[ConfigProblem, ...],
) -> Config:
    roots = values.pop("source_roots", None)
    source_roots = (
        tuple(_absolute(root / entry) for entry in roots) if roots is not None else _default_source_roots(root)
    )
    cache_dir = values.pop("cache_dir", ".archcheck_cache")
    forbidden = values.pop("forbidden", {})
    converted: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value for name, value in values.items()
    }
    return Config(
        root=root,
        file=file,
        source_roots=source_roots,
        cache_dir=_absolute(root / cache_dir),
        forbidden=tuple((key, tuple(targets)) for key, targets in forbidden.items()),
        markers=markers,
        problems=problems,
        **converted,
    )
