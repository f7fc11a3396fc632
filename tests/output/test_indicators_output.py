"""Indicators in the json and html formats: each report's values (the year-on-year change
where the run holds the year before), and each indicator's distribution over the run."""

from __future__ import annotations

import io
import json
from typing import Any

import attrs

import gik_rules
from gik_rules.engine import ReportResult
from gik_rules.host import Host
from gik_rules.model import AnnualReport, Cell
from gik_rules.output import render_json, write_results
from tests.conftest import REPO
from tests.output.test_html_format import page_data


def _report(organ: str, year: int, new: int, carried: int = 1) -> AnnualReport:
    """The clean example with ``new`` applications in 自然人 (every identity holding)."""
    base = gik_rules.read(REPO / "examples" / "clean-2021.toml")
    cells = dict(base.cells)
    total = new + carried
    for cid, value in {
        "t3.new.np": new,
        "t3.new.tot": new,
        "t3.carried.np": carried,
        "t3.carried.tot": carried,
        "t3.open.np": total - 3,
        "t3.open.tot": total - 3,
        "t3.partial.np": 1,
        "t3.partial.tot": 1,
        "t3.none_held.np": 2,
        "t3.none_held.tot": 2,
        "t3.reject_repeat.np": 0,
        "t3.reject_repeat.tot": 0,
        "t3.total.np": total,
        "t3.total.tot": total,
    }.items():
        cells[cid] = Cell.of(value)
    meta = attrs.evolve(base.meta, organ=organ, year=year)
    return attrs.evolve(base, meta=meta, cells=cells)


def run() -> list[ReportResult]:
    reports = [
        ("a-2021.toml", _report("甲局", 2021, 9)),
        ("a-2022.toml", _report("甲局", 2022, 12)),
        ("b-2022.toml", _report("乙局", 2022, 19)),
    ]
    return [attrs.evolve(gik_rules.check_report(r), source=source) for source, r in reports]


def test_json_gives_each_reports_indicators_and_the_runs_spread(host: Host) -> None:
    doc = json.loads(render_json(run(), host.variants))
    a22 = doc["reports"]["a-2022.toml"]["indicators"]
    # 10 + 3 answered… open 10 of 13 (予以公开 10 + 部分公开 1 = 11 of 13)
    assert a22["open_rate"] == {
        "name": "公开率",
        "name_en": "disclosure rate",
        "value": round(11 / 13, 6),
        "numerator": 11,
        "denominator": 13,
    }
    assert a22["applications_change"]["value"] == round((12 - 9) / 9, 6)
    assert a22["applications_change"]["denominator"] == 9
    first = doc["reports"]["a-2021.toml"]["indicators"]["applications_change"]
    assert first["value"] is None and first["reason_en"].startswith("no report of the same organ")
    suits = doc["reports"]["b-2022.toml"]["indicators"]["suit_correction_rate"]
    assert suits["value"] is None and suits["reason"] == "分母为0"
    spread = {d["id"]: d for d in doc["summary"]["indicators"]}
    assert spread["open_rate"]["count"] == 3
    rates = sorted([8 / 10, 11 / 13, 18 / 20])
    assert spread["open_rate"]["median"] == round(rates[1], 6)
    assert spread["open_rate"]["min"] == round(rates[0], 6)
    assert spread["applications_change"]["count"] == 1


def test_json_is_the_same_whatever_the_order(host: Host) -> None:
    results = run()
    assert render_json(results, host.variants) == render_json(results[::-1], host.variants)


def _page(results: list[ReportResult], host: Host, **options: Any) -> Any:
    buffer = io.StringIO()
    write_results(results, "html", buffer, variants=host.variants, templates=(), **options)
    return page_data(buffer.getvalue())


def test_html_carries_the_values_the_changes_and_the_spread(host: Host) -> None:
    data = _page(run(), host)
    reports = {r["key"]: r for r in data["reports"]}
    assert reports["a-2022.toml"]["ind"]["open_rate"] == [round(11 / 13, 6), 11, 13]
    changes = data["indicators"]["changes"]
    assert changes["a-2022.toml"]["applications_change"] == [round(3 / 9, 6), 12, 9]
    assert changes["a-2021.toml"]["applications_change"][0] is None
    spread = {x[0]: x for x in data["indicators"]["spread"]}
    assert spread["open_rate"][3:] == [
        3,
        0.8,
        round((0.8 + 11 / 13) / 2, 6),
        round(11 / 13, 6),
        round((11 / 13 + 0.9) / 2, 6),
        0.9,
    ]
    assert [n[0] for n in data["indicators"]["names"]][:1] == ["open_rate"]
    assert _page(run()[::-1], host)["indicators"] == data["indicators"]
