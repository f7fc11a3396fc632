"""A report's title block and metadata (title, organ, year, signature date) from its text.

``read_metadata(text, body_start=…)`` reads the lines before the first section heading:
page furniture is skipped, the title is found in whatever form it was printed (one line
or two, in the furniture, inside the first sentence, in traditional characters, with OCR
spaces), and the organ and the year are taken from the title, else from the text, the
signature or the statistics period. Every match is made on the folded text
(``gik_rules.textnorm``) and mapped back, so names are returned as printed. The words
used are in ``metadata.toml`` beside this module.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from gik_rules.forms.numerals import cn_number
from gik_rules.ingest.result import ParseIssue
from gik_rules.model import SourceSpan
from gik_rules.rules.finding import Location
from gik_rules.textnorm import fold, is_furniture, normalise, strip_label_prefix

__all__ = [
    "Metadata",
    "date_of",
    "is_organ_name",
    "period_year",
    "read_metadata",
    "title_parts",
    "words",
]

_DATA = Path(__file__).with_name("metadata.toml")
_SIGNATURE_LINES = 8  # how many last lines of a text may hold the signature
_TEXT_WINDOW = 1500  # how far into the first section the organ may be named
_HEAD_LINES = 60  # how many lines of text a title may stand in
_PREAMBLE = 4000  # how much of the preamble is read for the organ and the period

#: Where the organ's name was read.
ORGAN_SOURCES = ("title", "text", "signature", "")
#: Where the report year was read.
YEAR_SOURCES = ("title", "period", "")


@attrs.frozen(slots=True)
class Metadata:
    """What a report says about itself; see ``read_metadata``.

    ``title`` is printed white space removed between Chinese characters; ``organ`` is as
    printed (a traditional-character mirror keeps its characters); ``title_end`` is the
    offset in the text where the preamble starts (after the title and its furniture).
    """

    title: str = ""
    title_span: SourceSpan | None = None
    organ: str = ""
    organ_from: str = ""
    year: int | None = None
    year_from: str = ""
    published: dt.date | None = None
    title_end: int = 0
    issues: tuple[ParseIssue, ...] = ()


@functools.cache
def words() -> dict[str, Any]:
    """The words of ``metadata.toml`` (folded forms)."""
    with _DATA.open("rb") as fh:
        return tomllib.load(fh)


def _is_furniture(line: str) -> bool:
    return is_furniture(line)


# --- compact text: folded, white space dropped, each character mapped to the printed one ---


@attrs.frozen(slots=True)
class _Compact:
    text: str
    origin: tuple[int, ...]
    base: int  # offset of the printed piece in the whole text

    @classmethod
    def of(cls, printed: str, base: int = 0) -> _Compact:
        text, origin = _compacted(printed) if len(printed) <= _SHORT else _compact(printed)
        return cls(text, origin, base)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The printed offsets (in the whole text) of compact ``[start, end)``."""
        return self.base + self.origin[start], self.base + self.origin[end - 1] + 1


def _compact(printed: str) -> tuple[str, tuple[int, ...]]:
    """The folded text without white space, and where each character was printed."""
    folded = normalise(printed)
    text = "".join(folded.text.split())
    if len(text) == len(folded.text):  # no white space: the fold's own map
        return text, folded.origin
    keep = [i for i, ch in enumerate(folded.text) if not ch.isspace()]
    return text, tuple(folded.origin[i] for i in keep)


# Lines are compacted by the document kind and by the title search, and repeat.
_SHORT = 512
_compacted = functools.lru_cache(maxsize=4096)(_compact)


@attrs.frozen(slots=True)
class _Line:
    number: int  # 1-based
    start: int
    end: int  # without the line break
    text: str


def _lines(text: str, stop: int) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for number, raw in enumerate(text[:stop].splitlines(keepends=True), 1):
        body = raw.rstrip("\r\n")
        out.append(_Line(number, pos, pos + len(body), body))
        pos += len(raw)
    return out


