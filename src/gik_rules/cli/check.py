"""``gik-rules check``: settings per file, a stream of jobs, results written as they come.

Memory stays flat as the input grows: results go to the output format one by one and
only counters (and, with ``--write-baseline``, the baseline's entries) are kept. The one
exception is a ruleset with dataset rules (rules across reports), whose reports are
gathered before those rules run (the rest of their results waits in a temporary file:
``engine.result_store``).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

import attrs

from gik_rules.cli import startup_gc
from gik_rules.cli.consoles import escape
from gik_rules.cli.inputs import STDIN, expand
from gik_rules.cli.output import refuse_inputs
from gik_rules.cli.progress import RunProgress
from gik_rules.cli.summary import RunSummary
from gik_rules.cli.usage import UsageError
from gik_rules.config import (
    Config,
    ConfigError,
    Discovery,
    FileSettings,
    Layer,
    apply_layers,
    file_settings,
    read_config,
)
from gik_rules.engine.file_job import FileJob, iter_job
from gik_rules.engine.result import Fields, ReportResult
from gik_rules.engine.result_store import ResultStore
from gik_rules.host import Host, default_host
from gik_rules.ingest.input_file import read_stream
from gik_rules.ingest.limits import Limits, key_of, using
from gik_rules.ingest.manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestError,
    find_manifests,
    load_manifest,
)
from gik_rules.ruleset import Ruleset, RulesetError, ruleset_of

if TYPE_CHECKING:
    from rich.console import Console

    from gik_rules.engine.lean import Keep


@attrs.frozen
class CheckOptions:
    """How ``check`` finds its settings, runs, and reports its outcome."""

    config: Path | None = None  # this file's settings, for every input
    isolated: bool = False  # no configuration at all
    exit_zero: bool = False  # 0 even with error findings (2 still for usage errors)
    force_exclude: bool = False  # the excludes apply to files named, too
    show_settings: bool = False  # print each file's resolved settings, check nothing
    jobs: int = 1  # worker processes; 0: one per core
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address
    cache: bool = True
    cache_dir: Path | None = None
    quiet: bool = False  # findings only: no progress bar, no summary
    statistics: bool = False  # a per-rule table after the summary
    baseline: Path | None = None  # show only what is not in this baseline
    write_baseline: Path | None = None  # write the findings as a baseline here
    stdin_filename: str | None = None  # the name of what ``-`` reads
    follow_symlinks: bool = False  # walk symlinks out of the folders given, too


def warn_failed_plugins(host: Host, err: Console) -> None:
    for plugin in host.failed:
        err.print(
            f"[yellow]warning:[/yellow] plugin {escape(plugin.name)} was not loaded: {escape(plugin.error or '')}"
        )


def resolve_ruleset(
    host: Host, name: str, select: list[str] | None, extend: list[str], ignore: list[str]
) -> Ruleset:
    try:
        return ruleset_of(host, name, select=select, extend_select=extend, ignore=ignore)
    except RulesetError as exc:
        raise UsageError(str(exc)) from None


class Settings:
    """Each file's resolved ruleset, loaded once for each distinct selection."""

    def __init__(self, host: Host, discovery: Discovery, command_line: Layer, ruleset: str | None):
        self.host, self.discovery = host, discovery
        self.command_line, self.ruleset = command_line, ruleset
        self._bases: dict[str, Ruleset] = {}
        self._final: dict[tuple[str, frozenset[str]], Ruleset] = {}
        #: the ruleset of each distinct (name, layers): the files of a folder share theirs
        self._by_layers: dict[tuple[str, tuple[Layer, ...]], Ruleset] = {}
        self._valid: set[int] = set()
        #: the ruleset of the files of each configuration without per-file ignores
        self._by_config: dict[int, tuple[Config, Ruleset]] = {}

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
        key = (settings.ruleset, settings.layers)
        found = self._by_layers.get(key)
        if found is None:
            found = self._by_layers[key] = self._resolve(settings)
        return found

    def _resolve(self, settings: FileSettings) -> Ruleset:
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

    def of(self, file: Path) -> Ruleset:
        config = self.discovery.for_path(file)
        found = self._by_config.get(id(config))  # kept with it: the id stays its own
        if found is not None and found[0] is config:
            return found[1]
        ruleset = self.ruleset_for(self.settings(file))
        if not config.per_file_ignores:  # the same for each of its files
            self._by_config[id(config)] = (config, ruleset)
        return ruleset

    def limits_of(self, file: Path) -> Limits:
        """What ``file`` may hold: its configuration's ``[limits]``."""
        return self.discovery.for_path(file).limits


def stdin_name(options: CheckOptions) -> Path:
    """The name standard input is checked under (``--stdin-filename``)."""
    return Path(options.stdin_filename or STDIN)


