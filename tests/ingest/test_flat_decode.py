"""Flattened table rows split back into cells by the form's identities (ingest.flat_decode).

The runs of the three 平潭 reports are copied from the archive dumps exactly as printed
(the row label's own number, as in "2.没有现成信息", is not part of the run)."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Mapping
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant, ValueKind
from gik_rules.host import Host
from gik_rules.ingest.flat_decode import (
    MAX_RUN_CHARS,
    Decoded,
    Run,
    TooManySplits,
    _Budget,
    _Lattice,
    count_splits,
    decode,
    runs_for,
    split_run,
)
from gik_rules.model.cell import Number
from tests.conftest import CORPUS

C, S, A = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.AMOUNT
T3_COLUMNS = ("np", "ce", "ri", "sw", "ls", "ot", "tot")
T4_ROWS = ("review", "suit_direct", "suit_after")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


# ------------------------------------------------------------------ split_run


def test_no_leading_zeros() -> None:
    assert split_run("00", [C, C]) == [(0, 0)]
    assert split_run("023", [C, C]) == [(0, 23)]
    assert split_run("023", [C]) == []
    assert split_run("0", [C]) == [(0,)]
    assert split_run("1000001", [C] * 7) == [(1, 0, 0, 0, 0, 0, 1)]


def test_every_split_in_order() -> None:
    assert split_run("123", [C, C]) == [(1, 23), (12, 3)]
    assert split_run("1203", [C, C]) == [(1, 203), (120, 3)]  # "12"+"03" has a leading 0
    assert count_splits("123", [C, C]) == 2


def test_a_space_is_always_a_boundary() -> None:
    assert split_run("1 2", [C]) == []
    assert split_run("1 2", [C, C]) == [(1, 2)]
    assert split_run(" 12 ", [C]) == [(12,)]
    assert split_run("1\u30002", [C, C]) == [(1, 2)]  # a full-width space too
    assert split_run("230 000023", [C] * 7) == [
        (2, 30, 0, 0, 0, 0, 23),
        (23, 0, 0, 0, 0, 0, 23),
        (230, 0, 0, 0, 0, 2, 3),
    ]
    assert split_run("23 0 00 0 023", [C] * 7) == [(23, 0, 0, 0, 0, 0, 23)]


def test_wrong_digit_count_or_stray_characters() -> None:
    assert split_run("000000", [C] * 7) == []
    assert split_run("12345678", [C, C]) == [
        (1, 2345678),
        (12, 345678),
        (123, 45678),
        (1234, 5678),
        (12345, 678),
        (123456, 78),
        (1234567, 8),
    ]
    assert split_run("", [C]) == []
    assert split_run("12元", [C]) == []
    assert split_run("1,2", [C, C]) == []


def test_amounts() -> None:
    assert split_run("9116.36", [A]) == [(Decimal("9116.36"),)]
    assert split_run("9116", [A]) == [(9116,)]  # an int when no decimal point is printed
    assert split_run("0.5", [A]) == [(Decimal("0.5"),)]
    assert split_run("9116.36", [C]) == []  # a decimal point only in an AMOUNT cell
    assert split_run(".5", [A]) == []
    assert split_run("5.", [A]) == []
    assert split_run("05.1", [A]) == []
    readings = split_run("13575394432.52", [C, A])
    assert (13575, Decimal("394432.52")) in readings
    assert len(readings) == 10  # the COUNT may end anywhere before the amount's point
    assert split_run("1.51.5", [A, A]) == [(Decimal("1.5"), Decimal("1.5"))]


def test_signed() -> None:
    assert split_run("-5", [S]) == [(-5,)]
    assert split_run("+5", [S]) == [(5,)]
    assert split_run("-05", [S]) == []
    assert split_run("-", [S]) == []
    assert split_run("3-5", [C, S]) == [(3, -5)]
    assert split_run("3-5", [S, C]) == []  # a sign only at the start of a SIGNED cell
    assert split_run("-5", [C]) == []
    assert split_run("3960181", [C, S, C])[:2] == [(3, 9, 60181), (3, 960, 181)]


def test_the_bounds() -> None:
    with pytest.raises(TooManySplits) as err:
        split_run("1" * 30, [C] * 7, limit=1000)
    assert err.value.count == count_splits("1" * 30, [C] * 7) > 1000
    with pytest.raises(TooManySplits) as err:
        split_run("1" * (MAX_RUN_CHARS + 1), [C])
    assert err.value.count is None
    assert split_run("1" * 17, [C]) == []  # longer than any cell of these tables


# ------------------------------------------------------------------ the 平潭 reports

T2_2019 = {
    "rules": "000",
    "normative": "898989",
    "licensing": "3960181",
    "other_services": "100153",
    "penalty": "26480430",
    "coercion": "126025",
    "fees": "350",
    "procurement": "13575394432.52",  # "元" follows in the text: a unit, not a figure
}
T3_2019 = {
    "new": "230 000023",
    "carried": "0000000",
    "open": "7000007",
    "partial": "1000001",
    "deny_secret": "0000000",
    "deny_law": "0000000",
    "deny_safety": "0000000",
    "deny_third": "0000000",
    "deny_internal": "0000000",
    "deny_process": "0000000",
    "deny_enforce": "0000000",
    "deny_query": "0000000",
    "none_held": "7000007",
    "none_create": "0000000",
    "none_unclear": "5000005",
    "reject_petition": "0000000",
    "reject_repeat": "3000003",
    "reject_publication": "0000000",
    "reject_mass": "0000000",
    "reject_confirm": "0000000",
    "other": "0 0 0 0 0 00",
    "total": "23 0 00 0 023",
    "carry_next": "0 0 00 00 0",
}
T4_2019 = "000000000000000"

T2_2022 = {
    "rules": "000",
    "normative": "8855698",
    "licensing": "10690",
    "penalty": "2113",
    "coercion": "0",
    "fees": "9116.36",
}
T3_2022 = {
    "new": "713000074",
    "carried": "1000001",
    "open": "210000021",
    "partial": "8100009",
    "deny_secret": "0000000",
    "deny_law": "0000000",
    "deny_safety": "0000000",
    "deny_third": "0000000",
    "deny_internal": "1000001",
    "deny_process": "2000002",
    "deny_enforce": "1000001",
    "deny_query": "0000000",
    "none_held": "370000037",
    "none_create": "0000000",
    "none_unclear": "0000000",
    "reject_petition": "0000000",
    "reject_repeat": "0000000",
    "reject_publication": "0000000",
    "reject_mass": "0000000",
    "reject_confirm": "0000000",
    "other_no_correction": "2000002",
    "other_no_fee": "0000000",
    "other_other": "0200002",
    "total": "723000075",
    "carry_next": "0000000",
}
T4_2022 = "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"

T2_2024 = {
    "rules": "000",
    "normative": "6233440",
    "licensing": "4529",
    "penalty": "1100",
    "coercion": "65",
    "fees": "18651.06",
}
T3_2024 = {
    "new": "21710000218",
    "carried": "0000000",
    "open": "710000071",
    "partial": "290000029",
    "deny_secret": "4000004",
    "deny_law": "0000000",
    "deny_safety": "0000000",
    "deny_third": "3000003",
    "deny_internal": "320000032",
    "deny_process": "0000000",
    "deny_enforce": "0000000",
    "deny_query": "0000000",
    "none_held": "750000075",
    "none_create": "0000000",
    "none_unclear": "0000000",
    "reject_petition": "0000000",
    "reject_repeat": "1000001",
    "reject_publication": "0000000",
    "reject_mass": "0000000",
    "reject_confirm": "0000000",
    "other_no_correction": "1000001",
    "other_no_fee": "0000000",
    "other_other": "1100002",
    "total": "21710000218",
    "carry_next": "0000000",
}
T4_2024 = "21317000001324019"


def _t3(variant: FormVariant, figures: Mapping[str, tuple[int, ...] | int]) -> dict[str, int]:
    """Table 三 as corpus/README.md gives it: rows not listed are 0, a single figure is
    自然人 and 总计."""
    spec = variant.table("t3")
    assert spec is not None
    out: dict[str, int] = {}
    for row in spec.blocks[0].rows:
        given_ = figures.get(row.id, 0)
        cells = given_ if isinstance(given_, tuple) else (given_, 0, 0, 0, 0, 0, given_)
        out.update({f"t3.{row.id}.{c}": v for c, v in zip(T3_COLUMNS, cells, strict=True)})
    return out


def _t4(figures: Mapping[str, tuple[int, ...]]) -> dict[str, int]:
    return {
        f"t4.{row}.{c}": v
        for row in T4_ROWS
        for c, v in zip(T4_COLUMNS, figures.get(row, (0,) * 5), strict=True)
    }


EXPECTED = {
    "pingtan-2019.txt": (
        "V2019",
        {
            "new": (23, 0, 0, 0, 0, 0, 23),
            "open": 7,
            "partial": 1,
            "none_held": 7,
            "none_unclear": 5,
            "reject_repeat": 3,
            "total": (23, 0, 0, 0, 0, 0, 23),
        },
        {},
    ),
    "pingtan-2022.txt": (
        "V2021",
        {
            "new": (71, 3, 0, 0, 0, 0, 74),
            "carried": 1,
            "open": 21,
            "partial": (8, 1, 0, 0, 0, 0, 9),
            "deny_internal": 1,
            "deny_process": 2,
            "deny_enforce": 1,
            "none_held": 37,
            "other_no_correction": 2,
            "other_other": (0, 2, 0, 0, 0, 0, 2),
            "total": (72, 3, 0, 0, 0, 0, 75),
        },
        {"review": (0, 1, 1, 0, 2), "suit_direct": (1, 0, 0, 0, 1)},
    ),
    "pingtan-2024.txt": (
        "V2021",
        {
            "new": (217, 1, 0, 0, 0, 0, 218),
            "open": 71,
            "partial": 29,
            "deny_secret": 4,
            "deny_third": 3,
            "deny_internal": 32,
            "none_held": 75,
            "reject_repeat": 1,
            "other_no_correction": 1,
            "other_other": (1, 1, 0, 0, 0, 0, 2),
            "total": (217, 1, 0, 0, 0, 0, 218),
        },
        {"review": (2, 1, 3, 1, 7), "suit_after": (13, 2, 4, 0, 19)},
    ),
}
PRINTED = {
    "pingtan-2019.txt": (T2_2019, T3_2019, T4_2019),
    "pingtan-2022.txt": (T2_2022, T3_2022, T4_2022),
    "pingtan-2024.txt": (T2_2024, T3_2024, T4_2024),
}
# Table 二 has no identity: a run with several readings stays ambiguous.
T2_AMBIGUOUS = {
    "pingtan-2019.txt": {
        "normative",
        "licensing",
        "other_services",
        "penalty",
        "coercion",
        "fees",
        "procurement",
    },
    "pingtan-2022.txt": {"normative"},
    "pingtan-2024.txt": {"normative"},
}
T2_CERTAIN: dict[str, dict[str, Number]] = {
    "pingtan-2019.txt": {"rules.new_made": 0, "rules.new_published": 0, "rules.total_published": 0},
    "pingtan-2022.txt": {
        "rules.issued": 0,
        "rules.repealed": 0,
        "rules.in_force": 0,
        "licensing.decisions": 10690,
        "penalty.decisions": 2113,
        "coercion.decisions": 0,
        "fees.amount": Decimal("9116.36"),
    },
    "pingtan-2024.txt": {
        "rules.issued": 0,
        "rules.repealed": 0,
        "rules.in_force": 0,
        "licensing.decisions": 4529,  # one column: one reading
        "penalty.decisions": 1100,
        "coercion.decisions": 65,
        "fees.amount": Decimal("18651.06"),
    },
}


def _report_runs(host: Host, name: str) -> tuple[FormVariant, list[Run]]:
    variant = host.variants[EXPECTED[name][0]]
    t2, t3, t4 = PRINTED[name]
    runs = [
        *runs_for(variant, "t2", t2),
        *runs_for(variant, "t3", t3),
        *runs_for(variant, "t4", {"appeals": t4}),
    ]
    return variant, runs


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_flattened_reports(host: Host, name: str) -> None:
    variant, runs = _report_runs(host, name)
    result = decode(runs, variant.identities)
    _, t3, t4 = EXPECTED[name]
    expected = _t3(variant, t3) | _t4(t4)
    assert {c: v for c, v in result.values.items() if not c.startswith("t2.")} == expected
    assert {c: v for c, v in result.values.items() if c.startswith("t2.")} == {
        f"t2.{c}": v for c, v in T2_CERTAIN[name].items()
    }
    assert set(result.ambiguous) == {f"t2.{r}" for r in T2_AMBIGUOUS[name]}
    assert all(n > 1 for n in result.ambiguous.values())
    assert result.unsplittable == () and result.capped == ()
    assert not result.by_rows_only


def test_table_two_counts(host: Host) -> None:
    _, runs = _report_runs(host, "pingtan-2022.txt")
    result = decode(runs, host.variants["V2021"].identities)
    assert result.ambiguous == {"t2.normative": count_splits("8855698", [C, C, C])}
    assert result.ambiguous["t2.normative"] == 15


def test_the_rows_of_the_reports_need_only_their_own_identity(host: Host) -> None:
    # Every row of the three reports is unique under 总计 = its six columns (A2) or, in
    # table 四, each group's 总计 = its four parts (A6): the column identities confirm.
    for name, (vid, _, _) in EXPECTED.items():
        variant = host.variants[vid]
        _, t3, t4 = PRINTED[name]
        for run in [*runs_for(variant, "t3", t3), *runs_for(variant, "t4", {"appeals": t4})]:
            own = [i for i in variant.identities if set(i.cells) <= set(run.cells)]
            assert decode([run], own).ambiguous == {}, run


def test_the_column_identities_settle_a_row(host: Host) -> None:
    variant = host.variants["V2021"]
    # "101000011" is 10/1/0/0/0/0/11 or 1/0/10/0/0/0/11 under A2; A1 and A4 tell which.
    printed = dict.fromkeys(T3_2022, "0000000")
    printed |= {"new": "101000011", "open": "10 1 0 0 0 0 11", "total": "10 1 0 0 0 0 11"}
    alone = decode(runs_for(variant, "t3", {"new": "101000011"}), variant.identities)
    assert alone.ambiguous == {"t3.new": 2} and alone.values == {}
    full = decode(runs_for(variant, "t3", printed), variant.identities)
    assert full.ambiguous == {} and not full.by_rows_only
    assert [full.values[f"t3.new.{c}"] for c in T3_COLUMNS] == [10, 1, 0, 0, 0, 0, 11]
    # without 上年结转 and 结转下年度, A1 is ignored, and A4 cannot reach the new row
    del printed["carried"], printed["carry_next"]
    partial = decode(runs_for(variant, "t3", printed), variant.identities)
    assert partial.ambiguous == {"t3.new": 2}
    known = {f"t3.{r}.{c}": 0 for r in ("carried", "carry_next") for c in T3_COLUMNS}
    with_known = decode(runs_for(variant, "t3", printed), variant.identities, known=known)
    assert with_known.values["t3.new.np"] == 10


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=2, max_size=3))
def test_joint_solutions_match_brute_force(parts: list[tuple[int, int]]) -> None:
    """Rows x/y/t (t = x + y) and a last row holding the column sums, all printed without
    spaces: decode keeps exactly the readings that occur in some joint solution."""
    from gik_rules.forms.variant import Identity

    figures = [(x, y, x + y) for x, y in parts]
    figures.append(tuple(sum(col) for col in zip(*figures, strict=True)))
    names = [f"r{k}" for k in range(len(figures))]
    texts = ["".join(map(str, f)) for f in figures]
    runs = [
        Run(r, (f"{r}.x", f"{r}.y", f"{r}.t"), t, (C, C, C))
        for r, t in zip(names, texts, strict=True)
    ]
    identities = [
        *(Identity(f"R{r}", "r", "", (f"{r}.t",), (f"{r}.x", f"{r}.y")) for r in names),
        *(
            Identity(f"C{c}", "c", "", (f"{names[-1]}.{c}",), tuple(f"{r}.{c}" for r in names[:-1]))
            for c in "xyt"
        ),
    ]
    result = decode(runs, identities)
    readings = [[x for x in split_run(t, [C, C, C]) if x[2] == x[0] + x[1]] for t in texts]
    joint = [
        combo
        for combo in itertools.product(*readings)
        if all(combo[-1][k] == sum(row[k] for row in combo[:-1]) for k in range(3))
    ]
    assert tuple(figures) in joint
    for k, r in enumerate(names):
        seen = {combo[k] for combo in joint}
        if len(seen) == 1:
            assert tuple(result.values[f"{r}.{c}"] for c in "xyt") == figures[k]
        else:
            assert result.ambiguous[r] == len(seen)


_RUN_KINDS = st.lists(st.sampled_from([C, S, A]), min_size=1, max_size=5)


def _cuts(lattice: _Lattice) -> list[list[tuple[int, Number]]]:
    """Every reading of a lattice as its cells' (end, value), by a plain walk."""
    k_max = len(lattice.kinds)

    def walk(k: int, i: int) -> list[list[tuple[int, Number]]]:
        if k == k_max:
            return [[]]
        return [[(j, v), *rest] for j, v in lattice.tokens[k][i] for rest in walk(k + 1, j)]

    return walk(0, 0) if lattice.count else []


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_walks_bounds_are_those_of_the_readings(data: st.DataObject) -> None:
    """The bounds the walk over a run's splits prunes by are, for each number of cells
    and where they end, the least and greatest sum each check's terms take over those
    cells in the readings (no looser: the walk's steps count against its budget)."""
    kinds = data.draw(_RUN_KINDS, label="kinds")
    # mostly digits (a run's splits), now and then a space, a point or a sign
    figures = st.sampled_from("0123456789" * 4 + " .+-")
    text = data.draw(st.text(figures, min_size=len(kinds), max_size=14), label="run")
    checks = data.draw(
        st.lists(
            st.tuples(
                st.lists(st.sampled_from([-1, 0, 1]), min_size=len(kinds), max_size=len(kinds)),
                st.integers(-99, 99),
            ),
            min_size=1,
            max_size=3,
        ),
        label="checks",
    )
    lattice = _Lattice(text, kinds)
    low, high = lattice._bounds(lattice._ends(), checks)
    want_low: list[dict[int, list[Number]]] = [{} for _ in range(len(kinds) + 1)]
    want_high: list[dict[int, list[Number]]] = [{} for _ in range(len(kinds) + 1)]
    for cut in _cuts(lattice):
        sums: list[Number] = [0] * len(checks)
        for k, (j, v) in enumerate(cut):
            sums = [s + coefs[k] * v for s, (coefs, _) in zip(sums, checks, strict=True)]
            lo, hi = (
                want_low[k + 1].setdefault(j, list(sums)),
                want_high[k + 1].setdefault(j, list(sums)),
            )
            want_low[k + 1][j] = [min(a, b) for a, b in zip(lo, sums, strict=True)]
            want_high[k + 1][j] = [max(a, b) for a, b in zip(hi, sums, strict=True)]
    for k in range(1, len(kinds) + 1):
        assert {j: list(b) for j, b in low[k].items()} == want_low[k]
        assert {j: list(b) for j, b in high[k].items()} == want_high[k]
    # and the walk keeps exactly the readings under which every check holds
    kept = [
        r
        for r in lattice.readings()
        if all(
            sum(c * x for c, x in zip(coefs, r, strict=True)) + const == 0
            for coefs, const in checks
        )
    ]
    assert sorted(lattice.satisfying(checks, _Budget(10**6))) == sorted(kept)


