"""The ``gik-rules`` command line, on click.

Exit codes: 0 no error-severity finding; 1 error findings; 2 usage error or unreadable input.

Parsing only: the work of each sub-command is in :mod:`gik_rules.cli.commands`,
:mod:`gik_rules.cli.write_commands`, :mod:`gik_rules.cli.check` and
:mod:`gik_rules.cli.diff`.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gik_rules import __version__
from gik_rules.cli import startup_gc
from gik_rules.cli.consoles import escape, lazy_console
from gik_rules.cli.levels import LEVELS
from gik_rules.cli.usage import UsageError
from gik_rules.errors import ConfigError, PluginConflictError, RuleDataError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FINDINGS_CODES = ("0  no error finding", "1  error findings", "2  usage error or unreadable input")
# the commands that find nothing: 1 is never theirs
PLAIN_CODES = ("0  done", "2  usage error or unreadable input")
# click.Path does no checks of its own here: each command says in its own words what is
# wrong with a path (tests expect "no such file: …", not click's message).
PATH = click.Path(path_type=Path, readable=False)


def _epilog(*examples: str, codes: Sequence[str] = PLAIN_CODES) -> str:
    """The ``Examples:`` and ``Exit codes:`` blocks of a help page, kept as written (``\\b``
    stops click rewrapping them)."""
    lines = "\n".join(f"  {example}" for example in examples)
    exits = "\n".join(f"  {code}" for code in codes)
    return f"\b\nExamples:\n{lines}\n\n\b\nExit codes:\n{exits}"


def _expand_prefixes(command: click.Command, ctx: click.Context, args: list[str]) -> list[str]:
    """``args`` with each unique prefix of a long option spelt out (``--eng`` is
    ``--english``), as the argparse command line accepted; an ambiguous one is a usage
    error. Option values and everything after ``--`` are left as given; for a group, so is
    everything from the sub-command's name on (the sub-command expands its own). A short
    flag given alone (``-q``), and a short option given alone with its value after it
    (``-o FILE``), is spelt long too: click tries each short option as a long one first,
    and its error for the miss imports difflib (about 1% of a start-up). (Without its
    value a short option stays as given: click's error names it as typed.)"""
    takes_value: dict[str, bool] = {}
    spelt_long: dict[str, str] = {}
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            for opt in (*param.opts, *param.secondary_opts):
                takes_value[opt] = not param.is_flag and not param.count
            long = [opt for opt in param.opts if opt.startswith("--")]
            if not param.count and long:
                spelt_long.update((opt, long[0]) for opt in param.opts if opt not in long)
    longs = [opt for opt in takes_value if opt.startswith("--")]
    out: list[str] = []
    tokens = iter(args)
    for token in tokens:
        if token == "--" or not token.startswith("-") or token == "-":
            out.append(token)
            if token == "--" or isinstance(command, click.Group):
                out.extend(tokens)
                break
            continue
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if token.startswith("--") and name not in takes_value:
            matches = [opt for opt in longs if opt.startswith(name)]
            if len(matches) > 1:
                raise click.UsageError(
                    f"ambiguous option: {name} could match {', '.join(matches)}", ctx
                )
            if matches:
                name = matches[0]
        value_token = next(tokens, None) if not eq and takes_value.get(name) else None
        if value_token is not None or not takes_value.get(name):
            name = spelt_long.get(name, name)
        out.append(name + eq + value)
        if value_token is not None:  # the option's value, whatever it looks like
            out.append(value_token)
    return out


def _parse(
    command: click.Command,
    ctx: click.Context,
    args: list[str],
    parse: Callable[[click.Context, list[str]], list[str]],
) -> list[str]:
    """``parse`` the prefix-expanded ``args``; a usage error knows its command, so that its
    message names the right ``--help``."""
    try:
        return parse(ctx, _expand_prefixes(command, ctx, args))
    except click.UsageError as exc:
        if exc.ctx is None:
            exc.ctx = ctx
        raise


class _Command(click.Command):
    """A sub-command that accepts unique prefixes of its long options."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return _parse(self, ctx, args, super().parse_args)


class _Group(click.Group):
    """The ``gik-rules`` group: sub-commands listed in the order they are defined (check
    first), not alphabetically, and made as :class:`_Command`."""

    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return _parse(self, ctx, args, super().parse_args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def _commands() -> Any:
    """The sub-commands' work, imported when a command runs (``--help`` does not pay)."""
    from gik_rules.cli import commands

    return commands


def _write_commands() -> Any:
    from gik_rules.cli import write_commands

    return write_commands


def _split(values: Iterable[str]) -> list[str]:
    """Repeated, comma-separated selectors as one list."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _os_error(exc: OSError) -> str:
    """``nodir/x.txt: No such file or directory``: the path and the reason, on one line."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _print_error(err: Console, message: str) -> None:
    err.print(f"[red]error:[/red] {escape(message)}", markup=True, soft_wrap=True)


def _run(work: Callable[[Console, Console], int], *, starts_collector: bool = False) -> int:
    """Run one sub-command's work with the two consoles; what goes wrong on the command
    line, in the plugins or with a file is one line on stderr and exit code 2.
    ``starts_collector``: the work turns the garbage collector back on itself
    (``cli.startup_gc``), else it is on from here.

    Caught here rather than around click: click would turn a broken pipe into its own exit
    and ^C into a blank line."""
    if not starts_collector:
        startup_gc.release()
    out = lazy_console(highlight=False, soft_wrap=True)
    err = lazy_console(stderr=True, highlight=False)
    try:
        return work(out, err)
    except (UsageError, ConfigError) as exc:
        _print_error(err, str(exc))
        return EXIT_USAGE
    except (PluginConflictError, RuleDataError) as exc:  # the installed plugins disagree
        err.print(f"error: plugins cannot be loaded together: {exc}", markup=False, soft_wrap=True)
        return EXIT_USAGE
    except OSError as exc:  # a file that cannot be read or written: no traceback
        err.print(f"error: {_os_error(exc)}", markup=False, soft_wrap=True)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover
        return 130


#: The output formats of ``check`` and ``render`` (``gik_rules.output.FORMATS``,
#: ``gik_rules.render.FORMATS``; named here so that ``--help`` does not import them)
CHECK_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab", "html")
RENDER_FORMATS = ("md", "html", "txt", "docx")


def _format(*choices: str, default: str, help: str | None = None) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help,
    )


