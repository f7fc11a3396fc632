"""``gik-rules check`` over several reports: the dataset rules run over them together,
with a ``gik-dataset.toml`` manifest (or ``--manifest``) stating organ identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def _dataset(tmp_path: Path) -> Path:
    """The clean 2020 and 2021 examples, the 2021 one renamed and its carry-over broken."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2020.toml").write_text(
        (EXAMPLES / "clean-2019.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = (EXAMPLES / "clean-2021.toml").read_text(encoding="utf-8")
    text = text.replace('organ = "示例县文化和旅游局"', 'organ = "示例县文化广电和旅游局"')
    text = text.replace('"t3.carried.np" = 1', '"t3.carried.np" = 3', 1)
    text = text.replace('"t3.carry_next.np" = 0', '"t3.carry_next.np" = 2', 1)
    text = text.replace('"t3.carried.tot" = 1', '"t3.carried.tot" = 3', 1)
    text = text.replace('"t3.carry_next.tot" = 0', '"t3.carry_next.tot" = 2', 1)
    (folder / "2021.toml").write_text(text, encoding="utf-8")
    return folder


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_without_a_manifest_two_names_are_two_organs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _dataset(tmp_path)
    code, doc = _json(capsys, str(folder))
    assert code == 0
    assert doc["summary"]["reports"] == 2
    assert all(r["statuses"]["N801"] == "ok" for r in doc["reports"].values())
    assert not any(f["code"] == "N801" for r in doc["reports"].values() for f in r["findings"])


def test_a_manifest_makes_them_one_organ_and_the_carry_over_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _dataset(tmp_path)
    (folder / "gik-dataset.toml").write_text(
        '[[organ]]\nid = "360000-culture"\nnames = ["示例县文化和旅游局", "示例县文化广电和旅游局"]\n',
        encoding="utf-8",
    )
    code, doc = _json(capsys, str(folder))
    assert code == 0  # warnings only
    assert doc["summary"]["reports"] == 2  # the manifest is not read as a report
    found = doc["reports"][str(folder / "2021.toml")]["findings"]
    carry = [f for f in found if f["code"] == "N801"]
    assert [(f["location"]["cell"], f["expected"], f["actual"]) for f in carry] == [
        ("t3.carried.np", 1, 3),
        ("t3.carried.tot", 1, 3),
    ]
    assert "2020.toml" in carry[0]["message"]


def test_manifest_option_and_its_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _dataset(tmp_path)
    manifest = tmp_path / "organs.toml"
    manifest.write_text(
        '[[report]]\nfile = "reports/2021.toml"\norgan_id = "X"\n'
        '[[report]]\nfile = "reports/2020.toml"\norgan_id = "X"\n',
        encoding="utf-8",
    )
    _, doc = _json(capsys, str(folder), "--manifest", str(manifest))
    assert any(f["code"] == "N801" for f in doc["reports"][str(folder / "2021.toml")]["findings"])
    manifest.write_text("[[report]]\nfile = 'a'\nwhat = 1\n", encoding="utf-8")
    assert main(["check", str(folder), "--manifest", str(manifest)]) == 2
    assert "report[1] (a): unknown key 'what'" in capsys.readouterr().err


def test_text_output_of_a_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _dataset(tmp_path)
    (folder / "gik-dataset.toml").write_text(
        '[[organ]]\nid = "c"\nnames = ["示例县文化和旅游局", "示例县文化广电和旅游局"]\n',
        encoding="utf-8",
    )
    assert main(["check", str(folder), "--english"]) == 0
    out = capsys.readouterr().out
    assert "N801 carry-over-mismatch" in out
    assert "t3.carried.np of 2021 is 3, but t3.carry_next.np of the 2020 report" in out