def test_corpus_literals(host: Host) -> None:
    """The literals above are the corpus's: each run is printed in the file, and the
    expected figures are those of text/expected-cells.json."""
    folder = CORPUS / "text"
    if not (folder / "expected-cells.json").exists():
        pytest.skip(f"the corpus is not at {folder}")
    cells = json.loads((folder / "expected-cells.json").read_text(encoding="utf-8"))
    for name, (vid, t3, t4) in EXPECTED.items():
        text = (folder / name).read_text(encoding="utf-8")
        t2_runs, t3_runs, t4_run = PRINTED[name]
        for run in [*t2_runs.values(), *t3_runs.values(), t4_run]:
            assert run in text, (name, run)
        assert _t3(host.variants[vid], t3) | _t4(t4) == cells[name]


# ------------------------------------------------------------------ faults and bounds


def test_a_column_fault_falls_back_to_the_rows(host: Host) -> None:
    variant = host.variants["V2021"]
    printed = dict(T3_2022, total="733000076")  # 总计 73+3 = 76: A2 holds, A1 and A4 do not
    result = decode(runs_for(variant, "t3", printed), variant.identities)
    assert result.by_rows_only
    assert result.values["t3.total.np"] == 73 and result.values["t3.total.tot"] == 76
    # every row of this table is unique under 总计 = its six columns
    assert result.ambiguous == {} and len(result.values) == 25 * 7


