"""A report written in every text layout users meet, for round-trip tests of the reader.

Each layout copies the habits of real files (shared/corpus/text/, the seed):

* ``tab``: a .docx converted to text, a cell per tab-prefixed line (what ``render --to
  txt`` writes; style ``seed`` pads figures with U+3000/U+00A0 and splits headers);
* ``pipes``: a table row a line, cells joined by `` | ``, a merged cell only in the first
  row it covers (the Shanghai page);
* ``markdown``: ``| a | b |`` rows with ``||`` fillers for merged columns, optionally a
  ``|---|`` rule and padded figures (Shijiazhuang, the OCR Markdown);
* ``render_md``: what ``render --to md`` writes;
* ``cell_per_line``: a cell a line, ending in `` |`` with ``|||`` fillers (Changchun),
  with stray ``|`` lines between rows (Mayang), or with blank lines between cells (Zibo);
* ``spaced``: a flipbook's text, header cells wrapped a few characters a line, labels and
  figures of a row on one line separated by spaces (Wendeng);
* ``flattened``: an archive's dump, a header of eight lines and the whole body on one
  line, figures run together or spaced at random (Pingtan);
* ``traditional``: another layout converted by OpenCC ``s2t``, some characters glossed
  with pinyin (the mirrors);
* ``furniture``: another layout with portal furniture before the title and flipbook page
  markers between pages.

Tables, rows, columns and labels come from the form variant and the template layout of
each table (the same ``lay_out`` walk the renderers use); only the words around the report
live in ``layouts.toml``. ``written_reports()`` draws ``Written(report, text, layout,
options)``, where ``report`` is the report as written (zeros written as empty cells are
blank in it).
"""

from __future__ import annotations

import functools
import random
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

import attrs
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host, default_host
from gik_rules.model import AnnualReport, Cell, CellState, ReportMeta
from gik_rules.render.document import RenderDoc, compose
from gik_rules.render.figures import figure_text
from gik_rules.render.grid import Placed
from gik_rules.render.layout import lay_out
from gik_rules.render.report import render_report
from gik_rules.render.templates import TemplateSet, load_templates
from gik_rules.testing.strategies import consistent_reports

Layout = Literal[
    "tab",
    "pipes",
    "markdown",
    "render_md",
    "cell_per_line",
    "spaced",
    "flattened",
    "traditional",
    "furniture",
]
LAYOUTS: tuple[Layout, ...] = get_args(Layout)
#: The layouts ``traditional`` and ``furniture`` wrap.
BASES: tuple[Layout, ...] = ("tab", "pipes", "markdown", "cell_per_line", "spaced", "flattened")
#: The variants of each layout (``Options.style``).
STYLES: dict[Layout, tuple[str, ...]] = {
    "tab": ("docx", "seed"),
    "pipes": ("plain",),
    "markdown": ("plain", "rule", "atx"),
    "render_md": ("render",),
    "cell_per_line": ("pipe_end", "stray", "blank"),
    "spaced": ("2", "4", "6"),
    "flattened": ("tight", "spaces"),
    "traditional": ("s2t",),
    "furniture": ("portal",),
}
Figures = Literal["keep", "blank", "drop"]

_DATA = Path(__file__).with_name("layouts.toml")
_CORNER_WRAP = 8  # a flipbook wraps even the widest header cell at about this many characters


@functools.cache
def _words() -> dict[str, Any]:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@attrs.frozen(slots=True)
class Options:
    """How one text is written; ``written_reports`` draws them."""

    style: str = ""  # one of STYLES[layout]; "" is the first
    zeros_empty: bool = False  # write 0 as an empty cell (Shanghai), where cells keep their place
    empty: str = ""  # how an empty cell is written: "", "&nbsp;", "\xa0"
    pad: bool = False  # pad figures with spaces (Markdown) or U+3000/U+00A0 (the seed)
    figures: Figures = "keep"  # "blank": every figure empty; "drop": figures left out
    base: Layout = "pipes"  # the layout traditional and furniture wrap
    glosses: int = 0  # traditional: pinyin glosses after this many characters
    pages: int = 0  # furniture: flipbook page breaks
    furniture: int = 0  # furniture: which block of page furniture
    title: int = 0  # which title pattern of layouts.toml
    seed: int = 0  # the per-cell choices (spaces between figures, padding widths)

    def style_of(self, layout: Layout) -> str:
        """The style for ``layout``: its own when it is one of ``layout``'s, else the first."""
        return self.style if self.style in STYLES[layout] else STYLES[layout][0]


