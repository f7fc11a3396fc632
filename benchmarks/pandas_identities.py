"""The obvious pandas script: a dataset CSV's form-variant identities, every row at once.

``python benchmarks/pandas_identities.py data.csv`` prints how many (row, identity) pairs
do not hold. It is what `gik-rules check` is compared with (benchmarks/scale.py): the same
identities (the variants' own, from the installed form data), no findings, no locations,
no other rule; a text that is no plain number counts as 0 (pandas' ``to_numeric``).
Needs the ``bench`` extra (pandas).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from gik_rules.host import default_host


def failing_pairs(path: str) -> int:
    variants = default_host().variants
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    failing = 0
    for vid, rows in frame.groupby("variant"):
        variant = variants.get(str(vid))
        if variant is None:
            continue
        used = sorted({c for i in variant.identities for c in i.cells} & set(rows.columns))
        figures = rows[used].apply(pd.to_numeric, errors="coerce").fillna(0)
        index = {c: k for k, c in enumerate(used)}
        signs = np.zeros((len(used), len(variant.identities)))
        for j, identity in enumerate(variant.identities):
            for sign, side in ((1, identity.lhs), (-1, identity.rhs)):
                for cid in side:
                    if cid in index:
                        signs[index[cid], j] += sign
        failing += int(np.count_nonzero(figures.to_numpy() @ signs))
    return failing


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: pandas_identities.py DATA.csv", file=sys.stderr)
        return 2
    print(failing_pairs(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