# --- titles -----------------------------------------------------------------------------


def _alt(options: list[str]) -> str:
    """A regex alternation of ``options``, longest first."""
    return "|".join(re.escape(x) for x in sorted(options, key=len, reverse=True))


@functools.cache
def _title_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(title with a year, title without one), on compact text."""
    t, stop = words()["title"], _stop()
    prefix = f"(?:{_alt(t['prefixes'])})?"
    gap = f"[^{stop}]{{0,{int(t['max_gap'])}}}?"
    tail = f"(?P<subject>{_alt(t['subject'])})(?P<gap>{gap})(?P<ending>{_alt(t['endings'])})"
    with_year = re.compile(
        f"{prefix}(?P<before>[^{stop}]{{0,40}}?)(?<!\\d)(?P<year>(?:19|20)\\d{{2}})年度?"
        f"(?P<after>[^{stop}]{{0,40}}?){tail}"
    )
    without_year = re.compile(f"{prefix}(?P<before>[^{stop}]{{0,40}}?){tail}")
    return with_year, without_year


@functools.cache
def _year_subject() -> re.Pattern[str]:
    """A year and a subject after it, as a title with a year holds them: a line without
    this is spared the title pattern, whose lazy gaps try every start of a long line."""
    subject = _alt(words()["title"]["subject"])
    return re.compile(f"(?<!\\d)(?:19|20)\\d{{2}}年度?[^{_stop()}]{{0,40}}?(?:{subject})")


def _stop() -> str:
    """What no title's words run across (the punctuation of a sentence), for a class."""
    return re.escape(str(words()["organ"]["punctuation"]))


@attrs.frozen(slots=True)
class _Title:
    """A title found in the text: printed offsets of the title, its organ and year."""

    start: int
    end: int
    organ: tuple[int, int] | None
    year: int | None
    form: str  # "line" | "furniture" | "sentence"


@functools.lru_cache(maxsize=4096)  # the cells of a table's labels repeat in every report
def title_parts(line: str) -> tuple[str, int | None] | None:
    """``(organ, year)`` of a line that is a report title (organ "" if it names none)."""
    compact = _Compact.of(line)
    found = _match_title(compact, whole=True)
    if found is None:
        return None
    organ = line[found.organ[0] : found.organ[1]] if found.organ else ""
    return organ, found.year


# A remark after a title: "（修订版）", "【全文】".
_REMARK = re.compile(r"[(（【\[〔].{0,12}[)）】\]〕]")
_STRAY = re.compile(r"^[#*>|\-•·■□◆●○【】\[\]()（）〔〕<>《》\"“”'‘’]{1,6}")


def _names_subject(text: str) -> bool:
    """Whether ``text`` names a report's subject, as every title does: a text that does
    not is spared the title patterns (their lazy gaps try many starts in a long line)."""
    return any(s in text for s in words()["title"]["subject"])


def _match_title(compact: _Compact, *, whole: bool, form: str = "line") -> _Title | None:
    """A title at the start of ``compact``; ``whole``: it is all of it, bar 2 stray chars."""
    text = compact.text
    if not _names_subject(text):
        return None
    lead = _STRAY.match(text)
    at = lead.end() if lead else 0
    if len(text) - at > words()["title"]["max_length"] and whole:
        return None
    for pattern in _title_patterns():
        match = pattern.match(text, at)
        if match is None:
            continue
        if whole and len(text) - match.end() > 2 and not _REMARK.fullmatch(text, match.end()):
            continue
        return _title_of(compact, match, at, form)
    return None


def _organ_span(compact: _Compact, match: re.Match[str], name: str) -> tuple[int, int] | None:
    """The printed span of the organ a title names in group ``name``, if it is one."""
    organ = match.group(name)
    if not organ or not is_organ_name(organ, title=True):
        return None
    end = match.end(name)
    if name == "after" and not is_organ_name(organ):
        # "2022年××区人民政府信息公开…": the organ's last characters begin the subject.
        subject = match.group("subject")
        for k in range(len(subject) - 1, 0, -1):
            if is_organ_name(organ + subject[:k]):
                end += k
                break
    return compact.span(match.start(name), end)