class Written(NamedTuple):
    report: AnnualReport  # the report as written: what reading ``text`` must give back
    text: str
    layout: Layout
    options: Options


# ---------------------------------------------------------------- the shared walk


@attrs.frozen(slots=True)
class _Table:
    """A table as the renderers lay it out: rows of positions, merged cells given once."""

    rows: tuple[tuple[Placed, ...], ...]

    def header(self, row: Sequence[Placed]) -> bool:
        """A row without figure positions (a block title, a header row)."""
        return all(p.cell.cell_id is None for p in row)


Part = str | _Table  # a paragraph or a table


@attrs.frozen(slots=True)
class _Body:
    doc: RenderDoc
    parts: tuple[Part, ...]  # preamble, then each section: heading, paragraphs, table

    @property
    def title(self) -> str:
        return self.doc.title


def _templates(variant: FormVariant, host: Host) -> TemplateSet:
    return load_templates(variant, "national", host.templates)


def _separated(layout: Layout, options: Options) -> bool:
    """Whether an empty cell keeps its place in ``layout`` (and may stand for 0)."""
    if layout in ("traditional", "furniture"):
        return _separated(options.base, options)
    if layout == "cell_per_line":
        return options.style_of(layout) != "blank"
    return layout in ("tab", "pipes", "markdown")


def _figure(cell: Cell | None, options: Options, separated: bool) -> str:
    if options.figures != "keep":
        return ""
    if cell is not None and separated and options.zeros_empty and cell.state is CellState.ZERO:
        return ""
    return figure_text(cell)


def _body(report: AnnualReport, variant: FormVariant, options: Options, separated: bool) -> _Body:
    host = default_host()
    templates = _templates(variant, host)
    doc = compose(report, templates)

    def text_of(cell_id: str) -> str:
        return _figure(report.cells.get(cell_id), options, separated)

    tables = {t.section: t.id for t in variant.tables}
    parts: list[Part] = list(doc.preamble)
    for section in doc.sections:
        parts.append(section.heading)
        parts.extend(section.paragraphs)
        if section.number in tables:
            tid = tables[section.number]
            grid = lay_out(variant, tid, templates.layout(tid), text_of).grid
            parts.append(_Table(tuple(grid.placed())))
    parts.extend(doc.signature)
    return _Body(doc, tuple(parts))


def _kept(row: Iterable[Placed], options: Options) -> list[Placed]:
    """The positions of a row that are written (dropped figures left out)."""
    return [p for p in row if not (options.figures == "drop" and p.cell.cell_id is not None)]


def _text(placed: Placed, options: Options) -> str:
    """What a position shows: nothing for the continuation of a merged cell."""
    return "" if placed.continued else placed.cell.text


def _empty(text: str, options: Options) -> str:
    return text if text else options.empty


def _published(meta: ReportMeta) -> str:
    """The publication date as portals print it (early next year when unknown)."""
    if meta.published:
        return meta.published.isoformat()
    return f"{(meta.year or 2020) + 1}-01-20"


def _head(body: _Body) -> list[str]:
    """The organ line (when the title does not name the organ first) and the title."""
    return [*([body.doc.organ_line] if body.doc.organ_line else []), body.title]


# ---------------------------------------------------------------- the writers


