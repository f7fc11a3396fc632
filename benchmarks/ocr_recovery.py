"""How much of a report printed, scanned or saved in another office format is read back.

Generated reports of both form variants (``gik_rules.testing.strategies``) are rendered to
.docx, converted by LibreOffice and read back as a user would meet them:

- ``scan``: printed to PDF, rasterised by pdftoppm, wrapped as a PDF of page images (OCR);
- ``lineless``: printed to PDF with the tables' borders removed (word positions);
- ``lineless-scan``: the same, scanned (OCR and word positions);
- ``doc``, ``odt``: saved as Word 97-2003 and OpenDocument files.

Each table figure of the report is counted once: ``exact`` (read with its true value),
``reported`` (not taken, and a finding says so: P015 for OCR, P005/P007 for a row not
read), or ``wrong`` (a false value taken as certain: must be 0). ``text layer`` (the
ruled print read from its text layer) and ``docx`` give the same count for the baseline
the other versions are held to. The same reports every run (the script runs itself
with ``PYTHONHASHSEED=0``).

    .venv/bin/python benchmarks/ocr_recovery.py --kind scan [--reports N] [--engine rapidocr]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.result import ReadResult
from gik_rules.model import AnnualReport, Provenance
from gik_rules.testing.scanned import image_pdf, office_file, rasterise, report_docx
from gik_rules.testing.strategies import consistent_reports

KINDS = ("scan", "lineless", "lineless-scan", "doc", "odt")


def reports(count: int) -> list[AnnualReport]:
    """``count`` generated reports, the same every run."""
    out: list[AnnualReport] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(report=st.sampled_from(["V2019", "V2021"]).flatmap(consistent_reports))
    def collect(report: AnnualReport) -> None:
        out.append(report)

    collect()
    return out[:count]


def versions(report: AnnualReport, kind: str, dpi: int) -> Iterator[tuple[str, str, bytes]]:
    """(name, file name, bytes) of the files to read: the text-layer baseline, then ``kind``."""
    if kind in ("doc", "odt"):
        yield "docx", "r.docx", report_docx(report)
        yield kind, f"r.{kind}", office_file(report, kind)
        return
    pdf = office_file(report, "pdf")
    if kind != "lineless-scan":
        yield "text layer", "r.pdf", pdf
    if kind.startswith("lineless"):
        pdf = office_file(report, "pdf", lineless=True)
        yield "lineless", "lineless.pdf", pdf
    if kind.endswith("scan"):
        yield kind, "scan.pdf", image_pdf(rasterise(pdf, dpi), dpi)


def classify(
    report: AnnualReport, result: ReadResult
) -> Iterator[tuple[str, str, dict[str, object]]]:
    """(cell id, outcome, details) of every cell of ``report`` as ``result`` read it."""
    reported_rows = {(i.location.table, i.location.row) for i in result.issues}
    reported_cells = {i.location.cell for i in result.issues if i.code == "P015"}
    read = result.report.cells if result.report is not None else {}
    for cid, truth in report.cells.items():
        table, row, _ = cid.split(".")
        got = read.get(cid)
        detail: dict[str, object] = {"truth": truth.raw}
        if got is not None:
            detail.update(raw=got.raw, confidence=got.confidence, provenance=got.provenance.value)
        if got is not None and got.provenance is not Provenance.UNREAD and got.value == truth.value:
            outcome = "exact"
        elif (
            cid in reported_cells
            or (table, row) in reported_rows
            or (table, None) in reported_rows
            or (got is not None and got.provenance is Provenance.UNREAD)
        ):
            outcome = "reported"
        else:
            outcome = "wrong"
        yield cid, outcome, detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=KINDS, default="scan")
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--engine", help="OCR engine (GIK_RULES_OCR_ENGINE)")
    parser.add_argument("--cells", help="write every cell's outcome to this JSON lines file")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":
        # the strategies draw from sets of strings: the same reports need the same hashes
        os.execve(
            sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"}
        )
    if args.engine:
        os.environ["GIK_RULES_OCR_ENGINE"] = args.engine
    host = default_host()
    counts: Counter[tuple[str, str]] = Counter()
    seconds: Counter[str] = Counter()
    dump = open(args.cells, "w", encoding="utf-8") if args.cells else None  # noqa: SIM115
    try:
        for number, report in enumerate(reports(args.reports), start=1):
            for name, filename, data in versions(report, args.kind, args.dpi):
                start = time.perf_counter()
                result = next(read_bytes(data, filename, host))
                seconds[name] += time.perf_counter() - start
                for cid, outcome, detail in classify(report, result):
                    counts[name, outcome] += 1
                    if dump is not None:
                        record = {
                            "report": number,
                            "version": name,
                            "cell": cid,
                            "outcome": outcome,
                        }
                        dump.write(json.dumps({**record, **detail}, ensure_ascii=False) + "\n")
    finally:
        if dump is not None:
            dump.close()
    scanned = f", {args.dpi} dpi" if args.kind.endswith("scan") else ""
    print(f"{args.reports} generated reports, {args.kind}{scanned}")
    print(f"{'version':<16}{'figures':>8}{'exact':>9}{'reported':>10}{'wrong':>7}{'s/report':>10}")
    for name in dict.fromkeys(n for n, _ in counts):
        total = sum(counts[name, k] for k in ("exact", "reported", "wrong"))
        shares = "".join(
            f"{counts[name, k] / total:>{w}.2%}" for k, w in (("exact", 9), ("reported", 10))
        )
        print(
            f"{name:<16}{total:>8}{shares}{counts[name, 'wrong']:>7}"
            f"{seconds[name] / args.reports:>10.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
