"""Converting office files with LibreOffice, headless, in a folder of their own.

Reports also come as Word 97-2003 (.doc), WPS (.wps) and OpenDocument (.odt) files;
LibreOffice converts them to .docx (``soffice --headless --convert-to docx``), which the
.docx reader reads. Each conversion runs in a fresh temporary folder with its own
LibreOffice profile (two conversions at once never share one, and nothing is left
behind), with a time limit; the input file itself is never touched. A missing
LibreOffice, a time-out or a failed conversion is an ``UnreadableError`` that says which.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gik_rules.ingest.result import UnreadableError

#: Seconds one conversion may take (a 50-page report converts in a few).
TIMEOUT = 120.0
INSTALL_HINT = "apt-get install libreoffice-writer"


def soffice() -> str | None:
    """The LibreOffice program (``GIK_RULES_SOFFICE``, else ``soffice`` or
    ``libreoffice`` on the PATH), or ``None``."""
    return (
        os.environ.get("GIK_RULES_SOFFICE")
        or shutil.which("soffice")
        or shutil.which("libreoffice")
    )


def convert(data: bytes, suffix: str, to: str, timeout: float | None = None) -> bytes:
    """``data``, a file of type ``suffix`` (".doc"), converted by LibreOffice to ``to``
    ("docx", "pdf", "odt", "doc" or another of its filter names) within ``timeout``
    seconds (``TIMEOUT``)."""
    timeout = timeout or TIMEOUT
    program = soffice()
    if program is None:
        raise UnreadableError(
            f"{suffix} files are converted by LibreOffice, which is not installed ({INSTALL_HINT})"
        )
    with tempfile.TemporaryDirectory(prefix="gik-rules-convert-") as folder:
        work = Path(folder)
        source = work / f"report{suffix}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            # its own session, so that a time-out ends LibreOffice's whole process group
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "HOME": str(work)},
                start_new_session=True,
            )
        except OSError as exc:
            raise UnreadableError(f"LibreOffice cannot run ({exc})") from None
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise UnreadableError(
                f"LibreOffice did not convert the {suffix} file within {timeout:.0f} s"
            ) from None
        converted = out / f"report.{to.split(':')[0]}"
        if not converted.is_file():
            said = (stderr or stdout).decode("utf-8", "replace").strip()
            raise UnreadableError(
                f"LibreOffice could not convert the {suffix} file"
                + (f" ({said.splitlines()[-1][:200]})" if said else "")
            )
        return converted.read_bytes()
