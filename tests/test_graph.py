"""``python -m archcheck graph``: layers, contexts and imports as Mermaid or DOT."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.diagram import Diagram, build_diagram, to_dot, to_mermaid

REPO = Path(__file__).parent.parent
EXAMPLES = REPO / "examples"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def _edges(diagram: Diagram) -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    return {
        (edge.source.name, edge.target.name): (edge.imports, tuple(code for code, _ in edge.violations))
        for edge in diagram.edges
    }


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archcheck", "graph", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )


SHOP = {
    "pyproject.toml": '[tool.archcheck]\nlayers = ["infrastructure", "application", "domain"]\ncontainers = ["shop"]\n',
    "shop/__init__.py": "",
    "shop/infrastructure.py": "from shop.domain import Order\n",
    "shop/domain.py": "class Order:\n    pass\n",
    # One statement, two imports: only the one into the higher layer breaks ARC101.
    "shop/application.py": "from shop import domain, infrastructure\n",
    "tests/test_shop.py": "from shop import infrastructure\n",
}


def test_examples_mark_exactly_the_violating_edges() -> None:
    edges = _edges(build_diagram(EXAMPLES))
    violating = {pair: codes for pair, (_count, codes) in edges.items() if codes}
    assert violating == {
        ("shop.billing.application", "shop.billing.infrastructure"): ("ARC101",),
        ("shop.billing.domain", "shop.ordering.infrastructure"): ("ARC101", "ARC102", "ARC104"),
        ("shop.billing.domain", "shop.ordering.domain"): ("ARC102",),
        ("shop.ordering.domain", "shop.ordering.infrastructure"): ("ARC101",),
        ("shop.ordering.domain", "shop.ordering.application"): ("ARC101",),
        ("shop.ordering.domain", "requests"): ("ARC103",),
        ("shop.billing.domain", "shop.shared"): ("ARC105",),
    }
    assert edges[("shop.ordering.application", "shop.ordering.domain")] == (2, ())
    assert edges[("shop.billing.domain", "shop.ordering.api")] == (1, ())
    # Outside both contexts, the shared kernel is drawn as the package beside them.
    assert edges[("shop.ordering.domain", "shop.shared_kernel")][1] == ()


def test_zero_config_containers_group_their_layers_and_unlayered_packages(tmp_path: Path) -> None:
    project = _write(tmp_path, {
        "pyproject.toml": "[project]\nname = 'tolls'\n",
        "src/tolls/__init__.py": "",
        "src/tolls/domain.py": "from tolls.shared.clockutil import now\n",
        "src/tolls/infrastructure.py": "from tolls import domain\n",
        "src/tolls/shared/__init__.py": "",
        "src/tolls/shared/clockutil.py": "from tolls import infrastructure\n",
        "src/helpers.py": "import tolls.domain\n",
    })
    diagram = build_diagram(project)
    nodes = {node.name: (node.group.title, node.label, node.layered) for node in diagram.nodes}
    assert nodes == {
        "tolls.domain": ("tolls (container)", "domain", True),
        "tolls.infrastructure": ("tolls (container)", "infrastructure", True),
        "tolls.shared": ("tolls (container)", "shared", False),
        "helpers": ("", "helpers", False),
    }
    assert set(_edges(diagram)) == {
        ("tolls.domain", "tolls.shared"),
        ("tolls.shared", "tolls.infrastructure"),
        ("tolls.infrastructure", "tolls.domain"),
        ("helpers", "tolls.domain"),
    }


def test_one_statement_importing_two_layers_is_attributed_import_by_import(tmp_path: Path) -> None:
    edges = _edges(build_diagram(_write(tmp_path, SHOP)))
    assert edges == {
        ("shop.infrastructure", "shop.domain"): (1, ()),
        ("shop.application", "shop.domain"): (1, ()),
        ("shop.application", "shop.infrastructure"): (1, ("ARC101",)),
    }


def test_mermaid_groups_layers_by_container_and_colours_violating_links(tmp_path: Path) -> None:
    text = to_mermaid(build_diagram(_write(tmp_path, SHOP)))
    assert text.startswith("flowchart TB\n")
    assert 'subgraph g0["shop (container)"]' in text
    links = [line for line in text.splitlines() if "-->" in line or "==>" in line]
    red = re.search(r"linkStyle ([\d,]+) stroke:#d32f2f", text)
    assert red is not None
    marked = [links[int(index)] for index in red.group(1).split(",")]
    assert len(marked) == 1 and "==>" in marked[0] and "ARC101" in marked[0]
    assert sum("==>" in line for line in links) == 1


def test_dot_output_is_a_digraph_with_clusters_and_red_edges(tmp_path: Path) -> None:
    text = to_dot(build_diagram(_write(tmp_path, SHOP)))
    assert text.startswith("digraph archcheck {\n") and text.endswith("}\n")
    assert 'label="shop (container)";' in text
    red = [line for line in text.splitlines() if "#d32f2f" in line]
    assert len(red) == 1 and 'label="1 import: ARC101"' in red[0]
    assert text.count("{") == text.count("}")


def test_the_diagram_follows_edits_to_the_code_and_the_configuration(tmp_path: Path) -> None:
    project = _write(tmp_path, SHOP)
    (project / "shop" / "application.py").write_text("from shop import domain\n# longer now\n", encoding="utf-8")
    assert not any(edge.violations for edge in build_diagram(project).edges)
    (project / "pyproject.toml").write_text(
        '[tool.archcheck]\nlayers = ["infrastructure", "domain", "application"]\ncontainers = ["shop"]\n',
        encoding="utf-8",
    )
    assert _edges(build_diagram(project))[("shop.application", "shop.domain")] == (1, ("ARC101",))


def test_ignored_imports_and_sub_projects_are_left_out(tmp_path: Path) -> None:
    files = dict(SHOP)
    files["pyproject.toml"] += 'ignore_imports = ["shop.application -> shop.infrastructure"]\n'
    files["vendored/pyproject.toml"] = "[tool.archcheck]\n"
    files["vendored/other/__init__.py"] = "import shop.infrastructure\n"
    edges = _edges(build_diagram(_write(tmp_path, files)))
    assert ("shop.application", "shop.infrastructure") not in edges
    assert not any("other" in source or "vendored" in source for source, _ in edges)


def test_cli_prints_mermaid_by_default_and_dot_on_request(tmp_path: Path) -> None:
    project = _write(tmp_path, SHOP)
    done = _cli(str(project))
    assert done.returncode == 0, done.stderr
    assert done.stdout == to_mermaid(build_diagram(project))
    done = _cli("--format", "dot", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == to_dot(build_diagram(project))


def test_cli_reports_a_broken_configuration_on_stderr(tmp_path: Path) -> None:
    project = _write(tmp_path, {**SHOP, "pyproject.toml": "[tool.archcheck]\nlayerz = []\n"})
    done = _cli(str(project))
    assert done.returncode == 2 and done.stdout == ""
    assert "layerz" in done.stderr and "did you mean 'layers'" in done.stderr
    missing = _cli(str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_building_a_diagram_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_diagram(_write(tmp_path, SHOP))
    build_diagram(EXAMPLES)
    assert capsys.readouterr() == ("", "")


def _writes_to_stdout(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "print"
    return (
        isinstance(node, ast.Attribute)
        and node.attr in {"stdout", "__stdout__"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def test_only_the_command_line_writes_to_stdout() -> None:
    """A stray print breaks ``--output-format=json`` and every editor: only ``python -m archcheck`` prints."""
    command_line = REPO / "archcheck" / "__main__.py"
    offenders = []
    for package in ("archcheck", "pylint_archcheck", "flake8_archcheck"):
        for path in sorted((REPO / package).rglob("*.py")):
            if path == command_line:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [
                f"{path.relative_to(REPO)}:{node.lineno}" for node in ast.walk(tree) if _writes_to_stdout(node)
            ]
    assert offenders == []
    assert any(_writes_to_stdout(node) for node in ast.walk(ast.parse(command_line.read_text(encoding="utf-8"))))
