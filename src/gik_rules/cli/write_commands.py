"""The writing sub-commands: ``render``, ``new`` and ``fix`` (docs/rendering.md).

Exit codes as for ``check``: 0 ok (for ``fix``: no error finding left), 1 error findings
left after ``fix``, 2 usage error or unreadable input.

The renderers and fixes (Jinja2, python-docx) are imported inside the commands that use
them: every ``gik-rules`` run builds these parsers, and ``check`` or ``--version`` should
not pay for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from rich.console import Console
from rich.markup import escape

from gik_rules.cli.output import refuse_inputs, write_output
from gik_rules.cli.usage import UsageError
from gik_rules.fix import FixResult
from gik_rules.host import Host, default_host
from gik_rules.ingest.reader import read_report
from gik_rules.ingest.structure import region_of
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta
from gik_rules.model.canonical import to_json, to_toml
from gik_rules.render import FORMATS, SUFFIXES
from gik_rules.rules import Location
from gik_rules.ruleset import RulesetError, ruleset_of

COMMANDS = ("render", "new", "fix")
LEVELS = {
    "department": OrganLevel.DEPARTMENT,
    "部门": OrganLevel.DEPARTMENT,
    "government": OrganLevel.GOVERNMENT,
    "政府": OrganLevel.GOVERNMENT,
    "township": OrganLevel.TOWNSHIP,
    "乡镇": OrganLevel.TOWNSHIP,
    "unknown": OrganLevel.UNKNOWN,
}
CANONICAL = {".toml": "toml", ".json": "json"}
UNLESS_IN_PLACE = " unless --in-place"


def add_parsers(sub: Any) -> None:
    """Add ``render``, ``new`` and ``fix`` to the sub-command parsers."""
    render = sub.add_parser("render", help="write a report as Markdown, HTML, .docx or text")
    render.add_argument("report", type=Path, metavar="REPORT")
    render.add_argument("--to", choices=FORMATS, help="output format (default: from -o's suffix)")
    render.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    render.add_argument("--jurisdiction", default="national", help="templates to use")

    new = sub.add_parser("new", help="write a skeleton report (canonical TOML) to fill in")
    new.add_argument("--organ", required=True, help="the organ's full name")
    new.add_argument("--year", required=True, type=int, help="the report year")
    new.add_argument("--level", required=True, choices=list(LEVELS), help="kind of organ")
    new.add_argument("--jurisdiction", default="national", help="templates to use")
    new.add_argument("--format", choices=("toml", "json"), default="toml")
    new.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    new.add_argument("--force", action="store_true", help="overwrite an existing output file")

    fix = sub.add_parser("fix", help="apply safe fixes, each answering a rule's finding")
    fix.add_argument("report", type=Path, metavar="REPORT")
    where = fix.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, help="write the fixed report here")
    where.add_argument("--in-place", action="store_true", help="replace REPORT (atomically)")
    fix.add_argument("--blank-as-zero", action="store_true", help="write blank cells as 0")
    fix.add_argument("--ruleset", default="national", help="ruleset whose findings to fix")
    fix.add_argument(
        "--jurisdiction", help="templates to use (default: the ruleset's, else national)"
    )
    fix.add_argument("--format", choices=("text", "json"), default="text", help="listing format")


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    from gik_rules.render import RenderError, TemplateError

    try:
        if args.command == "render":
            return render(args, out, err)
        if args.command == "new":
            return new(args, out)
        return fix(args, out, err)
    except (RenderError, TemplateError, RulesetError) as exc:
        raise UsageError(str(exc)) from None


def _read(path: Path, host: Host, err: Console) -> AnnualReport:
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    result = read_report(path, host)
    for issue in result.issues:
        where = issue.location.describe()
        err.print(
            f"[yellow]{issue.code}[/yellow] {escape(issue.message)}"
            + (f" ({escape(where)})" if where else "")
        )
    if result.report is None:
        raise UsageError(f"cannot read {path}")
    if result.format in ("csv", "xlsx"):
        raise UsageError(f"{path} is a dataset; write one report at a time")
    return result.report


def _write(
    data: bytes, output: Path | None, out: Console, inputs: Sequence[Path], command: str
) -> None:
    if output is None:
        sys.stdout.flush()
        out.file.flush()
        if hasattr(out.file, "buffer"):
            out.file.buffer.write(data)
        else:
            out.file.write(data.decode("utf-8"))
        return
    write_output(data, output, inputs, command)


def _format_of(path: Path | None, given: str | None) -> str:
    if given:
        return given
    fmt = SUFFIXES.get(path.suffix.lower()) if path else None
    if fmt is None:
        raise UsageError("give --to md|html|docx|txt (or -o with one of these suffixes)")
    return fmt


def render(args: argparse.Namespace, out: Console, err: Console) -> int:
    from gik_rules.render import render_report, unplaced_cells, variant_of

    host = default_host()
    fmt = _format_of(args.output, args.to)
    if args.output is not None:
        refuse_inputs(args.output, [args.report], "render")
    if fmt == "docx" and args.output is None:
        raise UsageError("a .docx is binary: give -o FILE.docx")
    report = _read(args.report, host, err)
    present = {s.number for s in report.sections}
    for number in range(1, 7):
        if number not in present:
            err.print(
                f"[yellow]warning:[/yellow] the report has no section {number}; it is written "
                "with its heading and no text (gik-rules fix adds a missing 六 from the template)"
            )
    data = render_report(report, fmt, args.jurisdiction, host)
    variant = variant_of(report, host.variants)
    _warn_unplaced(unplaced_cells(report, variant), variant.id, err)
    _write(data, args.output, out, [args.report], "render")
    return 0


def _warn_unplaced(cells: Sequence[str], variant: str, err: Console) -> None:
    """Say which cells a rendered report leaves out (nothing is lost silently)."""
    if cells:
        err.print(
            f"[yellow]warning:[/yellow] {len(cells)} non-blank cells are not in the tables of "
            f"{escape(variant)} and are left out of the rendered report: "
            f"{escape(', '.join(cells))} (the canonical form keeps them: gik-rules parse)"
        )


def new(args: argparse.Namespace, out: Console) -> int:
    from gik_rules.render import templates_for
    from gik_rules.render.skeleton import skeleton_report, skeleton_toml

    host = default_host()
    if args.output is not None and args.output.exists() and not args.force:
        raise UsageError(f"{args.output} exists; use --force to overwrite it")
    organ = " ".join(args.organ.split())
    if not organ:
        raise UsageError("--organ is empty")
    probe = AnnualReport(meta=ReportMeta(organ=organ, year=args.year))
    templates = templates_for(probe, args.jurisdiction, host)
    report = skeleton_report(
        organ, args.year, LEVELS[args.level], templates, region=region_of(organ)
    )
    text = skeleton_toml(report, templates.variant) if args.format == "toml" else to_json(report)
    _write(text.encode("utf-8"), args.output, out, [], "new")
    return 0


def _output_format(path: Path) -> str:
    """The format ``fix`` writes ``path`` in, from its suffix: canonical ``toml`` or
    ``json``, or one of the render FORMATS."""
    suffix = path.suffix.lower()
    fmt = CANONICAL.get(suffix) or SUFFIXES.get(suffix)
    if fmt is None:
        raise UsageError(f"cannot write {path.name}: use .toml, .json, .md, .html, .txt or .docx")
    return fmt


def _output_bytes(report: AnnualReport, fmt: str, jurisdiction: str, host: Host) -> bytes:
    from gik_rules.render import render_report

    if fmt == "toml":
        return to_toml(report).encode("utf-8")
    if fmt == "json":
        return to_json(report).encode("utf-8")
    return render_report(report, fmt, jurisdiction, host)


def fix(args: argparse.Namespace, out: Console, err: Console) -> int:
    from gik_rules.fix import fix_report
    from gik_rules.render import unplaced_cells, variant_of

    host = default_host()
    if args.output is not None:
        refuse_inputs(args.output, [args.report], "fix", UNLESS_IN_PLACE)
    target = args.report if args.in_place else args.output
    fmt = _output_format(target) if target is not None else None
    report = _read(args.report, host, err)
    ruleset = ruleset_of(host, args.ruleset)  # a RulesetError is a usage error: run()
    result = fix_report(
        report,
        ruleset,
        jurisdiction=args.jurisdiction,
        blank_as_zero=args.blank_as_zero,
        host=host,
    )
    written = None
    unplaced: tuple[str, ...] = ()
    if target is not None and fmt is not None and (result.changed or not args.in_place):
        jurisdiction = args.jurisdiction or result.jurisdiction
        data = _output_bytes(result.report, fmt, jurisdiction, host)
        inputs = [] if args.in_place else [args.report]
        write_output(data, target, inputs, "fix", UNLESS_IN_PLACE)
        written = target
        if fmt in FORMATS:  # rendered: cells outside the tables are lost
            variant = variant_of(result.report, host.variants)
            unplaced = unplaced_cells(result.report, variant)
            _warn_unplaced(unplaced, variant.id, err)
    if args.format == "json":
        doc = _fix_json(args.report, written, result, unplaced)
        out.print(json.dumps(doc, ensure_ascii=False, indent=2), markup=False)
    else:
        _fix_text(args.report, written, result, out)
    return 1 if result.errors else 0


def _location(location: Location) -> dict[str, Any]:
    return {k: v for k, v in attrs.asdict(location).items() if v is not None}


def _fix_json(
    source: Path, written: Path | None, result: FixResult, unplaced: Sequence[str]
) -> dict[str, Any]:
    return {
        "source": str(source),
        "output": str(written) if written else None,
        "left_out": list(unplaced),  # cells the rendered output could not show
        "fixes": [
            {
                "code": f.code,
                "rule": f.rule,
                "also": list(f.also),
                "message": f.message,
                "message_en": f.message_en,
                "location": _location(f.location),
                "cells": list(f.cells),
                "before": f.before,
                "after": f.after,
            }
            for f in result.fixes
        ],
        "skipped": [
            {"rule": s.rule, "reason": s.reason, "location": _location(s.location)}
            for s in result.skipped
        ],
        "remaining": {"findings": len(result.remaining), "errors": result.errors},
    }


def _fix_text(source: Path, written: Path | None, result: FixResult, out: Console) -> None:
    dest = f" → {written}" if written else " (nothing written: give -o OUT or --in-place)"
    noun = "fix" if len(result.fixes) == 1 else "fixes"
    out.print(f"{escape(str(source))}{escape(dest)}: {len(result.fixes)} {noun}")
    for f in result.fixes:
        codes = " ".join(c for c in (f.code or "-", *f.also))
        where = f.location.describe()
        out.print(
            f"  [cyan]{codes}[/cyan] {f.rule}  {escape(f.message)}"
            + (f" ({escape(where)})" if where else "")
        )
    for s in result.skipped:
        out.print(f"  [yellow]not fixed[/yellow] {s.rule}  {escape(s.reason)}")
    if result.remaining:
        out.print(
            f"{len(result.remaining)} findings remain ({result.errors} errors): "
            "gik-rules check shows them",
        )
