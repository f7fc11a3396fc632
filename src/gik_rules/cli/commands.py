"""The work behind each ``gik-rules`` sub-command (kept apart from argument parsing)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TextIO, cast

import attrs
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gik_rules.cli.output import refuse_inputs, write_output
from gik_rules.cli.progress import with_progress
from gik_rules.cli.usage import UsageError
from gik_rules.cli.walk import excluded, walk
from gik_rules.config import (
    ConfigError,
    Discovery,
    FileSettings,
    Layer,
    apply_layers,
    file_settings,
    read_config,
)
from gik_rules.engine import ReportResult, check_paths
from gik_rules.engine.dataset import has_dataset_rules, with_dataset_findings
from gik_rules.host import Host, default_host
from gik_rules.ingest.manifest import MANIFEST_NAME, ManifestError, find_manifests, load_manifest
from gik_rules.ingest.reader import read_path
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import to_dict, to_json, to_toml
from gik_rules.output import render_json, write_results
from gik_rules.output.text_format import print_text
from gik_rules.rules import Rule, Severity
from gik_rules.ruleset import Ruleset, RulesetError, ruleset_of

REPORT_SUFFIXES = frozenset(
    {".txt", ".docx", ".html", ".htm", ".pdf", ".toml", ".json", ".csv", ".xlsx"}
)
UNREADABLE = frozenset({"P001", "P008"})


def expand(
    paths: Sequence[str], discovery: Discovery | None = None, *, force_exclude: bool = False
) -> list[Path]:
    """Files as given, and the report files under each directory, in a stable order
    (leaving out what the configuration excludes, ``.gitignore``d files and Python projects
    inside the directory). A file named is checked even if excluded, unless
    ``force_exclude``. A file named twice, or also found in a directory given, is listed
    once, where it first comes."""
    discovery = discovery or Discovery()
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if not (force_exclude and excluded(path, discovery.for_path(path), is_dir=True)):
                out.extend(walk(path, discovery, REPORT_SUFFIXES))
        elif path.exists():
            if not (force_exclude and excluded(path, discovery.for_path(path))):
                out.append(path)
        else:
            raise UsageError(f"no such file or directory: {raw}")
    seen: set[Path] = set()
    unique = []
    for path in out:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def resolve_ruleset(
    host: Host, name: str, select: list[str] | None, extend: list[str], ignore: list[str]
) -> Ruleset:
    try:
        return ruleset_of(host, name, select=select, extend_select=extend, ignore=ignore)
    except RulesetError as exc:
        raise UsageError(str(exc)) from None


def _warn_failed_plugins(host: Host, err: Console) -> None:
    for plugin in host.failed:
        err.print(
            f"[yellow]warning:[/yellow] plugin {escape(plugin.name)} was not loaded: {escape(plugin.error or '')}"
        )


@attrs.frozen
class CheckOptions:
    """How ``check`` finds its settings and reports its outcome."""

    config: Path | None = None  # this file's settings, for every input
    isolated: bool = False  # no configuration at all
    exit_zero: bool = False  # 0 even with error findings (2 still for usage errors)
    force_exclude: bool = False  # the excludes apply to files named, too
    show_settings: bool = False  # print each file's resolved settings, check nothing


class _Settings:
    """Each file's resolved ruleset, loaded once for each distinct selection."""

    def __init__(self, host: Host, discovery: Discovery, command_line: Layer, ruleset: str | None):
        self.host, self.discovery = host, discovery
        self.command_line, self.ruleset = command_line, ruleset
        self._bases: dict[str, Ruleset] = {}
        self._final: dict[tuple[str, frozenset[str]], Ruleset] = {}
        self._valid: set[int] = set()

    def settings(self, file: Path) -> FileSettings:
        config = self.discovery.for_path(file)
        if id(config) not in self._valid:
            try:
                config.validate(self.host.rules)
            except ConfigError as exc:
                raise UsageError(str(exc)) from None
            self._valid.add(id(config))
        return file_settings(file, config, self.command_line, self.ruleset)

    def ruleset_for(self, settings: FileSettings) -> Ruleset:
        name = settings.ruleset
        base = self._bases.get(name)
        if base is None:
            base = self._bases[name] = resolve_ruleset(self.host, name, None, [], [])
        try:
            codes = apply_layers(base.codes, settings.layers, self.host.rules)
        except RulesetError as exc:
            raise UsageError(str(exc)) from None
        if codes == frozenset(base.codes):
            return base
        key = (name, codes)
        if key not in self._final:
            self._final[key] = resolve_ruleset(self.host, name, sorted(codes), [], [])
        return self._final[key]


def _discovery(options: CheckOptions) -> Discovery:
    try:
        explicit = read_config(options.config) if options.config is not None else None
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    return Discovery(isolated=options.isolated, explicit=explicit)


def show_settings(files: Sequence[Path], resolver: _Settings, out: Console) -> int:
    """Each file's configuration, ruleset, selection layers and the rules it gets."""
    for file in files:
        settings = resolver.settings(file)
        ruleset = resolver.ruleset_for(settings)
        config = settings.config
        lines = [
            f"file: {file}",
            f"config: {config.path if config.path is not None else '(none)'}",
            f"ruleset: {settings.ruleset}",
            f"exclude: {list(config.excludes)}",
            f"respect-gitignore: {str(config.respect_gitignore).lower()}",
        ]
        for layer in settings.layers:
            parts = [
                *([f"select={list(layer.select)}"] if layer.select is not None else []),
                *([f"extend-select={list(layer.extend_select)}"] if layer.extend_select else []),
                *([f"ignore={list(layer.ignore)}"] if layer.ignore else []),
            ]
            if parts:
                lines.append(f"layer {layer.where}: {' '.join(parts)}")
        lines.append(f"rules ({len(ruleset.codes)}): {' '.join(ruleset.codes)}")
        out.print("\n".join(lines) + "\n", markup=False)
    return 0