def _discovery(options: CheckOptions) -> Discovery:
    try:
        explicit = read_config(options.config) if options.config is not None else None
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    return Discovery(isolated=options.isolated, explicit=explicit)


def show_settings(files: Sequence[Path], resolver: Settings, out: Console) -> int:
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
        changed = [
            f"{key_of(f.name)}={getattr(config.limits, f.name)}"
            for f in attrs.fields(Limits)
            if getattr(config.limits, f.name) != f.default
        ]
        if changed:
            lines.append(f"limits: {' '.join(changed)}")
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


#: the output formats that read a report's tables (its indicators), not only its metadata
READS_TABLES = ("html", "json")


def _keep(fmt: str, rulesets: Iterable[Ruleset], host: Host) -> Keep | None:
    """What the run keeps of each report once it is checked (``engine.lean.Keep``; None:
    the whole report): what its dataset rules read, and what the format writes of it
    (html: every table of a report with findings; json: the indicators; the others the
    metadata alone)."""
    from gik_rules.engine.lean import BARE, Keep, indicator_cells, run_keep

    if fmt == "html":
        return None
    output = Keep(indicator_cells(host.variants.values()), extent=False) if fmt == "json" else BARE
    return run_keep(rulesets, host.variants, output)


def _format_options(fmt: str, english: bool, host: Host) -> dict[str, Any]:
    """The options an output format takes: English messages, the rules for their
    descriptions, the form variants for the tables."""
    options: dict[str, Any] = {}
    if fmt in ("text", "junit", "github", "gitlab", "html"):
        options["english"] = english
    if fmt in ("sarif", "junit", "html"):
        options["rules"] = host.rules
    if fmt in READS_TABLES:
        options["variants"] = host.variants
    return options


def _inputs(paths: Sequence[str], files: Sequence[Path], manifest: Path | None) -> list[Path]:
    """Every file ``check`` reads: the reports, and the manifests beside or named."""
    found = [Path(p) / MANIFEST_NAME for p in paths if p != STDIN and Path(p).is_dir()]
    return [*files, *found, *([manifest] if manifest is not None else [])]


def _cache(options: CheckOptions) -> Any:
    if not options.cache:
        return None
    from gik_rules.cache import Cache, default_dir

    return Cache((options.cache_dir or default_dir()).absolute())


class _Run:
    """One ``check`` run: the jobs, in order, and what becomes of their results."""

    def __init__(self, host: Host, options: CheckOptions, manifest: Manifest | None) -> None:
        self.host, self.options, self.manifest = host, options, manifest
        self.cache = _cache(options)

    def jobs(
        self, rulesets: Mapping[Path, Ruleset], resolver: Settings, stdin: bytes | None
    ) -> Iterator[FileJob]:
        """A job per file, under the ruleset its settings resolved to."""
        if stdin is not None:
            name = stdin_name(self.options)
            yield FileJob(
                name,
                resolver.of(name),
                self.manifest,
                self.cache,
                data=stdin,
                limits=resolver.limits_of(name),
            )
        for file, ruleset in rulesets.items():
            yield FileJob(file, ruleset, self.manifest, self.cache, limits=resolver.limits_of(file))

    def results(
        self, jobs: Iterable[FileJob], progress: RunProgress, keep: Keep | None = None
    ) -> Iterator[tuple[Ruleset, ReportResult]]:
        """Every report's result with the ruleset it was checked with, in job order
        (``keep``: worker processes send each report lean, ``engine.lean.Keep``, for a
        run that reads no more of it)."""
        options = self.options
        if options.engine == "local" and options.jobs == 1:
            for job in jobs:
                yield from self._here(job, progress)
            return
        from gik_rules.engine.file_job import is_dataset
        from gik_rules.engine.parallel import EngineError, check_jobs
        from gik_rules.rules.catalog import loaded

        # A dataset is checked here, as its rows are read, whatever -j says: from a local
        # worker its results would come back (and be held) all at once. A cluster's
        # workers take it, as they take the files (a large table is split to spread).
        local = options.engine == "local"
        listed = [(job, local and is_dataset(job)) for job in jobs]
        for rule in self.host.rules.values():  # imported once here: forked workers share them
            loaded(rule.check)
        done = check_jobs(
            (job for job, here in listed if not here),
            workers=options.jobs,
            engine=options.engine,
            scheduler=options.scheduler,
            host=self.host,
            keep=keep,
        )
        try:
            for job, here in listed:
                if here:
                    yield from self._here(job, progress)
                    continue
                checked, results = next(done)
                assert checked is job  # check_jobs gives the jobs in their order
                progress.advance(len(results))
                for result in results:
                    yield job.ruleset, result
            for _ in done:  # none is left: this ends the pool
                raise AssertionError("check_jobs gave back a job it was not given")
        except EngineError as exc:  # Dask missing, a scheduler that cannot be reached
            raise UsageError(str(exc)) from None

    def _here(self, job: FileJob, progress: RunProgress) -> Iterator[tuple[Ruleset, ReportResult]]:
        """The job checked in this process, each report as it is checked (so that a big
        dataset streams)."""
        count = 0
        for result in iter_job(job, self.host):
            count += 1
            yield job.ruleset, result
        progress.advance(count)


