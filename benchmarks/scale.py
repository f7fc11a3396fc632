"""`make bench`, checking at scale: every figure of issue 10's list, measured in one run,
printed and written to ``benchmarks/RESULTS.md`` with the machine they were taken on.

- what two processes get done here against one (the ceiling of any ``-j 2``);
- in-memory reports checked a second with the national ruleset (this process);
- start-up: ``gik-rules check`` of one canonical file (the median of several runs), with
  the data cache warm and off, and ``gik-rules --version``;
- canonical JSON files a second, end to end (``-q --format jsonl --no-cache``), with
  and without the start-up;
- ``-j 2`` against ``-j 1`` on the same files, whole processes in interleaved pairs,
  with the national ruleset and without its dataset rules;
- a re-run answered from the cache, against the first run;
- text reports a second, read and checked (the tab, pipe and Markdown layouts);
- CSV datasets of 1k, 10k and 100k rows (``bench_dataset.py``'s generator, 1% faults):
  reports a second and peak memory, national ruleset;
- the largest dataset against the plain pandas script evaluating only its identities
  (``pandas_identities.py``, the ``bench`` extra), for the national ruleset and for the
  identities alone (``--select N301``): interleaved pairs (ABAB), the median of each;
- PDFs a second, read and checked, through PDFium (the default) and pdfplumber (the
  fallback), in interleaved pairs, and ``-j 2`` against ``-j 1`` on them: the published
  PDFs of ``../shared/corpus`` when it is beside the repository (skipped otherwise).

Every figure is measured in this run, on this machine; ratios compare figures of the same
run. Wall seconds are what a user waits; CPU seconds (user + system of the process and
its children) are shown beside them, since on a machine shared with other work the wall
clock also measures the others. Peak memory is the largest process's own (``os.wait4``
in a small launcher: ``LAUNCH``).
The gik-rules packages are compiled to bytecode first, as an installed package is.
``--quick`` uses smaller inputs; ``--no-write`` leaves RESULTS.md alone; ``--startup``
measures the machine's speed and the start-up alone (and leaves RESULTS.md alone).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from gik_rules.model import AnnualReport
from gik_rules.model.canonical import to_json
from gik_rules.testing import consistent_reports
from gik_rules.testing.layouts import write

HERE = Path(__file__).resolve().parent
GIK = str(Path(sys.executable).with_name("gik-rules"))
CORPUS = HERE.parent.parent / "shared" / "corpus"
RESULTS = HERE / "RESULTS.md"


class Run:
    """One whole process: wall and CPU seconds, peak MiB."""

    def __init__(self, wall: float, cpu: float, peak: float) -> None:
        self.wall, self.cpu, self.peak = wall, cpu, peak


def gik(*args: str) -> tuple[str, ...]:
    return (GIK, *args)


#: ``gik-rules`` as a user's install has it: without the bench extra's pandas, which
#: pyarrow imports at its first array when it finds it (some 30 MiB and 0.3 s of a dataset
#: check); a finder first in ``sys.meta_path`` makes its import fail as if it were absent
#: (pyarrow reads ``sys.modules``, so an entry of None there would not do).
_AS_INSTALLED = """\
import sys

