"""How a ``check`` run goes: inputs (globs, ``-``), the cache, the review baseline, the
closing summary and ``--statistics``, a file that cannot be checked, and an ``-o`` file
that is replaced only by a finished run."""

from __future__ import annotations

import io
import json
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

import gik_rules.engine.file_job as file_job
from gik_rules.cli.main import main
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("clean-2021.toml", "faulty-2021.toml", "clean-2019.toml"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _keys(jsonl: str) -> list[str]:
    return [json.loads(line)["key"] for line in jsonl.splitlines()]


# -- inputs -----------------------------------------------------------------------------------


def test_glob_patterns_are_expanded_in_order(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", str(reports / "*-2021.toml"), "--format", "jsonl", "-q")
    assert code == 1
    assert _keys(out) == [str(reports / "clean-2021.toml"), str(reports / "faulty-2021.toml")]


def test_a_glob_that_matches_nothing_is_a_usage_error(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(reports / "*.docx"))
    assert code == 2
    assert "no file matches the pattern" in err


def test_standard_input_under_its_given_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (EXAMPLES / "faulty-2021.toml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(
        capsys, "check", "-", "--stdin-filename", "pasted.toml", "--format", "jsonl", "-q"
    )
    assert code == 1
    (line,) = out.splitlines()
    report = json.loads(line)
    assert report["key"] == "pasted.toml"
    assert {f["code"] for f in report["findings"]} >= {"N301", "N101"}


# -- the cache --------------------------------------------------------------------------------


def test_an_unchanged_file_is_answered_from_the_cache(
    reports: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache = tmp_path / "cache"
    args = ["check", str(reports), "--format", "json", "--cache-dir", str(cache), "-q"]
    first = run(capsys, *args)
    assert list(cache.glob("v*/*/*.pickle"))
    assert (cache / "CACHEDIR.TAG").exists()

    def no_checking(*_: object, **__: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(file_job, "_check", no_checking)
    assert run(capsys, *args) == first  # nothing was checked: every answer came from the cache
    fresh = run(capsys, *args, "--no-cache")
    assert fresh[0] == 2 and "X002" in fresh[1]  # without it, the (broken) check runs


def test_an_edited_file_is_checked_again(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", str(reports), "--format", "jsonl", "--cache-dir", str(tmp_path / "c"), "-q"]
    run(capsys, *args)
    faulty = reports / "faulty-2021.toml"
    faulty.write_text(faulty.read_text(encoding="utf-8").replace("示例县", "某县"), "utf-8")
    _, out, _ = run(capsys, *args)
    organs = {json.loads(line).get("organ") for line in out.splitlines()}
    assert "某县住房和城乡建设局" in organs


def test_a_damaged_cache_entry_is_a_miss(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    args = ["check", str(reports), "--format", "jsonl", "--cache-dir", str(cache), "-q"]
    first = run(capsys, *args)
    for entry in cache.glob("v*/*/*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert run(capsys, *args) == first


# -- a file that cannot be checked --------------------------------------------------------------


def test_a_file_that_breaks_the_check_does_not_stop_the_run(
    reports: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = file_job._check

    def breaks_on_faulty(job, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "faulty" in str(job.path):
            raise MemoryError("out of memory")
        return real(job, *args, **kwargs)

    monkeypatch.setattr(file_job, "_check", breaks_on_faulty)
    code, out, err = run(capsys, "check", str(reports), "--format", "jsonl", "--no-cache")
    assert code == 2
    by_key = {json.loads(line)["key"]: json.loads(line) for line in out.splitlines()}
    assert len(by_key) == 3
    broken = by_key[str(reports / "faulty-2021.toml")]
    assert [f["code"] for f in broken["findings"]] == ["X002"]
    assert "MemoryError: out of memory" in broken["findings"][0]["message_en"]
    assert by_key[str(reports / "clean-2021.toml")]["findings"] == []
    assert "1 not read" in err


# -- summary and statistics -------------------------------------------------------------------


def test_summary_on_stderr_for_machine_formats(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(reports), "--format", "jsonl")
    assert code == 1
    assert "3 reports · 7 findings: 5 errors, 2 warnings, 0 info" in err
    assert "most found: N301 ×3" in err
    assert all(line.startswith("{") for line in out.splitlines())  # stdout stays jsonl


def test_quiet_leaves_findings_only(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = run(capsys, "check", str(reports), "-q")
    assert "N301" in out
    assert "reports ·" not in out + err


def test_statistics_table(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(reports), "--statistics", "-q")
    rows = [line.split() for line in out.split("findings  reports")[1].splitlines()[1:]]
    assert ["3", "1", "N301", "identity-mismatch", "error"] in rows
    assert rows[0][2] == "N301"  # most found first


# -- the review baseline ------------------------------------------------------------------------


def test_baseline_shows_only_new_and_lists_dismissed_apart(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.toml"
    code, _, err = run(capsys, "check", str(reports), "--write-baseline", str(baseline))
    assert code == 1 and "wrote 7 finding(s)" in err
    doc = tomllib.loads(baseline.read_text(encoding="utf-8"))
    assert len(doc["finding"]) == 7

    # a reviewer dismisses one N301 finding
    text = baseline.read_text(encoding="utf-8")
    first_n301 = text.index('code = "N301"')
    end = text.index("\n\n", first_n301) if "\n\n" in text[first_n301:] else len(text)
    text = text[:end] + '\ndecision = "dismissed"\ncomment = "上年数据口径不同"' + text[end:]
    baseline.write_text(text, encoding="utf-8")

    code, out, err = run(
        capsys, "check", str(reports), "--baseline", str(baseline), "--format", "jsonl"
    )
    assert code == 0  # nothing new
    assert all(json.loads(line)["findings"] == [] for line in out.splitlines())
    assert "6 in the baseline not shown · 1 dismissed" in err

    # a new fault in another report is the only finding shown, and fails the run
    faulty = (EXAMPLES / "faulty-2021.toml").read_text(encoding="utf-8")
    (reports / "new-2021.toml").write_text(faulty.replace("示例县住房", "示例市住房"), "utf-8")
    code, out, _ = run(
        capsys, "check", str(reports), "--baseline", str(baseline), "--format", "jsonl", "-q"
    )
    assert code == 1
    shown = {json.loads(line)["key"]: json.loads(line)["findings"] for line in out.splitlines()}
    assert len(shown[str(reports / "new-2021.toml")]) == 7
    assert sum(len(f) for f in shown.values()) == 7


def test_no_baseline_hides_an_unreadable_file(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Like a linter's syntax error: not written into a baseline, and a reviewer's
    decision on it (written by hand) hides nothing; the run still exits 2."""
    from gik_rules.baseline import Baseline, Decision, Entry, dump_baseline, fingerprints
    from gik_rules.engine.file_job import FileJob, check_job
    from gik_rules.host import default_host
    from gik_rules.ruleset import ruleset_of

    broken = reports / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not an archive")
    baseline = tmp_path / "baseline.toml"
    code, _, _ = run(capsys, "check", str(reports), "--write-baseline", str(baseline), "-q")
    assert code == 2
    text = baseline.read_text(encoding="utf-8")
    assert "broken.docx" not in text
    host = default_host()
    (result,) = check_job(FileJob(broken, ruleset_of(host, "national")), host)
    (finding,) = result.findings
    (fp,) = fingerprints(str(broken), [finding])
    dismissed = Entry(fp, finding.code, str(broken), "", Decision.DISMISSED, "looks fine")
    baseline.write_text(dump_baseline(Baseline((dismissed,))), encoding="utf-8")
    code, out, _ = run(
        capsys, "check", str(reports), "--baseline", str(baseline), "--format", "jsonl", "-q"
    )
    assert code == 2
    shown = {json.loads(line)["key"]: json.loads(line) for line in out.splitlines()}
    assert [f["code"] for f in shown[str(broken)]["findings"]] == [finding.code]


def test_rewriting_a_baseline_keeps_the_decisions(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.toml"
    run(capsys, "check", str(reports), "--write-baseline", str(baseline), "-q")
    text = baseline.read_text(encoding="utf-8").replace(
        'code = "N101"', 'code = "N101"\ndecision = "confirmed"\ncomment = "已通知单位"', 1
    )
    baseline.write_text(text, encoding="utf-8")
    run(capsys, "check", str(reports), "--write-baseline", str(baseline), "-q")
    entries = tomllib.loads(baseline.read_text(encoding="utf-8"))["finding"]
    (n101,) = [e for e in entries if e["code"] == "N101"]
    assert (n101["decision"], n101["comment"]) == ("confirmed", "已通知单位")


def test_a_bad_baseline_is_a_located_usage_error(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "b.toml"
    baseline.write_text(
        'schema_version = 1\n[[finding]]\nfingerprint = "x"\ncode = "N1"\n', "utf-8"
    )
    code, _, err = run(capsys, "check", str(reports), "--baseline", str(baseline))
    assert code == 2
    assert f"{baseline}: finding 1: missing key 'report'" in err


def test_the_baseline_beside_the_reports_is_not_read_as_one(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = reports / "baseline.toml"
    run(capsys, "check", str(reports), "--write-baseline", str(baseline), "-q")
    code, out, _ = run(
        capsys, "check", str(reports), "--baseline", str(baseline), "--format", "jsonl"
    )
    assert code == 0
    assert str(baseline) not in _keys(out)


# -- the -o file ------------------------------------------------------------------------------


def test_an_interrupted_run_leaves_the_output_file_as_it_was(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "findings.jsonl"
    output.write_text("yesterday's findings\n", encoding="utf-8")
    calls = []
    real = file_job.iter_job

    def interrupted(job, host):  # type: ignore[no-untyped-def]
        calls.append(job)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(job, host)

    monkeypatch.setattr("gik_rules.cli.check.iter_job", interrupted)
    assert main(["check", str(reports), "--format", "jsonl", "-o", str(output)]) == 130
    assert output.read_text(encoding="utf-8") == "yesterday's findings\n"
    # no temporary file left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.jsonl", "reports"]