def test_a_row_fault_is_read_as_printed(host: Host) -> None:
    variant = host.variants["V2019"]
    printed = dict(T3_2019, total="23 0 00 0 024")  # 23 ≠ 24: no split passes A2
    result = decode(runs_for(variant, "t3", printed), variant.identities)
    assert result.values["t3.total.np"] == 23 and result.values["t3.total.tot"] == 24
    assert result.by_rows_only  # and A1/A4 cannot hold either


def test_a_row_fault_with_several_readings_is_ambiguous(host: Host) -> None:
    variant = host.variants["V2021"]
    result = decode(runs_for(variant, "t3", {"new": "12345678"}), variant.identities)
    assert result.values == {} and result.ambiguous == {"t3.new": 7}  # none passes A2
    one = decode(runs_for(variant, "t3", {"new": "1234567"}), variant.identities)
    assert one.values["t3.new.tot"] == 7  # the only split, read as printed though 21 ≠ 7


def test_unsplittable(host: Host) -> None:
    variant = host.variants["V2021"]
    result = decode(runs_for(variant, "t3", dict(T3_2022, carried="00000")), variant.identities)
    assert result.unsplittable == ("t3.carried",)
    # A1 mentions the carried row: ignored, so the rest is still read by A4 and A2
    assert result.values["t3.new.np"] == 71 and "t3.carried.np" not in result.values


