"""ARC301/ARC302 find what flake8-annotations finds, file by file.

One real flake8 run with both plugins over the annotation corpus (and over
this repository) with matching options; ARC301 is compared with
ANN001+ANN002+ANN003 position by position, ARC302 with ANN201–ANN206
function by function (flake8-annotations reports on the line of the closing
``):``, archcheck on the ``def`` line). Every difference is listed below, with
its reason; ``docs/type-hints.md`` explains each one.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus" / "annotations"
REPO = Path(__file__).parent.parent
REPO_PARTS = ("archcheck", "pylint_archcheck", "flake8_archcheck", "tests", "examples")
# Real code written without archcheck in mind: about 130 files and 5,000 findings.
STDLIB_SAMPLE = ("asyncio", "email", "importlib", "unittest")
ANN_PARAMETER = frozenset({"ANN001", "ANN002", "ANN003"})
ANN_RETURN = frozenset({"ANN201", "ANN202", "ANN203", "ANN204", "ANN205", "ANN206"})

# (file, archcheck code, function or function(parameter), who reports it)
Difference = tuple[str, str, str, str]

# archcheck's deliberate choices where flake8-annotations (every version) has a quirk.
DELIBERATE: dict[Difference, str] = {
    ("classes.py", "ARC301", "Deviations.keyword_only_first(key)", "archcheck"):
        "a keyword-only parameter never receives self",
    ("classes.py", "ARC301", "Deviations.kwargs_first(options)", "archcheck"):
        "a ** parameter never receives self",
    ("classes.py", "ARC301", "Deviations.static_by_attribute(value)", "archcheck"):
        "@builtins.staticmethod is a staticmethod: its first parameter is not self",
}
# flake8-annotations 3.3.0 quirks that its 3.3.1 fixes the same way archcheck does.
FIXED_IN_3_3_1: dict[Difference, str] = {
    ("decorators.py", "ARC301", "Quirks.first_only(value)", "archcheck"):
        "every stub of an overload series is checked, not only the first",
    ("decorators.py", "ARC302", "Quirks.first_only", "archcheck"):
        "every stub of an overload series is checked, not only the first",
    ("decorators.py", "ARC301", "SameNameElsewhere.first_only(value)", "archcheck"):
        "a later function that shares the name of an overload series is not part of it",
    ("decorators.py", "ARC302", "SameNameElsewhere.first_only", "archcheck"):
        "a later function that shares the name of an overload series is not part of it",
    ("decorators.py", "ARC301", "overload_second(value)", "flake8-annotations"):
        "an overload decorator counts in any position, not only the first",
    ("decorators.py", "ARC302", "overload_second", "flake8-annotations"):
        "an overload decorator counts in any position, not only the first",
    ("decorators.py", "ARC301", "dispatch_second(value)", "flake8-annotations"):
        "a dispatch decorator counts in any position, not only the first",
    ("decorators.py", "ARC301", "dispatch_second(other)", "flake8-annotations"):
        "a dispatch decorator counts in any position, not only the first",
    ("decorators.py", "ARC302", "dispatch_second", "flake8-annotations"):
        "a dispatch decorator counts in any position, not only the first",
}
KNOWN = {**DELIBERATE, **FIXED_IN_3_3_1}


@dataclass(frozen=True)
class Options:
    """One option set, spelled for both plugins."""

    name: str
    flake8: tuple[str, ...] = ()
    toml: tuple[str, ...] = ()


OPTION_SETS = (
    Options("defaults"),
    Options("suppress_none_returning", ("--suppress-none-returning",), ("suppress_none_returning = true",)),
    Options("suppress_dummy_args", ("--suppress-dummy-args",), ("suppress_dummy_args = true",)),
    Options("allow_untyped_defs", ("--allow-untyped-defs",), ("allow_untyped_defs = true",)),
    Options("allow_untyped_nested", ("--allow-untyped-nested",), ("allow_untyped_nested = true",)),
    Options(
        "custom_decorators",
        ("--overload-decorators=overload,variant", "--dispatch-decorators=singledispatch,dispatcher"),
        ('overload_decorators = ["overload", "variant"]', 'dispatch_decorators = ["singledispatch", "dispatcher"]'),
    ),
    Options(
        "everything",
        ("--suppress-none-returning", "--suppress-dummy-args", "--allow-untyped-nested"),
        ("suppress_none_returning = true", "suppress_dummy_args = true", "allow_untyped_nested = true"),
    ),
)


@dataclass(frozen=True)
class Row:
    """One finding as flake8 printed it (``col`` 0-based)."""

    path: Path
    line: int
    col: int
    code: str


def run_both(paths: list[Path], options: Options, workdir: Path) -> list[Row]:
    """One flake8 run with flake8-annotations and archcheck, hint codes only."""
    config = workdir / "archcheck.toml"
    config.write_text("\n".join(["[tool.archcheck]", "type_hints_public_only = false", *options.toml]) + "\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [
            sys.executable, "-m", "flake8", "--isolated", "--select=ANN0,ANN2,ARC301,ARC302",
            "--mypy-init-return", f"--archcheck-config={config}", f"--extend-exclude={CORPUS},.venv",
            "--format=%(path)s|%(row)d|%(col)d|%(code)s", *options.flake8, *map(str, paths),
        ],
        capture_output=True, text=True, env=env, cwd=workdir, timeout=600, check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    rows = []
    for line in done.stdout.splitlines():
        path, row, col, code = line.rsplit("|", 3)
        rows.append(Row(Path(path).resolve(), int(row), int(col) - 1, code))
    return rows


def _signatures(tree: ast.Module) -> tuple[dict[int, str], dict[tuple[int, int], str]]:
    """Functions by ``def`` line and parameters by position, named ``Class.method(param)``."""
    functions: dict[int, str] = {}
    parameters: dict[tuple[int, int], str] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                functions[child.lineno] = name
                args = child.args
                for arg in [*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg]:
                    if arg is not None:
                        parameters[(arg.lineno, arg.col_offset)] = f"{name}({arg.arg})"
                visit(child, f"{name}.<locals>.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return functions, parameters


def _keys(rows: list[Row], path: Path) -> dict[str, set[tuple[str, str]]]:
    """Per plugin, the (code, what) it reports in ``path``, in archcheck's codes."""
    functions, parameters = _signatures(ast.parse(path.read_text(encoding="utf-8")))
    found: dict[str, set[tuple[str, str]]] = {"archcheck": set(), "flake8-annotations": set()}
    for row in rows:
        if row.path != path:
            continue
        if row.code in ANN_PARAMETER or row.code == "ARC301":
            key = ("ARC301", parameters[(row.line, row.col)])
        else:
            # flake8-annotations reports a return on the closing ``):`` line: the nearest ``def`` above.
            key = ("ARC302", functions[max(line for line in functions if line <= row.line)])
        found["archcheck" if row.code.startswith("ARC") else "flake8-annotations"].add(key)
    return found


