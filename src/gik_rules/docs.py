"""The rule reference in ``docs/rules/``, generated from the rules' metadata.

``python -m gik_rules.docs docs/rules`` (``make docs``) writes one page per rule of the
installed plugins, ``<CODE>-<name>.md`` as ``gik-rules rule CODE`` prints it, and an
``index.md``; pages of rules that no longer exist are removed. ``--check`` writes nothing
and exits 1 when the directory is stale (a test runs it).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from gik_rules.cli.commands import rule_markdown
from gik_rules.host import Host, default_host
from gik_rules.rules import Rule

_PAGE = re.compile(r"^[A-Z]{1,3}[0-9]{3}-[a-z0-9-]+\.md$")


def page_name(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def index_markdown(rules: Sequence[Rule]) -> str:
    lines = [
        "# Rule reference",
        "",
        "Generated from the rules' metadata by `make docs` (`python -m gik_rules.docs docs/rules`);",
        "do not edit. `gik-rules rule CODE` prints the same page.",
        "",
    ]
    plugins = sorted({r.plugin for r in rules})
    for plugin in plugins:
        mine = [r for r in rules if r.plugin == plugin]
        lines += [
            f"## {plugin}",
            "",
            "| code | name | severity | groups | summary |",
            "|---|---|---|---|---|",
        ]
        for rule in mine:
            severity = rule.severity.value + ("" if rule.enabled else " (off)")
            scope = " (dataset)" if rule.scope.value == "dataset" else ""
            lines.append(
                f"| [{rule.code}]({page_name(rule)}) | {rule.name}{scope} | {severity} | "
                f"{', '.join(rule.groups)} | {_cell(rule.summary)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(host: Host | None = None) -> dict[str, str]:
    """File name → content of every page of the rule reference."""
    rules = sorted((host or default_host()).rules.values(), key=lambda r: r.code)
    pages = {page_name(r): rule_markdown(r) for r in rules}
    pages["index.md"] = index_markdown(rules)
    return pages


def stale(directory: Path, pages: Mapping[str, str]) -> list[str]:
    """The pages that are missing, different, or no longer generated."""
    out = []
    for name, text in sorted(pages.items()):
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    if directory.is_dir():
        out += sorted(
            p.name for p in directory.iterdir() if _PAGE.match(p.name) and p.name not in pages
        )
    return out


def write(directory: Path, pages: Mapping[str, str]) -> list[str]:
    """Bring ``directory`` up to date; the names of the pages written or removed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = stale(directory, pages)
    for name in changed:
        if name in pages:
            (directory / name).write_text(pages[name], encoding="utf-8")
        else:
            (directory / name).unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gik_rules.docs", description=__doc__)
    parser.add_argument("directory", type=Path, nargs="?", default=Path("docs/rules"))
    parser.add_argument("--check", action="store_true", help="exit 1 if the pages are stale")
    args = parser.parse_args(argv)
    pages = render()
    if args.check:
        behind = stale(args.directory, pages)
        for name in behind:
            print(f"stale: {args.directory / name}", file=sys.stderr)
        return 1 if behind else 0
    for name in write(args.directory, pages):
        print(f"wrote {args.directory / name}" if name in pages else f"removed {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
