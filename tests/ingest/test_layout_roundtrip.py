"""Reports written in every text layout users meet (gik_rules.testing.layouts) read back.

Reading the text must give back the organ, year, form variant, section numbers and every
figure (a cell written empty comes back blank). A flattened table may admit more than one
split of its figures: a row the reader cannot split for sure must be named in a parse
issue instead. A text whose figures were removed must not pass the table rules.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import gik_rules
from gik_rules.engine import RuleStatus
from gik_rules.host import Host
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.result import ReadResult
from gik_rules.model import AnnualReport, CellState
from gik_rules.render import render_report
from gik_rules.testing.layouts import LAYOUTS, Layout, Options, Written, write, written_reports
from gik_rules.textnorm import fold

# Few examples and no shrinking: a failing layout is reported at once, with the drawn text
# (shrinking a text the reader cannot read takes minutes and says no more).
FAST = settings(max_examples=5, deadline=None, phases=[Phase.explicit, Phase.generate])


def _read(written: Written, host: Host) -> ReadResult:
    suffix = ".md" if written.layout in ("markdown", "render_md") else ".txt"
    results = list(read_bytes(written.text.encode("utf-8"), f"report{suffix}", host))
    assert len(results) == 1
    return results[0]


def _named_rows(result: ReadResult) -> set[tuple[str | None, str]]:
    """(table, row) of every row a parse issue names in its location."""
    out: set[tuple[str | None, str]] = set()
    for issue in result.issues:
        where = issue.location
        if where.row:
            out.add((where.table, where.row))
        if where.cell and where.cell.count(".") == 2:
            table, row, _ = where.cell.split(".")
            out.add((table, row))
    return out


def _wrong_cells(expected: AnnualReport, result: ReadResult, *, ambiguous_ok: bool) -> list[str]:
    assert result.report is not None
    got = result.report.cells
    named = _named_rows(result) if ambiguous_ok else set()
    wrong = []
    for cid, cell in sorted(expected.cells.items()):
        back = got.get(cid)
        if cell.state is CellState.BLANK:
            ok = back is None or back.state is CellState.BLANK
        else:
            ok = back is not None and back.is_number and back.value == cell.value
        if not ok:
            table, row, _ = cid.split(".")
            if (table, row) in named or (None, row) in named:
                continue  # reported as ambiguous, not guessed
            wrong.append(f"{cid}: wrote {cell.raw!r}, read {back.raw if back else None!r}")
    return wrong


@pytest.mark.parametrize("layout", LAYOUTS)
@FAST
@given(data=st.data())
def test_layout_reads_back(layout: Layout, data: st.DataObject, host: Host) -> None:
    written = data.draw(written_reports(layout=layout), label="written")
    result = _read(written, host)
    assert result.report is not None, [i.message_en for i in result.issues]
    meta, want = result.report.meta, written.report.meta
    assert fold(meta.organ) == fold(want.organ)
    assert (meta.year, meta.variant) == (want.year, want.variant)
    assert [s.number for s in result.report.sections] == [s.number for s in written.report.sections]
    flat = "flattened" in (layout, written.options.base)
    wrong = _wrong_cells(written.report, result, ambiguous_ok=flat)
    assert not wrong, f"{len(wrong)} cells wrong, e.g. {wrong[:5]}"


# The figure rules: the table rules that read figures (N203 reads labels, the dataset
# rules several reports).
def _figure_rules(host: Host) -> set[str]:
    ruleset = gik_rules.load_ruleset("national", host=host)
    return {
        c.rule.code
        for c in ruleset.rules
        if "tables" in c.rule.groups and not {"variant", "dataset"} & set(c.rule.groups)
    }


@pytest.mark.parametrize("figures", ["blank", "drop"])
@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_layout_without_figures_passes_no_table_rule(
    layout: Layout, figures: str, data: st.DataObject, host: Host
) -> None:
    written = data.draw(written_reports(layout=layout, figures=figures), label="written")  # type: ignore[arg-type]
    result = _read(written, host)
    if result.report is None:
        return  # nothing read, nothing passed
    checked = gik_rules.check_report(result.report, "national", host)
    passed = sorted(
        code for code in _figure_rules(host) if checked.statuses.get(code) is RuleStatus.OK
    )
    assert not passed, f"table rules ok on a report without figures: {passed}"


# ---------------------------------------------------------------- the writers themselves


@FAST
@given(
    report=st.sampled_from(["V2019", "V2021"])
    .flatmap(lambda v: written_reports(v, "tab"))
    .map(lambda w: w.report)
)
def test_tab_docx_is_what_render_txt_writes(report: AnnualReport, host: Host) -> None:
    variant = host.variants[report.meta.variant or ""]
    assert write(report, variant, "tab", Options(style="docx")) == render_report(
        report, "txt"
    ).decode("utf-8")


_PLAIN = ("tab", "pipes", "markdown", "cell_per_line", "spaced", "flattened", "furniture")


@pytest.mark.parametrize("layout", _PLAIN)
@FAST
@given(data=st.data())
def test_every_row_label_of_the_variant_is_written(
    layout: Layout, data: st.DataObject, host: Host
) -> None:
    written = data.draw(written_reports(layout=layout), label="written")
    variant = host.variants[written.report.meta.variant or ""]
    text = re.sub(r"\s+", "", written.text)
    for table in variant.tables:
        for block in table.blocks:
            if not block.single_row:  # 表四's rows are header cells, wrapped by spaced
                for row in block.rows:
                    assert re.sub(r"\s+", "", row.label) in text, (table.id, row.id)
    for section in variant.sections:
        assert section.label in text


def test_flattened_is_one_body_line_after_the_archive_header(host: Host) -> None:
    from gik_rules.testing.layouts import sample

    written = sample("flattened", "V2021")
    lines = written.text.splitlines()
    assert len(lines) == 10 and lines[0].startswith("标题: ") and "正文" in lines[8]
    assert "一、总体情况" in lines[9] and "六、其他需要报告的事项" in lines[9]
