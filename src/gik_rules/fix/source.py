"""Fixes made in the source document itself: each fix's edits at the place the reader
read the text from, every other byte left as it was.

A plain text or Markdown file is edited line by line in its own encoding and line
endings; a .docx has only its main document part rewritten (headers, footers, styles,
numbering, core properties and every other part are copied byte for byte), and in it only
the runs of the edited paragraphs and cells change. An edit that does not find the text it
expects where it expects it is a ``SourceEditError``: then nothing is written, rather than
a wrong change. HTML and PDF are never edited (``editable``).
"""

from __future__ import annotations

import copy
import difflib
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from gik_rules.fix.record import Edit, Fix

#: the formats (as the reader names them) that ``fix`` edits in place
EDITABLE = ("text", "docx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_SHOWN = {_W + "del", _W + "moveFrom", _W + "instrText"}

WHY_NOT = {
    "html": (
        "an HTML page is not edited in place: its markup, scripts and styles cannot be kept "
        "exactly while the text changes"
    ),
    "pdf": "a PDF is not edited: its text is laid out as drawn glyphs",
}


class SourceEditError(ValueError):
    """A fix that cannot be made in the source document exactly as it was made in the
    report; the message says which and why."""


def editable(fmt: str) -> bool:
    return fmt in EDITABLE


def edits_of(fixes: Iterable[Fix]) -> list[Edit]:
    """Every fix's edits; ``SourceEditError`` for a fix that has none (its place in the
    source is not known)."""
    out: list[Edit] = []
    for fix in fixes:
        if not fix.edits:
            raise SourceEditError(
                f"{fix.rule}: {fix.message_en}: its place in the file is not known"
            )
        out.extend(fix.edits)
    return out


def apply_edits(data: bytes, fmt: str, encoding: str | None, edits: Sequence[Edit]) -> bytes:
    """``data`` (a file of format ``fmt``) with ``edits`` made, nothing else changed."""
    if fmt == "docx":
        return _docx(data, edits)
    if fmt == "text" and encoding:
        return _text(data, encoding, edits)
    raise SourceEditError(WHY_NOT.get(fmt, f"a {fmt} file is not edited in place"))


def _replace(line: str, edit: Edit) -> str:
    at = line.find(edit.before) if edit.column is None else edit.column - 1
    if at < 0 or (not edit.before and edit.column is None):
        raise SourceEditError(f"line {edit.line}: {edit.before!r} is not on it")
    if line[at : at + len(edit.before)] != edit.before:
        raise SourceEditError(
            f"line {edit.line}, column {at + 1}: expected {edit.before!r}, found "
            f"{line[at : at + len(edit.before)]!r}"
        )
    return line[:at] + edit.after + line[at + len(edit.before) :]


def _text(data: bytes, encoding: str, edits: Sequence[Edit]) -> bytes:
    bom = b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b""
    try:
        text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
    except (UnicodeDecodeError, LookupError):
        raise SourceEditError(
            f"the file is not plain {encoding}: it cannot be edited exactly"
        ) from None
    if bom + text.encode(encoding.removesuffix("-sig")) != data:
        raise SourceEditError(f"the file does not read back byte for byte as {encoding}")
    lines = text.split("\n")  # as the reader numbers them: a "\r" stays on its line
    after: dict[int, list[str]] = {}
    for edit in sorted(edits, key=lambda e: (e.line, -(e.column or 0))):
        if not 1 <= edit.line <= len(lines):
            raise SourceEditError(f"line {edit.line} is not in the file")
        if edit.insert:
            after.setdefault(edit.line - 1, []).extend(edit.after.split("\n"))
            continue
        body, cr = _split_cr(lines[edit.line - 1])
        lines[edit.line - 1] = _replace(body, edit) + cr
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        cr = "\r" if line.endswith("\r") else ""
        out.extend(new + cr for new in after.get(index, ()))
    return bom + "\n".join(out).encode(encoding.removesuffix("-sig"))


def _split_cr(line: str) -> tuple[str, str]:
    return (line[:-1], "\r") if line.endswith("\r") else (line, "")


def _texts(element: Any) -> list[Any]:
    """The ``w:t`` elements of a paragraph or cell that Word shows, in order."""
    return [
        t for t in element.iter(_W + "t") if not any(a.tag in _NOT_SHOWN for a in t.iterancestors())
    ]


def _set(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _replace_runs(element: Any, edit: Edit) -> None:
    """``edit.before`` → ``edit.after`` in the text of ``element``, keeping each run's
    formatting: the new text goes into the run where the old text began."""
    ts = _texts(element)
    full = "".join(t.text or "" for t in ts)
    if not edit.before.strip():  # a blank cell: its whole (blank) text is replaced
        if full.strip():
            raise SourceEditError(f"{edit.ref or edit.line}: expected a blank, found {full!r}")
        if ts:
            _set(ts[0], edit.after)
            for t in ts[1:]:
                _set(t, "")
            return
        _new_run(element, edit.after)
        return
    at = full.find(edit.before)
    if at < 0:
        raise SourceEditError(f"paragraph {edit.line}: {edit.before!r} is not in it")
    end, offset, placed = at + len(edit.before), 0, False
    for t in ts:
        text = t.text or ""
        start, stop = offset, offset + len(text)
        offset = stop
        if stop <= at or start >= end:
            continue
        keep_head = text[: max(at - start, 0)]
        keep_tail = text[max(end - start, 0) :] if stop > end else ""
        _set(t, keep_head + ("" if placed else edit.after) + keep_tail)
        placed = True


def _new_run(element: Any, text: str) -> None:
    paragraph = element if element.tag == _W + "p" else next(element.iter(_W + "p"), None)
    if paragraph is None:
        raise SourceEditError("a table cell without a paragraph")
    run = paragraph.makeelement(_W + "r", {})
    t = run.makeelement(_W + "t", {})
    _set(t, text)
    run.append(t)
    paragraph.append(run)


def _like(template: Any, text: str) -> Any:
    """A new paragraph formatted as ``template``: its paragraph properties and its first
    run's, holding ``text``."""
    paragraph = template.makeelement(_W + "p", {})
    properties = template.find(_W + "pPr")
    if properties is not None:
        paragraph.append(copy.deepcopy(properties))
    run = paragraph.makeelement(_W + "r", {})
    first = next(template.iter(_W + "r"), None)
    if first is not None and first.find(_W + "rPr") is not None:
        run.append(copy.deepcopy(first.find(_W + "rPr")))
    t = run.makeelement(_W + "t", {})
    _set(t, text)
    run.append(t)
    paragraph.append(run)
    return paragraph


def _docx(data: bytes, edits: Sequence[Edit]) -> bytes:
    import docx
    from lxml import etree

    from gik_rules.ingest.docx_reader import positions

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise SourceEditError(
            f"the .docx cannot be opened for editing ({type(exc).__name__})"
        ) from None
    root = document.element
    paragraphs, cells = positions(root.body)
    for edit in edits:
        if edit.ref is not None:
            if edit.ref not in cells:
                raise SourceEditError(f"{edit.ref} is not in the file")
            _replace_runs(cells[edit.ref], edit)
            continue
        if not 1 <= edit.line <= len(paragraphs):
            raise SourceEditError(f"paragraph {edit.line} is not in the file")
        paragraph = paragraphs[edit.line - 1]
        if not edit.insert:
            _replace_runs(paragraph, edit)
            continue
        heading, *rest = edit.after.split("\n")
        like = paragraphs[edit.like - 1] if edit.like else paragraph
        new = [_like(like, heading), *(_like(paragraph, line) for line in rest)]
        for element in reversed(new):
            paragraph.addnext(element)
    part = document.part.partname.lstrip("/")
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _replace_member(data, part, xml)


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    """The zip ``data`` with member ``name`` replaced; every other member copied as it is
    (same order, names, dates and compression)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename == name:
                target.writestr(info, content, compress_type=info.compress_type)
            else:
                target.writestr(info, source.read(info), compress_type=info.compress_type)
    return out.getvalue()


def text_lines(data: bytes, fmt: str, encoding: str | None) -> list[str]:
    """The lines ``--diff`` compares: a text file's own lines; a .docx's paragraphs (and
    table cell paragraphs), in the reader's order."""
    if fmt == "docx":
        import docx

        from gik_rules.ingest.docx_reader import positions

        paragraphs, _ = positions(docx.Document(io.BytesIO(data)).element.body)
        return ["".join(t.text or "" for t in _texts(p)) for p in paragraphs]
    encoding = encoding or "utf-8"
    bom = 3 if encoding == "utf-8-sig" else 0
    return data[bom:].decode(encoding.removesuffix("-sig"), errors="replace").split("\n")


def unified_diff(before: list[str], after: list[str], name: str) -> str:
    """A unified diff of two versions of ``name``."""
    lines = difflib.unified_diff(
        [line.rstrip("\r") + "\n" for line in before],
        [line.rstrip("\r") + "\n" for line in after],
        f"a/{name}",
        f"b/{name}",
    )
    return "".join(lines)
