"""A broken configuration is ARC001 on every file it governs, never a traceback.

Every key of the schema gets a value of the wrong type; the pyproject.toml is
made unreadable (by injecting the fault: CI runs as root, where file modes do
not stop a read), malformed, or not UTF-8. Each case goes through the core
and both frontends in-process, and the command lines must exit non-zero.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.config.schema import KEYS, Key, Kind
from archcheck.engine import check_module
from tests.robust_kit import (
    FLAKE8_FORMAT,
    LAYERED_FILES,
    LAYERED_PYPROJECT,
    clear_caches,
    core_rows,
    flake8_rows,
    parse_flake8,
    pylint_messages,
    write_project,
)

# A value of the wrong type for each kind of key (TOML text).
WRONG: dict[Kind, str] = {
    Kind.BOOL: '"yes"',
    Kind.INT: '"2"',
    Kind.STR: "3",
    Kind.STR_LIST: '"not a list"',
    Kind.TABLE_OF_LISTS: '{ "shop.domain" = "json" }',
    Kind.MARKERS: '["ValueObject"]',
}
MODEL = "src/shop/domain/model.py"


def _configured(root: Path, extra: str) -> Path:
    write_project(root, LAYERED_FILES)
    (root / "pyproject.toml").write_text(LAYERED_PYPROJECT + extra, encoding="utf-8")
    clear_caches()
    return root


def _without(key: str) -> str:
    """The layered configuration less ``key`` (so that it can be set wrongly)."""
    kept = [line for line in LAYERED_PYPROJECT.splitlines() if not line.startswith(f"{key} ")]
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize("key", KEYS, ids=[key.name for key in KEYS])
def test_a_wrong_type_in_any_key_is_arc001_naming_the_file_and_the_key(tmp_path: Path, key: Key) -> None:
    write_project(tmp_path, LAYERED_FILES)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(_without(key.name) + f"{key.name} = {WRONG[key.kind]}\n", encoding="utf-8")
    clear_caches()
    for path in sorted(tmp_path.rglob("*.py")):
        findings = check_module(str(path))
        # Only ARC001 at 1:0 (a key dropped for its type may have consequences of its own,
        # "containers needs layers"), and one of them names the file, the key and the type.
        assert {(f.line, f.col, f.code) for f in findings} == {(1, 0, "ARC001")}, findings
        assert all(str(pyproject) in f.message for f in findings)
        assert [f for f in findings if f": {key.name}: expected a {key.kind.value}" in f.message], findings
    clear_caches()
    assert {row[3] for row in flake8_rows(tmp_path)} == {"ARC001"}


def test_wrong_types_in_every_key_at_once_reach_pylint_one_arc001_per_key(tmp_path: Path) -> None:
    body = "[tool.archcheck]\n" + "".join(
        f"{key.name} = {WRONG[key.kind]}\n" for key in KEYS if key.kind is not Kind.TABLE_OF_LISTS
    ) + "".join(f"[tool.archcheck.{key.name}]\n\"a\" = 1\n" for key in KEYS if key.kind is Kind.TABLE_OF_LISTS)
    write_project(tmp_path, {**LAYERED_FILES, "pyproject.toml": body})
    clear_caches()
    messages = pylint_messages(tmp_path, [MODEL])
    texts = [getattr(m, "msg") for m in messages]
    assert {getattr(m, "symbol") for m in messages} == {"archcheck-config-error"}
    assert {(getattr(m, "line"), getattr(m, "column")) for m in messages} == {(1, 0)}
    for key in KEYS:
        assert any(f": {key.name}: " in text for text in texts), key.name


def test_wrong_types_inside_a_marker_table(tmp_path: Path) -> None:
    _configured(tmp_path, '[tool.archcheck.markers]\nentity = { bases = "Entity", colour = ["x"] }\nthing = {}\n')
    messages = [f.message for f in check_module(str(tmp_path / MODEL))]
    assert any("markers.entity.bases: expected a list of strings" in m for m in messages)
    assert any("markers.entity.colour: unknown key" in m for m in messages)
    assert any("markers.thing: unknown marker kind" in m for m in messages)


@pytest.mark.parametrize(
    "extra, why",
    [
        ('source_roots = ["sr\\u0000c"]\n', "NUL"),
        ('cache_dir = "\\u0000"\n', "NUL"),
        ('identity_fields = ["{"]\n', "not a valid template"),
        ('identity_fields = ["{name}_id"]\n', "unknown placeholder"),
        ("anemic_min_fields = 0\n", "must be at least 1"),
    ],
)
def test_values_of_the_right_type_that_cannot_work_are_arc001(tmp_path: Path, extra: str, why: str) -> None:
    _configured(tmp_path, "")
    (tmp_path / "pyproject.toml").write_text(_without(extra.split(" ")[0]) + extra, encoding="utf-8")
    findings = check_module(str(tmp_path / MODEL))
    assert [f.code for f in findings] == ["ARC001"]
    assert why in findings[0].message


BROKEN_FILES: dict[str, bytes] = {
    "malformed": b"[tool.archcheck\nlayers = [\n",
    "not utf-8": b"[tool.archcheck]\ndomain_layer = \"\xff\"\n",
    "table is a string": b"[tool]\narchcheck = \"on\"\n",
    "duplicate key": b"[tool.archcheck]\nindirect = true\nindirect = false\n",
    "nested 5000 deep": b"[tool.archcheck]\nlayers = " + b"[" * 5000 + b"]" * 5000 + b"\n",
}


@pytest.mark.parametrize("case", BROKEN_FILES, ids=list(BROKEN_FILES))
def test_a_malformed_pyproject_is_arc001_on_every_file(tmp_path: Path, case: str) -> None:
    write_project(tmp_path, {**LAYERED_FILES, "pyproject.toml": BROKEN_FILES[case]})
    clear_caches()
    rows = core_rows(tmp_path)
    assert rows and {row[1:] for row in rows} == {(1, 0, "ARC001")}
    assert len(rows) == len(list(tmp_path.rglob("*.py")))
    assert str(tmp_path / "pyproject.toml") in check_module(str(tmp_path / MODEL))[0].message
    clear_caches()
    assert flake8_rows(tmp_path) == rows


def _deny_reading(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Reading ``target`` raises PermissionError, as a mode-000 file would for a non-root user."""
    real_open = pathlib.Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if Path(self) == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", guarded)


