"""Unit tests of ARC101–ARC104 through the core, with the tricky non-violations."""

from __future__ import annotations

from pathlib import Path

import pytest

from archcheck.engine import check_module
from tests.support import codes_at, write_project

EXPLICIT = '[tool.archcheck]\nlayers = ["web", "infra", "app", "model"]\ncontainers = ["a", "b"]\n'


def layered(
    tmp_path: Path, body: str, config: str = EXPLICIT, name: str = "a/model/m.py"
) -> list[tuple[int, int, str]]:
    files = {"pyproject.toml": config}
    for container in ("a", "b"):
        files[f"{container}/__init__.py"] = ""
        for layer in ("web", "infra", "app", "model"):
            files[f"{container}/{layer}/__init__.py"] = ""
            files[f"{container}/{layer}/x.py"] = "VALUE = 1\n"
    files[name] = body
    return codes_at(write_project(tmp_path, files), name)


@pytest.mark.parametrize(
    "body",
    [
        "from . import x\n",
        "from .x import VALUE\n",
        "import a.model.x\n",
        "from a.model import x\n",
        "import b.model.x\n",
        "import os, json\n",
        "import a.model.m\n",
        "from a import model\n",
        "import importlib\nname = 'a.web.x'\nimportlib.import_module(name)\n",
        "import a\n",
    ],
)
def test_non_violations(tmp_path: Path, body: str) -> None:
    assert layered(tmp_path, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("from a.web import x\n", [(1, 0, "ARC101")]),
        ("from ..infra import x\n", [(1, 0, "ARC101")]),
        ("from .. import web\n", [(1, 0, "ARC101")]),
        ("from ...a.app import x\n", []),
        ("def f() -> None:\n    import a.app.x\n", [(2, 4, "ARC101")]),
        ("import b.web.x\n", [(1, 0, "ARC101")]),
        ("import importlib\nimportlib.import_module('b.infra.x')\n", [(2, 0, "ARC101")]),
        ("from a.web import x as one, x as two\n", [(1, 0, "ARC101")]),
        ("from a import web, infra\n", [(1, 0, "ARC101"), (1, 0, "ARC101")]),
    ],
)
def test_violations_point_at_the_statement_once_per_imported_module(
    tmp_path: Path, body: str, expected: list[tuple[int, int, str]]
) -> None:
    assert layered(tmp_path, body) == expected


def test_the_message_names_both_modules_and_both_layers(tmp_path: Path) -> None:
    layered(tmp_path, "")
    (finding,) = check_module(str(tmp_path / "a/model/m.py"), "from b.web import x\n")
    assert finding.message == "a.model.m (layer model) imports b.web.x (layer web), a higher layer"


def test_independent_siblings(tmp_path: Path) -> None:
    config = '[tool.archcheck]\nlayers = ["web", "infra", "app | model"]\ncontainers = ["a", "b"]\n'
    assert layered(tmp_path / "1", "from a.app import x\n", config) == [(1, 0, "ARC101")]
    assert layered(tmp_path / "2", "from a.model import x\n", config, name="a/app/m.py") == [(1, 0, "ARC101")]
    assert layered(tmp_path / "3", "from a.web import x\n", config, name="a/app/m.py") == [(1, 0, "ARC101")]
    colon = '[tool.archcheck]\nlayers = ["web", "infra", "app : model"]\ncontainers = ["a", "b"]\n'
    assert layered(tmp_path / "4", "from a.app import x\n", colon) == []
    assert layered(tmp_path / "5", "from a.model import x\n", colon, name="a/app/m.py") == []


def test_type_checking_imports_count_unless_excluded(tmp_path: Path) -> None:
    body = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a.web import x\n"
    assert layered(tmp_path / "1", body) == [(3, 4, "ARC101")]
    excluded = EXPLICIT + "exclude_type_checking_imports = true\n"
    assert layered(tmp_path / "2", body, excluded) == []


def test_ignore_imports_with_wildcards(tmp_path: Path) -> None:
    config = EXPLICIT + 'ignore_imports = ["*.model.m -> a.**"]\n'
    assert layered(tmp_path, "from a.web import x\nfrom b.web import x as y\n", config) == [(2, 0, "ARC101")]


ZERO = {
    "shop/__init__.py": "",
    "shop/domain/__init__.py": "",
    "shop/adapters/__init__.py": "",
    "shop/adapters/db.py": "",
    "shop/services.py": "",
}