class Absent:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, Absent())
sys.argv[0] = "gik-rules"
from gik_rules.cli.main import entry
sys.exit(entry())
"""


def gik_installed(*args: str) -> tuple[str, ...]:
    """``gik(*args)`` in an environment without pandas (``_AS_INSTALLED``)."""
    return (sys.executable, "-c", _AS_INSTALLED, *args)


#: Runs the command given it and prints its wall and CPU seconds, peak KiB and exit code.
#: A process started straight from this one would report this one's own peak as its
#: own (Linux carries the parent's high-water mark across vfork and exec: a figure after
#: a 100k dataset was made here said 477 MiB for a check that peaks at 376); one started
#: from this small launcher carries the launcher's, some 10 MiB.
LAUNCH = """\
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
print(wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """One process, its output thrown away, measured by the launcher."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCH, *command],
        stdout=subprocess.PIPE,
        env=env,
        check=True,
        text=True,
    )
    wall, cpu, peak, code = done.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code})")
    return Run(float(wall), float(cpu), int(peak) / 1024)


def median_run(repeat: int, args: Sequence[str], env: dict[str, str] | None = None) -> Run:
    runs = [run(args, env) for _ in range(repeat)]
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak for r in runs),
    )


#: pairs of each -j 2 against -j 1 row: a whole process of -j 2 varies by a tenth or more
#: from run to run on shared cores, and three pairs told 1.02x from 1.20x by chance
JOBS_PAIRS = 7


def pairs(count: int, a: Sequence[str], b: Sequence[str]) -> tuple[Run, Run, float]:
    """A and B in turn (ABAB: a drift of the machine falls on both alike): the median of
    each and the median of the pairs' wall ratios A/B."""
    runs_a, runs_b, ratios = [], [], []
    for _ in range(count):
        ra, rb = run(a), run(b)
        runs_a.append(ra)
        runs_b.append(rb)
        ratios.append(ra.wall / rb.wall)

    def med(runs: list[Run]) -> Run:
        return Run(
            statistics.median(r.wall for r in runs),
            statistics.median(r.cpu for r in runs),
            max(r.peak for r in runs),
        )

    return med(runs_a), med(runs_b), statistics.median(ratios)


def _sample(n: int) -> list[AnnualReport]:
    out: list[AnnualReport] = []

    @settings(
        max_examples=n, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(consistent_reports())
    def collect(report: AnnualReport) -> None:
        out.append(report)

    collect()
    return out


def _module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compile() -> None:
    """Bytecode for gik-rules and its plugins, as pip writes it for an installed package."""
    for name in ("gik_rules", "gik_rules_national", "gik_rules_shandong"):
        spec = importlib.util.find_spec(name)
        for root in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(root, quiet=1)


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    return (
        f"{model or platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


class Table:
    """The rows printed as they are measured, and kept for RESULTS.md."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []
        print("| measure | figure | target |")
        print("|---|---|---|")

    def add(self, measure: str, figure: str, target: str = "") -> None:
        self.rows.append((measure, figure, target))
        print(f"| {measure} | {figure} | {target} |", flush=True)


_SPIN = "x = 0\nfor i in range(20_000_000):\n    x += i\n"


def capacity(table: Table) -> None:
    """What two processes get done on this machine against one: two copies of a pure
    Python loop at once, against one alone (the ceiling of any -j 2 here)."""
    command = (sys.executable, "-c", _SPIN)
    alone = statistics.median(run(command).wall for _ in range(3))
    together = []
    for _ in range(3):
        start = time.perf_counter()
        processes = [subprocess.Popen(command) for _ in range(2)]
        for process in processes:
            process.wait()
        together.append(time.perf_counter() - start)
    table.add(
        "one pure Python loop (20 million additions), one core: this machine's speed now",
        f"{alone:.2f} s (compare runs of this file by it: shared virtual cores vary)",
    )
    table.add(
        "two processes at once against one (a pure Python loop, this machine's ceiling for -j 2)",
        f"{2 * alone / statistics.median(together):.2f}x the work in the same time",
    )


def in_memory(table: Table, seconds: float) -> None:
    """The national ruleset over generated reports in this process (run.py's case)."""
    bench = _module("bench_check")
    from gik_rules.api import check_report

    reports, ruleset = bench.REPORTS, bench.NATIONAL
    for report in reports:  # warm: plans, compiled identities, caches of each kind
        check_report(report, ruleset)
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        for report in reports:
            check_report(report, ruleset)
        done += len(reports)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    table.add(
        "in-memory reports checked, national ruleset, one core",
        f"{done / wall:,.0f} reports/s ({done / cpu:,.0f}/s of CPU)",
        "20,000/s",
    )


def startup(table: Table, root: Path, reports: list[AnnualReport]) -> Run:
    """``gik-rules check`` of one canonical file, the data cache warm and off, and
    ``gik-rules --version``: the median of 7 runs each."""
    one = root / "one.json"
    one.write_text(to_json(reports[0]), encoding="utf-8")
    run(gik("check", str(one), "-q", "--no-cache"))  # the data files parsed and kept
    start = median_run(7, gik("check", str(one), "-q", "--no-cache"))
    table.add(
        "start-up: `gik-rules check` of one canonical file",
        f"{start.wall:.2f} s wall, {start.cpu:.2f} s CPU, {start.peak:.0f} MiB",
        "< 0.25 s",
    )
    # the first run after an install or an edit parses every data file (docs/ci.md)
    cold = median_run(
        7, gik("check", str(one), "-q", "--no-cache"), dict(os.environ, GIK_RULES_DATA_CACHE_DIR="")
    )
    table.add(
        "start-up, the data cache off (the first run after an install or an edit)",
        f"{cold.wall:.2f} s wall, {cold.cpu:.2f} s CPU, {cold.peak:.0f} MiB",
        "",
    )
    version = median_run(7, gik("--version"))
    table.add(
        "start-up: `gik-rules --version`",
        f"{version.wall:.2f} s wall, {version.cpu:.2f} s CPU, {version.peak:.0f} MiB",
        "",
    )
    return start


def canonical(
    table: Table, root: Path, reports: list[AnnualReport], files: int, start: Run
) -> None:
    folder = root / "canonical"
    folder.mkdir()
    for n in range(files):
        report = reports[n % len(reports)]
        (folder / f"r{n:05d}.json").write_text(to_json(report), encoding="utf-8")
    args = gik("check", str(folder), "-q", "--no-cache", "--format", "jsonl")
    whole = median_run(3, args)
    table.add(
        f"canonical JSON files, end to end, -j 1 ({files:,} files)",
        f"{files / whole.wall:,.0f} files/s; {files / max(whole.wall - start.wall, 1e-9):,.0f}/s "
        f"after the start-up; CPU {whole.cpu:.2f} s, {whole.peak:.0f} MiB",
        "5,000/s",
    )
    two, one_job, ratio = pairs(JOBS_PAIRS, (*args, "-j", "2"), (*args, "-j", "1"))
    table.add(
        f"-j 2 against -j 1 ({files:,} canonical files, {JOBS_PAIRS} interleaved pairs)",
        f"{1 / ratio:.2f}x as fast ({two.wall:.2f} s against {one_job.wall:.2f} s wall; "
        f"CPU {two.cpu:.2f} s against {one_job.cpu:.2f} s)",
        "≥ 1.8x",
    )
    # without the dataset rules (run by the checking process alone, once every report is
    # in) the workers send their reports bare: what -j 2 gains on the report rules
    alone = (*args, "--ignore", "N8")
    two, one_job, ratio = pairs(JOBS_PAIRS, (*alone, "-j", "2"), (*alone, "-j", "1"))
    table.add(
        f"-j 2 against -j 1, no dataset rules (`--ignore N8`; {files:,} canonical files, "
        f"{JOBS_PAIRS} interleaved pairs)",
        f"{1 / ratio:.2f}x as fast ({two.wall:.2f} s against {one_job.wall:.2f} s wall; "
        f"CPU {two.cpu:.2f} s against {one_job.cpu:.2f} s)",
        "",
    )
    cache = root / "cache"
    cached = gik("check", str(folder), "-q", "--format", "jsonl", "--cache-dir", str(cache))
    first = run(cached)
    again = median_run(3, cached)
    table.add(
        f"re-run from the cache ({files:,} unchanged files)",
        f"{again.wall:.2f} s; {first.wall / again.wall:.1f}x faster than the first run",
    )


def text(table: Table, root: Path, reports: list[AnnualReport], count: int) -> None:
    from gik_rules.host import default_host

    folder = root / "text"
    folder.mkdir()
    host = default_host()
    layouts = ("tab", "pipes", "markdown")
    for n in range(count):
        report = reports[n % len(reports)]
        variant = host.variants[report.meta.variant or "V2021"]
        layout = layouts[n % len(layouts)]
        (folder / f"t{n:05d}.txt").write_text(write(report, variant, layout), encoding="utf-8")
    args = gik("check", str(folder), "-q", "--no-cache", "--format", "jsonl")
    done = median_run(3, args)
    table.add(
        f"text reports, read and checked, -j 1 ({count} files)",
        f"{count / done.wall:,.0f} reports/s (CPU {done.cpu:.2f} s, {done.peak:.0f} MiB)",
        "1,000/s",
    )
    two, one, ratio = pairs(JOBS_PAIRS, (*args, "-j", "2"), (*args, "-j", "1"))
    table.add(
        f"-j 2 against -j 1 ({count} text reports, {JOBS_PAIRS} interleaved pairs)",
        f"{1 / ratio:.2f}x as fast ({two.wall:.2f} s against {one.wall:.2f} s wall; "
        f"CPU {two.cpu:.2f} s against {one.cpu:.2f} s)",
        "≥ 1.8x",
    )


def datasets(table: Table, root: Path, counts: Sequence[int], pandas_pairs: int) -> None:
    generator = _module("bench_dataset")
    path = root / "rows.csv"
    args = ("check", str(path), "-q", "--no-cache", "--format", "jsonl")
    for count in counts:
        path.write_bytes(generator.dataset(rows=count))
        done = run(gik_installed(*args))
        table.add(
            f"CSV dataset, {count:,} rows, national ruleset, jsonl",
            f"{count / done.wall:,.0f} reports/s; peak {done.peak:.0f} MiB (CPU {done.cpu:.1f} s)",
            "< 300 MiB at 100k, flat from 10k",
        )
    if importlib.util.find_spec("pandas") is not None:
        beside = run(gik(*args))
        table.add(
            f"CSV dataset, {counts[-1]:,} rows, national ruleset, jsonl, pandas installed "
            "beside gik-rules (pyarrow imports it)",
            f"{counts[-1] / beside.wall:,.0f} reports/s; peak {beside.peak:.0f} MiB "
            f"(CPU {beside.cpu:.1f} s)",
        )
    against_pandas(table, path, counts[-1], pandas_pairs)


def against_pandas(table: Table, path: Path, count: int, repeat: int) -> None:
    if importlib.util.find_spec("pandas") is None:
        table.add("check against pandas", "pandas missing: pip install -e '.[bench]'")
        return
    script = (sys.executable, str(HERE / "pandas_identities.py"), str(path))
    base = gik_installed("check", str(path), "-q", "--no-cache", "--format", "jsonl")
    for label, args in (
        ("national ruleset", base),
        ("identities alone", (*base, "--select", "N301")),
    ):
        ours, theirs, ratio = pairs(repeat, args, script)
        table.add(
            f"CSV dataset, {count:,} rows, {label}, against the pandas identities script",
            f"{ratio:.2f}x its time ({ours.wall:.1f} s against {theirs.wall:.1f} s wall; CPU "
            f"{ours.cpu:.1f} s against {theirs.cpu:.1f} s; peak {ours.peak:.0f} against "
            f"{theirs.peak:.0f} MiB; median of {repeat} interleaved pairs)",
            "≤ 1.5x",
        )


def pdfs(table: Table, folder: Path, copies: int) -> None:
    published = sorted(CORPUS.glob("*.pdf"))
    if not published:
        table.add("PDFs, read and checked", f"no PDFs at {CORPUS}: skipped", "10/s")
        return
    folder.mkdir()
    for n in range(copies):
        for pdf in published:
            (folder / f"{n:03d}-{pdf.name}").write_bytes(pdf.read_bytes())
    count = copies * len(published)
    args = gik("check", str(folder), "-q", "--no-cache", "--format", "jsonl")
    fast, slow = [], []
    for _ in range(3):  # A B A B
        for backend, times in (("pdfium", fast), ("pdfplumber", slow)):
            env = {**os.environ, "GIK_RULES_PDF_BACKEND": backend}
            times.append(run(args, env=env).wall)
    a, b = statistics.median(fast), statistics.median(slow)
    table.add(
        f"PDFs, read and checked, -j 1 ({count} files)",
        f"PDFium {count / a:.1f} PDFs/s, pdfplumber {count / b:.1f} PDFs/s: {b / a:.1f}x "
        "(median of 3 interleaved pairs)",
        "10/s",
    )
    # a PDF takes tens of times a canonical file's work: the serial start-up and end
    # weigh least here
    two, one, ratio = pairs(JOBS_PAIRS, (*args, "-j", "2"), (*args, "-j", "1"))
    table.add(
        f"-j 2 against -j 1 ({count} PDFs, {JOBS_PAIRS} interleaved pairs)",
        f"{1 / ratio:.2f}x as fast ({two.wall:.2f} s against {one.wall:.2f} s wall; "
        f"CPU {two.cpu:.2f} s against {one.cpu:.2f} s)",
        "≥ 1.8x",
    )


NOTES = """\
## Reading the figures

- The first row is the speed of one core as the run began: on virtual cores shared with
  other machines it varies by a quarter or more from one hour to the next, and every
  figure with it. Compare two runs of this file by their ratios, or by their figures
  scaled by that row, not by their figures alone.
- A load average above the number of cores means other processes ran beside the
  benchmark: wall seconds then measure them too. CPU seconds (user and system, of the
  process and the workers it waited for) hardly do; compare those where the load was high.
- `-j 2` against `-j 1`: the checking process checks nothing itself (a file that crashes
  a native library fails alone): beside the two workers it reads their
  results (each report crosses as its fields, as lean as the dataset rules and the
  format let it: the national N803 and N807 read a report's text and tables; in batches
  of about 50 ms of a worker's time), and it starts up, runs the dataset rules (the national ruleset has eight) and
  writes the output alone, whatever `-j` says. On the 1,000 canonical files those are
  about a fifth of the `-j 1` time, which bounds `-j 2` to about 1.6x there even on two
  idle cores; the CPU figures show what parallel checking costs in all (reading results
  twice over, two processes warming up, two processes sharing the caches). Without
  dataset rules (`--ignore N8`) the workers send each report bare (its metadata alone)
  and the checking process rebuilds none, and there is no such serial end. The gain
  grows with the work a file takes (a PDF more than a text, a text more than a canonical
  file). No `-j 2` can gain more than two copies of a plain Python loop gain on the
  machine (the first row): virtual cores shared with other machines give less than two,
  and a load average above two (other work) leaves `-j 2` less than two cores.
- The in-memory figure is the national ruleset's report rules over the generated
  reports of `bench_check.py`; `python benchmarks/run.py --only check` prints it with
  the identity rule alone, and a profile (`python -m cProfile`) of `check_report` over
  them shows where a report's time goes: the rules' own work, most in N401 (the
  narrative against the tables), N301 (the identities), N901 (words written twice) and
  N105 (sub-heading numbers), the engine around them a small part (docs/scale.md, "What
  one report costs"). A CSV dataset's rows run the same rules but those that read the
  text (a row has none: planned as skipped, never called); there reading each row's
  metadata and the dataset rules take several times what the report rules take.
- The text figure reads and checks the tab, pipe and Markdown layouts of the generated
  reports: about four fifths of a report's time after the start-up is reading it, and
  of that well over half the tables (a third of those the cells: a `Cell` and its
  `SourceSpan` each), a tenth the headings, a tenth the document kind and the text's
  fold (docs/scale.md, "Where a text report's time goes");
  `python benchmarks/run.py --only layouts` reads one report of every layout in process.
- Peak memory is each command's own, taken by a small launcher process that starts it
  (`LAUNCH` in scale.py). Runs of this file before 2026-12-07 15:48 started commands
  straight from the benchmark process, and Linux gave each the benchmark's own high-water
  mark when that was larger: such a peak said the benchmark's memory, not gik-rules'
  (the start-up's 54 MiB, 32 MiB measured alone; the 100,000-row check's 489 MiB at
  13:42 and 477 MiB at 15:34, 376-385 MiB under `/usr/bin/time`). Their times stand.
- A CSV dataset is checked column by column (docs/datasets.md), read from the file in
  blocks (a file over 8 MiB is never held whole); its peak memory holds, with the
  national ruleset, every row's report (about 1.1 KB a row) until the dataset rules
  (across reports) have run, and their own work while they run: with `--select N301`
  the rows stream (docs/scale.md, "Memory with the dataset rules").
- The CSV dataset rows run gik-rules as a user's install has it: without pandas, which
  only `make bench` installs (for the script compared with). Where pandas is installed,
  pyarrow imports it at the first array or scalar it converts, and every dataset check
  pays for it: the row "pandas installed beside gik-rules" shows how much. Runs of this
  file before 2026-12-07 18:00 measured every dataset check with pandas beside it.
- Start-up (`gik-rules check` of one canonical file, `-q --no-cache`, the median of 7
  runs): bytecode compiled first, as pip compiles an installed package (a development
  checkout run with `PYTHONDONTWRITEBYTECODE` set has none, and starts slower), and the
  data cache warm (one run first): data files, ruleset and plugin entry points read
  once. The row with the data cache off is the first run after an install or an edit:
  every data file parsed, the entry points found through importlib.metadata.
  `python benchmarks/scale.py --startup` measures these rows alone (and the machine's
  speed, to compare them by); docs/scale.md says what start-up does and leaves out.
"""


def write_results(table: Table, machine: str, load: tuple[str, str], quick: bool) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/scale.py`; `benchmarks/run.py` prints the",
        "in-process cases as ratios). Every figure below was measured in one run on this",
        "machine; ratios compare figures of that run (interleaved pairs where marked).",
        "",
        f"- machine: {machine}",
        f"- load average (1, 5, 15 min) at the start: {load[0]}; at the end: {load[1]}",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        + (" (`--quick`: smaller inputs)" if quick else ""),
        "",
        "| measure | figure | target (issue 10) |",
        "|---|---|---|",
        *(f"| {m} | {f} | {t} |" for m, f, t in table.rows),
        "",
        NOTES,
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"written: {RESULTS}")


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    parser.add_argument(
        "--startup", action="store_true", help="only the start-up figures (RESULTS.md left alone)"
    )
    args = parser.parse_args(argv)
    files = 200 if args.quick else 1000
    texts = 60 if args.quick else 300
    rows = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    _compile()
    machine, load = _machine(), _load()
    print(f"machine: {machine}; load average {load}")
    table = Table()
    reports = _sample(40)
    started: list[Run] = []
    steps: list[Callable[[Path], None]] = [
        lambda root: capacity(table),
        lambda root: started.append(startup(table, root, reports)),
    ]
    if args.startup:
        with tempfile.TemporaryDirectory() as tmp:
            for step in steps:
                step(Path(tmp))
        return 0
    steps += [
        lambda root: in_memory(table, 2.0 if args.quick else 5.0),
        lambda root: canonical(table, root, reports, files, started[0]),
        lambda root: text(table, root, reports, texts),
        lambda root: datasets(table, root, rows, 1 if args.quick else 3),
        lambda root: pdfs(table, root / "pdf", 4 if args.quick else 10),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for step in steps:
            step(Path(tmp))
    if not args.no_write:
        write_results(table, machine, (load, _load()), args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