def _title_of(compact: _Compact, match: re.Match[str], at: int, form: str) -> _Title | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    organ = _organ_span(compact, match, "before") or (
        _organ_span(compact, match, "after") if "after" in groups else None
    )
    if groups.get("before") and organ is None and not is_organ_name(groups["before"], title=True):
        # Text before the title that is no organ: the line is no title ("根据…发布2021年…").
        return None
    start, end = compact.span(at, match.end())
    return _Title(start, end, organ, year, form)


def _find_titles(text: str, lines: list[_Line], body_start: int) -> Iterator[tuple[_Title, int]]:
    """Title candidates, best first, each with the index of its (first) line."""
    content = [i for i, ln in enumerate(lines) if ln.text.strip() and not _is_furniture(ln.text)]
    content = content[:_HEAD_LINES]
    # A title on its own line, or at the start of a line the preamble runs on from.
    for n, i in enumerate(content):
        line = lines[i]
        compact = _Compact.of(line.text, line.start)
        title = _match_title(compact, whole=True) or _title_at_start(text, compact)
        if title is None and n + 1 < len(content):
            title = _split_title(lines[i], lines[content[n + 1]])
        if title is not None:
            yield title, i
    # A title in the page furniture: a field ("标题: …") or a running head ("Page 8 - …").
    for i, line in enumerate(lines[: 2 * _HEAD_LINES]):
        if _is_furniture(line.text):
            title = _furniture_title(line)
            if title is not None:
                yield title, i
    # A title inside the first sentence ("…现向社会公布2021年××局政府信息公开工作年度报告。").
    for i in content[:3]:
        line = lines[i]
        compact = _Compact.of(line.text, line.start)
        if not _year_subject().search(compact.text):
            continue
        with_year = _title_patterns()[0]
        for match in with_year.finditer(compact.text):
            organ = _organ_span(compact, match, "after")
            start, end = compact.span(match.start("year"), match.end())
            yield _Title(start, end, organ, int(match.group("year")), "sentence"), i
            break


def _furniture_title(line: _Line) -> _Title | None:
    value = strip_label_prefix(line.text)
    offset = line.text.find(value) if value else -1
    if offset < 0:
        return None
    # A page marker is no field: the title may follow any separator near its start.
    starts = [0, *(m.end() for m in re.finditer(r"[\s\-–—|:：]+", value[:20]))]
    for start in starts:
        compact = _Compact.of(value[start:], line.start + offset + start)
        title = _match_title(compact, whole=True, form="furniture")
        if title is not None:
            return title
    return None


def _title_at_start(text: str, compact: _Compact) -> _Title | None:
    """A title at the start of a line that goes on with the preamble after white space."""
    title = _match_title(compact, whole=False)
    if title is None or (title.organ is None and title.year is None):
        return None
    rest = text[title.end : title.end + 1]
    return title if rest.isspace() or not rest else None


def _split_title(first: _Line, second: _Line) -> _Title | None:
    """A title printed over two lines ("2024 年××政府信息公开工作" / "年度报告")."""
    head = _Compact.of(first.text, first.start)
    subjects = words()["title"]["subject"]
    if not any(s in head.text for s in subjects) or len(_Compact.of(second.text).text) > 20:
        return None
    tail = _Compact.of(second.text, second.start)
    joined = _Compact(
        head.text + tail.text,
        (*(o + first.start for o in head.origin), *(o + second.start for o in tail.origin)),
        0,
    )
    return _match_title(joined, whole=True)


