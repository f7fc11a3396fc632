"""The work behind each ``gik-rules`` sub-command (kept apart from argument parsing)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gik_rules.cli.output import refuse_inputs, write_output
from gik_rules.cli.usage import UsageError
from gik_rules.config import limits_for
from gik_rules.host import default_host
from gik_rules.ingest.limits import using
from gik_rules.ingest.reader import read_path
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import to_dict, to_json, to_toml
from gik_rules.rules import Rule, Severity


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "groups": list(rule.groups),
        "scope": rule.scope.value,
        "plugin": rule.plugin,
        "enabled_by_default": rule.enabled,
        "variants": list(rule.variants),
        "first_year": rule.first_year,
        "last_year": rule.last_year,
        "aliases": list(rule.aliases),
        "params": {
            p.name: {
                "type": p.type.value,
                "allowed": p.describe(),
                "default": p.default,
                "description": p.description,
            }
            for p in rule.params
        },
        "doc": {
            "what": rule.doc.what,
            "why": rule.doc.why,
            "bad": rule.doc.bad,
            "good": rule.doc.good,
            "legal": rule.doc.legal,
            "unconfirmed": rule.doc.unconfirmed,
        },
    }


def list_rules(fmt: str, out: Console) -> int:
    host = default_host()
    if fmt == "json":
        out.print(
            json.dumps([rule_dict(r) for r in host.rules.values()], ensure_ascii=False, indent=2),
            markup=False,
        )
        return 0
    table = Table(box=None, show_edge=False)
    for column in ("code", "name", "severity"):  # never cut: people copy them into rulesets
        table.add_column(column, no_wrap=True)
    table.add_column("groups")
    table.add_column("summary", ratio=1)
    for rule in host.rules.values():
        name = rule.name if rule.enabled else f"{rule.name} (off)"
        table.add_row(rule.code, name, rule.severity.value, ",".join(rule.groups), rule.summary)
    out.print(table)
    return 0


def explain_rule(key: str, fmt: str, out: Console, err: Console) -> int:
    rule = default_host().rule(key)
    if rule is None:
        raise UsageError(f"no rule {key!r} (see gik-rules rules)")
    if fmt == "json":
        out.print(json.dumps(rule_dict(rule), ensure_ascii=False, indent=2), markup=False)
        return 0
    out.print(rule_markdown(rule), markup=False)
    return 0


def rule_markdown(rule: Rule) -> str:
    """The documentation page of a rule (also written to docs/rules/)."""
    lines = [f"# {rule.code} {rule.name}", "", rule.summary, ""]
    facts = [
        f"- Severity: {rule.severity.value}"
        + ("" if rule.enabled else " (off by default: select it by code or name)"),
        f"- Groups: {', '.join(rule.groups)}",
        f"- Plugin: {rule.plugin}",
    ]
    if rule.scope.value == "dataset":
        facts.append("- Scope: dataset (runs over the reports checked together)")
    if rule.variants:
        facts.append(f"- Form variants: {', '.join(rule.variants)}")
    if rule.first_year or rule.last_year:
        facts.append(f"- Report years: {rule.first_year or '…'}–{rule.last_year or '…'}")
    if rule.aliases:
        facts.append(f"- Aliases: {', '.join(rule.aliases)}")
    lines += [*facts, ""]
    for title, text in (("What it checks", rule.doc.what), ("Why", rule.doc.why)):
        if text:
            lines += [f"## {title}", "", text, ""]
    if rule.doc.bad or rule.doc.good:
        lines += ["## Example", ""]
        if rule.doc.bad:
            lines += ["Bad:", "", "```", rule.doc.bad, "```", ""]
        if rule.doc.good:
            lines += ["Good:", "", "```", rule.doc.good, "```", ""]
    if rule.params:
        lines += ["## Params", ""]
        lines += [
            f"- `{p.name}` ({p.describe()}; default `{p.default!r}`): {p.description}"
            for p in rule.params
        ]
        lines += [""]
    if rule.doc.legal:
        lines += ["## Legal source", "", rule.doc.legal, ""]
    if rule.doc.unconfirmed:
        lines += ["## UNCONFIRMED", "", rule.doc.unconfirmed, ""]
    return "\n".join(lines).rstrip() + "\n"


def list_plugins(fmt: str, out: Console) -> int:
    host = default_host()
    rows: list[dict[str, Any]] = []
    for p in host.plugins:
        rows.append(
            {
                "name": p.name,
                "distribution": p.distribution,
                "version": p.version,
                "status": "loaded" if p.loaded else "failed",
                "error": p.error,
                "rules": sum(
                    1 for r in host.rules.values() if r.plugin in (p.name, p.name.split(".")[-1])
                ),
                "variants": sorted(v.id for v in host.variants.values() if v.plugin == p.name),
                "rulesets": sorted(n for n, path in host.rulesets.items() if p.name in str(path)),
            }
        )
    if fmt == "json":
        out.print(json.dumps(rows, ensure_ascii=False, indent=2), markup=False)
        return 0
    table = Table(
        "plugin",
        "distribution",
        "version",
        "status",
        "rules",
        "variants",
        box=None,
        show_edge=False,
    )
    for row in rows:
        status = (
            "[green]loaded[/green]"
            if row["status"] == "loaded"
            else f"[red]failed[/red]: {escape(row['error'] or '')}"
        )
        table.add_row(
            row["name"],
            row["distribution"],
            row["version"],
            status,
            str(row["rules"]),
            ",".join(row["variants"]),
        )
    out.print(table)
    return 0


def parse(file: Path, fmt: str, output: Path | None, out: Console, err: Console) -> int:
    """Print (or write) the canonical form of every report in ``file``.

    A dataset holds one report per row: with ``-o DIR`` each is written to its own file
    (``<name>.row-<N>.<fmt>``); to stdout they come as JSON Lines, never as TOML documents
    run together.
    """
    if not file.exists():
        raise UsageError(f"no such file: {file}")
    if output is not None:
        refuse_inputs(output, [file], "parse", folder=True)
    with using(limits_for(file)):
        results = list(read_path(file, default_host()))
    reports = [(r.source, r.report) for r in results if r.report is not None]
    for result in results:
        for issue in result.issues:
            where = issue.location.describe()
            err.print(
                f"[yellow]{issue.code}[/yellow] {escape(result.source)}: {escape(issue.message)}"
                + (f" ({escape(where)})" if where else "")
            )
    code = 2 if len(reports) < len(results) else 0
    if len(results) == 1 and output is not None and output.is_dir():
        output = output / f"{file.stem}.{fmt}"
    if len(reports) <= 1 and (output is None or not output.is_dir()):
        text = _canonical(reports[0][1], fmt) if reports else ""
        if output is not None:
            write_output(text.encode("utf-8"), output, [file], "parse")
        elif text:
            out.print(text, markup=False, end="")
        return code
    if output is None:
        if fmt == "toml":
            raise UsageError(
                f"{file} holds {len(results)} reports: give -o DIR to write one TOML file "
                "per report, or --format json for JSON Lines"
            )
        for _, report in reports:
            out.print(json.dumps(to_dict(report), ensure_ascii=False), markup=False)
        return code
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the directory {output}: {exc.strerror or exc}") from None
    for source, report in reports:
        row = source.rpartition("#")[2].replace(" ", "-") if "#" in source else "report"
        target = output / f"{file.stem}.{row}.{fmt}"
        write_output(_canonical(report, fmt).encode("utf-8"), target, [file], "parse")
    err.print(f"wrote {len(reports)} report(s) to {escape(str(output))}")
    return code


def _canonical(report: AnnualReport, fmt: str) -> str:
    return to_json(report) if fmt == "json" else to_toml(report)


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("gik_rules.model")
        .joinpath("report.schema.json")
        .read_text(encoding="utf-8")
    )
    return data


__all__ = ["Severity", "UsageError"]