def test_known_cells(host: Host) -> None:
    variant = host.variants["V2021"]
    runs = runs_for(variant, "t3", {"new": "101000011"})
    assert decode(runs, variant.identities).ambiguous == {"t3.new": 2}
    pinned = decode(runs, variant.identities, known={"t3.new.np": 10})
    assert pinned.values["t3.new.ce"] == 1 and pinned.ambiguous == {}
    # known cells of other rows enter the identities as constants (A1: new = total here)
    known = {f"t3.{r}.{c}": 0 for r in ("carried", "carry_next") for c in T3_COLUMNS}
    known |= {f"t3.total.{c}": v for c, v in zip(T3_COLUMNS, (1, 0, 10, 0, 0, 0, 11), strict=True)}
    assert decode(runs, variant.identities, known=known).values["t3.new.ri"] == 10


def test_identities_with_unread_cells_are_ignored(host: Host) -> None:
    variant = host.variants["V2021"]
    result = decode(runs_for(variant, "t3", {"new": "713000074"}), variant.identities)
    assert result.values["t3.new.np"] == 71 and not result.by_rows_only


def test_runs_are_checked() -> None:
    with pytest.raises(ValueError, match="kinds"):
        Run("r", ("a", "b"), "12", (C,))
    run = Run("r", ("a",), "1", (C,))
    with pytest.raises(ValueError, match="twice"):
        decode([run, run], [])
    with pytest.raises(ValueError, match="two runs"):
        decode([run, Run("s", ("a",), "1", (C,))], [])