def test_zero_config_conventional_names_and_labels(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**ZERO, "shop/domain/m.py": "from shop.adapters import db\nimport shop.services\n"})
    found = check_module(str(root / "shop/domain/m.py"))
    assert [f.message for f in found] == [
        "shop.domain.m (layer domain) imports shop.adapters.db (layer adapters (infrastructure)), a higher layer",
        "shop.domain.m (layer domain) imports shop.services (layer services (application)), a higher layer",
    ]


def test_zero_config_needs_two_layer_names_and_can_be_turned_off(tmp_path: Path) -> None:
    lonely = {"shop/__init__.py": "", "shop/domain/m.py": "import shop.api\n", "shop/api.py": ""}
    root = write_project(tmp_path / "1", lonely)
    assert codes_at(root, "shop/domain/m.py") == [(1, 0, "ARC101")]
    off = write_project(tmp_path / "2", {**lonely, "pyproject.toml": "[tool.archcheck]\nlayers = []\n"})
    assert codes_at(off, "shop/domain/m.py") == []
    single = write_project(tmp_path / "3", {"shop/__init__.py": "", "shop/domain/m.py": "import shop.other\n"})
    assert codes_at(single, "shop/domain/m.py") == []


def test_tests_belong_to_no_layer(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**ZERO, "shop/domain/tests/test_m.py": "from shop.adapters import db\n"})
    assert codes_at(root, "shop/domain/tests/test_m.py") == []


CONTEXTS = {
    "pyproject.toml": '[tool.archcheck]\nlayers = []\ncontexts = ["s.one", "s.two"]\ncontext_public = ["api"]\n',
    "s/__init__.py": "",
    "s/one/__init__.py": "",
    "s/one/api/__init__.py": "",
    "s/one/api/deep.py": "",
    "s/one/inner.py": "",
    "s/two/__init__.py": "",
}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("import s.one\n", []),
        ("from s.one import api\n", []),
        ("from s.one.api import deep\n", []),
        ("from s.one import inner\n", [(1, 0, "ARC102")]),
        ("from s.one.inner import thing\n", [(1, 0, "ARC102")]),
        ("from s.one import name_not_a_module\n", []),
        ("import s\n", []),
        ("from .. import one\n", []),
        ("from ..one import inner\n", [(1, 0, "ARC102")]),
    ],
)
def test_context_boundaries(tmp_path: Path, body: str, expected: list[tuple[int, int, str]]) -> None:
    root = write_project(tmp_path, {**CONTEXTS, "s/two/m.py": body})
    assert codes_at(root, "s/two/m.py") == expected


def test_outside_any_context_everything_may_be_imported(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**CONTEXTS, "s/tool.py": "from s.one import inner\n"})
    assert codes_at(root, "s/tool.py") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("import os.path\nimport tomllib\nimport zoneinfo\n", []),
        ("import __future__\nimport typing_extensions\n", []),
        ("import shop.adapters.db\n", [(1, 0, "ARC101")]),
        ("import flask\n", [(1, 0, "ARC103")]),
        ("from flask import Flask\n", [(1, 0, "ARC103")]),
        ("import attrs\n", []),
        ("import attrs.validators\n", []),
        ("import attrsx\n", [(1, 0, "ARC103")]),
        ("def f() -> None:\n    import boto3\n", [(2, 4, "ARC103")]),
        ("import importlib\nimportlib.import_module('celery')\n", [(2, 0, "ARC103")]),
    ],
)
def test_domain_framework_imports(tmp_path: Path, body: str, expected: list[tuple[int, int, str]]) -> None:
    config = '[tool.archcheck]\ndomain_allowed_imports = ["attrs"]\n'
    root = write_project(tmp_path, {**ZERO, "pyproject.toml": config, "shop/domain/m.py": body})
    assert codes_at(root, "shop/domain/m.py") == expected


def test_frameworks_outside_the_domain_are_fine(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**ZERO, "shop/adapters/orm.py": "import sqlalchemy\n"})
    assert codes_at(root, "shop/adapters/orm.py") == []


def test_forbidden_covers_submodules_on_both_sides(tmp_path: Path) -> None:
    config = '[tool.archcheck]\nlayers = []\n[tool.archcheck.forbidden]\n"p.core" = ["p.extra", "lxml"]\n'
    files = {"pyproject.toml": config, "p/__init__.py": "", "p/extra/__init__.py": "", "p/extra/deep.py": ""}
    body = "import p.extra.deep\nimport lxml.etree\nimport p\nfrom p import extra\n"
    root = write_project(tmp_path, {**files, "p/core/sub/m.py": body})
    assert codes_at(root, "p/core/sub/m.py") == [(1, 0, "ARC104"), (2, 0, "ARC104"), (4, 0, "ARC104")]
