"""The writing sub-commands: ``render``, ``new`` and ``fix`` (docs/rendering.md).

Exit codes as for ``check``: 0 ok (for ``fix``: no error finding left), 1 error findings
left after ``fix``, 2 usage error or unreadable input.

The renderers and fixes (Jinja2, python-docx) are imported inside the commands that use
them: every ``gik-rules`` run imports this module, and ``check`` or ``--version`` should
not pay for them. The options are parsed in :mod:`gik_rules.cli.main`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
from rich.console import Console
from rich.markup import escape

from gik_rules.cli.levels import level as level_of
from gik_rules.cli.output import refuse_inputs, write_output
from gik_rules.cli.usage import UsageError
from gik_rules.config import limits_for
from gik_rules.controls import printable
from gik_rules.fix import FixResult
from gik_rules.host import Host, default_host
from gik_rules.ingest.input_file import read_input
from gik_rules.ingest.limits import using
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.result import ReadResult, UnreadableError
from gik_rules.ingest.structure import region_of
from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.model.canonical import to_json, to_toml
from gik_rules.render import FORMATS, SUFFIXES
from gik_rules.rules import Location
from gik_rules.ruleset import RulesetError, ruleset_of

CANONICAL = {".toml": "toml", ".json": "json"}
UNLESS_IN_PLACE = " unless --in-place"


def run(work: Callable[[], int]) -> int:
    """Run a writing command: a template, render or ruleset error is a usage error."""
    from gik_rules.render import RenderError, TemplateError

    try:
        return work()
    except (RenderError, TemplateError, RulesetError) as exc:
        raise UsageError(str(exc)) from None


def _read(path: Path, host: Host, err: Console) -> AnnualReport:
    report = _read_source(path, host, err)[0].report
    assert report is not None  # _read_source raised otherwise
    return report


def _read_source(path: Path, host: Host, err: Console) -> tuple[ReadResult, bytes]:
    """The report of ``path`` with the bytes it was read from (read once)."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    with using(limits_for(path)):
        try:
            data = read_input(path)
        except UnreadableError as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None
        result = next(read_bytes(data, str(path), host))
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
    return result, data


def _write(
    data: bytes, output: Path | None, out: Console, inputs: Sequence[Path], command: str
) -> None:
    if output is None:
        sys.stdout.flush()
        out.file.flush()
        if out.is_terminal:  # a person reads it: escape sequences in it are shown
            data = printable(data.decode("utf-8", "replace"), keep="\n\t").encode("utf-8")
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


def render(
    source: Path,
    to: str | None,
    output: Path | None,
    jurisdiction: str,
    out: Console,
    err: Console,
) -> int:
    """Write the report ``source`` as ``to`` (else the format of ``output``'s suffix)."""
    from gik_rules.render import render_report, unplaced_cells, variant_of

    host = default_host()
    fmt = _format_of(output, to)
    if output is not None:
        refuse_inputs(output, [source], "render")
    if fmt == "docx" and output is None:
        raise UsageError("a .docx is binary: give -o FILE.docx")
    report = _read(source, host, err)
    present = {s.number for s in report.sections}
    missing = [n for n in range(1, 7) if n not in present]
    if missing:  # written as it is: render corrects nothing
        err.print(
            f"[yellow]note:[/yellow] the report has no section {', '.join(map(str, missing))}, "
            "and is written without (gik-rules check reports it; gik-rules fix adds a "
            "missing 六 from the template)"
        )
    data = render_report(report, fmt, jurisdiction, host)
    variant = variant_of(report, host.variants)
    _warn_unplaced(unplaced_cells(report, variant), variant.id, err)
    _write(data, output, out, [source], "render")
    return 0


def _warn_unplaced(cells: Sequence[str], variant: str, err: Console) -> None:
    """Say which cells a rendered report leaves out (nothing is lost silently)."""
    if cells:
        err.print(
            f"[yellow]warning:[/yellow] {len(cells)} non-blank cells are not in the tables of "
            f"{escape(variant)} and are left out of the rendered report: "
            f"{escape(', '.join(cells))} (the canonical form keeps them: gik-rules parse)"
        )


def new(
    organ: str,
    year: int,
    level: str,
    jurisdiction: str,
    fmt: str,
    output: Path | None,
    force: bool,
    out: Console,
) -> int:
    """Write a blank report of ``organ`` for ``year`` (``level`` a name of ``cli.levels.LEVELS``)."""
    from gik_rules.render import templates_for
    from gik_rules.render.skeleton import skeleton_report, skeleton_toml

    host = default_host()
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists; use --force to overwrite it")
    if output is not None:
        refuse_inputs(output, [], "new")
    organ = " ".join(organ.split())
    if not organ:
        raise UsageError("--organ is empty")
    probe = AnnualReport(meta=ReportMeta(organ=organ, year=year))
    templates = templates_for(probe, jurisdiction, host)
    report = skeleton_report(organ, year, level_of(level), templates, region=region_of(organ))
    text = skeleton_toml(report, templates.variant) if fmt == "toml" else to_json(report)
    _write(text.encode("utf-8"), output, out, [], "new")
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