def _output(help: str) -> Callable[[Any], Any]:
    return click.option("-o", "--output", type=PATH, metavar="OUTPUT", help=help)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=False,  # no command is a usage error (exit 2), as it always was
    help="Read, check and write 政府信息公开工作年度报告 (government information disclosure annual reports).",
    epilog=_epilog(
        "gik-rules check reports/",
        "gik-rules rule N301",
        "gik-rules COMMAND --help",
        codes=FINDINGS_CODES,
    ),
)
@click.version_option(
    __version__, "--version", prog_name="gik-rules", message="%(prog)s %(version)s"
)
def cli() -> None:
    """The group: every sub-command does its own work."""


@cli.command(
    "check",
    short_help="check reports against a ruleset",
    help=(
        "Check report files, or the report files under directories, against a ruleset. "
        "Settings come from the nearest gik-rules.toml or pyproject.toml [tool.gik-rules] "
        "above each file; the command line's options override them."
    ),
    epilog=_epilog(
        "gik-rules check reports/",
        "gik-rules check r.docx --format json -o findings.json",
        "gik-rules check reports/ --select N3 --ignore blank-cell",
        "gik-rules check --show-settings reports/r.docx",
        "gik-rules check province/ -j 0 --format sarif -o findings.sarif",
        "gik-rules check 'reports/**/*.pdf' --baseline reviewed.toml",
        "cat r.txt | gik-rules check - --stdin-filename r.txt",
        codes=FINDINGS_CODES,
    ),
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--ruleset",
    metavar="RULESET",
    help="ruleset name or .toml file (default: the configuration's, else national)",
)
@click.option(
    "--select",
    multiple=True,
    metavar="SEL",
    help="only these rules (codes, prefixes, names, groups; comma-separated)",
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="SEL",
    help="add these rules to the ruleset's selection",
)
@click.option("--ignore", multiple=True, metavar="SEL", help="leave out these rules")
@_format(
    *CHECK_FORMATS,
    default="text",
    help="text, json, jsonl (streamed), sarif (2.1.0), junit, github (workflow annotations), gitlab (code quality) or html (one self-contained page)",
)
@click.option("--english", is_flag=True, help="English messages (text, junit, github, gitlab)")
@_output("write the report here instead of stdout ('-' for stdout)")
@click.option(
    "--manifest",
    type=PATH,
    metavar="MANIFEST",
    help="dataset manifest (organ ids, hierarchy, dates); default: gik-dataset.toml in each directory",
)
@click.option(
    "--config",
    "config_file",
    type=PATH,
    metavar="FILE",
    help="settings from this file (gik-rules.toml or pyproject.toml), not the nearest one",
)
@click.option("--isolated", is_flag=True, help="ignore all configuration files")
@click.option("--exit-zero", is_flag=True, help="exit 0 even with error findings")
@click.option("--force-exclude", is_flag=True, help="apply the excludes to files named, too")
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="follow symlinks that lead out of the folders and patterns given (never by default)",
)
@click.option(
    "--show-settings", is_flag=True, help="print each file's resolved settings; check nothing"
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="check in this many processes (0: one per core)",
)
@click.option(
    "--engine",
    type=click.Choice(("local", "dask")),
    default="local",
    show_default=True,
    help="where the checks run: here, or on a Dask cluster (gik-rules[dask])",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="the Dask scheduler (default: a local cluster)"
)
@click.option("--no-cache", is_flag=True, help="check every file again, ignoring the cache")
@click.option(
    "--cache-dir",
    type=PATH,
    metavar="DIR",
    help="the cache folder (default: $GIK_RULES_CACHE_DIR, else .gik-rules-cache)",
)
@click.option("-q", "--quiet", is_flag=True, help="findings only: no progress bar or summary")
@click.option("--statistics", is_flag=True, help="a table of findings per rule after the summary")
@click.option(
    "--baseline",
    type=PATH,
    metavar="FILE",
    help="show only findings not in this baseline; dismissed ones are listed apart",
)
@click.option(
    "--write-baseline",
    type=PATH,
    metavar="FILE",
    help="write every finding to this baseline (keeping the reviewers' decisions)",
)
@click.option(
    "--stdin-filename", metavar="NAME", help="the name (and so the format) of what '-' reads"
)
def check_command(
    paths: tuple[str, ...],
    ruleset: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    english: bool,
    output: Path | None,
    manifest: Path | None,
    config_file: Path | None,
    isolated: bool,
    exit_zero: bool,
    force_exclude: bool,
    follow_symlinks: bool,
    show_settings: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    no_cache: bool,
    cache_dir: Path | None,
    quiet: bool,
    statistics: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    stdin_filename: str | None,
) -> int:
    from gik_rules.cli import check

    if config_file is not None and isolated:
        raise click.UsageError("--config is not allowed with --isolated")
    options = check.CheckOptions(
        config_file,
        isolated,
        exit_zero,
        force_exclude,
        show_settings,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache=not no_cache,
        cache_dir=cache_dir,
        quiet=quiet,
        statistics=statistics,
        baseline=baseline,
        write_baseline=write_baseline,
        stdin_filename=stdin_filename,
        follow_symlinks=follow_symlinks,
    )
    return _run(
        lambda out, err: check.check(
            paths,
            ruleset,
            _split(select) if select else None,  # not given: the ruleset's own selection
            _split(extend_select),
            _split(ignore),
            fmt,
            english,
            output,
            out,
            err,
            manifest,
            options,
        ),
        starts_collector=True,
    )