def _tab(body: _Body, options: Options, rng: random.Random) -> list[str]:
    seed = options.style_of("tab") == "seed"

    def cell(placed: Placed) -> str:
        text = _text(placed, options)
        if not seed:
            return text
        if placed.cell.cell_id is not None:
            # The seed's Word tables centre figures with ideographic and no-break spaces.
            pad = rng.choice(["", "\u3000", "\u3000\u3000", "\xa0", " "])
            after = rng.choice(["", "", "\xa0", "\u3000\u3000"])
            return f"{pad}{text}{after}" if text else rng.choice(["", "\xa0"])
        if placed.cell.is_header and len(text) >= 6 and rng.random() < 0.4:
            cut = rng.randrange(2, len(text) - 2)  # "本年新\n制作数量": Word's line break kept
            return text[:cut] + "\n" + text[cut:]
        return text

    lines = [*_head(body), ""]
    for part in body.parts:
        if isinstance(part, str):
            lines.append(part)
            continue
        for row in part.rows:
            lines.extend("\t" + cell(p) for p in _kept(row, options))
            lines.append("")
        lines.append("")
    return lines


def _pipes(body: _Body, options: Options, rng: random.Random) -> list[str]:
    lines = _head(body)
    for part in body.parts:
        if isinstance(part, str):
            lines.append(part)
            continue
        for row in part.rows:
            cells = [p for p in _kept(row, options) if not p.continued]
            lines.append(" | ".join(_empty(p.cell.text, options) for p in cells))
    return lines


def _markdown(body: _Body, options: Options, rng: random.Random) -> list[str]:
    style = options.style_of("markdown")
    atx = style == "atx"
    headings = {s.heading for s in body.doc.sections}
    lines = [("# " if atx else "") + body.title]
    for part in body.parts:
        if isinstance(part, str):
            lines.append(("## " if atx and part in headings else "") + part)
            continue
        for number, row in enumerate(part.rows):
            out = "|"
            width = 0
            for placed in _kept(row, options):
                text = _empty(_text(placed, options), options)
                if options.pad and placed.cell.cell_id is not None:
                    text = text.rjust(rng.randrange(len(text), len(text) + 9))
                # A merged cell is followed by empty cells for the columns it covers: "| 0 | ||".
                out += f" {text} |"
                if placed.cell.colspan > 1:
                    out += " |" + "|" * (placed.cell.colspan - 2)
                width += placed.cell.colspan
            lines.append(out + rng.choice(["", "", " "]))
            if number == 0 and style != "plain":
                lines.append("|" + "---|" * width)
        lines.append("")
    return lines


