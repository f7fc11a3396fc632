"""The named hostile files of each reader: what the fuzz strategies reach only by luck
(a zip bomb, entities, a stream bomb, nesting past the parser's limit), made outright."""

from __future__ import annotations

from collections.abc import Callable

from tests.fuzz import inputs

MiB = 1024 * 1024
ENTITIES = (
    '<!DOCTYPE r [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY x SYSTEM "file:///etc/passwd">]>'
)


Builder = Callable[[], bytes]


def common(fmt: str) -> dict[str, Builder]:
    """What every reader is given: nothing, blanks, noise under its name, its seed cut
    off at a third, at two thirds and inside its first kilobyte, a number of 5,000 digits."""

    def seed() -> bytes:
        return inputs.seeds()[fmt]

    out: dict[str, Builder] = {
        "empty": lambda: b"",
        "blank": lambda: b" \n\t\r\n" * 40,
        "noise": lambda: bytes((i * 7919 + 13) % 256 for i in range(6000)),
        "nul": lambda: b"\0" * 5000,
        "cut-third": lambda: seed()[: len(seed()) // 3],
        "cut-two-thirds": lambda: seed()[: 2 * len(seed()) // 3],
        "cut-early": lambda: seed()[:700],
    }
    if fmt != "pdf":
        out["number"] = lambda: inputs.with_number(fmt, 5000)
    return out


def hostile(fmt: str) -> dict[str, Builder]:
    """``common`` and the hostile files of ``fmt``, by name (built when asked for)."""
    out = common(fmt)

    def text() -> str:
        return inputs.seeds()[fmt].decode("utf-8")

    if fmt in ("text", "md", "html", "csv", "toml", "json"):
        out["long-line"] = lambda: (text() + "某" * 1_200_000).encode()
        out["gb18030"] = lambda: text().encode("gb18030")
        out["utf-16"] = lambda: text().encode("utf-16")
        out["mixed-encodings"] = lambda: text()[:500].encode() + text()[500:].encode("gb18030")
    if fmt in ("toml", "json", "html", "docx"):
        out["deep"] = lambda: inputs.deep(fmt, 3000)
    if fmt == "html":
        out["entities"] = lambda: (ENTITIES + "<html><body>&f;&x;</body></html>").encode()
    if fmt == "docx":
        out["zip-bomb"] = lambda: inputs.zip_bomb(100 * MiB)
        out["entities"] = lambda: inputs.docx_with_document(
            "<w:p><w:r><w:t>&f;&x;</w:t></w:r></w:p>", doctype=ENTITIES
        )
    if fmt == "pdf":
        out["stream-bomb"] = lambda: inputs.pdf_with_stream(60 * MiB)
    if fmt == "csv":
        rows = inputs.dataset_rows(1)
        out["wide"] = lambda: inputs.csv_of([r + ["1"] * 20_000 for r in rows])
        out["garbage-rows"] = lambda: inputs.csv_of(rows + [['"x', "y"]] * 3000)
    return out
