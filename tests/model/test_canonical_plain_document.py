"""The direct build of plain documents gives what the general (cattrs) structuring gives:
the same report, or the same error, for documents as written and for odd ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, canonical
from gik_rules.model.canonical import CanonicalFormError, from_dict, to_dict
from gik_rules.testing import any_reports

_odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=3),
    st.sampled_from(["2022-01-31", "2022-13-01", "department", "V2021"]),
    st.lists(st.integers(0, 3), max_size=2),
    st.just({"line": 3}),
    st.just(dt.date(2022, 1, 31)),
)


def _read(doc: dict[str, Any], *, plain: bool) -> tuple[str, Any]:
    saved = canonical._plain_report
    if not plain:
        canonical._plain_report = lambda _: None  # type: ignore[assignment]
    try:
        return ("report", from_dict(doc))
    except CanonicalFormError as exc:
        return ("error", str(exc))
    finally:
        canonical._plain_report = saved  # type: ignore[assignment]


def _same_either_way(doc: dict[str, Any]) -> None:
    assert _read(doc, plain=True) == _read(doc, plain=False)


@given(any_reports())
def test_a_written_report_reads_the_same_either_way(report: AnnualReport) -> None:
    doc = to_dict(report)
    assert canonical._plain_report(doc) == report  # written plainly: read the direct way
    _same_either_way(doc)


@given(
    any_reports(),
    st.sampled_from(["meta", "section", "table", "top"]),
    st.text(min_size=1, max_size=12).filter(lambda k: k != "schema_version"),
    _odd,
    st.booleans(),
)
def test_an_odd_field_reads_the_same_either_way(
    report: AnnualReport, where: str, key: str, value: Any, known_key: bool
) -> None:
    doc = to_dict(report)
    fields = {
        "meta": ["organ", "year", "variant", "level", "published", "title_span", "organ_id"],
        "section": ["number", "title", "heading", "text", "line", "line_map"],
        "table": ["title", "span", "id"],
        "top": ["preamble", "sections", "tables", "cells", "meta"],
    }[where]
    name = fields[len(key) % len(fields)] if known_key else key
    if where == "meta":
        doc["meta"][name] = value
    elif where == "section" and doc["sections"]:
        doc["sections"][0][name] = value
    elif where == "table" and doc["tables"]:
        next(iter(doc["tables"].values()))[name] = value
    elif where == "top":
        doc[name] = value
    _same_either_way(doc)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["sections"][0].pop("number"),
        lambda d: d["sections"][0].pop("title"),
        lambda d: d.update(schema_version=2),
        lambda d: d["meta"].update(published="31.01.2022"),
        lambda d: d["cells"].update({"t3.new.np": {"value": 0, "state": "blank"}}),
    ],
)
def test_errors_are_the_general_way_s(change: Any) -> None:
    doc = to_dict(_report())
    change(doc)
    result = _read(doc, plain=True)
    assert result[0] == "error"
    assert result == _read(doc, plain=False)


def _report() -> AnnualReport:
    from gik_rules.model.canonical import from_toml
    from tests.conftest import REPO

    return from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8"))
