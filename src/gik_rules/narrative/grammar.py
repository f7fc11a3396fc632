"""A narrative grammar as data: the categories a report's text states figures of, the
words that join, qualify and compare them, and the table cells each category stands for.

A plugin ships its grammar as TOML (``load_grammar``); the core parses sentences with it
(``narrative.parse``) and compares what they state with a report's cells
(``narrative.compare``), knowing no category, word or cell of its own.

A *row category* (``[[category]]``) is a figure of a table row or rows: 本年新收 is the
row ``t3.new``, 不予公开 every row of the group （三）不予公开. Its figure is the rows'
``column`` (the total column), or any column of the row with ``any_column`` (表二's
规范性文件 N件 may be any of its columns). A *column category* (``[[column]]``) splits a
row by its columns (自然人, 法人或其他组织): it only has a figure as a part of a row
category's ("收到申请75件，涉及自然人72件").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import cattrs

MEASURES = ("count", "amount")


class GrammarError(ValueError):
    """A grammar file that cannot be read or does not describe a grammar."""


@attrs.frozen(slots=True)
class Unit:
    """Words that end a figure (件, 万元) and what they measure; ``scale`` is the unit's
    size in the measure's smallest unit (元 1, 万元 10000), so that amounts compare."""

    words: tuple[str, ...]
    measure: str = "count"
    scale: int = 1


@attrs.frozen(slots=True)
class Words:
    """The grammar's function words. Each list may be empty."""

    #: join categories into one figure: 予以公开 *及* 部分公开 258件
    connectors: tuple[str, ...] = ()
    #: after a list, the list is open: "规章、规范性文件 *等* 112件" is not compared
    open_list: tuple[str, ...] = ()
    #: introduce the parts of the figure just stated: *其中*, *涉及*
    parts: tuple[str, ...] = ()
    #: introduce what a figure includes: *含* 上年结转1件 (a part, or, for a category
    #: that ``extends`` to it, a figure the whole counts too)
    include: tuple[str, ...] = ()
    #: end a list of parts: *另有* 72件…顺延
    besides: tuple[str, ...] = ()
    #: "分别为 10件、5件": one figure to each category of the list, in order
    respectively: tuple[str, ...] = ()
    #: "行政复议和行政诉讼 *各* 1件": the same figure to each category of the list
    each: tuple[str, ...] = ()
    #: a share of the whole: *占* 33.9%
    share: tuple[str, ...] = ()
    #: a change against the previous year: *较上年* 增长 10%
    change_base: tuple[str, ...] = ()
    increase: tuple[str, ...] = ()
    decrease: tuple[str, ...] = ()
    #: before a category, state it is nought: *未* 收到政府信息公开申请
    negation: tuple[str, ...] = ()
    #: before a figure, make it approximate or cumulative (约, 累计): not compared
    approximate: tuple[str, ...] = ()
    #: after a category's term, make it a rate (办结 *率*): not the category
    rate_suffix: tuple[str, ...] = ()
    #: words that contain a term but mean something else (申请人, 部门规范性文件)
    masks: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Category:
    """A figure of one or more table rows that the text may state."""

    id: str
    name: str
    name_en: str
    terms: tuple[str, ...]
    table: str = ""
    rows: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # every row of these groups (RowSpec.group) of ``table``
    column: str = ""  # the column whose cells are the figure (the total column)
    any_column: bool = False  # any one column of the rows is the figure (表二)
    measure: str = "count"
    #: a word that must stand between the term and its figure (收到 … *申请* 75件)
    object: tuple[str, ...] = ()
    #: yields to any category named before it in the clause (同意公开 *答复* 9件)
    weak: bool = False
    #: the figure may stand first: "1件为上年结转"
    figure_first: bool = False
    #: a negation before the term states 0: "未收到政府信息公开申请"
    negatable: bool = False
    #: categories a figure of this one counts too when the text says it includes them
    #: (收到…申请7件（含上年结转1件）: 本年新收 + 上年结转)
    extends: tuple[str, ...] = ()
    #: categories that together make this one (办结 = 予以公开 + … + 其他处理), for
    #: telling a complete list of parts from a partial one
    made_of: tuple[str, ...] = ()
    #: the categories a share (占X%) of this one may be taken of, each a whole
    share_of: tuple[str, ...] = ()
    #: the category is known (its words are not another's) but has no figure to compare
    compare: bool = True


