"""What sentences state: figures of categories, their parts, shares and changes.

The parser reads a grammar's tokens (``narrative.lexer``) sentence by sentence, clause by
clause, and composes what it meets instead of matching one pattern per sentence:

- a *subject* is a category's term, or several joined by connectors (予以公开及部分公开);
  the next figure within the grammar's window, in the same clause, is its figure; with
  ``figure_first`` (or in a list of parts) a figure may also come first ("1件为上年结转");
- a negation before a ``negatable`` category with no figure states 0 (未收到…申请);
- after a figure, *parts* (其中, 涉及, 含) are statements of that figure's parts, until
  the sentence, a ";", the bracket they opened in, or a "besides" word (另有) ends them;
- *shares* (占33.9%) and *changes* (较上年增长10%, 同比增加2件) belong to the figure
  stated last, and are never figures of their own;
- open lists (规章、规范性文件等112件), approximate and cumulative figures (约, 累计) and
  rates (办结率) are kept apart or left out, never read as counts.

Positions are offsets in the text parsed (the project's fold, ``textnorm``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from gik_rules.narrative.grammar import Grammar, Unit
from gik_rules.narrative.lexer import Kind, Token, tokens


@attrs.frozen(slots=True)
class Share:
    """ "占X%": ``percent`` as written with ``decimals`` digits after the point."""

    percent: Decimal
    decimals: int
    start: int
    end: int


@attrs.frozen(slots=True)
class Change:
    """A change stated beside a figure: ``direction`` +1 (增长) or −1 (下降), by
    ``value`` percent (``percent``) or in the figure's unit; ``yearly`` when it is
    against the previous year (较上年, 同比)."""

    direction: int
    value: Decimal
    percent: bool
    decimals: int
    yearly: bool
    start: int
    end: int


@attrs.frozen(slots=True)
class Statement:
    """A figure the text states for a category, or for several added up.

    ``columns`` marks a statement of column categories (自然人): a part of the row
    statement it belongs to. ``zero``: stated by a negation. ``approximate``: 约, 累计…
    ``open_list``: "…等N件". ``includes``: categories the text says the figure
    includes (含上年结转1件), each also a part.
    """

    categories: tuple[str, ...]
    value: Decimal
    unit: Unit | None
    start: int
    end: int
    decimals: int = 0
    columns: bool = False
    zero: bool = False
    approximate: bool = False
    open_list: bool = False
    includes: tuple[str, ...] = ()
    parts: tuple[Statement, ...] = ()
    share: Share | None = None
    change: Change | None = None

    @property
    def comparable(self) -> bool:
        return not (self.approximate or self.open_list)


@attrs.define
class _Subject:
    categories: list[str]
    columns: bool
    start: int
    end: int  # where its last term ends
    negated: bool = False
    open_list: bool = False
    joining: bool = False  # a connector was the last token: the next term joins
    join_at: int = -1  # where that connector ends: the next term must start there
    object_seen: bool = False
    respectively: list[str] | None = None
    each: bool = False


@attrs.define
class _Draft:
    """A statement while its sentence is read (parts, share and change come later)."""

    statement: Statement
    parts: list[_Draft] = attrs.Factory(list)
    share: Share | None = None
    change: Change | None = None

    def freeze(self, grammar: Grammar) -> Statement:
        parts = tuple(p.freeze(grammar) for p in self.parts)
        own = grammar.category(self.statement.categories[0]) if self.statement.categories else None
        extends = set(own.extends) if own else set()
        includes = tuple(c for p in parts if not p.columns for c in p.categories if c in extends)
        s = self.statement  # built whole: attrs.evolve looks every field up by name
        return Statement(
            s.categories,
            s.value,
            s.unit,
            s.start,
            s.end,
            s.decimals,
            s.columns,
            s.zero,
            s.approximate,
            s.open_list,
            includes,
            parts,
            self.share,
            self.change,
        )


class _Sentence:
    """The state of one sentence being read."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self.out: list[_Draft] = []
        self.subject: _Subject | None = None
        self.figure: Token | None = None  # a figure no subject has taken yet
        self.whole: _Draft | None = None  # the figure later parts belong to
        self.parts_depth: int | None = None  # the bracket depth the parts began at
        self.last: _Draft | None = None  # the figure shares and changes belong to
        self.depth = 0
        self.negation_at: int | None = None
        self.approximate_at: int | None = None
        self.share_pending = False
        self.change: tuple[int, bool, int] | None = None  # direction, yearly, start
        self.yearly_at: int | None = None

    # -- clauses ------------------------------------------------------------------------

    def end_clause(self, hard: bool) -> None:
        """A clause ends (",", ";"); with ``hard`` the list of parts ends too."""
        self._flush_negated()
        self.subject = None
        self.figure = None
        self.negation_at = self.approximate_at = self.yearly_at = None
        self.share_pending = False
        self.change = None
        if hard:
            self._end_parts()

    def _end_parts(self) -> None:
        if self.parts_depth is not None and self.whole is not None:
            self.last = self.whole
        self.parts_depth = None

    def _flush_negated(self) -> None:
        subject = self.subject
        if subject is None or not subject.negated or subject.columns:
            return
        for cid in subject.categories:
            category = self.grammar.category(cid)
            if category is None or not category.negatable:
                continue
            if category.object and not subject.object_seen:
                continue
            self._emit(Statement((cid,), Decimal(0), None, subject.start, subject.end, zero=True))

    # -- tokens -------------------------------------------------------------------------

    def term(self, token: Token) -> None:
        columns = token.kind is Kind.COLUMN
        negated = self.negation_at is not None and (
            token.start - self.negation_at <= self.grammar.window
        )
        subject = self.subject
        category = None if columns else self.grammar.category(token.role)
        if (
            subject is not None
            and subject.joining
            and subject.join_at == token.start
            and subject.columns == columns
        ):
            subject.categories.append(token.role)
            subject.end, subject.joining = token.end, False
            subject.negated = subject.negated or negated
            return
        if subject is not None and category is not None and category.weak:
            return  # 同意公开答复9件: the figure is 同意公开's
        self._flush_negated()
        self.subject = _Subject([token.role], columns, token.start, token.end, negated=negated)
        figure = self.figure
        backward = (category is not None and category.figure_first) or self.parts_depth is not None
        if figure is not None and backward and token.start - figure.end <= self.grammar.window:
            self.subject = None
            self.figure = None
            self._state([token.role], columns, figure, figure.start, token.end)

    def word(self, token: Token) -> None:
        role, subject = token.role, self.subject
        if role == "connectors" or (role == "include" and subject is not None):
            # 予以公开及部分公开258件; 予以公开（含部分公开）50件: one figure of both
            if subject is not None:
                subject.joining, subject.join_at = True, token.end
        elif role == "open_list":
            if subject is not None:
                subject.open_list = True
        elif role in ("parts", "include"):
            if self.last is not None:
                self.whole = self.last if self.parts_depth is None else self.whole
                self.parts_depth = self.depth
        elif role == "besides":
            self._end_parts()
            self.whole = None
        elif role == "respectively":
            if subject is not None and len(subject.categories) > 1:
                subject.respectively = list(subject.categories)
        elif role == "each":
            if subject is not None:
                subject.each = True
        elif role == "share":
            self.share_pending = True
        elif role == "change_base":
            self.yearly_at = token.start
        elif role in ("increase", "decrease"):
            yearly = self.yearly_at is not None
            self.change = (1 if role == "increase" else -1, yearly, self.yearly_at or token.start)
        elif role == "negation":
            self.negation_at = token.end
        elif role == "approximate":
            self.approximate_at = token.end

    def number(self, token: Token) -> None:
        value = token.value
        if value is None:
            return
        if token.percent:
            self._percent(token, value)
            return
        if self.change is not None and self.last is not None:
            direction, yearly, start = self.change
            self.last.change = Change(
                direction, value, False, token.decimals, yearly, start, token.end
            )
            self.change = None
            self.subject = None  # 同比增加2件 is no figure of anything
            return
        subject = self.subject
        if token.unit is None:  # a year, a date, a figure in a unit of no category
            self.subject = None
            self.figure = None
            return
        if subject is None or token.start - subject.end > self.grammar.window:
            self.subject = None
            self.figure = token
            return
        if not subject.columns and not self._object_ok(subject):
            self.figure = token
            return
        if subject.respectively:
            self._state([subject.respectively.pop(0)], subject.columns, token, subject.start)
            if not subject.respectively:
                self.subject = None
            return
        self.subject = None
        if subject.each:
            for cid in subject.categories:
                self._state([cid], subject.columns, token, subject.start)
            return
        self._state(
            subject.categories, subject.columns, token, subject.start, open_list=subject.open_list
        )

    def object_word(self) -> None:
        if self.subject is not None:
            self.subject.object_seen = True

    def open(self) -> None:
        self.depth += 1

    def close(self) -> None:
        self.depth = max(self.depth - 1, 0)
        if self.parts_depth is not None and self.depth < self.parts_depth:
            self._end_parts()

    # -- statements ---------------------------------------------------------------------

    def _object_ok(self, subject: _Subject) -> bool:
        needed = [self.grammar.category(c) for c in subject.categories]
        return subject.object_seen or not any(c is not None and c.object for c in needed)

    def _percent(self, token: Token, value: Decimal) -> None:
        if self.share_pending and self.last is not None:
            self.last.share = Share(value, token.decimals, token.start, token.end)
        elif self.change is not None and self.last is not None:
            direction, yearly, start = self.change
            self.last.change = Change(
                direction, value, True, token.decimals, yearly, start, token.end
            )
        self.share_pending = False
        self.change = None
        self.subject = None
        self.figure = None

    def _state(
        self,
        categories: list[str],
        columns: bool,
        figure: Token,
        start: int,
        end: int | None = None,
        *,
        open_list: bool = False,
    ) -> None:
        assert figure.value is not None
        approximate = self.approximate_at is not None and self.approximate_at <= figure.start
        statement = Statement(
            tuple(categories),
            figure.value,
            figure.unit,
            min(start, figure.start),
            max(end or figure.end, figure.end),
            decimals=figure.decimals,
            columns=columns,
            approximate=approximate,
            open_list=open_list,
        )
        self._emit(statement)
        self.figure = None

    def _emit(self, statement: Statement) -> None:
        draft = _Draft(statement)
        whole = self.whole
        if self.parts_depth is not None and whole is not None:
            if statement.columns or self._part_of(whole.statement, statement):
                whole.parts.append(draft)
                self.last = draft
                return
            self._end_parts()
        if statement.columns:
            return  # a split by columns of no figure: nothing to compare it with
        self.out.append(draft)
        self.whole = self.last = draft

    def _part_of(self, whole: Statement, part: Statement) -> bool:
        """Whether ``part``'s categories are among what ``whole``'s are made of or extend
        to (so that a second figure after a list of parts starts afresh)."""
        allowed: set[str] = set()
        todo = list(whole.categories)
        while todo:
            category = self.grammar.category(todo.pop())
            if category is None:
                continue
            allowed.update(category.extends)
            fresh = [c for c in category.made_of if c not in allowed]
            allowed.update(fresh)
            todo.extend(fresh)
        return bool(allowed) and set(part.categories) <= allowed


def sentence_spans(text: str, grammar: Grammar) -> Iterator[list[Token]]:
    """The tokens of ``text``, one list per sentence."""
    current: list[Token] = []
    for token in tokens(text, grammar):
        if token.kind is Kind.SENTENCE:
            if current:
                yield current
            current = []
        else:
            current.append(token)
    if current:
        yield current


def statements(text: str, grammar: Grammar) -> list[Statement]:
    """Every statement of ``text`` (folded, without spaces), in order of the text."""
    out: list[Statement] = []
    for sentence in sentence_spans(text, grammar):
        state = _Sentence(grammar)
        for token in sentence:
            kind = token.kind
            if kind in (Kind.TERM, Kind.COLUMN):
                state.term(token)
            elif kind is Kind.WORD:
                state.word(token)
            elif kind is Kind.NUMBER:
                state.number(token)
            elif kind is Kind.OBJECT:
                state.object_word()
            elif kind is Kind.CLAUSE:
                state.end_clause(hard=token.role == ";")
            elif kind is Kind.OPEN:
                state.open()
            elif kind is Kind.CLOSE:
                state.close()
            # a MASK is filler: the word it is hides the term inside it
        state.end_clause(hard=True)
        out.extend(d.freeze(grammar) for d in state.out)
    return out
