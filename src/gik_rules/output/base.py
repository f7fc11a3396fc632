"""The shape every output format has: a writer that takes results as they come."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TextIO

from gik_rules.engine.result import ReportResult, unique_keys
from gik_rules.rules.dataset import natural


class Formatter(Protocol):
    """Writes results to a text stream: ``start()``, ``add(result)`` per report, ``finish()``.

    A streaming format writes in ``add``; one that needs every result (a summary, a
    single JSON document, counts in a root element) writes in ``finish``.
    """

    def start(self) -> None: ...

    def add(self, result: ReportResult) -> None: ...

    def finish(self) -> None: ...


#: ``factory(stream, **options)``: the options a format takes are keyword-only parameters of
#: its class; an option it does not know is a TypeError.
FormatterFactory = Callable[..., Formatter]


class KeyNumberer:
    """``unique_keys`` one key at a time, so streaming formats number repeats the same way."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        # the number to try first for a key: every lower one is taken (``_taken`` only
        # grows), so a run of 100,000 keys costs no more than one of ten
        self._next: dict[str, int] = {}

    def __call__(self, key: str) -> str:
        candidate, n = key, self._next.get(key, 1)
        if n > 1:
            candidate = f"{key}#{n}"
        while candidate in self._taken:
            n += 1
            candidate = f"{key}#{n}"
        self._taken.add(candidate)
        self._next[key] = n
        return candidate


class StreamFormatter:
    """A format that writes each report as it is added."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.key_of = KeyNumberer()

    def start(self) -> None:
        pass

    def add(self, result: ReportResult) -> None:
        self.stream.write(self.render_one(self.key_of(result.key), result))

    def finish(self) -> None:
        pass

    def render_one(self, key: str, result: ReportResult) -> str:
        raise NotImplementedError


class BufferedFormatter:
    """A format that writes one document in ``finish``, its reports sorted by key so the
    document does not depend on the order results arrived in."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.results: list[ReportResult] = []

    def start(self) -> None:
        pass

    def add(self, result: ReportResult) -> None:
        self.results.append(result)

    def finish(self) -> None:
        self.stream.write(self.render(self.results))

    def keyed(self) -> list[tuple[str, ReportResult]]:
        """The results under their unique keys (numbered in arrival order), sorted by key
        as people read keys (``row 2`` before ``row 10``)."""
        keys = unique_keys([r.key for r in self.results])
        return sorted(zip(keys, self.results, strict=True), key=lambda kr: natural(kr[0]))

    def render(self, results: list[ReportResult]) -> str:
        raise NotImplementedError
