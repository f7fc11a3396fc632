"""How much of a flattened report the text reader recovers.

Generated reports of both form variants are written as archive dumps (``flattened``: the
whole body on one line, each table's figures run together or spaced at random) and read
back. Per table, the share of cells recovered with their true value, the share left
unread and reported (P011 run-ambiguous, P007 cell-count), and the share read wrong
(which must be 0). Deterministic: the same reports every run.

    .venv/bin/python benchmarks/flattened_recovery.py [--reports N]
"""

from __future__ import annotations

import argparse
from collections import Counter

from hypothesis import HealthCheck, Phase, given, settings

from gik_rules.host import default_host
from gik_rules.ingest.reader import read_bytes
from gik_rules.testing.layouts import Written, written_reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args(argv)
    host = default_host()
    counts: Counter[tuple[str, str]] = Counter()
    reports = Counter[str]()

    @settings(
        max_examples=args.reports,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(written=written_reports(layout="flattened"))
    def run(written: Written) -> None:
        result = next(read_bytes(written.text.encode(), "dump.txt", host))
        assert result.report is not None
        reports[written.report.meta.variant or "?"] += 1
        reported = {(i.location.table, i.location.row) for i in result.issues}
        for cid, cell in written.report.cells.items():
            table, row, _ = cid.split(".")
            got = result.report.cells.get(cid)
            if got is not None and got.value == cell.value and got.value is not None:
                counts[table, "recovered"] += 1
            elif (table, row) in reported:
                counts[table, "reported"] += 1
            else:
                counts[table, "wrong"] += 1

    run()
    print(
        f"{sum(reports.values())} flattened reports ({', '.join(f'{v} {k}' for k, v in sorted(reports.items()))})"
    )
    print(f"{'table':<8}{'cells':>8}{'recovered':>12}{'reported':>11}{'wrong':>8}")
    for table in sorted({t for t, _ in counts}):
        total = sum(counts[table, k] for k in ("recovered", "reported", "wrong"))
        shares = [counts[table, k] / total for k in ("recovered", "reported", "wrong")]
        print(f"{table:<8}{total:>8}" + "".join(f"{s:>11.1%}" for s in shares))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