def test_hostile_runs_are_bounded(host: Host) -> None:
    variant = host.variants["V2021"]
    printed = {row: "1" * 40 for row in T3_2022}
    start = time.perf_counter()
    result = decode(runs_for(variant, "t3", printed), variant.identities)
    assert time.perf_counter() - start < 2
    assert result.values == {} and set(result.capped) == {f"t3.{r}" for r in printed}
    assert result.ambiguous["t3.new"] == count_splits("1" * 40, [C] * 7)
    too_long = decode(runs_for(variant, "t3", {"new": "1" * 101}), variant.identities)
    assert too_long.capped == ("t3.new",) and too_long.values == {}


def test_the_search_is_bounded(host: Host) -> None:
    variant = host.variants["V2021"]
    # Rows of 2-digit figures, each with many readings under A2: the joint search is large.
    printed = {row: "10203040506070280" for row in T3_2022}
    start = time.perf_counter()
    result = decode(runs_for(variant, "t3", printed), variant.identities, max_nodes=5_000)
    assert time.perf_counter() - start < 2
    assert result.values.keys().isdisjoint(f"t3.{r}.np" for r in result.ambiguous)


def test_fast_enough(host: Host) -> None:
    variant = host.variants["V2021"]
    runs = runs_for(variant, "t3", T3_2022)
    best = min(_timed(lambda: decode(runs, variant.identities)) for _ in range(5))
    assert best < 0.05


