"""Writing reports: rendering each format, and fixing a faulty report."""

from __future__ import annotations

from pathlib import Path

from gik_rules.fix import fix_report
from gik_rules.model.canonical import from_toml
from gik_rules.render import render_report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLEAN = from_toml((EXAMPLES / "clean-2021.toml").read_text(encoding="utf-8"))
FAULTY = from_toml((EXAMPLES / "faulty-2021.toml").read_text(encoding="utf-8"))

CASES = [
    ("render: Markdown", "reports", lambda: render_report(CLEAN, "md")),
    ("render: HTML", "reports", lambda: render_report(CLEAN, "html")),
    ("render: text", "reports", lambda: render_report(CLEAN, "txt")),
    ("render: .docx", "reports", lambda: render_report(CLEAN, "docx")),
    ("fix: faulty 2021 example", "reports", lambda: fix_report(FAULTY)),
]
