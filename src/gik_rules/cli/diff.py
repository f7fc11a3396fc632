"""``gik-rules diff OLD NEW``: read both reports, check each with the ruleset, and write
them side by side (``gik_rules.diff``) as text, JSON or an HTML page."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from gik_rules.cli.output import refuse_inputs, write_output
from gik_rules.cli.usage import UsageError
from gik_rules.engine.result import ReportResult
from gik_rules.engine.run import check_read
from gik_rules.host import Host, default_host
from gik_rules.output.safe import printable
from gik_rules.ruleset import Ruleset, RulesetError, ruleset_of


def _one(path: Path, ruleset: Ruleset, host: Host) -> ReportResult:
    """The one report ``path`` holds, checked; a usage error when it holds none or more."""
    from gik_rules.config import limits_for
    from gik_rules.ingest.limits import using
    from gik_rules.ingest.reader import read_path

    if not path.exists():
        raise UsageError(f"no such file: {path}")
    with using(limits_for(path)):
        reads = list(read_path(path, host))
    if len(reads) != 1:
        raise UsageError(
            f"{path} holds {len(reads)} reports: diff compares two reports (give one row "
            "of a dataset as its own file)"
        )
    result = check_read(reads[0], ruleset, host)
    if result.report is None:
        why = "; ".join(f.message_en for f in result.findings) or "it could not be read"
        raise UsageError(f"{path} cannot be read: {why}")
    return result


def diff(
    old: Path,
    new: Path,
    ruleset_name: str,
    fmt: str,
    english: bool,
    output: Path | None,
    out: Console,
) -> int:
    """Compare ``old`` with ``new``; exit 0 (a difference is no error)."""
    from gik_rules.diff import diff_reports

    host = default_host()
    if output is not None:
        refuse_inputs(output, [old, new], "diff")
    try:
        ruleset = ruleset_of(host, ruleset_name)
    except RulesetError as exc:
        raise UsageError(str(exc)) from None
    before, after = _one(old, ruleset, host), _one(new, ruleset, host)
    assert before.report is not None and after.report is not None
    compared = diff_reports(
        before.report,
        after.report,
        host.variants,
        old_findings=before.findings,
        new_findings=after.findings,
        old_source=str(old),
        new_source=str(new),
    )
    if fmt == "json":
        from gik_rules.diff.as_json import render_json

        text = render_json(compared)
    elif fmt == "html":
        from gik_rules.diff.as_html import render_html

        text = render_html(compared, host.variants, host.templates, english=english)
    else:
        from gik_rules.diff.as_text import render_text

        text = render_text(compared, english=english)
    if output is not None and str(output) != "-":
        write_output(text.encode("utf-8"), output, [old, new], "diff")
    else:
        out.print(text if fmt != "text" else printable(text, keep="\n"), markup=False, end="")
    return 0
