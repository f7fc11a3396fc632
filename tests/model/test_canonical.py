"""The canonical form: exact round trips, documented schema, clear errors."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.model.canonical import (
    SCHEMA_VERSION,
    CanonicalFormError,
    from_json,
    from_toml,
    to_dict,
    to_json,
    to_toml,
)
from gik_rules.testing import any_reports, cells, consistent_reports

SCHEMA = json.loads(
    resources.files("gik_rules.model").joinpath("report.schema.json").read_text("utf-8")
)


@given(st.one_of(consistent_reports("V2019"), consistent_reports("V2021"), any_reports()))
def test_toml_round_trip_is_exact(report: AnnualReport) -> None:
    assert from_toml(to_toml(report)) == report


@given(st.one_of(consistent_reports("V2021"), any_reports("V2019")))
def test_json_round_trip_is_exact(report: AnnualReport) -> None:
    assert from_json(to_json(report)) == report


@given(any_reports())
def test_canonical_json_follows_the_published_schema(report: AnnualReport) -> None:
    jsonschema.validate(to_dict(report), SCHEMA)


@given(st.lists(cells(), min_size=1, max_size=8))
def test_every_cell_state_survives_both_round_trips(cell_list: list[Cell]) -> None:
    report = AnnualReport(cells={f"t3.r{i}.np": c for i, c in enumerate(cell_list)})
    for back in (from_toml(to_toml(report)), from_json(to_json(report))):
        for cid, cell in report.cells.items():
            assert back.cells[cid].state is cell.state
            assert back.cells[cid].raw == cell.raw
            assert back.cells[cid].value == cell.value
            assert type(back.cells[cid].value) is type(cell.value)


def test_blank_zero_and_placeholder_stay_distinct() -> None:
    report = AnnualReport(
        cells={
            "t3.new.np": Cell(raw="", state=CellState.BLANK),
            "t3.new.ce": Cell(raw="0", value=0, state=CellState.ZERO),
            "t3.new.ri": Cell(raw="/", state=CellState.PLACEHOLDER),
        }
    )
    back = from_toml(to_toml(report))
    assert [back.cells[c].state for c in ("t3.new.np", "t3.new.ce", "t3.new.ri")] == [
        CellState.BLANK,
        CellState.ZERO,
        CellState.PLACEHOLDER,
    ]


def test_decimals_are_written_as_strings_so_no_digit_is_lost() -> None:
    cell = Cell(raw="0.10万元", value=Decimal("0.10"), state=CellState.VALUE, unit="万元")
    text = to_toml(AnnualReport(cells={"t2.fees.amount": cell}))
    assert 'value = "0.10"' in text
    assert from_toml(text).cells["t2.fees.amount"].value == Decimal("0.10")


def test_hand_written_shorthand_cells_are_read_like_document_text() -> None:
    report = from_toml(
        'schema_version = 1\n[cells]\n"t3.new.np" = 3\n"t3.new.ce" = ""\n"t3.new.ri" = "/"\n"t2.fees.amount" = "12.5万元"\n'
    )
    assert report.cells["t3.new.np"] == Cell.of(3)
    assert report.cells["t3.new.ce"].state is CellState.BLANK
    assert report.cells["t3.new.ri"].state is CellState.PLACEHOLDER
    assert report.cells["t2.fees.amount"].value == Decimal("12.5")
    assert report.cells["t2.fees.amount"].unit == "万元"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version = 2\n", "schema_version 2 is not supported"),
        ("meta = 1\n", "schema_version None"),
        ("schema_version = 1\nextra = 1\n", "unknown top-level keys: extra"),
        ("schema_version = 1\n[meta]\nyear = 'x'\n", "year"),
        ("schema_version = 1\n[meta]\nlevel = 'ministry'\n", "level"),
        ("schema_version = 1\n[cells]\n'a.b.c' = true\n", "not a cell"),
        ("schema_version = 1\nx = = 2\n", "line 2"),
    ],
)
def test_invalid_documents_give_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(CanonicalFormError, match=message):
        from_toml(text)


def test_a_cell_without_state_takes_it_from_its_value() -> None:
    report = from_toml(
        "schema_version = 1\n[cells]\n"
        '"t3.new.np" = { value = 1 }\n'
        '"t3.new.ce" = { raw = "0", value = 0 }\n'
        '"t2.fees.amount" = { value = "12.50", unit = "万元" }\n'
        '"t3.new.ri" = { raw = "" }\n'
    )
    cells = report.cells
    assert (cells["t3.new.np"].state, cells["t3.new.np"].value) == (CellState.VALUE, 1)
    assert (cells["t3.new.ce"].state, cells["t3.new.ce"].value) == (CellState.ZERO, 0)
    assert cells["t2.fees.amount"].state is CellState.VALUE
    assert cells["t2.fees.amount"].value == Decimal("12.50")
    assert cells["t3.new.ri"].state is CellState.BLANK
    assert from_json('{"schema_version": 1, "cells": {"t3.new.np": {"value": 1}}}').cells[
        "t3.new.np"
    ] == Cell(value=1, state=CellState.VALUE)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('{ value = 1, state = "blank" }', "cell t3.new.np: state 'blank' holds no number"),
        ('{ value = 0, state = "placeholder" }', "state 'placeholder' holds no number"),
        ('{ value = 3, state = "invalid" }', "state 'invalid' holds no number"),
        ('{ value = 2, state = "zero" }', "state 'zero' with the non-zero value 2"),
        ('{ value = 0, state = "value" }', "state 'value' with the value 0"),
        ('{ raw = "5", state = "value" }', "state 'value' needs a value"),
        ('{ state = "zero" }', "state 'zero' needs a value"),
    ],
)
def test_a_state_its_value_contradicts_is_an_error(cell: str, message: str) -> None:
    with pytest.raises(CanonicalFormError, match=message):
        from_toml(f'schema_version = 1\n[cells]\n"t3.new.np" = {cell}\n')


def test_schema_version_is_written_first() -> None:
    assert to_toml(AnnualReport()).startswith(f"schema_version = {SCHEMA_VERSION}\n")
    assert json.loads(to_json(AnnualReport()))["schema_version"] == SCHEMA_VERSION


def test_defaults_are_left_out() -> None:
    doc = to_dict(attrs.evolve(AnnualReport(), cells={"t3.new.np": Cell()}))
    assert doc["cells"]["t3.new.np"] == {}
    assert doc["meta"] == {}