def test_an_unreadable_pyproject_is_arc001_in_the_core_and_both_frontends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configured(tmp_path, "")
    pyproject = tmp_path / "pyproject.toml"
    _deny_reading(monkeypatch, pyproject)
    clear_caches()
    findings = check_module(str(tmp_path / MODEL))
    assert [(f.line, f.col, f.code) for f in findings] == [(1, 0, "ARC001")]
    assert str(pyproject) in findings[0].message and "Permission denied" in findings[0].message
    clear_caches()
    assert {row[1:] for row in flake8_rows(tmp_path)} == {(1, 0, "ARC001")}
    clear_caches()
    messages = pylint_messages(tmp_path, [MODEL])
    assert [(getattr(m, "symbol"), getattr(m, "line")) for m in messages] == [("archcheck-config-error", 1)]


def test_the_linters_exit_non_zero_without_a_traceback_on_a_broken_configuration(tmp_path: Path) -> None:
    _configured(tmp_path, "layers = 7\n")
    (tmp_path / "pyproject.toml").write_text(_without("layers") + "layers = 7\n", encoding="utf-8")
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=ARC", FLAKE8_FORMAT, "src"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert flake8.returncode != 0 and "Traceback" not in flake8.stderr
    assert {row[1:] for row in parse_flake8(tmp_path, flake8.stdout.splitlines())} == {(1, 0, "ARC001")}
    pylint = subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=pylint_archcheck", "--disable=all",
         "--enable=archcheck-config-error", "--persistent=n", "-sn", "--rcfile=/dev/null", "src/shop"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert pylint.returncode != 0 and "Traceback" not in pylint.stderr + pylint.stdout
    assert "layers: expected a list of strings" in pylint.stdout


def test_paths_that_cannot_be_looked_at_are_taken_as_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A VCS marker, a parent's pyproject.toml or a package's ``__init__.py`` whose
    ``stat`` fails with EACCES (injected) costs no finding and raises nothing."""
    _configured(tmp_path / "project", "")
    root = tmp_path / "project"
    clean = core_rows(root)
    real_stat = pathlib.Path.stat
    denied = {".git", ".hg", "nowhere"}

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self.name in denied or self == tmp_path / "pyproject.toml":
            raise PermissionError(13, "Permission denied (injected)", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "stat", guarded)
    clear_caches()
    assert core_rows(root) == clean
    clear_caches()
    assert flake8_rows(root) == clean


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_a_pyproject_that_is_not_a_regular_file_is_arc001_and_never_blocks(tmp_path: Path, kind: str) -> None:
    write_project(tmp_path, {name: body for name, body in LAYERED_FILES.items() if name != "pyproject.toml"})
    if kind == "fifo":
        os.mkfifo(tmp_path / "pyproject.toml")  # opening it for reading would wait for a writer forever
    else:
        (tmp_path / "pyproject.toml").mkdir()
    runner = "import sys; from archcheck.engine import check_module; print([f.code for f in check_module(sys.argv[1])])"
    done = subprocess.run([sys.executable, "-c", runner, str(tmp_path / MODEL)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.stdout.strip() == "['ARC001']", done.stderr