def _printed_title(text: str, start: int, end: int) -> str:
    """The title as printed, white space next to a Chinese character or digit dropped."""
    raw = text[start:end]
    raw = re.sub(r"\s+", " ", raw).strip()
    return re.sub(r"(?<=[^\x00-\x7f\d]) | (?=[^\x00-\x7f])|(?<=\d) (?=\d)", "", raw)


# --- organs -----------------------------------------------------------------------------


def is_organ_name(name: str, *, title: bool = False) -> bool:
    """Whether ``name`` can be an organ's name: short, no sentence, no date, URL or label.

    Names outside a title must also end like an organ (局, 办公室, 人民政府 …).
    """
    w = words()["organ"]
    folded = fold(name)
    if not 2 <= len(folded) <= w["max_length"]:
        return False
    if any(ch in w["punctuation"] for ch in folded) or any(ch.isdigit() for ch in folded):
        return False
    lowered = folded.lower()
    if folded in w["not_organs"] or any(x in lowered for x in w["not_in_organ"]):
        return False
    if any(folded.startswith(x) for x in w["not_organs"]):
        return False
    if _is_furniture(name):
        return False
    return title or folded.endswith(tuple(w["endings"]))


def _organ_from_text(text: str, start: int, stop: int) -> tuple[str, bool] | None:
    """The organ named in the preamble or first section: ``(name, strong)``."""
    piece = text[start:stop]
    compact = _Compact.of(piece, start)
    t = words()["text"]
    for strong, key in ((True, "author"), (False, "subject")):
        for pattern in t[key]:
            for match in re.finditer(pattern, compact.text):
                name = match.group("organ")
                if is_organ_name(name):
                    a, b = compact.span(match.start("organ"), match.end("organ"))
                    return _clean(text[a:b]), strong
    return None


def _organ_from_signature(lines: list[str]) -> str:
    """The organ line of a signature block (the line above its date, else any)."""
    content = [ln.strip() for ln in lines if ln.strip()]
    for i, line in enumerate(content):
        if date_of(line) is not None and i > 0 and is_organ_name(content[i - 1]):
            return _clean(content[i - 1])
    names = [ln for ln in content if is_organ_name(ln)]
    return _clean(names[-1]) if names else ""


def _clean(name: str) -> str:
    return "".join(name.split())


# --- year and date ----------------------------------------------------------------------

_ARABIC_DATE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?"
)
_CN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "O": "0"}
_CN_DATE = re.compile(
    r"([〇零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)


def date_of(text: str) -> dt.date | None:
    """A line that is only a date (``2021年1月30日``, ``二〇二一年一月三十日``, ``2021-01-30``)."""
    compact = fold(text)
    match = _ARABIC_DATE.fullmatch(compact)
    if match:
        parts = (int(match[1]), int(match[2]), int(match[3]))
    else:
        cn = _CN_DATE.fullmatch(compact)
        month = cn_number(cn[2]) if cn else None
        day = cn_number(cn[3]) if cn else None
        if cn is None or month is None or day is None:
            return None
        parts = (int("".join(_CN_DIGITS[ch] for ch in cn[1])), month, day)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def period_year(text: str) -> int | None:
    """The year of the statistics period ("统计期限自2020年1月1日起…"), if it is stated."""
    p = words()["period"]
    compact = "".join(normalise(text).text.split())  # not fold: its cache is for short text
    year = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)年")
    for marker in re.finditer(re.escape(p["marker"]), compact):
        window = compact[marker.end() : marker.end() + int(p["window"])]
        found = year.search(window)
        if found:
            return int(found.group(1))
    return None


# --- the metadata -----------------------------------------------------------------------


