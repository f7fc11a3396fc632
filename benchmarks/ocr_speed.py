"""`make bench`: pages per second read by OCR, as a ratio to the text-layer path.

The report examples/clean-2021.toml is printed to PDF by LibreOffice; the same pages are
read from that PDF's text layer and from a scan of it (rasterised at 200 dpi by pdftoppm,
wrapped as a PDF of page images), in interleaved rounds, one process, each engine that
is installed. Skips (exit 0) with its reason when LibreOffice, pdftoppm or every OCR
engine is missing.

    .venv/bin/python benchmarks/ocr_speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from gik_rules import read
from gik_rules.host import default_host
from gik_rules.ingest import ocr_engine
from gik_rules.ingest.reader import read_bytes
from gik_rules.testing.scanned import image_pdf, missing_tools, office_file, rasterise

REPO = Path(__file__).resolve().parents[1]


def _seconds(data: bytes, name: str) -> float:
    host = default_host()
    start = time.perf_counter()
    result = next(read_bytes(data, name, host))
    assert result.report is not None
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        print(f"ocr_speed: skipped, {missing}")
        return 0
    pdf = office_file(read(REPO / "examples" / "clean-2021.toml"), "pdf")
    pages = rasterise(pdf, 200)
    scan = image_pdf(pages, 200)
    for engine in ocr_engine.ENGINES:
        os.environ["GIK_RULES_OCR_ENGINE"] = engine
        ocr_engine.ocr_engine.cache_clear()
        try:
            ocr_engine.ocr_engine()
        except ocr_engine.OcrUnavailable as why:
            print(f"ocr_speed: {engine} skipped, {why}")
            continue
        _seconds(scan, "scan.pdf")  # the engine's models loaded outside the measurement
        text = ocr = 0.0
        for _ in range(args.rounds):
            text += _seconds(pdf, "report.pdf")
            ocr += _seconds(scan, "scan.pdf")
        count = len(pages) * args.rounds
        print(
            f"{len(pages)} pages x {args.rounds} rounds: text layer {count / text:.1f} pages/s, "
            f"{engine} OCR {count / ocr:.2f} pages/s, ratio {text / ocr:.4f} "
            f"(OCR takes {ocr / text:.0f}x the time)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
