"""The national ruleset over ``bench_check.py``'s reports for a fixed number of passes.

A whole process with a fixed amount of work, for timing two builds of gik-rules against
each other as interleaved pairs of processes (``/usr/bin/time``, one ``PYTHONPATH``
each) where in-process rates on shared cores are too noisy to compare::

    python benchmarks/check_passes.py 200

Prints the findings' digest, so that two builds are seen to find the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    passes = int(argv[0]) if argv else 100
    spec = importlib.util.spec_from_file_location("bench_check", HERE / "bench_check.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from gik_rules.api import check_report

    digest = hashlib.sha256()
    for _ in range(passes):
        for report in bench.REPORTS:
            check_report(report, bench.NATIONAL)
    for report in bench.REPORTS:
        digest.update(repr(check_report(report, bench.NATIONAL).findings).encode())
    print(f"{passes * len(bench.REPORTS)} reports, findings {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
