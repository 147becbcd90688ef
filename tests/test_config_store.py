"""The parsed ``[tool.archcheck]`` table kept on disk, so that a new editor process need not parse TOML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.config import discovery, load_config
from archcheck.graph_cache import sealed
from tests.support import stored_document

TABLE = '[tool.archcheck]\nanemic_min_fields = 5\nlayers = ["web", "core"]\n'


def _fresh_process_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discovery, "_toml_cache", {})
    monkeypatch.setattr(discovery, "_config_cache", {})


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> discovery._TomlRead:
        raise AssertionError(f"{path} was parsed although its table is stored")

    monkeypatch.setattr(discovery, "_parse", refuse)


def _stored_files(project: Path) -> list[Path]:
    return sorted((project / ".archcheck_cache").glob("toml-*.json"))


def test_a_stored_table_is_read_back_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    (tmp_path / ".archcheck_cache").mkdir()
    first = load_config(tmp_path)
    assert len(_stored_files(tmp_path)) == 1
    _fresh_process_memory(monkeypatch)
    _refuse_parsing(monkeypatch)
    again = load_config(tmp_path)
    assert again == first and again.anemic_min_fields == 5 and again.layers == ("web", "core")


def test_an_edited_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(TABLE, encoding="utf-8")
    (tmp_path / ".archcheck_cache").mkdir()
    load_config(tmp_path)
    pyproject.write_text(TABLE.replace("5", "7"), encoding="utf-8")
    stat = pyproject.stat()
    os.utime(pyproject, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a coarse clock must not hide it
    _fresh_process_memory(monkeypatch)
    assert load_config(tmp_path).anemic_min_fields == 7


def test_nothing_is_stored_without_the_default_cache_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(TABLE + 'cache_dir = "elsewhere"\n', encoding="utf-8")
    assert load_config(tmp_path).anemic_min_fields == 5
    assert not (tmp_path / ".archcheck_cache").exists()


def test_a_file_that_cannot_be_parsed_is_not_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.archcheck\n", encoding="utf-8")
    (tmp_path / ".archcheck_cache").mkdir()
    assert load_config(tmp_path).problems
    assert _stored_files(tmp_path) == []
    _fresh_process_memory(monkeypatch)
    assert load_config(tmp_path).problems


@pytest.mark.parametrize(
    "damage",
    ["", "{not json", json.dumps({"format": 0, "payload": {}}), "[]"],
    ids=["empty", "garbage", "other-format", "wrong-shape"],
)
def test_a_damaged_stored_table_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    (tmp_path / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    (tmp_path / ".archcheck_cache").mkdir()
    load_config(tmp_path)
    [stored] = _stored_files(tmp_path)
    stored.write_text(damage, encoding="utf-8")
    _fresh_process_memory(monkeypatch)
    assert load_config(tmp_path).anemic_min_fields == 5


def test_a_stored_table_of_another_stamp_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    (tmp_path / ".archcheck_cache").mkdir()
    load_config(tmp_path)
    [stored] = _stored_files(tmp_path)
    document = stored_document(stored)
    document["payload"]["archcheck"]["anemic_min_fields"] = 99
    stored.write_text(sealed(json.dumps(document)), encoding="utf-8")
    _fresh_process_memory(monkeypatch)
    assert load_config(tmp_path).anemic_min_fields == 99, "a whole entry of the file's stamp is used"
    document["payload"]["stamp"][1] += 1
    stored.write_text(sealed(json.dumps(document)), encoding="utf-8")
    _fresh_process_memory(monkeypatch)
    assert load_config(tmp_path).anemic_min_fields == 5


def test_a_flake8_editor_lint_with_a_stored_table_never_imports_tomllib(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(TABLE.replace('layers = ["web", "core"]\n', ""), encoding="utf-8")
    (tmp_path / ".archcheck_cache").mkdir()
    module = tmp_path / "mod.py"
    module.write_text("x = 1\n", encoding="utf-8")
    script = (
        "import sys\nfrom archcheck.engine import check_module\n"
        "check_module(sys.argv[1])\nprint('tomllib' in sys.modules)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script, str(module)], capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]
