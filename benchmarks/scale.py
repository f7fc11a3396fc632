"""`make bench`, the command line at scale: whole ``gik-rules check`` processes timed, with
their peak memory, on generated inputs.

- start-up: ``check`` of one canonical file (the median of several runs);
- canonical JSON files a second, end to end (``-q --format jsonl``, no cache);
- text reports a second, read and checked (the tab, pipe and Markdown layouts);
- ``-j 2`` against ``-j 1`` on the same canonical files;
- peak memory of a CSV dataset run at 1k, 10k and 100k rows (``--format jsonl``);
- ``check`` of the largest dataset against the obvious pandas script evaluating only its
  identities (``pandas_identities.py``, the ``bench`` extra): whole processes in
  interleaved pairs (ABAB), the median of each, and their ratio;
- a re-run answered from the cache, against the first run;
- PDFs a second, read and checked, through PDFium (the default) and through pdfplumber
  (the fallback), in interleaved pairs: the published PDFs of ``../shared/corpus`` when it
  is beside the repository (skipped otherwise).

Every figure is measured in this run, on this machine; ratios compare figures of the same
run. Peak memory is the child's own (``os.wait4``). ``--quick`` uses smaller inputs.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from gik_rules.model import AnnualReport
from gik_rules.model.canonical import to_json
from gik_rules.testing import consistent_reports
from gik_rules.testing.layouts import write

HERE = Path(__file__).resolve().parent
GIK = str(Path(sys.executable).with_name("gik-rules"))


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


def run(*args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak MiB of one ``gik-rules`` process, its output thrown away."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [GIK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"gik-rules {' '.join(args)} failed ({status})")
    return wall, usage.ru_maxrss / 1024


def median_run(repeat: int, *args: str) -> tuple[float, float]:
    runs = [run(*args) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), max(m for _, m in runs)


def _dataset_module() -> object:
    spec = importlib.util.spec_from_file_location("bench_dataset", HERE / "bench_dataset.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    args = parser.parse_args(argv)
    files = 200 if args.quick else 1000
    texts = 60 if args.quick else 300
    rows = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    reports = _sample(40)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print("| measure | figure |")
    print("|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        canonical = root / "canonical"
        canonical.mkdir()
        for n in range(files):
            report = reports[n % len(reports)]
            (canonical / f"r{n:05d}.json").write_text(to_json(report), encoding="utf-8")
        one = canonical / "r00000.json"

        wall, mem = median_run(5, "check", str(one), "-q", "--no-cache")
        print(f"| start-up: check of one canonical file | {wall:.2f} s, {mem:.0f} MiB |")

        j1, mem1 = median_run(3, "check", str(canonical), "-q", "--no-cache", "--format", "jsonl")
        print(f"| canonical JSON, end to end, -j 1 | {files / j1:,.0f} files/s ({mem1:.0f} MiB) |")
        j2, mem2 = median_run(
            3, "check", str(canonical), "-q", "--no-cache", "--format", "jsonl", "-j", "2"
        )
        print(
            f"| canonical JSON, end to end, -j 2 | {files / j2:,.0f} files/s ({mem2:.0f} MiB); "
            f"{j1 / j2:.2f}x -j 1 |"
        )

        cache = root / "cache"
        first, _ = run(
            "check", str(canonical), "-q", "--format", "jsonl", "--cache-dir", str(cache)
        )
        again, _ = median_run(
            3, "check", str(canonical), "-q", "--format", "jsonl", "--cache-dir", str(cache)
        )
        print(
            f"| re-run from the cache ({files:,} unchanged files) | {again:.2f} s; {first / again:.1f}x faster than the first run |"
        )

        text = root / "text"
        text.mkdir()
        from gik_rules.host import default_host

        host = default_host()
        layouts = ("tab", "pipes", "markdown")
        for n in range(texts):
            report = reports[n % len(reports)]
            variant = host.variants[report.meta.variant or "V2021"]
            layout = layouts[n % len(layouts)]
            (text / f"t{n:05d}.txt").write_text(write(report, variant, layout), encoding="utf-8")
        wall, mem = median_run(3, "check", str(text), "-q", "--no-cache", "--format", "jsonl")
        print(
            f"| text reports, read and checked, -j 1 | {texts / wall:,.0f} reports/s ({mem:.0f} MiB) |"
        )

        datasets = _dataset_module()
        for count in rows:
            path = root / f"rows{count}.csv"
            path.write_bytes(datasets.dataset(rows=count))  # type: ignore[attr-defined]
            wall, mem = run("check", str(path), "-q", "--no-cache", "--format", "jsonl")
            print(
                f"| CSV dataset, {count:,} rows, jsonl | {count / wall:,.0f} reports/s, peak {mem:.0f} MiB |"
            )
            if count != rows[-1]:
                path.unlink()
        _against_pandas(path, rows[-1], pairs=1 if args.quick else 3)
        _pdfs(root / "pdf", copies=4 if args.quick else 10)
    return 0


CORPUS = HERE.parent.parent / "shared" / "corpus"


def _pdfs(folder: Path, copies: int) -> None:
    """PDFs/s through each back end, whole processes in interleaved pairs."""
    published = sorted(CORPUS.glob("*.pdf"))
    if not published:
        print(f"| PDFs, read and checked | no PDFs at {CORPUS}: skipped |")
        return
    folder.mkdir()
    for n in range(copies):
        for pdf in published:
            (folder / f"{n:03d}-{pdf.name}").write_bytes(pdf.read_bytes())
    count = copies * len(published)
    args = ("check", str(folder), "-q", "--no-cache", "--format", "jsonl")
    fast, slow = [], []
    for _ in range(3):  # A B A B
        for backend, times in (("pdfium", fast), ("pdfplumber", slow)):
            env = {**os.environ, "GIK_RULES_PDF_BACKEND": backend}
            times.append(run(*args, env=env)[0])
    a, b = statistics.median(fast), statistics.median(slow)
    print(
        f"| PDFs, read and checked, -j 1 ({count} files) | PDFium {count / a:.1f} PDFs/s, "
        f"pdfplumber {count / b:.1f} PDFs/s: {b / a:.1f}x (median of 3 interleaved pairs) |"
    )


def _against_pandas(path: Path, count: int, pairs: int) -> None:
    """``check`` of the dataset against the pandas script, in interleaved pairs."""
    if importlib.util.find_spec("pandas") is None:
        print("| check against pandas | pandas missing: pip install -e '.[bench]' |")
        return
    script = [sys.executable, str(HERE / "pandas_identities.py"), str(path)]
    ours, theirs = [], []
    for _ in range(pairs):  # A B A B: drift of the machine falls on both alike
        ours.append(run("check", str(path), "-q", "--no-cache", "--format", "jsonl")[0])
        start = time.perf_counter()
        subprocess.run(script, check=True, stdout=subprocess.DEVNULL)
        theirs.append(time.perf_counter() - start)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(
        f"| CSV dataset, {count:,} rows: check against pandas identities only | "
        f"{a:.1f} s against {b:.1f} s: {a / b:.1f}x (median of {pairs} interleaved pairs) |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
