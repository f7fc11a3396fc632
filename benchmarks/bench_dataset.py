"""Checking a 10,000-row CSV dataset (1% of the rows with an arithmetic fault): N301
column-wise (``engine.columnar``, what ``check_paths`` does) against N301 per report,
and a plain numpy baseline that only evaluates the identities.

``python benchmarks/bench_dataset.py`` prints the times once; ``make bench`` runs the
same as cases (one dataset per unit), as ratios within one run.
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
import time
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings

from gik_rules.api import load_ruleset
from gik_rules.engine.run import check_paths, check_read
from gik_rules.host import default_host
from gik_rules.ingest.dataset_columns import template_header
from gik_rules.ingest.reader import read_path
from gik_rules.model import AnnualReport
from gik_rules.testing import consistent_reports

ROWS = 10_000
FAULTS = 0.01
HOST = default_host()
NATIONAL = load_ruleset("national", host=HOST)
HEADER = template_header({k: HOST.variants[k] for k in ("V2019", "V2021")})


def _sample(n: int = 40) -> list[AnnualReport]:
    out: list[AnnualReport] = []

    @settings(
        max_examples=n, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(consistent_reports("V2021"))
    def collect(report: AnnualReport) -> None:
        out.append(report)

    collect()
    return out


def dataset(rows: int = ROWS, faults: float = FAULTS, seed: int = 1) -> bytes:
    """A CSV of ``rows`` reports, a ``faults`` share of them with one figure off by one."""
    rng = random.Random(seed)
    reports = _sample()
    variant = HOST.variants["V2021"]
    used = sorted({c for i in variant.identities for c in i.cells})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for n in range(rows):
        report = reports[n % len(reports)]
        row = {cid: str(cell.value) for cid, cell in report.cells.items()}
        if rng.random() < faults:
            cid = rng.choice(used)
            row[cid] = str(int(row[cid]) + 1)
        row.update(
            organ=f"示例市第{n}局",
            year=str(report.meta.year),
            variant="V2021",
            organ_id=f"o{n}",
            parent_id="p0",
        )
        writer.writerow([row.get(h, "") for h in HEADER])
    return out.getvalue().encode("utf-8")


DATA = dataset()
_DIR = tempfile.TemporaryDirectory()
PATH = Path(_DIR.name) / "reports.csv"
PATH.write_bytes(DATA)


def columnar() -> int:
    return sum(len(r.findings) for r in check_paths([PATH], NATIONAL, HOST))


def per_report() -> int:
    return sum(len(check_read(r, NATIONAL, HOST).findings) for r in read_path(PATH, HOST))


def numpy_baseline() -> int:
    """Only the identities: the CSV to an integer matrix, one matrix product."""
    variant = HOST.variants["V2021"]
    rows = list(csv.reader(io.StringIO(DATA.decode("utf-8"))))
    header = {h: k for k, h in enumerate(rows[0])}
    cells = sorted({c for i in variant.identities for c in i.cells})
    matrix = np.array([[int(r[header[c]] or 0) for c in cells] for r in rows[1:]], np.int64)
    signs = np.zeros((len(cells), len(variant.identities)), np.int64)
    index = {c: k for k, c in enumerate(cells)}
    for j, identity in enumerate(variant.identities):
        for c in identity.lhs:
            signs[index[c], j] += 1
        for c in identity.rhs:
            signs[index[c], j] -= 1
    return int(np.count_nonzero(matrix @ signs))


CASES = [
    ("dataset 10k rows: N301 per report", "datasets", per_report),
    ("dataset 10k rows: N301 columnar", "datasets", columnar),
    ("dataset 10k rows: numpy identities only", "datasets", numpy_baseline),
]


def main() -> None:
    times = {}
    for name, _, fn in CASES:
        start = time.perf_counter()
        found = fn()
        times[name] = time.perf_counter() - start
        print(f"{name:<45} {times[name]:8.2f} s  ({found} findings or failing pairs)")
    base = times[CASES[0][0]]
    for name, _, _ in CASES[1:]:
        print(f"{name:<45} {base / times[name]:8.2f}x faster than per report")


if __name__ == "__main__":
    main()
