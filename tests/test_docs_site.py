"""The docs site: generated pages equal their generators, the site builds strictly,
and what the pages promise is what archcheck does.

After a change to the registry, the schema or ``examples/``, rewrite the
generated pages with ``python -m tests.test_docs_site``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from archcheck.engine import check_module
from archcheck.reference import config_reference, rules_reference
from archcheck.registry import RULES

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"


REGENERATE = "rewrite the generated pages: python -m tests.test_docs_site"
_MERMAID_BLOCK = re.compile(r"(```mermaid\n)(.*?)(```)", re.DOTALL)


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def _graph_of_examples() -> str:
    done = _run("-m", "archcheck", "graph", "examples")
    assert done.returncode == 0, done.stderr
    return done.stdout


def generated_pages() -> dict[Path, str]:
    """What each generated page must hold: the generators' output."""
    graph_page = (DOCS / "graph.md").read_text(encoding="utf-8")
    diagram = _graph_of_examples()
    return {
        DOCS / "configuration.md": config_reference(),
        DOCS / "rules" / "index.md": rules_reference(lambda rule: (DOCS / rule.docs_page).is_file()),
        DOCS / "graph.md": _MERMAID_BLOCK.sub(lambda m: m.group(1) + diagram + m.group(3), graph_page, count=1),
    }


def test_configuration_page_is_generated_from_the_schema() -> None:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert page == config_reference(), REGENERATE


def test_configuration_page_names_every_key_and_every_conventional_layer_name() -> None:
    from archcheck.config.schema import KEYS
    from archcheck.layers import CONVENTIONAL_LAYERS

    page = config_reference()
    for key in KEYS:
        assert f"| `{key.name}` |" in page
    for _kind, names in CONVENTIONAL_LAYERS:
        for name in names:
            assert f"`{name}`" in page
    assert "layers = []" in page


def test_rule_index_is_generated_from_the_registry() -> None:
    page = (DOCS / "rules" / "index.md").read_text(encoding="utf-8")
    expected = rules_reference(lambda rule: (DOCS / rule.docs_page).is_file())
    assert page == expected, REGENERATE
    for rule in RULES:
        assert f"`{rule.symbol}` | `{rule.pylint_id}` |" in page


def test_reference_commands_print_the_generated_pages() -> None:
    done = _run("-m", "archcheck", "config-reference")
    assert done.returncode == 0 and done.stdout == config_reference()
    done = _run("-m", "archcheck", "rules-reference", "--docs", str(DOCS))
    assert done.returncode == 0
    assert done.stdout == (DOCS / "rules" / "index.md").read_text(encoding="utf-8")


def test_graph_page_shows_what_the_command_prints_for_the_examples() -> None:
    page = (DOCS / "graph.md").read_text(encoding="utf-8")
    shown = _MERMAID_BLOCK.search(page)
    assert shown is not None
    assert shown.group(2) == _graph_of_examples(), REGENERATE


def test_mkdocs_config_is_strict_and_lists_every_page() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    # Without `nav:` mkdocs shows every page; a nav would have to list them all.
    assert "nav" not in config


def test_site_builds_strictly(tmp_path: Path) -> None:
    done = _run("-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and (site / "rules" / "index.html").is_file()
    for page in ("quickstart", "configuration", "editors", "ci", "suppressing", "architecture", "graph"):
        assert (site / page / "index.html").is_file(), page
    for rule in RULES:
        if (DOCS / rule.docs_page).is_file():
            assert (site / "rules" / rule.code / "index.html").is_file(), rule.code


def test_quickstart_messages_are_what_archcheck_reports(tmp_path: Path) -> None:
    """The zero-config example of the quickstart, run for real."""
    domain = tmp_path / "src" / "shop" / "domain"
    infrastructure = tmp_path / "src" / "shop" / "infrastructure"
    for package in (tmp_path / "src" / "shop", domain, infrastructure):
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
    (infrastructure / "clock.py").write_text("def utc_now() -> str:\n    return ''\n", encoding="utf-8")
    order = domain / "order.py"
    order.write_text("\n" * 9 + "from shop.infrastructure.clock import utc_now\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'shop'\n", encoding="utf-8")
    findings = check_module(str(order))
    assert [(f.line, f.col, f.code) for f in findings] == [(10, 0, "ARC101")]
    page = (DOCS / "quickstart.md").read_text(encoding="utf-8")
    assert f"src/shop/domain/order.py:10:1: ARC101 {findings[0].message}\n" in page
    assert f"src/shop/domain/order.py:10:0: W7101: {findings[0].message} (layer-violation)\n" in page


def test_suppressing_page_warns_about_the_blanket_noqa() -> None:
    page = (DOCS / "suppressing.md").read_text(encoding="utf-8")
    assert "# noqa: ARC101" in page and "# pylint: disable=layer-violation" in page
    assert "blanket noqa" in page


def test_architecture_page_explains_the_pylint_ids() -> None:
    page = (DOCS / "architecture.md").read_text(encoding="utf-8")
    assert "70–73" in page
    for taken in ("pylint-django uses 51", "pylint-pytest 64", "55, 56, 60–63 and 90"):
        assert taken in page
    ids = {rule.pylint_id[1:3] for rule in RULES}
    assert ids <= {"70", "71", "72", "73"}


def test_rewriting_the_generated_pages_would_change_nothing() -> None:
    for path, text in generated_pages().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: {REGENERATE}"


if __name__ == "__main__":
    for path, text in generated_pages().items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            sys.stderr.write(f"rewrote {path.relative_to(REPO)}\n")