@attrs.frozen(slots=True)
class ColumnCategory:
    """A split of a row by its columns (自然人, 法人或其他组织)."""

    id: str
    name: str
    name_en: str
    terms: tuple[str, ...]
    table: str
    columns: tuple[str, ...]


@attrs.frozen(slots=True)
class Grammar:
    """A plugin's narrative grammar. ``window`` is how many characters a term and its
    figure may stand apart within a clause."""

    units: tuple[Unit, ...]
    words: Words
    categories: tuple[Category, ...]
    columns: tuple[ColumnCategory, ...] = ()
    window: int = 24
    by_id: Mapping[str, Category] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "by_id", {c.id: c for c in self.categories})

    def category(self, category_id: str) -> Category | None:
        return self.by_id.get(category_id)


@attrs.frozen(slots=True)
class _Head:
    window: int = 24


@attrs.frozen(slots=True)
class _GrammarFile:
    """The file as written: ``[grammar]``, ``[[unit]]``, ``[words]``, ``[[category]]``,
    ``[[column]]``."""

    unit: tuple[Unit, ...] = ()
    words: Words = Words()
    category: tuple[Category, ...] = ()
    column: tuple[ColumnCategory, ...] = ()
    grammar: _Head = _Head()


@functools.cache
def _converter() -> cattrs.Converter:
    """The strict converter (``gik_rules.strict``), built when a grammar is first read."""
    from gik_rules import strict

    conv = strict.converter()
    for cls in (Unit, Words, Category, ColumnCategory, _Head, _GrammarFile):
        strict.register(conv, cls)
    return conv


def _check(grammar: Grammar) -> None:
    """References between categories resolve, measures are known, ids are unique."""
    ids = [c.id for c in grammar.categories] + [c.id for c in grammar.columns]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise GrammarError(f"category ids used twice: {', '.join(repeated)}")
    lists: list[tuple[str, ...]] = [getattr(grammar.words, f.name) for f in attrs.fields(Words)]
    lists += [u.words for u in grammar.units]
    lists += [c.terms for c in grammar.categories] + [c.terms for c in grammar.columns]
    if any("" in words for words in lists):
        raise GrammarError("a word or term is the empty string")
    for unit in grammar.units:
        if unit.measure not in MEASURES:
            raise GrammarError(f"unit {unit.words}: measure must be one of {', '.join(MEASURES)}")
    for category in grammar.categories:
        if category.measure not in MEASURES:
            raise GrammarError(f"category {category.id}: unknown measure {category.measure!r}")
        named = (*category.extends, *category.made_of, *category.share_of)
        unknown = sorted(set(named) - set(grammar.by_id))
        if unknown:
            raise GrammarError(f"category {category.id} names unknown categories: {unknown}")
        if category.compare and not (category.rows or category.groups):
            raise GrammarError(f"category {category.id}: no rows or groups to compare with")
        if category.compare and not (category.column or category.any_column):
            raise GrammarError(f"category {category.id}: needs a column or any_column = true")


def grammar_from_dict(doc: Mapping[str, Any], where: str = "grammar") -> Grammar:
    """A grammar from its TOML document; unknown keys and wrong types are errors naming
    the key (the strict converter of every data file)."""
    from gik_rules import strict

    data = strict.structure(_converter(), dict(doc), _GrammarFile, where, GrammarError)
    if data.grammar.window < 1:
        raise GrammarError(f"{where}: grammar.window: expected a positive integer")
    grammar = Grammar(data.unit, data.words, data.category, data.column, data.grammar.window)
    try:
        _check(grammar)
    except GrammarError as exc:
        raise GrammarError(f"{where}: {exc}") from None
    return grammar


def load_grammar(path: Path | str) -> Grammar:
    """A grammar file; ``GrammarError`` names the file and what is wrong."""
    from gik_rules import data_cache
    from gik_rules.datafile import read_text

    path = Path(path)
    text = read_text(path, GrammarError)
    return data_cache.cached(f"narrative grammar {path}", text, lambda: _parse(path, text))


def _parse(path: Path, text: str) -> Grammar:
    from gik_rules import strict

    return grammar_from_dict(strict.read_toml(path, GrammarError, text), str(path))