def check(
    paths: Sequence[str],
    ruleset_name: str | None,
    select: list[str] | None,
    extend: list[str],
    ignore: list[str],
    fmt: str,
    english: bool,
    output: Path | None,
    out: Console,
    err: Console,
    manifest_path: Path | None = None,
    options: CheckOptions = CheckOptions(),
) -> int:
    """Check ``paths``, each file under its settings: the nearest configuration (or
    ``options.config``, or none if isolated), with the command line's ruleset and
    selection over it."""
    host = default_host()
    _warn_failed_plugins(host, err)
    command_line = Layer(
        "command line", tuple(select) if select is not None else None, tuple(extend), tuple(ignore)
    )
    try:  # the command line's selectors first: they are wrong whatever the files
        apply_layers((), [command_line], host.rules)
    except RulesetError as exc:
        raise UsageError(str(exc)) from None
    resolver = _Settings(host, _discovery(options), command_line, ruleset_name)
    files = expand(paths, resolver.discovery, force_exclude=options.force_exclude)
    if not files:
        raise UsageError("no report files found in the given paths")
    rulesets = {file: resolver.ruleset_for(resolver.settings(file)) for file in files}
    if options.show_settings:
        return show_settings(files, resolver, out)
    try:
        manifest = find_manifests(paths)
        if manifest_path is not None:
            manifest = manifest.merge(load_manifest(manifest_path))
    except ManifestError as exc:
        raise UsageError(str(exc)) from None
    if output is not None and str(output) == "-":
        output = None  # "-o -": standard output
    if output is not None:
        refuse_inputs(output, _inputs(paths, files, manifest_path), "check")
    seen: list[ReportResult] = []

    checked_with: dict[int, Ruleset] = {}

    def each() -> Iterator[ReportResult]:
        for file in files:
            for result in check_paths([file], rulesets[file], host, manifest=manifest):
                checked_with[id(result)] = rulesets[file]
                yield result

    def checked() -> Iterable[ReportResult]:
        results = with_progress(each(), len(files), err)
        if not any(has_dataset_rules(r) for r in rulesets.values()):
            return results  # streamed: nothing needs the other reports
        return _with_dataset_findings([(checked_with[id(r)], r) for r in results], host)

    def tracked() -> Iterator[ReportResult]:
        for result in checked():
            seen.append(result)
            yield result

    if fmt not in ("text", "json"):
        # The CI formats: straight to the terminal as they come (jsonl, github stream),
        # or into one atomic write of the -o file.
        buffer = io.StringIO()
        stream: TextIO = buffer if output is not None else cast(TextIO, out.file)
        write_results(tracked(), fmt, stream, **_format_options(fmt, english, host))
        text = buffer.getvalue()
        if output is None:
            stream.flush()
    elif fmt == "json":
        text = render_json(tracked())
    elif output is not None:  # the whole listing first: the file is written in one step
        buffer = io.StringIO()
        print_text(tracked(), Console(file=buffer, width=120), english=english)
        text = buffer.getvalue()
    else:
        print_text(tracked(), out, english=english)
        text = ""
    if output is not None:
        write_output(text.encode("utf-8"), output, _inputs(paths, files, manifest_path), "check")
    elif fmt == "json":
        out.print(text, markup=False, end="")
    if any(f.code in UNREADABLE for r in seen for f in r.findings):
        return 2
    return 1 if any(r.has_errors for r in seen) and not options.exit_zero else 0


def _with_dataset_findings(
    pairs: Sequence[tuple[Ruleset, ReportResult]], host: Host
) -> list[ReportResult]:
    """The dataset rules' findings added, the reports checked under one ruleset taken as
    one dataset (each configuration's reports are a dataset of their own)."""
    groups: dict[int, list[ReportResult]] = {}
    for ruleset, result in pairs:
        groups.setdefault(id(ruleset), []).append(result)
    merged: dict[int, ReportResult] = {}
    for ruleset, _ in pairs:
        group = groups.pop(id(ruleset), None)
        if group is not None:
            done = with_dataset_findings(group, ruleset, host.variants)
            merged.update({id(r): d for r, d in zip(group, done, strict=True)})
    return [merged[id(result)] for _, result in pairs]


def _format_options(fmt: str, english: bool, host: Host) -> dict[str, Any]:
    """The options a CI output format takes: English messages, the rules for their
    descriptions."""
    options: dict[str, Any] = {}
    if fmt in ("junit", "github", "gitlab"):
        options["english"] = english
    if fmt in ("sarif", "junit"):
        options["rules"] = host.rules
    return options


def _inputs(paths: Sequence[str], files: Sequence[Path], manifest: Path | None) -> list[Path]:
    """Every file ``check`` reads: the reports, and the manifests beside or named."""
    found = [Path(p) / MANIFEST_NAME for p in paths if Path(p).is_dir()]
    return [*files, *found, *([manifest] if manifest is not None else [])]


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
            p.name: {"default": p.default, "description": p.description} for p in rule.params
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
        lines += [f"- `{p.name}` (default `{p.default!r}`): {p.description}" for p in rule.params]
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
        refuse_inputs(output, [file], "parse")
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