def _edited(read: ReadResult, data: bytes, result: FixResult) -> bytes:
    """The source file with the fixes made in it and nothing else (a usage error naming
    the fix that cannot be made there exactly)."""
    from gik_rules.fix.source import SourceEditError, apply_edits, edits_of

    assert read.report is not None
    try:
        return apply_edits(data, read.format, read.report.meta.encoding, edits_of(result.fixes))
    except SourceEditError as exc:
        raise UsageError(
            f"{read.source}: cannot make the fixes in the {read.format} file itself ({exc}); "
            "write the fixed report with -o FILE.toml (the canonical form) or to another format"
        ) from None


def _same_kind(read: ReadResult, fmt: str) -> bool:
    """Whether writing ``fmt`` from this source means editing the source document (a
    document written again in its own format), not converting it."""
    kinds = {"text": ("txt", "md"), "docx": ("docx",), "html": ("html",), "pdf": ()}
    return fmt in kinds.get(read.format, ())


def fix(
    source: Path,
    output: Path | None,
    in_place: bool,
    blank_as_zero: bool,
    ruleset_name: str,
    jurisdiction: str | None,
    fmt: str,
    out: Console,
    err: Console,
    diff: bool = False,
) -> int:
    """Fix ``source``, write it to ``output`` or over itself (``in_place``), list the fixes
    in ``fmt``; 1 when error findings remain. A document written in its own format is the
    source with the fixes made in it (``fix.source``), never a new rendering; a format that
    cannot be edited so (HTML, PDF) is refused. ``diff``: print the change as a unified
    diff and write nothing (the listing goes to ``err``)."""
    from gik_rules.fix import fix_report
    from gik_rules.fix.source import WHY_NOT, editable, text_lines, unified_diff
    from gik_rules.render import unplaced_cells, variant_of

    host = default_host()
    if output is not None:
        refuse_inputs(output, [source], "fix", UNLESS_IN_PLACE)
    target = source if in_place else output
    out_fmt = _output_format(target) if target is not None else None
    read, data = _read_source(source, host, err)
    edit = out_fmt is not None and _same_kind(read, out_fmt)
    if edit and not editable(read.format):
        raise UsageError(
            f"{source}: {WHY_NOT.get(read.format, 'it cannot be edited in place')}; write the "
            "fixed report with -o FILE.toml (the canonical form) or to another format "
            "(-o FILE.docx, .md, .txt)"
        )
    assert read.report is not None
    ruleset = ruleset_of(host, ruleset_name)  # a RulesetError is a usage error: run()
    result = fix_report(
        read.report,
        ruleset,
        jurisdiction=jurisdiction,
        blank_as_zero=blank_as_zero,
        host=host,
    )
    if diff:
        if editable(read.format):
            fixed = _edited(read, data, result) if result.changed else data
            before = text_lines(data, read.format, read.report.meta.encoding)
            after = text_lines(fixed, read.format, read.report.meta.encoding)
            name = source.name
        else:  # the change in the canonical form
            before = to_toml(read.report).split("\n")
            after = to_toml(result.report).split("\n")
            name = f"{source.name} (canonical form)"
        out.file.write(unified_diff(before, after, name))
        out.file.flush()
        listing = err
    else:
        listing = out
    written = None
    unplaced: tuple[str, ...] = ()
    writes = target is not None and out_fmt is not None and (result.changed or not in_place)
    if writes and not diff:
        assert target is not None and out_fmt is not None
        if edit:
            data = _edited(read, data, result) if result.changed else data
        else:
            templates = jurisdiction or result.jurisdiction
            data = _output_bytes(result.report, out_fmt, templates, host)
        write_output(data, target, [] if in_place else [source], "fix", UNLESS_IN_PLACE)
        written = target
        if out_fmt in FORMATS and not edit:  # rendered: cells outside the tables are lost
            variant = variant_of(result.report, host.variants)
            unplaced = unplaced_cells(result.report, variant)
            _warn_unplaced(unplaced, variant.id, err)
    if fmt == "json":
        doc = _fix_json(source, written, result, unplaced)
        listing.print(json.dumps(doc, ensure_ascii=False, indent=2), markup=False)
    else:
        _fix_text(source, written, result, listing, diff)
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


def _fix_text(
    source: Path, written: Path | None, result: FixResult, out: Console, diff: bool = False
) -> None:
    if written:
        dest = f" → {written}"
    else:
        dest = (
            " (--diff: nothing written)"
            if diff
            else " (nothing written: give -o OUT or --in-place)"
        )
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