def _timed(f: object) -> float:
    assert callable(f)
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


# ------------------------------------------------------------------ generated tables

# Figures as the reports have them: mostly 0 outside 自然人, mostly small, some 2–3 digit.
NATURAL = st.one_of(st.just(0), st.integers(1, 9), st.integers(1, 9), st.integers(10, 99))
OTHER = st.one_of(st.just(0), st.just(0), st.just(0), st.integers(1, 9), st.integers(10, 40))


@st.composite
def consistent_tables(draw: st.DrawFn, variant: FormVariant) -> dict[str, int]:
    """Table 三 and 四 figures that satisfy every identity of ``variant``."""
    spec = variant.table("t3")
    assert spec is not None
    rows = [r.id for r in spec.blocks[0].rows]
    leaves = [r for r in rows if r not in ("new", "carried", "total", "carry_next")]
    out: dict[str, int] = {}
    for col in T3_COLUMNS[:-1]:
        figure = NATURAL if col == "np" else OTHER
        for r in leaves:
            out[f"t3.{r}.{col}"] = draw(figure)
        total = sum(out[f"t3.{r}.{col}"] for r in leaves)
        carry_next = draw(figure)
        carried = draw(st.integers(0, total + carry_next) | st.just(0))
        out |= {
            f"t3.total.{col}": total,
            f"t3.carry_next.{col}": carry_next,
            f"t3.carried.{col}": carried,
            f"t3.new.{col}": total + carry_next - carried,
        }
    for r in rows:
        out[f"t3.{r}.tot"] = sum(out[f"t3.{r}.{c}"] for c in T3_COLUMNS[:-1])
    for r in T4_ROWS:
        parts = [draw(OTHER) for _ in range(4)]
        out |= {f"t4.{r}.{c}": v for c, v in zip(T4_COLUMNS, [*parts, sum(parts)], strict=True)}
    return out


