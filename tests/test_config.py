"""Configuration: discovery, validation, caching on mtime, ARC001."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archcheck.config import load_config
from archcheck.config.schema import KEYS
from archcheck.engine import check_module
from tests.support import codes_at, write_project


def messages(path: Path) -> list[str]:
    return [f.message for f in check_module(str(path)) if f.code == "ARC001"]


def test_nearest_pyproject_with_the_table_wins_and_others_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write_project(tmp_path, {"pyproject.toml": "[tool.archcheck]\nanemic_min_fields = 5\n"})
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    config = load_config(tmp_path / "sub")
    assert config.file == tmp_path / "pyproject.toml"
    assert config.anemic_min_fields == 5


def test_discovery_stops_at_the_vcs_root(tmp_path: Path) -> None:
    write_project(tmp_path, {"pyproject.toml": "[tool.archcheck]\nanemic_min_fields = 5\n"})
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "pkg").mkdir()
    config = load_config(tmp_path / "repo" / "pkg")
    assert config.file is None
    assert config.root == tmp_path / "repo"
    assert config.anemic_min_fields == 2


def test_zero_config_root_is_the_nearest_pyproject(tmp_path: Path) -> None:
    (tmp_path / "proj" / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "proj" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    config = load_config(tmp_path / "proj" / "src" / "pkg")
    assert config.root == tmp_path / "proj"
    assert config.source_roots == (tmp_path / "proj", tmp_path / "proj" / "src")


def test_an_edited_configuration_is_read_again(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.archcheck]\nanemic_min_fields = 3\n", encoding="utf-8")
    assert load_config(tmp_path).anemic_min_fields == 3
    pyproject.write_text("[tool.archcheck]\nanemic_min_fields = 4\n", encoding="utf-8")
    stat = pyproject.stat()
    os.utime(pyproject, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    assert load_config(tmp_path).anemic_min_fields == 4


def test_explicit_config_file(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text("[tool.archcheck]\nidentity_fields = ['pk']\n", encoding="utf-8")
    assert load_config(tmp_path, str(other)).identity_fields == ("pk",)


def test_unknown_key_suggests_the_near_one_and_names_file_and_key(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"pyproject.toml": "[tool.archcheck]\ncontexs = []\n", "m.py": "x = 1\n"})
    (message,) = messages(root / "m.py")
    assert str(root / "pyproject.toml") in message
    assert "contexs: unknown key (did you mean 'contexts'?)" in message


@pytest.mark.parametrize("key", KEYS, ids=[key.name for key in KEYS])
def test_a_wrong_type_for_any_key_is_arc001_and_nothing_else(key: object, tmp_path: Path) -> None:
    name = getattr(key, "name")
    wrong = '"text"' if name not in {"domain_layer", "cache_dir"} else "3"
    root = write_project(
        tmp_path, {"pyproject.toml": f"[tool.archcheck]\n{name} = {wrong}\n", "m.py": "import requests\n"}
    )
    found = check_module(str(root / "m.py"))
    assert [(f.line, f.col, f.code) for f in found] == [(1, 0, "ARC001")]
    assert f": {name}: expected a" in found[0].message


def test_broken_toml_is_arc001(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"pyproject.toml": "[tool.archcheck\nlayers = [\n", "m.py": "x = 1\n"})
    (message,) = messages(root / "m.py")
    assert "cannot be read" in message


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ('layers = ["web", "model"]\ncontainers = ["app", "ghost"]', "'ghost' matches no package"),
        ('layers = ["web", "nothing"]\ncontainers = ["app"]', "layer 'nothing' exists in none of any container"),
        ('layers = ["a | b : c", "model"]\ncontainers = ["app"]', "mixes '|' and ':'"),
        ('contexts = ["app.missing"]', "'app.missing' matches no package"),
        ('ignore_imports = ["app.web"]', "not of the form 'importer -> imported'"),
        ("[tool.archcheck.markers.value_objekt]\nbases = []", "unknown marker kind (did you mean 'value_object'?)"),
        ("[tool.archcheck.markers.entity]\nbasis = []", "markers.entity.basis: unknown key"),
    ],
)
def test_semantic_problems(table: str, fragment: str, tmp_path: Path) -> None:
    files = {
        "pyproject.toml": f"[tool.archcheck]\n{table}\n",
        "app/__init__.py": "",
        "app/web.py": "",
        "app/model.py": "",
    }
    root = write_project(tmp_path, files)
    assert any(fragment in message for message in messages(root / "app" / "web.py")), messages(root / "app" / "web.py")


def test_optional_layers_may_be_absent_and_layers_may_be_missing_from_some_containers(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[tool.archcheck]\nlayers = ["api", "(cli)", "domain"]\ncontainers = ["a", "b"]\n',
        "a/__init__.py": "",
        "a/api.py": "",
        "a/domain.py": "import a.api\n",
        "b/__init__.py": "",
        "b/domain.py": "",
    }
    root = write_project(tmp_path, files)
    assert codes_at(root, "a/domain.py") == [(1, 0, "ARC101")]


def test_partial_marker_entry_keeps_the_other_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.archcheck.markers.entity]\nbases = ['Base']\n", encoding="utf-8"
    )
    config = load_config(tmp_path)
    assert config.marker("entity").bases == ("Base",)
    assert config.marker("entity").decorators == ("entity",)
    assert config.marker("value_object").bases == ("ValueObject",)
