"""Section templates: where they come from, which one wins, and how they are loaded.

Plugins contribute template directories through the ``gik_section_templates`` hook
(contract in ``docs/templates.md``)::

    {"jurisdiction": "shandong", "path": Path(...), "overrides": "national"}

The *chain* of a jurisdiction follows the ``overrides`` links (shandong → national); the
core's document templates (``report.html.j2`` …) come last. A piece is looked up along the
chain, most specific directory first and, inside a directory, the variant's own file
(``section-6.V2021.j2``) before the common one (``section-6.j2``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2

from gik_rules import strict
from gik_rules.forms.numerals import numeral
from gik_rules.forms.variant import FormVariant
from gik_rules.render.errors import TemplateError as TemplateError
from gik_rules.render.figures import cn_date
from gik_rules.render.layout_spec import LayoutSpec, layouts

CORE = "_core"  # the prefix of the core's own templates (no jurisdiction may use it)
CORE_DIR = Path(__file__).with_name("formats")
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


@attrs.frozen(slots=True)
class TemplateSource:
    """One plugin's template directory for one jurisdiction."""

    jurisdiction: str
    path: Path
    overrides: str | None = None
    plugin: str = ""


def template_sources(contributions: Iterable[Mapping[str, Any]]) -> dict[str, TemplateSource]:
    """The contributions of the ``gik_section_templates`` hook, validated, by jurisdiction.

    Two plugins claiming one jurisdiction is an error: precedence is declared with
    ``overrides``, never left to load order.
    """
    out: dict[str, TemplateSource] = {}
    for raw in contributions:
        plugin = str(raw.get("plugin", ""))
        unknown = set(raw) - {"jurisdiction", "path", "overrides", "plugin"}
        if unknown:
            raise TemplateError(f"{plugin}: unknown template keys {sorted(unknown)}")
        jurisdiction = raw.get("jurisdiction")
        if not isinstance(jurisdiction, str) or not _NAME.match(jurisdiction):
            raise TemplateError(f"{plugin}: bad template jurisdiction {jurisdiction!r}")
        path = Path(raw.get("path", ""))
        if not path.is_dir():
            raise TemplateError(f"{plugin}: template directory {path} does not exist")
        overrides = raw.get("overrides")
        if overrides is not None and not isinstance(overrides, str):
            raise TemplateError(f"{plugin}: 'overrides' must name a jurisdiction")
        if jurisdiction in out:
            raise TemplateError(
                f"templates of {jurisdiction!r} come from both {out[jurisdiction].plugin or '?'}"
                f" and {plugin or '?'}"
            )
        out[jurisdiction] = TemplateSource(jurisdiction, path, overrides, plugin)
    return out


def chain(sources: Mapping[str, TemplateSource], jurisdiction: str) -> tuple[TemplateSource, ...]:
    """The jurisdiction's sources, most specific first, following ``overrides``."""
    if jurisdiction not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise TemplateError(f"no templates for jurisdiction {jurisdiction!r} (installed: {known})")
    out: list[TemplateSource] = []
    current: str | None = jurisdiction
    while current is not None:
        source = sources.get(current)
        if source is None:
            raise TemplateError(f"{out[-1].jurisdiction} overrides unknown templates {current!r}")
        if source in out:
            raise TemplateError(f"template overrides form a cycle at {current!r}")
        out.append(source)
        current = source.overrides
    return tuple(out)


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html", ".html.j2", ".htm", ".xml"))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def md_escape(value: object) -> str:
    """Text safe inside Markdown: metacharacters escaped, ``<``/``&`` as entities."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^(\s*)(\d+)([.)])(\s)", r"\1\2\\\3\4", text)
    return re.sub(r"^(\s*)([-+=>])(\s)", r"\1\\\2\3", text)


@functools.cache
def _environment(sources: tuple[TemplateSource, ...]) -> jinja2.Environment:
    loaders: dict[str, jinja2.BaseLoader] = {
        s.jurisdiction: jinja2.FileSystemLoader(s.path) for s in sources
    }
    loaders[CORE] = jinja2.FileSystemLoader(CORE_DIR)
    env = jinja2.Environment(
        loader=jinja2.PrefixLoader(loaders, delimiter="/"),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.filters.update(cn_date=cn_date, numeral=numeral, md=md_escape)
    return env


@attrs.frozen(slots=True)
class TemplateSet:
    """The resolved templates of one jurisdiction for one form variant."""

    sources: tuple[TemplateSource, ...]
    variant: FormVariant

    @property
    def jurisdiction(self) -> str:
        return self.sources[0].jurisdiction

    @property
    def environment(self) -> jinja2.Environment:
        return _environment(self.sources)

    def _candidates(self, stem: str, ext: str) -> Iterable[tuple[str, Path]]:
        dirs = [(s.jurisdiction, s.path) for s in self.sources] + [(CORE, CORE_DIR)]
        for prefix, directory in dirs:
            for name in (f"{stem}.{self.variant.id}.{ext}", f"{stem}.{ext}"):
                yield f"{prefix}/{name}", directory / name

    def find(self, stem: str, ext: str = "j2") -> str | None:
        """The loader name (``national/section-6.V2021.j2``) of a piece, or None."""
        for name, path in self._candidates(stem, ext):
            if path.is_file():
                return name
        return None

    def render(self, stem: str, context: Mapping[str, Any], *, required: bool = True) -> str:
        """A piece rendered with ``context``; a missing optional piece renders empty."""
        name = self.find(stem)
        if name is None:
            if required:
                raise TemplateError(f"no template {stem!r} for {self.jurisdiction}")
            return ""
        try:
            return self.environment.get_template(name).render(context).strip("\n")
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{name}: {exc}") from exc

    def heading(self, context: Mapping[str, Any], number: int, title: str) -> str:
        """The heading of section ``number`` (``heading.j2``): ``context`` with the
        number, its numeral (``六``) and the section's ``title``."""
        values = {**context, "number": number, "numeral": numeral(number), "title": title}
        return self.render("heading", values)

    def document(self, fmt: str) -> jinja2.Template:
        """The document template of an output format (``report.html.j2``)."""
        name = self.find(f"report.{fmt}")
        if name is None:
            raise TemplateError(f"no document template for {fmt!r}")
        return self.environment.get_template(name)

    def layout(self, table_id: str) -> LayoutSpec:
        """The layout of a table: the first ``tables[.VARIANT].toml`` along the chain
        that describes it."""
        for _, path in self._candidates("tables", "toml"):
            if path.is_file():
                found = _read_layouts(path).get(table_id)
                if found is not None:
                    return found
        raise TemplateError(f"no layout for table {table_id} of {self.variant.id}")


@functools.cache
def _read_layouts(path: Path) -> dict[str, LayoutSpec]:
    """The layouts of a ``tables.toml``, read and checked once per process."""
    return layouts(strict.read_toml(path, TemplateError), str(path))


def load_templates(
    variant: FormVariant, jurisdiction: str = "national", contributions: Iterable[Any] = ()
) -> TemplateSet:
    """The templates of ``jurisdiction`` for ``variant`` from hook contributions."""
    return TemplateSet(chain(template_sources(contributions), jurisdiction), variant)


def piece_context(variant: FormVariant, **values: Any) -> dict[str, Any]:
    """The context every piece sees: the variant's facts plus the caller's values."""
    return {
        "variant": variant.id,
        "variant_name": variant.name,
        "basis": variant.basis,
        "titles": {s.number: s.label for s in variant.sections},
        **values,
    }