@cli.command(
    "rules",
    short_help="list the rules of the installed plugins",
    help="List the rules of the installed plugins: code, name, severity, groups, summary.",
    epilog=_epilog("gik-rules rules", "gik-rules rules --format json"),
)
@_format("text", "json", default="text")
def rules_command(fmt: str) -> int:
    return _run(lambda out, err: _commands().list_rules(fmt, out))


@cli.command(
    "rule",
    short_help="explain one rule",
    help="Explain one rule, by code or name: what it checks, why, examples, legal source.",
    epilog=_epilog("gik-rules rule N301", "gik-rules rule identity-mismatch --format json"),
)
@click.argument("code_or_name", metavar="CODE_OR_NAME")
@_format("text", "json", default="text")
def rule_command(code_or_name: str, fmt: str) -> int:
    return _run(lambda out, err: _commands().explain_rule(code_or_name, fmt, out, err))


@cli.command(
    "plugins",
    short_help="list loaded and failed plugins",
    help="List the installed plugins, loaded and failed, with their rules and form variants.",
    epilog=_epilog("gik-rules plugins", "gik-rules plugins --format json"),
)
@_format("text", "json", default="text")
def plugins_command(fmt: str) -> int:
    return _run(lambda out, err: _commands().list_plugins(fmt, out))


