"""Commands that write nothing do not import the renderers: every gik-rules run pays
for what it imports (Jinja2 and the fixes cost about a fifth of the start-up)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

HEAVY = ("jinja2", "docx", "gik_rules.render.templates", "gik_rules.fix.run")
PROBE = """
import json
import os
import sys
from pathlib import Path
from gik_rules.cli.main import main
try:
    main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(
    m for m in sys.modules if m.split(".")[0] in ("jinja2", "docx") or m in {heavy!r}
)))
"""


def _imported(argv: list[str]) -> list[str]:
    code = PROBE.format(argv=argv, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    names: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return names


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["check", "examples/clean-2021.toml"], ["rules", "--format", "json"]],
)
def test_commands_that_render_nothing_import_no_renderer(argv: list[str]) -> None:
    assert _imported(argv) == []


def test_render_still_finds_its_renderer() -> None:
    assert "jinja2" in _imported(["render", "examples/clean-2021.toml", "--to", "md"])


READERS = (
    "rich",
    "pdfplumber",
    "pypdfium2",
    "docx",
    "openpyxl",
    "gik_rules.ingest.pdf_reader",
    "gik_rules.ingest.docx_reader",
    "gik_rules.ingest.html_reader",
    "gik_rules.ingest.text_report",
)
LOADED = """
import json
import os
import sys
from pathlib import Path
from gik_rules.cli.main import main
try:
    main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {names!r} if m in sys.modules)))
"""


def test_a_canonical_file_checked_to_json_imports_no_reader_and_no_rich(tmp_path: Path) -> None:
    """A canonical report needs no document reader, and a machine format with ``-q`` prints
    nothing through a console."""
    out = tmp_path / "out.json"
    argv = ["check", "examples/clean-2021.toml", "-q", "--no-cache", "--format", "json"]
    code = LOADED.format(argv=[*argv, "-o", str(out)], names=READERS)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert json.loads(out.read_text(encoding="utf-8"))  # it did check the report


def test_a_csv_dataset_checked_imports_no_workbook_reader(tmp_path: Path) -> None:
    """A CSV dataset is read by Arrow: openpyxl (some 20 MiB and 0.2 s of every run) is
    imported only for an XLSX workbook."""
    from gik_rules.host import default_host
    from gik_rules.ingest.dataset_columns import template_header

    header = template_header(default_host().variants)
    row = {"organ": "示例局", "year": "2023", "t3.new.np": "1"}
    data = tmp_path / "rows.csv"
    data.write_text(
        ",".join(header) + "\n" + ",".join(row.get(h, "") for h in header) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    argv = ["check", str(data), "-q", "--no-cache", "--format", "jsonl", "-o", str(out)]
    code = LOADED.format(argv=argv, names=("openpyxl", "PIL"))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert "rows.csv#row 2" in out.read_text(encoding="utf-8")  # it did check the row


def test_a_check_answered_by_the_data_cache_imports_no_converter(tmp_path: Path) -> None:
    """Once the data cache holds the installed data files and the ruleset, a check parses
    no data file: neither the strict converter nor cattrs is imported."""
    argv = ["check", "examples/clean-2021.toml", "-q", "--no-cache", "--isolated"]
    code = LOADED.format(argv=argv, names=("cattrs", "gik_rules.strict"))
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
        )
        for _ in range(2)
    ]
    assert "clean-2021.toml" in runs[1].stdout  # it did check the report
    assert json.loads(runs[1].stdout.strip().splitlines()[-1]) == []


def test_the_text_format_piped_imports_no_rich() -> None:
    """On a stream that is no terminal the findings and the summary are plain text, which
    the console prints without rich (tests/cli/test_plain_console.py: the same bytes)."""
    argv = ["check", "examples/faulty-2021.toml", "--no-cache", "--isolated"]
    code = LOADED.format(argv=argv, names=("rich",))
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, env=env
    )
    assert "faulty-2021.toml" in done.stdout and "finding" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"]])
def test_version_and_help_load_no_plugin_form_or_rule(argv: list[str]) -> None:
    code = LOADED.format(
        argv=argv, names=("gik_rules.host", "gik_rules.model", "gik_rules.config", "rich")
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert "gik-rules" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_format_names_on_the_command_line_are_the_formats() -> None:
    from gik_rules.cli.main import CHECK_FORMATS, RENDER_FORMATS
    from gik_rules.output import FORMATS as OUTPUT_FORMATS
    from gik_rules.render import FORMATS as RENDERED

    assert set(CHECK_FORMATS) == set(OUTPUT_FORMATS)
    assert RENDER_FORMATS == RENDERED


UNUSED = """
import json
import sys
from gik_rules.cli.main import main
try:
    main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))
"""


def _loaded_by(argv: list[str], prefixes: tuple[str, ...]) -> tuple[list[str], str]:
    """The modules of ``prefixes`` that ``gik-rules argv`` imported, and what it printed."""
    code = UNUSED.format(argv=argv, prefixes=prefixes)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    *printed, last = done.stdout.strip().splitlines()
    names: list[str] = json.loads(last)
    return names, "\n".join(printed)


#: what a check of one file with the national ruleset, written into a stream, never uses:
#: difflib (click's suggestion for a short option it tried as a long one), tempfile (a
#: spill, an output file replaced), the fixes' records, the json format's indicators, the
#: Shandong rules' modules (none of them in the ruleset)
NEVER = (
    "difflib",
    "tempfile",
    "gik_rules.fix.record",
    "gik_rules.output.indicators",
    "gik_rules_shandong.rules.",
)


def test_a_one_file_check_imports_only_what_it_uses() -> None:
    argv = ["check", "examples/faulty-2021.toml", "-q", "--no-cache", "--format", "jsonl"]
    argv += ["-o", "/dev/stdout"]
    _loaded_by(argv, NEVER)  # the rules' implementations in the data cache (if not yet)
    loaded, printed = _loaded_by(argv, NEVER)
    assert loaded == []
    assert '"N301"' in printed  # it did check the report


#: report rules' modules (the dataset rules run after every check, answered or not)
REPORT_RULES = tuple(
    f"gik_rules_national.rules.{m}" for m in ("tables", "narrative", "numbering", "language")
)


def test_a_check_answered_by_the_check_cache_imports_no_report_rule_module(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.jsonl"
    argv = ["check", "examples/faulty-2021.toml", "-q", "--cache-dir", str(tmp_path / "c")]
    argv += ["--format", "jsonl", "-o", str(out)]
    assert _loaded_by(argv, REPORT_RULES)[0] == sorted(REPORT_RULES)  # checked: each runs
    checked = out.read_bytes()
    assert _loaded_by(argv, REPORT_RULES)[0] == []  # answered from the check cache
    assert out.read_bytes() == checked
