"""How much of a flattened table ``ingest.flat_decode`` recovers with certainty.

Generates consistent V2021 tables 三 and 四 with figures of realistic size (mostly 0
outside 自然人, mostly one digit, some two or three), prints every row as an archive dump
does (figures run together, with or without some spaces), decodes them, and prints the
share of cells recovered, the share of rows left ambiguous, and the time per table. A
recovered cell with a wrong value would be a bug: it is counted and must stay 0.

    .venv/bin/python benchmarks/decode_recovery.py [--tables 500] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time

from gik_rules.forms.variant import FormVariant
from gik_rules.host import default_host
from gik_rules.ingest.flat_decode import decode, runs_for

T3_COLUMNS = ("np", "ce", "ri", "sw", "ls", "ot")
T4_ROWS = ("review", "suit_direct", "suit_after")
T4_COLUMNS = ("upheld", "corrected", "other", "pending")


def _figure(rng: random.Random, natural: bool) -> int:
    p = rng.random()
    if natural:  # 自然人: most applications
        return 0 if p < 0.4 else rng.randint(1, 9) if p < 0.8 else rng.randint(10, 99)
    return 0 if p < 0.85 else rng.randint(1, 9) if p < 0.97 else rng.randint(10, 30)


def table(rng: random.Random, variant: FormVariant) -> dict[str, int]:
    spec = variant.table("t3")
    assert spec is not None
    rows = [r.id for r in spec.blocks[0].rows]
    leaves = [r for r in rows if r not in ("new", "carried", "total", "carry_next")]
    out: dict[str, int] = {}
    for col in T3_COLUMNS:
        for r in leaves:
            # most outcome rows of a real report are empty
            out[f"t3.{r}.{col}"] = _figure(rng, col == "np") if rng.random() < 0.4 else 0
        total = sum(out[f"t3.{r}.{col}"] for r in leaves)
        carry_next = _figure(rng, False)
        carried = rng.randint(0, total + carry_next) if rng.random() < 0.2 else 0
        out |= {
            f"t3.total.{col}": total,
            f"t3.carry_next.{col}": carry_next,
            f"t3.carried.{col}": carried,
            f"t3.new.{col}": total + carry_next - carried,
        }
    for r in rows:
        out[f"t3.{r}.tot"] = sum(out[f"t3.{r}.{c}"] for c in T3_COLUMNS)
    for r in T4_ROWS:
        parts = [_figure(rng, False) for _ in T4_COLUMNS]
        out |= {f"t4.{r}.{c}": v for c, v in zip(T4_COLUMNS, parts, strict=True)}
        out[f"t4.{r}.total"] = sum(parts)
    return out


def printed(rng: random.Random, figures: dict[str, int], cells: list[str], spaced: bool) -> str:
    text = str(figures[cells[0]])
    for c in cells[1:]:
        text += (" " if spaced and rng.random() < 0.5 else "") + str(figures[c])
    return text


def measure(n: int, seed: int, spaced: bool, variant: FormVariant) -> dict[str, float]:
    rng = random.Random(seed)
    spec = variant.table("t3")
    assert spec is not None
    cells = recovered = wrong = rows = ambiguous = 0
    elapsed = worst = 0.0
    for _ in range(n):
        figures = table(rng, variant)
        t3 = {
            r.id: printed(rng, figures, [f"t3.{r.id}.{c}" for c in (*T3_COLUMNS, "tot")], spaced)
            for r in spec.blocks[0].rows
        }
        t4_cells = [f"t4.{r}.{c}" for r in T4_ROWS for c in (*T4_COLUMNS, "total")]
        runs = runs_for(variant, "t3", t3) + runs_for(
            variant, "t4", {"appeals": printed(rng, figures, t4_cells, spaced)}
        )
        start = time.perf_counter()
        result = decode(runs, variant.identities)
        took = time.perf_counter() - start
        elapsed, worst = elapsed + took, max(worst, took)
        for run in runs:
            rows += 1
            ambiguous += run.row in result.ambiguous
            for c in run.cells:
                cells += 1
                if c in result.values:
                    recovered += 1
                    wrong += result.values[c] != figures[c]
    return {
        "cells recovered": recovered / cells,
        "rows ambiguous": ambiguous / rows,
        "wrong values": wrong,
        "ms per table": 1000 * elapsed / n,
        "worst ms": 1000 * worst,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    variant = default_host().variants["V2021"]
    for spaced, label in ((False, "no spaces"), (True, "some spaces")):
        stats = measure(args.tables, args.seed, spaced, variant)
        figures = ", ".join(
            f"{k} {v:.1%}"
            if isinstance(v, float) and k.endswith(("recovered", "ambiguous"))
            else f"{k} {v:.1f}"
            if isinstance(v, float)
            else f"{k} {v}"
            for k, v in stats.items()
        )
        print(f"{args.tables} tables 三+四, {label}: {figures}")


if __name__ == "__main__":
    main()