def _with_dataset_findings(
    store: ResultStore, rulesets: Sequence[Ruleset], host: Host, manifest: Manifest | None
) -> Iterator[ReportResult]:
    """The dataset rules' findings added, the reports checked under one ruleset taken as
    one dataset (each configuration's reports are a dataset of their own), with the
    organs the manifest declares. Drains ``store``: each result is read back when it is
    given (written), let go after, and its dataset findings read back only then."""
    from gik_rules.engine.dataset import dataset_findings_by_key, dataset_keys, has_dataset_rules
    from gik_rules.engine.release import release_unused

    organs = manifest.declared() if manifest is not None else ()
    adders: dict[int, tuple[Callable[[Fields, str], ReportResult], list[str]]] = {}
    for tag, ruleset in enumerate(rulesets):
        kept = store.kept[tag]
        if not kept.reports or not has_dataset_rules(ruleset):
            continue
        keys = dataset_keys(kept.keys, kept.reports)
        kept.keys = []
        add = dataset_findings_by_key(
            kept.reports, keys, list(map(bool, kept.has_text)), ruleset, host.variants, organs
        )
        adders[tag] = (add, keys)
    release_unused()  # what the dataset rules freed, not held while the results are written
    for tag, place, fields in store.drain():  # each result made once, its findings added
        found = adders.get(tag)
        if found is None or place is None:
            yield ReportResult(*fields)
        else:
            add, keys = found
            yield add(fields, keys[place])


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
    started = time.perf_counter()
    host = default_host()
    warn_failed_plugins(host, err)
    command_line = Layer(
        "command line", tuple(select) if select is not None else None, tuple(extend), tuple(ignore)
    )
    try:  # the command line's selectors first: they are wrong whatever the files
        apply_layers((), [command_line], host.rules)
    except RulesetError as exc:
        raise UsageError(str(exc)) from None
    if options.scheduler is not None and options.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if options.jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per core) or more, not {options.jobs}")
    resolver = Settings(host, _discovery(options), command_line, ruleset_name)
    files = expand(
        paths,
        resolver.discovery,
        force_exclude=options.force_exclude,
        follow_symlinks=options.follow_symlinks,
    )
    # the baseline files are the run's own, not reports (when kept beside them)
    own = {p.resolve() for p in (options.baseline, options.write_baseline) if p is not None}
    if own:  # each file resolved only then (its folders' links followed: a stat each)
        files = [f for f in files if f.resolve() not in own]
    reads_stdin = STDIN in paths
    if not files and not reads_stdin:
        raise UsageError("no report files found in the given paths")
    rulesets = {file: resolver.of(file) for file in files}  # every file's settings valid first
    if options.show_settings:
        return show_settings(files, resolver, out)
    try:
        manifest = find_manifests([p for p in paths if p != STDIN])
        if manifest_path is not None:
            manifest = manifest.merge(load_manifest(manifest_path))
    except ManifestError as exc:
        raise UsageError(str(exc)) from None
    if output is not None and str(output) == "-":
        output = None  # "-o -": standard output
    inputs = _inputs(paths, files, manifest_path)
    for written in (output, options.write_baseline):
        if written is not None:
            refuse_inputs(written, inputs, "check")
    baseline_filter, collector = _review(options)
    stdin = None
    if reads_stdin:  # never more than the limit: ``check - < /dev/zero`` ends
        with using(resolver.limits_of(stdin_name(options))):
            stdin = read_stream(sys.stdin.buffer)
    run = _Run(host, options, manifest if (manifest.organs or manifest.reports) else None)
    summary = RunSummary()
    with contextlib.ExitStack() as stack:
        # what is loaded now (plugins, forms, rulesets) lives as long as the run: kept out
        # of the cyclic collector's sight until it ends, as results kept are (_gathered)
        gc.freeze()
        stack.callback(gc.unfreeze)
        startup_gc.release()  # what the reports make is the run's to collect
        stream = _open(output, out, stack)
        # the text format's console (a plain one on an -o file) takes its summary too
        text_console = _text_console(output, out, stream) if fmt == "text" else err
        from gik_rules.output import FORMATS

        fmt_options = _format_options(fmt, english, host)
        if fmt == "text":
            fmt_options.update(console=text_console, summary=False)
        writer = FORMATS[fmt](stream, **fmt_options)
        progress = stack.enter_context(
            RunProgress(len(files) + reads_stdin, err, quiet=options.quiet)
        )
        writer.start()
        distinct = list({id(r): r for r in rulesets.values()}.values())
        across = any(map(_has_dataset_rules, distinct))
        # a report is read again here only by the dataset rules and the output format:
        # what they read of it is all that local workers send
        pooled = options.engine == "local" and options.jobs != 1
        keep = _keep(fmt, distinct, host) if pooled else None
        pairs = run.results(run.jobs(rulesets, resolver, stdin), progress, keep)
        results: Iterable[ReportResult] = (result for _, result in pairs)
        if across:
            store = ResultStore()
            stack.callback(store.close)
            rulesets_run = _gathered(pairs, store)
            results = _with_dataset_findings(store, rulesets_run, host, run.manifest)
        for result in results:
            if collector is not None:
                collector.add(result)
            known = 0
            if baseline_filter is not None:
                result, known = baseline_filter.apply(result)
            summary.add(result, known=known)
            writer.add(result)
        writer.finish()
        if not options.quiet:
            closing = text_console
            closing.print()
            # the time only where a person watches: output stays the same run after run
            seconds = time.perf_counter() - started if closing.is_terminal else None
            summary.print(closing, seconds=seconds)
        if options.statistics:
            summary.print_statistics(text_console)
    if collector is not None and options.write_baseline is not None:
        from gik_rules.baseline import write_baseline

        written_baseline = write_baseline(collector.baseline(), options.write_baseline)
        if not options.quiet:
            err.print(
                f"wrote {len(written_baseline.entries):,} finding(s) to {escape(str(options.write_baseline))}"
            )
    if baseline_filter is not None and not options.quiet:
        stale = baseline_filter.stale()
        if stale:
            err.print(
                f"{len(stale):,} baseline entr{'y' if len(stale) == 1 else 'ies'} matched no finding "
                "(fixed, or not checked this time)",
                style="dim",
            )
    return summary.exit_code(exit_zero=options.exit_zero)


