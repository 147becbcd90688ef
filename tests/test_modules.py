"""Module names from paths: source roots, src layout, namespace packages,
stdin display names, absolute paths from another working directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archcheck.modules import ModuleName, module_for_path, module_location
from tests.support import codes_at, write_project


def test_deepest_source_root_names_the_file(tmp_path: Path) -> None:
    roots = (tmp_path, tmp_path / "src")
    assert module_for_path(tmp_path / "src" / "shop" / "x.py", roots) == ModuleName("shop.x", False, False)
    assert module_for_path(tmp_path / "src" / "shop" / "__init__.py", roots) == ModuleName("shop", True, False)
    assert module_for_path(tmp_path / "tools" / "y.py", roots) == ModuleName("tools.y", False, False)


def test_tests_are_recognised(tmp_path: Path) -> None:
    roots = (tmp_path,)
    for name in ("tests/a.py", "pkg/test/b.py", "pkg/test_c.py", "pkg/d_test.py", "pkg/conftest.py"):
        found = module_for_path(tmp_path / name, roots)
        assert found is not None and found.is_test, name


def test_outside_every_root_the_init_chain_names_the_module(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "__init__.py").write_text("", encoding="utf-8")
    assert module_for_path(tmp_path / "a" / "b" / "m.py", (tmp_path / "elsewhere",)) == ModuleName("b.m", False, False)


def test_module_location_finds_modules_packages_and_namespace_packages(tmp_path: Path) -> None:
    write_project(tmp_path, {"pkg/__init__.py": "", "pkg/mod.py": "", "ns/inner/leaf.py": "", "stub.pyi": ""})
    roots = (tmp_path / "elsewhere", tmp_path)
    assert module_location("pkg", roots) == (str(tmp_path / "pkg" / "__init__.py"), True)
    assert module_location("pkg.mod", roots) == (str(tmp_path / "pkg" / "mod.py"), False)
    assert module_location("stub", roots) == (str(tmp_path / "stub.pyi"), False)
    assert module_location("ns.inner", roots) == (str(tmp_path / "ns" / "inner"), True)
    assert module_location("pkg.missing", roots) is None
    assert module_location("", roots) is None


LAYERED = {
    "pyproject.toml": '[tool.archcheck]\nsource_roots = ["src"]\n',
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/model.py": "from shop.infrastructure import db\n",
    "src/shop/infrastructure/__init__.py": "",
    "src/shop/infrastructure/db.py": "",
}


def test_src_layout_and_a_relative_path_from_another_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path / "proj", LAYERED)
    monkeypatch.chdir(tmp_path)
    assert codes_at(Path("proj"), "src/shop/domain/model.py") == [(1, 0, "ARC101")]
    monkeypatch.chdir(root / "src" / "shop")
    assert codes_at(Path(".."), "shop/domain/model.py") == [(1, 0, "ARC101")]


def test_stdin_buffer_is_checked_not_the_file_on_disk_even_when_the_file_does_not_exist(tmp_path: Path) -> None:
    root = write_project(tmp_path, LAYERED)
    assert codes_at(root, "src/shop/domain/model.py", source="from shop.domain import model\n") == []
    unsaved = "import os\nfrom shop.infrastructure.db import x\n"
    assert codes_at(root, "src/shop/domain/new_file.py", source=unsaved) == [(2, 0, "ARC101")]


def test_namespace_packages_are_first_party_and_layered(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": "[tool.archcheck]\n",
        "shop/domain/model.py": "from shop.infrastructure.db import x\nimport shop.infrastructure\n",
        "shop/infrastructure/db.py": "x = 1\n",
    }
    root = write_project(tmp_path, files)
    assert codes_at(root, "shop/domain/model.py") == [(1, 0, "ARC101"), (2, 0, "ARC101")]


def test_symlinked_project_directory(tmp_path: Path) -> None:
    root = write_project(tmp_path / "real", LAYERED)
    os.symlink(root, tmp_path / "link")
    assert codes_at(tmp_path / "link", "src/shop/domain/model.py") == [(1, 0, "ARC101")]
