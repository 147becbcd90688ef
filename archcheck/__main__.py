"""``python -m archcheck``: the architecture diagram and the generated docs pages.

The only place in the core that writes to stdout: the linters' plugins never do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from archcheck.diagram import RENDERERS, build_diagram
from archcheck.reference import config_reference, rules_reference


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m archcheck", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    graph = commands.add_parser(
        "graph",
        help="print the project's layers, contexts and the imports between them",
        description="Print the layers, contexts and the imports between them as a diagram; "
        "edges with imports that break a rule are marked red.",
    )
    graph.add_argument("path", nargs="?", default=".", help="a directory or file of the project (default: .)")
    graph.add_argument("--format", choices=sorted(RENDERERS), default="mermaid", help="default: mermaid")
    graph.add_argument("--archcheck-config", default=None, metavar="PATH",
                       help="TOML file holding [tool.archcheck] (default: the nearest pyproject.toml)")
    commands.add_parser("config-reference", help="print the configuration reference (docs/configuration.md)")
    rules = commands.add_parser("rules-reference", help="print the rule index (docs/rules/index.md)")
    rules.add_argument("--docs", default="docs", help="the docs folder, to link rules to their pages")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status is 0, or 2 for a broken configuration or a missing path."""
    args = _parser().parse_args(argv)
    if args.command == "config-reference":
        sys.stdout.write(config_reference())
        return 0
    if args.command == "rules-reference":
        docs = Path(args.docs)
        sys.stdout.write(rules_reference(lambda rule: (docs / rule.docs_page).is_file()))
        return 0
    path = Path(args.path)
    if not path.exists():
        sys.stderr.write(f"archcheck graph: {path}: no such file or directory\n")
        return 2
    diagram = build_diagram(path, args.archcheck_config)
    if diagram.problems:
        sys.stderr.writelines(f"archcheck graph: {problem}\n" for problem in diagram.problems)
        return 2
    sys.stdout.write(RENDERERS[args.format](diagram))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