#: results gathered between two moves out of the collector's sight
_FREEZE_EVERY = 10_000


def _gathered(pairs: Iterable[tuple[Ruleset, ReportResult]], store: ResultStore) -> list[Ruleset]:
    """Every result, in ``store`` for the dataset rules, tagged with its ruleset's place
    in the list returned. What is kept in memory (the reports) is moved out of the
    cyclic collector's sight as it grows: each full collection would walk every report
    kept so far (a fifth of a 100,000-row dataset's time). Unfrozen when the run ends."""
    rulesets: list[Ruleset] = []
    tags: dict[int, int] = {}
    for count, (ruleset, result) in enumerate(pairs, 1):
        tag = tags.get(id(ruleset))
        if tag is None:
            tag = tags[id(ruleset)] = len(rulesets)
            rulesets.append(ruleset)
        store.add(result, tag)
        if count % _FREEZE_EVERY == 0:
            gc.freeze()
    return rulesets


def _has_dataset_rules(ruleset: Ruleset) -> bool:
    from gik_rules.engine.dataset import has_dataset_rules

    return has_dataset_rules(ruleset)


def _review(options: CheckOptions) -> tuple[Any, Any]:
    """The baseline filter (``--baseline``) and collector (``--write-baseline``)."""
    if options.baseline is None and options.write_baseline is None:
        return None, None
    from gik_rules.baseline import (
        BaselineCollector,
        BaselineError,
        BaselineFilter,
        read_baseline,
    )

    previous = None
    try:
        if options.baseline is not None:
            previous = read_baseline(options.baseline)
        elif options.write_baseline is not None and options.write_baseline.exists():
            previous = read_baseline(options.write_baseline)  # keep the reviewers' decisions
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    filter_ = BaselineFilter(previous) if options.baseline is not None and previous else None
    collector = BaselineCollector(previous) if options.write_baseline is not None else None
    return filter_, collector


def _open(output: Path | None, out: Console, stack: contextlib.ExitStack) -> TextIO:
    """Standard output, or the ``-o`` file, replaced in one step when the run ends well."""
    if output is None:
        return cast(TextIO, out.file)
    from gik_rules.fix.atomic import open_atomic

    try:
        return cast(TextIO, stack.enter_context(open_atomic(output)))
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _text_console(output: Path | None, out: Console, stream: IO[str]) -> Console:
    """Where the text format (and the text summary) goes: the terminal's console, with its
    colours, or a plain 120-column console on the ``-o`` file."""
    if output is None:
        return out
    from rich.console import Console

    return Console(file=stream, width=120, no_color=True, highlight=False, soft_wrap=True)
