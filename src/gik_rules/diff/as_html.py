"""``gik-rules diff --format html``: one self-contained page, no script at all.

The form's tables with each cell's old and new figure and the change; each section's
text with the sentences carried over word for word (and those with only their figures
changed) highlighted; the findings new, fixed and unchanged. Report text is hostile: it
is written escaped (``html.escape``), the page has no script, and its Content-Security-
Policy admits only its own style, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

from gik_rules import __version__
from gik_rules.diff.as_text import cell_text, change_text, section_name
from gik_rules.diff.compare import Carried, CellChange, CellStatus, ReportDiff, SectionDiff
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Finding

_E = html.escape

_WORDS = {
    False: {
        "title": "gik-rules 报告对比",
        "cells": "表格",
        "text": "正文",
        "findings": "问题",
        "new": "新增",
        "fixed": "已改正",
        "unchanged": "未变",
        "same": "与上一份报告逐字相同",
        "figures": "仅数字不同",
        "share": "{same}的文字与上一份报告逐字相同，{figures}仅数字不同",
        "only_old": "只在上一份报告中",
        "none": "无",
        "counts": "单元格：{changed}个变化，{added}个新增，{removed}个删除，{same}个相同",
        "no_form": "表格格式不详：按单元格编号列出。",
    },
    True: {
        "title": "gik-rules report comparison",
        "cells": "Tables",
        "text": "Text",
        "findings": "Findings",
        "new": "new",
        "fixed": "fixed",
        "unchanged": "unchanged",
        "same": "word for word as in OLD",
        "figures": "only the figures differ",
        "share": "{same} of the text as in OLD word for word, {figures} with other figures only",
        "only_old": "only in OLD",
        "none": "none",
        "counts": "cells: {changed} changed, {added} added, {removed} removed, {same} the same",
        "no_form": "Form variant unknown: cells by id.",
    },
}


def _style() -> str:
    return resources.files("gik_rules.diff").joinpath("diff.css").read_text(encoding="utf-8")


def _csp(style: str) -> str:
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; script-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def _who(label: str, report: AnnualReport, source: str) -> str:
    meta = report.meta
    parts = " · ".join(_E(x) for x in (meta.organ, str(meta.year or ""), meta.variant or "") if x)
    return f'<p class="who"><b>{label}</b> {_E(source)} · {parts}</p>'


def _value_cell(change: CellChange | None, cell_id: str) -> str:
    if change is None:
        return f'<td class="same" data-cell="{_E(cell_id)}"></td>'
    status = change.status.value
    new, old = cell_text(change.new), cell_text(change.old)
    inner = _E(new)
    if change.status is not CellStatus.SAME:
        inner = f'<span class="old">{_E(old)}</span>{inner}'
    delta = change_text(change.change)
    if delta and change.status is CellStatus.CHANGED:
        kind = "down" if delta.startswith("-") else "up"
        inner += f'<span class="{kind}">{_E(delta)}</span>'
    title = f"{change.cell}: {old} → {new}"
    return f'<td class="{status}" data-cell="{_E(change.cell)}" title="{_E(title)}">{inner}</td>'


def _tables(
    diff: ReportDiff, variant: FormVariant | None, templates: Iterable[Mapping[str, Any]]
) -> Iterator[str]:
    from gik_rules.output.html_format import table_layouts

    by_id = {c.cell: c for c in diff.cells}
    if variant is None:
        yield '<table class="form">'
        for c in diff.cells:
            yield f"<tr><th>{_E(c.cell)}</th>{_value_cell(c, c.cell)}</tr>"
        yield "</table>"
        return
    for layout in table_layouts(variant, templates):
        yield f'<table class="form" data-table="{_E(layout["id"])}"><caption>{_E(layout["title"])}</caption>'
        for row in layout["rows"]:
            yield "<tr>"
            for text, kind, rowspan, colspan, cell_id in row:
                span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
                    f' colspan="{colspan}"' if colspan > 1 else ""
                )
                if kind == "value":
                    yield _value_cell(by_id.get(cell_id), cell_id).replace("<td", f"<td{span}", 1)
                else:
                    yield f'<th class="{_E(kind)}"{span}>{_E(text)}</th>'
            yield "</tr>"
        yield "</table>"


def _section(section: SectionDiff, words: Mapping[str, str], english: bool) -> Iterator[str]:
    name = section_name(section.number, section.title, english)
    yield f'<h3 data-section="{section.number}">{_E(name)}</h3>'
    if section.only_in_old:
        yield f'<p class="share">{_E(words["only_old"])}</p>'
    else:
        share = words["share"].format(
            same=f"{section.carried:.0%}", figures=f"{section.figures:.0%}"
        )
        yield f'<p class="share">{_E(share)}</p>'
    pieces = []
    at = 0
    for sentence in section.sentences:  # the text as written, each sentence marked
        kind = sentence.carried.value if not section.only_in_old else Carried.NEW.value
        pieces.append(_E(section.text[at : sentence.start]))
        pieces.append(
            f'<mark class="{kind}">{_E(section.text[sentence.start : sentence.end])}</mark>'
        )
        at = sentence.end
    pieces.append(_E(section.text[at:]))
    yield '<div class="text"><p>' + "".join(pieces).strip() + "</p></div>"


def _finding(kind: str, finding: Finding, english: bool) -> str:
    message = finding.message_en if english else finding.message
    where = finding.location.describe()
    return (
        f'<li class="{kind}"><span class="code">{_E(finding.code)}</span>{_E(finding.name)} '
        f"— {_E(message)}" + (f'<span class="where">{_E(where)}</span>' if where else "") + "</li>"
    )


def render_html(
    diff: ReportDiff,
    variants: Mapping[str, FormVariant],
    templates: Iterable[Mapping[str, Any]] = (),
    *,
    english: bool = False,
) -> str:
    words = _WORDS[english]
    style = _style()
    found = diff.findings
    counts = words["counts"].format(
        changed=diff.count(CellStatus.CHANGED),
        added=diff.count(CellStatus.ADDED),
        removed=diff.count(CellStatus.REMOVED),
        same=diff.count(CellStatus.SAME),
    )
    variant = variants.get(diff.new.meta.variant or "") or variants.get(diff.old.meta.variant or "")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if english else "zh-CN"}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_E(_csp(style))}">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="gik-rules {_E(__version__)}">',
        f"<title>{_E(words['title'])}</title><style>{style}</style></head><body>",
        f"<h1>{_E(words['title'])}</h1>",
        _who("OLD", diff.old, diff.old_source),
        _who("NEW", diff.new, diff.new_source),
        f'<p class="counts" id="counts">{_E(counts)}</p>',
        f"<h2>{_E(words['cells'])}</h2>",
        *([f'<p class="share">{_E(words["no_form"])}</p>'] if variant is None else []),
        *_tables(diff, variant, templates),
        f"<h2>{_E(words['text'])}</h2>",
        f'<p class="legend"><span><mark class="same">{_E(words["same"])}</mark></span>'
        f'<span><mark class="figures">{_E(words["figures"])}</mark></span></p>',
    ]
    for section in diff.sections:
        parts.extend(_section(section, words, english))
    parts.append(
        f'<h2>{_E(words["findings"])}</h2><p class="counts" id="finding-counts">'
        f"{_E(words['new'])} {len(found.new)} · {_E(words['fixed'])} {len(found.fixed)} · "
        f'{_E(words["unchanged"])} {len(found.unchanged)}</p><ul class="findings">'
    )
    parts += [_finding("new", f, english) for f in found.new]
    parts += [_finding("fixed", f, english) for f in found.fixed]
    parts += [_finding("unchanged", f, english) for _, f in found.unchanged]
    parts.append(f"</ul><footer><p>gik-rules {_E(__version__)}</p></footer></body></html>\n")
    return "\n".join(parts)