def differences(rows: list[Row], paths: list[Path], root: Path) -> set[Difference]:
    """What one plugin reports and the other does not, per file."""
    found: set[Difference] = set()
    for path in paths:
        keys = _keys(rows, path)
        relative = path.relative_to(root).as_posix()
        for who, other in (("archcheck", "flake8-annotations"), ("flake8-annotations", "archcheck")):
            found |= {(relative, code, what, who) for code, what in keys[who] - keys[other]}
    return found


def _reference_version() -> tuple[int, ...]:
    return tuple(int(part) for part in version("flake8-annotations").split(".")[:3] if part.isdigit())


@pytest.mark.parametrize("options", OPTION_SETS, ids=[options.name for options in OPTION_SETS])
def test_corpus_agrees_with_flake8_annotations(options: Options, tmp_path: Path) -> None:
    paths = sorted(CORPUS.glob("*.py"))
    rows = run_both(paths, options, tmp_path)
    codes = [row.code for row in rows]
    # Not vacuous: both plugins really ran and found plenty.
    assert sum(code.startswith("ANN") for code in codes) > 40
    assert sum(code.startswith("ARC") for code in codes) > 40
    found = differences(rows, paths, CORPUS)
    unexplained = found - set(KNOWN)
    assert not unexplained, sorted(unexplained)
    if options.name == "defaults" and _reference_version() <= (3, 3, 0):
        # Every listed difference really occurs: the list is not stale.
        assert found == set(KNOWN), sorted(set(KNOWN) - found)


def test_this_repository_agrees_with_flake8_annotations(tmp_path: Path) -> None:
    paths = sorted(
        path.resolve()
        for part in REPO_PARTS
        for path in (REPO / part).rglob("*.py")
        if CORPUS not in path.parents and "__pycache__" not in path.parts
    )
    rows = run_both(paths, OPTION_SETS[0], tmp_path)
    assert differences(rows, paths, REPO.resolve()) == set()


@pytest.mark.slow
def test_standard_library_sample_agrees_with_flake8_annotations(tmp_path: Path) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    paths = sorted(path.resolve() for name in STDLIB_SAMPLE for path in (stdlib / name).rglob("*.py"))
    rows = run_both(paths, OPTION_SETS[0], tmp_path)
    assert sum(row.code.startswith("ARC") for row in rows) > 1000
    assert differences(rows, paths, stdlib) == set()