@cli.command(
    "parse",
    short_help="read a report and print its canonical form",
    help=(
        "Read a report and print its canonical form. A dataset (.csv, .xlsx) holds one "
        "report per row: JSON Lines on stdout, or one file per report with -o DIR."
    ),
    epilog=_epilog(
        "gik-rules parse report.docx > report.toml",
        "gik-rules parse report.pdf --format json",
        "gik-rules parse reports.csv -o canonical/",
        codes=("0  every report read", "2  usage error, or a report (a row) unreadable"),
    ),
)
@click.argument("file", type=PATH, metavar="FILE")
@_format("toml", "json", default="toml")
@_output("a file, or a directory (one file per report of a dataset)")
def parse_command(file: Path, fmt: str, output: Path | None) -> int:
    return _run(lambda out, err: _commands().parse(file, fmt, output, out, err))


@cli.command(
    "schema",
    short_help="print the JSON Schema of the canonical form",
    help="Print the JSON Schema of the canonical form (what parse writes as JSON).",
    epilog=_epilog("gik-rules schema > report.schema.json"),
)
def schema_command() -> int:
    def work(out: Console, err: Console) -> int:
        out.print(json.dumps(_commands().schema(), ensure_ascii=False, indent=2), markup=False)
        return EXIT_OK

    return _run(work)


@cli.command(
    "render",
    short_help="write a report as Markdown, HTML, .docx or text",
    help="Write a report as Markdown, HTML, .docx or text, from the jurisdiction's templates.",
    epilog=_epilog(
        "gik-rules render report.toml --to md",
        "gik-rules render report.toml -o report.docx",
        "gik-rules render report.toml -o report.html --jurisdiction shandong",
    ),
)
@click.argument("report", type=PATH, metavar="REPORT")
@click.option(
    "--to", type=click.Choice(RENDER_FORMATS), help="output format (default: from -o's suffix)"
)
@_output("write here instead of stdout")
@click.option("--jurisdiction", default="national", metavar="JURISDICTION", help="templates to use")
def render_command(report: Path, to: str | None, output: Path | None, jurisdiction: str) -> int:
    return _run(
        lambda out, err: _write_commands().run(
            lambda: _write_commands().render(report, to, output, jurisdiction, out, err)
        )
    )


@cli.command(
    "new",
    short_help="write a skeleton report (canonical TOML) to fill in",
    help="Write a skeleton report to fill in: canonical TOML (or JSON) with every cell blank.",
    epilog=_epilog(
        "gik-rules new --organ 示例市商务局 --year 2024 --level department -o r.toml",
        "gik-rules new --organ 示例县人民政府 --year 2024 --level 政府 --format json",
    ),
)
@click.option("--organ", required=True, metavar="ORGAN", help="the organ's full name")
@click.option("--year", required=True, type=int, metavar="YEAR", help="the report year")
@click.option("--level", required=True, type=click.Choice(list(LEVELS)), help="kind of organ")
@click.option("--jurisdiction", default="national", metavar="JURISDICTION", help="templates to use")
@_format("toml", "json", default="toml")
@_output("write here instead of stdout")
@click.option("--force", is_flag=True, help="overwrite an existing output file")
def new_command(
    organ: str,
    year: int,
    level: str,
    jurisdiction: str,
    fmt: str,
    output: Path | None,
    force: bool,
) -> int:
    return _run(
        lambda out, err: _write_commands().run(
            lambda: _write_commands().new(organ, year, level, jurisdiction, fmt, output, force, out)
        )
    )


