"""Frontend specifics: ``--archcheck-config`` in both linters and their config files,
messages as each host spells them, nothing on stdout but the reporter's lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import run_core, run_flake8, run_pylint, write_project

FILES = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "conf/archcheck.toml": '[tool.archcheck]\nsource_roots = [".."]\nlayers = ["outer", "inner"]\n',
    "outer/__init__.py": "",
    "inner/__init__.py": "import outer\n",
}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_explicit_config_on_the_command_line(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    flake8 = _run(["flake8", "--isolated", "--select=ARC", "--archcheck-config=conf/archcheck.toml", "."], root)
    assert flake8.stdout.splitlines() == [
        "./inner/__init__.py:1:1: ARC101 inner (layer inner) imports outer (layer outer), a higher layer"
    ]
    assert flake8.returncode == 1
    pylint = _run(
        ["pylint", "--load-plugins=pylint_archcheck", "--disable=all", "--enable=layer-violation",
         "--archcheck-config=conf/archcheck.toml", "--score=n", "inner"],
        root,
    )
    assert "inner/__init__.py:1:0: W7101: inner (layer inner) imports outer (layer outer), a higher layer" \
        " (layer-violation)" in pylint.stdout
    assert pylint.returncode != 0


def test_explicit_config_from_the_hosts_config_files(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            **FILES,
            "setup.cfg": "[flake8]\nselect = ARC\narchcheck-config = conf/archcheck.toml\n",
            "pylintrc": "[MAIN]\nload-plugins = pylint_archcheck\narchcheck-config = conf/archcheck.toml\n"
            "[MESSAGES CONTROL]\ndisable = all\nenable = layer-violation\n",
        },
    )
    flake8 = _run(["flake8", "."], root)
    assert "ARC101" in flake8.stdout
    pylint = _run(["pylint", "--rcfile=pylintrc", "--score=n", "inner"], root)
    assert "layer-violation" in pylint.stdout


def test_without_the_explicit_config_nothing_is_layered(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    assert run_core(root) == []
    assert run_flake8(root) == []
    assert run_pylint(root) == []


def test_pylint_json_output_stays_valid_json(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    done = _run(
        ["pylint", "--load-plugins=pylint_archcheck", "--disable=all", "--enable=layer-violation",
         "--archcheck-config=conf/archcheck.toml", "--output-format=json2", "inner"],
        root,
    )
    report = json.loads(done.stdout)
    assert [(m["symbol"], m["line"], m["column"]) for m in report["messages"]] == [("layer-violation", 1, 0)]