@st.composite
def printed_tables(draw: st.DrawFn, variant: FormVariant) -> tuple[dict[str, int], list[Run]]:
    figures = draw(consistent_tables(variant))
    spaced = draw(st.booleans())  # some dumps keep no space at all

    def show(cells: tuple[str, ...]) -> str:
        text = str(figures[cells[0]])
        for c in cells[1:]:
            text += (" " if spaced and draw(st.booleans()) else "") + str(figures[c])
        return text

    runs = runs_for(variant, "t3", {}) + runs_for(variant, "t4", {})
    assert runs == []
    spec = variant.table("t3")
    assert spec is not None
    t3 = {r.id: show(tuple(f"t3.{r.id}.{c}" for c in T3_COLUMNS)) for r in spec.blocks[0].rows}
    t4 = show(tuple(f"t4.{r}.{c}" for r in T4_ROWS for c in T4_COLUMNS))
    return figures, runs_for(variant, "t3", t3) + runs_for(variant, "t4", {"appeals": t4})


def _never_wrong(figures: Mapping[str, int], runs: list[Run], result: Decoded) -> None:
    for run in runs:
        if run.row in result.ambiguous:
            assert not set(run.cells) & set(result.values)
            assert result.ambiguous[run.row] >= (1 if run.row in result.capped else 2)
        else:
            assert {c: result.values[c] for c in run.cells} == {c: figures[c] for c in run.cells}
    assert result.unsplittable == () and not result.by_rows_only  # the truth is a solution


@settings(max_examples=100)
@given(st.data())
def test_generated_tables_are_never_misread(host: Host, data: st.DataObject) -> None:
    variant = host.variants["V2021"]
    figures, runs = data.draw(printed_tables(variant))
    _never_wrong(figures, runs, decode(runs, variant.identities))


@settings(max_examples=30)
@given(st.data())
def test_generated_tables_under_a_small_budget(host: Host, data: st.DataObject) -> None:
    variant = host.variants["V2021"]
    figures, runs = data.draw(printed_tables(variant))
    _never_wrong(figures, runs, decode(runs, variant.identities, limit=300, max_nodes=300))
