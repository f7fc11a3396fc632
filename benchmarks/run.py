"""`make bench`: throughput of gik-rules, as ratios measured within one run.

Each ``benchmarks/bench_*.py`` module defines ``CASES``: a list of ``(name, unit, fn)``
where ``fn()`` does one unit of work (reads one report, checks one report, ...). Every case
runs for about ``--seconds`` and is reported as units per second and as a ratio to the
first case, so that figures compare within one run on one machine. No case asserts a time.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
Case = tuple[str, str, Callable[[], object]]


def _cases(only: str | None) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases.extend(module.CASES)
    return cases


def _rate(fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm caches and imports outside the measurement
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or count < 3:
        fn()
        count += 1
    return count / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0, help="time per case")
    parser.add_argument("--only", help="run only bench_*.py modules whose name contains this")
    args = parser.parse_args(argv)
    cases = _cases(args.only)
    if not cases:
        print("no benchmark cases found", file=sys.stderr)
        return 1
    base: float | None = None
    print(f"{'case':<40} {'rate':>12}  {'ratio':>8}")
    for name, unit, fn in cases:
        rate = _rate(fn, args.seconds)
        base = base or rate
        print(f"{name:<40} {rate:>9.1f} {unit}/s  {rate / base:>7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