def read_metadata(text: str, *, body_start: int, signature: str = "") -> Metadata:
    """The title block and metadata of a report printed as ``text``.

    ``body_start`` is the offset of the first section heading (``len(text)`` if none);
    ``signature`` the text after the last section, when the caller has it (otherwise the
    last lines of ``text`` are read for the signature). An organ or year that cannot be
    read is left empty and reported as a P002 issue.
    """
    body_start = max(0, min(body_start, len(text)))
    lines = _lines(text, body_start)
    candidates = list(_find_titles(text, lines, body_start))
    chosen = candidates[0] if candidates else None

    title, span, title_end = "", None, _block_end(lines, -1, 0, body_start)
    organ, organ_from = "", ""
    year, year_from = None, ""
    if chosen is not None:
        found, index = chosen
        title = _printed_title(text, found.start, found.end)
        line = next(ln for ln in reversed(lines) if ln.start <= found.start)
        span = SourceSpan(line=line.number, column=found.start - line.start + 1)
        if found.form == "sentence":
            title_end = _block_end(lines, -1, 0, body_start)
        else:
            last = max(i for i, ln in enumerate(lines) if ln.start <= found.end)
            title_end = _block_end(lines, last, found.end, body_start)
        for other, _ in candidates:  # the same title may be printed twice (furniture, body)
            if found.year is not None and other.year not in (None, found.year):
                continue
            if not organ and other.organ is not None:
                organ, organ_from = _clean(text[other.organ[0] : other.organ[1]]), "title"
            if year is None and other.year is not None:
                year, year_from = other.year, "title"
        if not organ and found.form == "line":
            organ = _organ_line_above(lines, index)
            organ_from = "title" if organ else ""
    title_end = min(title_end, body_start)

    # The signature stands in the last lines (of the last section, when that is given).
    source = signature if signature.strip() else text
    tail = list(filter(str.strip, source.splitlines()))[-_SIGNATURE_LINES:]  # not blank
    if not organ:
        stop = min(len(text), body_start + _TEXT_WINDOW, title_end + _PREAMBLE)
        in_text = _organ_from_text(text, title_end, stop)
        signed = _organ_from_signature(tail)
        if in_text and in_text[1]:
            organ, organ_from = in_text[0], "text"
        elif signed:
            organ, organ_from = signed, "signature"
        elif in_text:
            organ, organ_from = in_text[0], "text"
    if year is None:
        stop = min(body_start + _TEXT_WINDOW, title_end + _PREAMBLE)
        year = period_year(text[title_end:stop])
        year_from = "period" if year is not None else ""
    dates = [d for d in (date_of(ln) for ln in tail) if d is not None]

    issues: tuple[ParseIssue, ...] = ()
    if not organ or year is None:
        missing = [x for x, ok in (("机关名称", organ), ("报告年度", year is not None)) if not ok]
        english = {"机关名称": "organ", "报告年度": "report year"}
        first = next((ln.number for ln in lines if ln.text.strip()), None)
        issues = (
            ParseIssue(
                "P002",
                "无法读取" + "、".join(missing),
                "cannot read the " + " and ".join(english[m] for m in missing),
                Location(line=span.line if span else first),
            ),
        )
    return Metadata(
        title=title,
        title_span=span,
        organ=organ,
        organ_from=organ_from,
        year=year,
        year_from=year_from,
        published=dates[-1] if dates else None,
        title_end=title_end,
        issues=issues,
    )


def _organ_line_above(lines: list[_Line], index: int) -> str:
    """The organ printed on the line above a title that names none ("区商务局")."""
    for line in reversed(lines[:index]):
        if not line.text.strip():
            continue
        if _is_furniture(line.text) or not is_organ_name(line.text):
            return ""
        return _clean(line.text)
    return ""


def _block_end(lines: list[_Line], last: int, end: int, stop: int) -> int:
    """Where the preamble starts: after ``end`` (in line ``last``) and the blank lines and
    furniture that follow it; ``stop`` when nothing follows."""
    if last >= 0:
        rest = lines[last].text[end - lines[last].start :]
        if rest.strip():  # the preamble goes on on the title's line
            return end + len(rest) - len(rest.lstrip())
    for line in lines[last + 1 :]:
        if line.text.strip() and not _is_furniture(line.text):
            return line.start
    return stop
