"""The ``gik-rules`` command line.

Exit codes: 0 no error-severity finding; 1 error findings; 2 usage error or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from gik_rules import __version__
from gik_rules.cli import commands, write_commands
from gik_rules.host import PluginConflictError
from gik_rules.rules import RuleDataError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gik-rules",
        description="Read, check and write 政府信息公开工作年度报告 (government information disclosure annual reports).",
    )
    parser.add_argument("--version", action="version", version=f"gik-rules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check reports against a ruleset")
    check.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    check.add_argument(
        "--ruleset", default="national", help="ruleset name or .toml file (default: national)"
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="SEL",
        help="only these rules (codes, prefixes, names, groups; comma-separated)",
    )
    check.add_argument(
        "--extend-select",
        action="append",
        metavar="SEL",
        help="add these rules to the ruleset's selection",
    )
    check.add_argument("--ignore", action="append", metavar="SEL", help="leave out these rules")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--english", action="store_true", help="English messages in text output")
    check.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    check.add_argument(
        "--manifest",
        type=Path,
        help="dataset manifest (organ ids, hierarchy, dates); default: gik-dataset.toml in each directory",
    )

    rules = sub.add_parser("rules", help="list the rules of the installed plugins")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    rule = sub.add_parser("rule", help="explain one rule")
    rule.add_argument("rule", metavar="CODE_OR_NAME")
    rule.add_argument("--format", choices=("text", "json"), default="text")

    plugins = sub.add_parser("plugins", help="list loaded and failed plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text")

    parse = sub.add_parser("parse", help="read a report and print its canonical form")
    parse.add_argument("file", type=Path)
    parse.add_argument("--format", choices=("toml", "json"), default="toml")
    parse.add_argument(
        "-o",
        "--output",
        type=Path,
        help="a file, or a directory (one file per report of a dataset)",
    )

    sub.add_parser("schema", help="print the JSON Schema of the canonical form")
    write_commands.add_parsers(sub)
    return parser


def _split(values: Sequence[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _os_error(exc: OSError) -> str:
    """``nodir/x.txt: No such file or directory``: the path and the reason, on one line."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False)
    try:
        if args.command == "check":
            return commands.check(
                args.paths,
                args.ruleset,
                _split(args.select),
                _split(args.extend_select) or [],
                _split(args.ignore) or [],
                args.format,
                args.english,
                args.output,
                out,
                err,
                args.manifest,
            )
        if args.command == "rules":
            return commands.list_rules(args.format, out)
        if args.command == "rule":
            return commands.explain_rule(args.rule, args.format, out, err)
        if args.command == "plugins":
            return commands.list_plugins(args.format, out)
        if args.command == "parse":
            return commands.parse(args.file, args.format, args.output, out, err)
        if args.command in write_commands.COMMANDS:
            return write_commands.run(args, out, err)
        if args.command == "schema":
            out.print(json.dumps(commands.schema(), ensure_ascii=False, indent=2), markup=False)
            return EXIT_OK
    except commands.UsageError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, soft_wrap=True)
        return EXIT_USAGE
    except (PluginConflictError, RuleDataError) as exc:  # the installed plugins disagree
        err.print(f"error: plugins cannot be loaded together: {exc}", markup=False, soft_wrap=True)
        return EXIT_USAGE
    except OSError as exc:  # a file that cannot be read or written: no traceback
        err.print(f"error: {_os_error(exc)}", markup=False, soft_wrap=True)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    return EXIT_USAGE  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
