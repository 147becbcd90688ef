"""Every rule page's example fires exactly its rule; its fix fires nothing.

A page's ``## Example`` and ``## Use instead`` sections hold fenced blocks
whose first line is ``# file: PATH``; each section is written out as a small
project and checked with the core.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archcheck.registry import RULES
from archcheck.rule import Rule
from tests.support import run_core

DOCS = Path(__file__).parent.parent / "docs"
_BLOCK = re.compile(r"```(?:python|toml)\n# file: (\S+)\n(.*?)```", re.DOTALL)
# ARC000 reports archcheck's own bugs: no user code can show it (it is tested by fault injection).
NO_EXAMPLE = {"ARC000"}
REQUIRED_SECTIONS = ("## What it finds", "## Why it is bad", "## Options")


def _section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.DOTALL | re.MULTILINE)
    return match.group(1) if match else ""


def _materialise(section: str, root: Path) -> Path:
    blocks = _BLOCK.findall(section)
    assert blocks, "the section holds no '# file:' blocks"
    for name, body in blocks:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    if not (root / "pyproject.toml").exists():
        (root / "pyproject.toml").write_text("[tool.archcheck]\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_page_has_the_sections_and_spellings(rule: Rule) -> None:
    text = (DOCS / rule.docs_page).read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.code} {rule.symbol}\n")
    assert f"| `{rule.code}` | `{rule.symbol}` | `{rule.pylint_id}` |" in text
    for heading in REQUIRED_SECTIONS:
        assert heading in text, heading


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_EXAMPLE], ids=lambda r: r.code)
def test_rule_page_example_fires_exactly_its_rule_and_the_fix_nothing(rule: Rule, tmp_path: Path) -> None:
    text = (DOCS / rule.docs_page).read_text(encoding="utf-8")
    bad = _materialise(_section(text, "Example"), tmp_path / "bad")
    good = _materialise(_section(text, "Use instead"), tmp_path / "good")
    bad_codes = {row[3] for row in run_core(bad)}
    assert bad_codes == {rule.code}
    assert run_core(good) == []