@cli.command(
    "fix",
    short_help="apply safe fixes, each answering a rule's finding",
    help=(
        "Apply safe fixes, each answering a rule's finding, and list them. The fixed report "
        "is written to -o OUTPUT (.toml, .json, .md, .html, .txt, .docx) or over REPORT with "
        "--in-place; without either, nothing is written. A text or .docx report written in "
        "its own format is the file itself with only the fixes made in it (an HTML page or "
        "PDF is not edited: write it to .toml or another format). --diff prints the change "
        "and writes nothing. Exit code 1 when error findings remain."
    ),
    epilog=_epilog(
        "gik-rules fix report.toml -o fixed.toml",
        "gik-rules fix report.toml --in-place --blank-as-zero",
        "gik-rules fix report.docx --format json",
        "gik-rules fix report.txt --diff",
        codes=(
            "0  no error finding left",
            "1  error findings left",
            "2  usage error or unreadable input",
        ),
    ),
)
@click.argument("report", type=PATH, metavar="REPORT")
@_output("write the fixed report here")
@click.option("--in-place", is_flag=True, help="replace REPORT (atomically)")
@click.option("--diff", is_flag=True, help="print the change as a unified diff; write nothing")
@click.option("--blank-as-zero", is_flag=True, help="write blank cells as 0")
@click.option(
    "--ruleset", default="national", metavar="RULESET", help="ruleset whose findings to fix"
)
@click.option(
    "--jurisdiction",
    metavar="JURISDICTION",
    help="templates to use (default: the ruleset's, else national)",
)
@_format("text", "json", default="text", help="listing format")
def fix_command(
    report: Path,
    output: Path | None,
    in_place: bool,
    diff: bool,
    blank_as_zero: bool,
    ruleset: str,
    jurisdiction: str | None,
    fmt: str,
) -> int:
    if output is not None and in_place:  # argparse's mutually exclusive group, by hand
        raise click.UsageError("-o/--output is not allowed with --in-place")
    if diff and (output is not None or in_place):
        raise click.UsageError("--diff writes nothing: not with -o/--output or --in-place")
    return _run(
        lambda out, err: _write_commands().run(
            lambda: _write_commands().fix(
                report,
                output,
                in_place,
                blank_as_zero,
                ruleset,
                jurisdiction,
                fmt,
                out,
                err,
                diff=diff,
            )
        )
    )


@cli.command(
    "diff",
    short_help="two reports side by side: cells, carried-over text, findings",
    help=(
        "Put two reports side by side (two years of one organ, or a report and its "
        "corrected version): every table cell with both values and the change, each "
        "section with the text carried over unchanged, and the findings new, fixed and "
        "unchanged under the ruleset."
    ),
    epilog=_epilog(
        "gik-rules diff report-2023.pdf report-2024.pdf",
        "gik-rules diff report.docx fixed.toml --format json",
        "gik-rules diff 2023.txt 2024.txt --format html -o diff.html",
    ),
)
@click.argument("old", type=PATH, metavar="OLD")
@click.argument("new", type=PATH, metavar="NEW")
@click.option(
    "--ruleset",
    "ruleset_name",
    default="national",
    show_default=True,
    metavar="NAME",
    help="check both reports with this ruleset (a name or a TOML file)",
)
@_format("text", "json", "html", default="text")
@click.option("--english", is_flag=True, help="English messages and page")
@_output("write here instead of stdout")
def diff_command(
    old: Path, new: Path, ruleset_name: str, fmt: str, english: bool, output: Path | None
) -> int:
    def work(out: Console, err: Console) -> int:
        from gik_rules.cli.diff import diff

        return diff(old, new, ruleset_name, fmt, english, output, out)

    return _run(work)


def _usage_line(exc: click.UsageError) -> str:
    """click's own usage error as one line: the message (a missing choice's list of choices
    folded in) and where to find help."""
    message = " ".join(exc.format_message().split())
    if not message.endswith((".", "?", "!")):
        message += "."
    where = exc.ctx.command_path if exc.ctx is not None else "gik-rules"
    return f"{message} Try '{where} --help' for help."


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gik-rules`` on ``argv`` (default: the process's arguments) and return its exit
    code; never calls :func:`sys.exit`, so that tests and scripts can call it."""
    try:
        code = cli.main(
            args=list(argv) if argv is not None else sys.argv[1:],
            prog_name="gik-rules",
            standalone_mode=False,  # errors come here to be printed on one line
            windows_expand_args=False,  # the arguments as the shell gave them, as argparse did
        )
    except click.UsageError as exc:
        _print_error(lazy_console(stderr=True, highlight=False), _usage_line(exc))
        return EXIT_USAGE
    except click.ClickException as exc:  # pragma: no cover - no command raises another
        _print_error(lazy_console(stderr=True, highlight=False), exc.format_message())
        return exc.exit_code
    except click.Abort:  # pragma: no cover - ^C while click parses
        return 130
    return code if isinstance(code, int) else EXIT_OK


def entry() -> None:
    """The ``gik-rules`` console script: :func:`main`, then the process's exit."""
    startup_gc.hold()  # until the command's work starts (cli.startup_gc)
    code = main()
    # The process ends here and what it holds goes with it: frozen, the plugins, forms and
    # rules loaded are not walked once more by the collector on the way out (about 15%
    # of a one-file check). Only here: a caller of ``main`` goes on.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
