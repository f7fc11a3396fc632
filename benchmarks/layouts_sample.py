"""Write one sample report in every text layout into a folder, for the reading benchmark.

    .venv/bin/python benchmarks/layouts_sample.py OUT_DIR [--variant V2019|V2021|all]

Files are named ``<variant>-<layout>.txt`` (``.md`` for the Markdown layouts). The samples
are deterministic (gik_rules.testing.layouts.sample), so every run times the same texts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gik_rules.testing.layouts import LAYOUTS, sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write into (created if absent)")
    parser.add_argument("--variant", default="all", choices=["V2019", "V2021", "all"])
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    variants = ["V2019", "V2021"] if args.variant == "all" else [args.variant]
    for variant in variants:
        for layout in LAYOUTS:
            written = sample(layout, variant)
            suffix = ".md" if layout in ("markdown", "render_md") else ".txt"
            path = args.out / f"{variant}-{layout}{suffix}"
            path.write_text(written.text, encoding="utf-8")
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