def _cell_per_line(body: _Body, options: Options, rng: random.Random) -> list[str]:
    style = options.style_of("cell_per_line")
    lines = _head(body)
    for part in body.parts:
        if isinstance(part, str):
            # The Zibo page indents its paragraphs with spaces.
            lines.append(("      " if style == "blank" else "") + part)
            if style == "blank":
                lines.append("")
            continue
        for row in part.rows:
            if style == "stray":
                lines.append("|")
            for placed in _kept(row, options):
                if placed.continued:
                    continue  # a merged cell stands only in the first row it covers
                text = _empty(placed.cell.text, options)
                if style == "blank":
                    lines.extend([text, ""])
                    continue
                lines.append(f"{text} |" if text else "|")
                if placed.cell.colspan > 1:
                    lines.append("|" * (placed.cell.colspan - 1))
    return lines


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _spaced(body: _Body, options: Options, rng: random.Random) -> list[str]:
    width = int(options.style_of("spaced"))
    lines = _head(body)
    for part in body.parts:
        if isinstance(part, str):
            lines.append(part)
            continue
        for row in part.rows:
            cells = [p for p in _kept(row, options) if not p.continued]
            if part.header(row) and not (len(cells) == 1 and cells[0].cell.kind == "title"):
                # A flipbook wraps each header cell in its narrow column: the n-th line holds
                # the n-th piece of every cell ("结果 结果 其他" / "维持 纠正 结果").
                wraps = [
                    _wrap(p.cell.text, max(width, len(p.cell.text) // _CORNER_WRAP)) for p in cells
                ]
                for n in range(max(len(w) for w in wraps)):
                    lines.append(" ".join(w[n] for w in wraps if n < len(w)))
                continue
            labels = [p.cell.text for p in cells if p.cell.cell_id is None and p.cell.text]
            figures = [p.cell.text for p in cells if p.cell.cell_id is not None]
            lines.append(" ".join([*labels, *(f for f in figures if f)]))
    return lines


def _flattened(body: _Body, options: Options, rng: random.Random) -> list[str]:
    spaces = options.style_of("flattened") == "spaces"

    def gap(p: float) -> str:
        return " " if spaces and rng.random() < p else ""

    pieces: list[str] = []
    for part in body.parts:
        if isinstance(part, str):
            pieces.append(part + (" " if rng.random() < 0.7 else ""))
            continue
        for row in part.rows:
            cells = [p for p in _kept(row, options) if not p.continued]
            if part.header(row):
                pieces.append("".join(p.cell.text + gap(0.5) for p in cells))
                continue
            run = ""
            for placed in cells:
                if placed.cell.cell_id is None:
                    run += placed.cell.text + gap(0.3)
                else:
                    run += placed.cell.text + gap(0.4)  # "23 0 00 0 023"
            pieces.append(run)
        pieces.append(" " if rng.random() < 0.5 else "")
    date = _published(body.doc.meta)
    values = {
        "title": body.title,
        "date": date,
        "time": f"{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}",
        "month": date[:7].replace("-", ""),
        "stamp": date.replace("-", ""),
        "page": rng.randrange(10000, 99999),
    }
    words = _words()
    header = [line.format(**values) for line in words["archive_header"]]
    return [*header, words["archive_divider"], "".join(pieces).strip()]


_WRITERS: dict[Layout, Callable[[_Body, Options, random.Random], list[str]]] = {
    "tab": _tab,
    "pipes": _pipes,
    "markdown": _markdown,
    "cell_per_line": _cell_per_line,
    "spaced": _spaced,
    "flattened": _flattened,
}


def _traditional(text: str, options: Options, rng: random.Random) -> str:
    import opencc

    converted = str(opencc.OpenCC("s2t").convert(text))
    glosses: dict[str, str] = _words()["glosses"]
    where = [i for i, ch in enumerate(converted) if ch in glosses]
    chosen = sorted(rng.sample(where, min(options.glosses, len(where))), reverse=True)
    for i in chosen:  # from the end, so that earlier positions stay put
        converted = converted[: i + 1] + f"({glosses[converted[i]]})" + converted[i + 1 :]
    return converted


def _furniture(lines: list[str], body: _Body, options: Options, rng: random.Random) -> list[str]:
    meta = body.doc.meta
    date = _published(meta)
    next_year = int(date[:4])
    values = {
        "title": body.title,
        "organ": meta.organ,
        "region": meta.region or meta.organ,
        "date": date,
        "next_year": next_year,
        "index": f"11{rng.randrange(10**14, 10**15)}/{next_year}-{rng.randrange(1, 999):05d}",
    }
    words = _words()
    blocks: list[list[str]] = words["furniture"]
    furniture = [line.format(**values) for line in blocks[options.furniture % len(blocks)]]
    # A page may break between any two lines, but not inside a tab-prefixed cell (a
    # converted .docx has no pages; the break falls between its rows).
    allowed = [
        i for i in range(1, len(lines)) if not lines[i].startswith("\t") or lines[i - 1] == ""
    ]
    breaks = sorted(rng.sample(allowed, min(options.pages, len(allowed))))
    out: list[str] = []
    page, start = 1, 0
    for i in breaks:
        out.extend(lines[start:i])
        page += 1
        out.extend(m.format(page=page, title=body.title) for m in words["page_markers"])
        start = i
    out.extend(lines[start:])
    return [*furniture, *out]


def write(
    report: AnnualReport,
    variant: FormVariant,
    layout: Layout,
    options: Options | None = None,
) -> str:
    """``report`` as a text file in ``layout`` (ending in a line break)."""
    options = options or Options()
    rng = random.Random(options.seed)
    if layout == "render_md":
        if options.figures != "keep":
            # The renderer writes every cell of the form: blanked and dropped figures
            # both come out as empty cells.
            report = as_written(report, variant, layout, attrs.evolve(options, figures="blank"))
        return render_report(report, "md").decode("utf-8")
    if layout == "traditional":
        base = write(report, variant, options.base, options)
        return _traditional(base, options, rng)
    own = options.base if layout == "furniture" else layout
    if own not in _WRITERS:
        raise ValueError(f"{layout} cannot wrap {own}")
    body = _body(report, variant, options, _separated(layout, options))
    lines = _WRITERS[own](body, options, rng)
    if layout == "furniture":
        lines = _furniture(lines, body, options, rng)
    return "\n".join(lines).rstrip("\n") + "\n"


def as_written(
    report: AnnualReport, variant: FormVariant, layout: Layout, options: Options
) -> AnnualReport:
    """``report`` as ``write`` prints it: figures blanked or dropped, zeros written empty."""
    cells = dict(report.cells)
    for cid, cell in report.cells.items():
        if cid not in variant.cells:
            continue
        if options.figures == "drop":
            del cells[cid]
        elif options.figures == "blank" or (
            cell.state is CellState.ZERO
            and options.zeros_empty
            and _separated(layout, options)
            and layout != "render_md"
        ):
            cells[cid] = Cell(raw="", state=CellState.BLANK, span=cell.span)
    return attrs.evolve(report, cells=cells)


# ---------------------------------------------------------------- strategies


def _variants() -> list[FormVariant]:
    return sorted(default_host().variants.values(), key=lambda v: v.first_year)


def layouts() -> st.SearchStrategy[Layout]:
    """One of LAYOUTS."""
    return st.sampled_from(LAYOUTS)


@st.composite
def options(draw: st.DrawFn, layout: Layout, figures: Figures = "keep") -> Options:
    """The options of one text in ``layout``."""
    base: Layout = draw(st.sampled_from(BASES if layout == "traditional" else BASES[:-1]))
    styles = STYLES[base if layout in ("traditional", "furniture") else layout]
    return Options(
        style=draw(st.sampled_from(styles)),  # a wrapper's style is its base's
        zeros_empty=draw(st.booleans()),
        empty=draw(st.sampled_from(["", "", "&nbsp;"])) if layout == "pipes" else "",
        pad=draw(st.booleans()),
        figures=figures,
        base=base,
        glosses=draw(st.integers(0, 4)),
        pages=draw(st.integers(0, 3)),
        furniture=draw(st.integers(0, 2)),
        title=draw(st.integers(0, len(_words()["titles"]) - 1)),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


@st.composite
def written_reports(
    draw: st.DrawFn,
    variant: FormVariant | str | None = None,
    layout: Layout | Sequence[Layout] = LAYOUTS,
    figures: Figures = "keep",
) -> Written:
    """A consistent report of ``variant`` (default: V2019 or V2021) written in one of
    ``layout``; ``Written.report`` is what reading the text must give back."""
    if isinstance(variant, str):
        form = default_host().variants[variant]
    else:
        form = variant or draw(st.sampled_from(_variants()))
    chosen: Layout = layout if isinstance(layout, str) else draw(st.sampled_from(list(layout)))
    report = draw(consistent_reports(form))
    opts = draw(options(chosen, figures))
    meta = report.meta
    title = _words()["titles"][opts.title].format(organ=meta.organ, year=meta.year)
    report = attrs.evolve(report, meta=attrs.evolve(meta, title=title))
    text = write(report, form, chosen, opts)
    return Written(as_written(report, form, chosen, opts), text, chosen, opts)


def sample(layout: Layout, variant: str = "V2021", *, skip: int = 3) -> Written:
    """One deterministic sample of ``layout`` (the ``skip``-th example hypothesis draws,
    past the all-zero first ones), for benchmarks and for reading by eye."""
    from hypothesis import HealthCheck, Phase, given, settings

    found: list[Written] = []

    @settings(
        max_examples=skip + 1,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(written_reports(variant, layout))
    def draw(written: Written) -> None:
        found.append(written)

    draw()
    return found[-1]


__all__ = [
    "BASES",
    "LAYOUTS",
    "STYLES",
    "Layout",
    "Options",
    "Written",
    "as_written",
    "layouts",
    "options",
    "sample",
    "write",
    "written_reports",
]
