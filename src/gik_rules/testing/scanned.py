"""Reports as organs publish them on paper and in old office formats, for round trips.

A report is rendered to .docx (``render_report``), converted by LibreOffice to PDF, .doc
or .odt (``ingest.office_convert``), and a PDF rasterised by pdftoppm and wrapped as a
scanned PDF of page images (Pillow), as a scanner or a "print to image" leaves it.
``lineless=True`` renders the tables without ruling lines. ``missing_tools()`` names
what this machine lacks for it (LibreOffice, pdftoppm), for a test's skip reason.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx

from gik_rules.ingest.office_convert import convert, soffice
from gik_rules.model import AnnualReport
from gik_rules.render.report import render_report


def missing_tools(*, raster: bool = True) -> str | None:
    """Why a round trip cannot run here, or ``None``."""
    if soffice() is None:
        return "LibreOffice is not installed (apt-get install libreoffice-writer; .ci/run does it as root)"
    if raster and shutil.which("pdftoppm") is None:
        return "pdftoppm is not installed (apt-get install poppler-utils; .ci/run does it as root)"
    return None


def report_docx(report: AnnualReport, *, lineless: bool = False) -> bytes:
    """The report as ``gik-rules render --to docx`` writes it; ``lineless``: its tables
    without borders."""
    data = render_report(report, "docx")
    if not lineless:
        return data
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        table.style = document.styles["Normal Table"]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def office_file(report: AnnualReport, to: str, *, lineless: bool = False) -> bytes:
    """The report converted by LibreOffice to ``to`` ("pdf", "doc", "odt")."""
    return convert(report_docx(report, lineless=lineless), ".docx", to)


def rasterise(pdf: bytes, dpi: int = 200) -> list[Any]:
    """The pages of ``pdf`` as greyscale PIL images, rendered by pdftoppm."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="gik-rules-raster-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), f"{folder}/page"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        return [Image.open(page).convert("L") for page in pages]


def image_pdf(pages: Sequence[Any], dpi: int = 200) -> bytes:
    """A PDF of page images, without any text layer (a scan)."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=list(pages[1:]))
    return out.getvalue()


def scanned_pdf(report: AnnualReport, *, dpi: int = 200, lineless: bool = False) -> bytes:
    """The report printed to PDF by LibreOffice, rasterised and wrapped as a scan."""
    return image_pdf(rasterise(office_file(report, "pdf", lineless=lineless), dpi), dpi)
