"""Page assembly: one self-contained HTML file with plotly.js inlined once (no CDN, works
offline), drawn by Jinja2 templates with autoescape from the package's ``templates/`` folder
(the page, its blocks, the CSS for screens, projectors and print, a sortable-table script).

A report is data until it is drawn: a ``Page`` holds sections, each a list of blocks (``Para``,
``Heading``, ``Banner``, ``Table``, ``Figure``, ``Details``, ``Folded``, ``Pre``, ``Bullets``), whose words
are plain strings or ``words.Text`` (a sentence whose names are ``strong`` and commands ``code``);
``templates/blocks.html.j2`` says what each looks like and escapes every word. No HTML is written
here by hand: the one piece that comes in whole is a chart, which plotly.py writes.

Printed (A4 landscape), each chart's section stays on one page with its heading, charts are
re-laid out to the paper (at most PRINT_WIDTH × PRINT_MAX_HEIGHT CSS pixels), the toolbar is
hidden, and blocks a section marks as :class:`Appendix` (the settings an auditor checks) come
after the main body, under one heading (``div.appendix``); a :class:`Folded`
block (every setting, the scenario files) is on screen only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import plotly.io as pio
import plotly.offline
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..config.output_files import write_file
from ..words import t
from ..words.report import PLOTLY_MONTHS_ZH, PLOTLY_ZH
from ..words.text import Text, as_text

# The fonts every report page and chart asks for (figures.py sets them on the charts): Debian's
# fonts-noto-cjk and fonts-wqy-microhei first, so Chinese renders in a bare Chromium; then what
# Windows and macOS laptops have.
FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", '
              '"Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", '
              '"Helvetica Neue", Arial, sans-serif')

#: A chart's size on paper, in CSS pixels: A4 landscape less 12 mm margins is 1031 × 703; a
#: chart leaves room on its page for its section's heading, explanation and note.
PRINT_WIDTH = 1000
PRINT_MAX_HEIGHT = 470
#: A chart that shares its printed page with the next section's (``Page.figure(..., half=True)``):
#: two such sections, each with its heading and explanation, fill one page.
PRINT_HALF_HEIGHT = 245


def environment(*packages: str) -> Environment:
    """Jinja2 over the ``templates/`` folders of ``packages`` (the first that has a name wins):
    HTML templates (``*.html.j2``) autoescaped, CSS and JS (no HTML in them) as written, and a
    name a template does not define is an error, not an empty string."""
    env = Environment(loader=ChoiceLoader([PackageLoader(p, "templates") for p in packages]),
                      autoescape=select_autoescape(enabled_extensions=("html", "j2"),
                                                   disabled_extensions=("css", "js")),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["runs"] = as_text  # a plain value or a words.Text, as the runs to draw
    return env


ENV = environment("siyu_sim.report")


# ---- blocks -----------------------------------------------------------------------------------

Words = str | Text  # what a block's words may be: plain, or a sentence with strong/code parts


@dataclass(frozen=True)
class Para:
    """A paragraph; ``css``: ``why`` (a section's explanation), ``note``, ``note screen-only``."""

    text: Words
    css: str = ""
    kind = "p"


@dataclass(frozen=True)
class Heading:
    text: Words
    kind = "h3"


@dataclass(frozen=True)
class Banner:
    """A warning across the page (a partial sweep, a parameter the data do not pin down)."""

    text: Words
    id: str = ""
    kind = "banner"


@dataclass(frozen=True)
class Table:
    """A table; cells are words (plain or ``Text``, e.g. a setting's ``path`` with a ``note``).
    ``num_cols``: right-aligned number columns; ``sort_values``: each cell's sort key (data-v)
    for a sortable table; ``wrap``: in a scrolling box (a long table); ``print_columns``: printed
    in two columns, its last column (the words a reader needs only on screen) left out."""

    header: Sequence[Words]
    rows: Sequence[Sequence[Any]]
    num_cols: frozenset[int] = frozenset()
    css: str = ""
    row_classes: Sequence[str] | None = None
    sort_values: Sequence[Sequence[Any]] | None = None
    wrap: bool = False
    print_columns: bool = False  # printed in two columns (a long table of short rows)
    kind = "table"


@dataclass(frozen=True)
class Figure:
    """A chart as plotly.py writes it (``Page.figure``); ``print_height``: its height on paper."""

    html: Markup
    print_height: int = PRINT_MAX_HEIGHT
    kind = "figure"


@dataclass(frozen=True)
class Details:
    """A folded block of preformatted text (a scenario file), opened when printed."""

    summary: Words
    body: str
    kind = "details"


@dataclass(frozen=True)
class Folded:
    """Blocks folded under a summary on screen and left out of print (every setting and the
    scenario files: a printed note says where they are)."""

    summary: Words
    blocks: Sequence[Any]
    kind = "folded"


@dataclass(frozen=True)
class Pre:
    """Preformatted text: a command to copy."""

    body: str
    kind = "pre"


@dataclass(frozen=True)
class Bullets:
    items: Sequence[Words]
    kind = "list"


@dataclass(frozen=True)
class Appendix:
    """A block a section puts in the appendix: drawn after the main body, under the appendix
    heading (the settings behind the numbers)."""

    block: Any


@dataclass
class Section:
    anchor: str
    title: str
    blocks: list
    css: str = ""

    @property
    def main(self) -> list:
        return [b for b in self.blocks if not isinstance(b, Appendix)]


@dataclass
class Page:
    """An HTML report under construction: sections in order, each a list of blocks."""

    title: str
    lang: str
    subtitle: str = ""
    meta_line: str = ""
    banner: Words = ""
    sections: list[Section] = field(default_factory=list)
    _n_figures: int = 0

    def figure(self, fig, name: str | None = None, *, half: bool = False, print_height: int | None = None) -> Figure:
        """``fig`` drawn into the page; ``half``: printed half a page high, so that its section
        shares a page with another (a chart that reads at that size); ``print_height``: another
        height on paper (at most ``PRINT_MAX_HEIGHT``; its section runs on with the text)."""
        self._n_figures += 1
        div_id = f"fig-{name or self._n_figures}"
        config = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]],
                  "toImageButtonOptions": {"filename": div_id, "scale": 2},
                  "locale": "zh-CN" if self.lang == "zh" else "en-US"}
        return Figure(Markup(pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=div_id,
                                         config=config, default_width="100%")),
                      min(print_height or (PRINT_HALF_HEIGHT if half else PRINT_MAX_HEIGHT), PRINT_MAX_HEIGHT))

    def add(self, anchor: str, title: str, *blocks, css_class: str = "") -> None:
        """A section; blocks that are None or empty are left out. A section with a chart is
        kept on one printed page (``section.chart``); printed, a full-height chart starts a page
        (``section.new-page``), so that a page is never left half empty before a half-height one."""
        blocks = [b for b in blocks if b]
        heights = [b.print_height for b in blocks if isinstance(b, Figure)]
        classes = [css_class, "chart" if heights else "", "new-page" if PRINT_MAX_HEIGHT in heights else ""]
        self.sections.append(Section(anchor, title, blocks, " ".join(c for c in classes if c)))

    def render(self) -> str:
        appendix = [b.block for s in self.sections for b in s.blocks if isinstance(b, Appendix)]
        links = [(s.anchor, s.title) for s in self.sections]
        lang = self.lang
        words = {key: t(key, lang) for key in ("lang_attr", "contents", "appendix", "appendix_intro",
                                               "footer", "chart_hint", "print_hint")}
        if appendix:
            links.append(("appendix", words["appendix"]))
        return ENV.get_template("page.html.j2").render(
            page=self, sections=self.sections, appendix=appendix, links=links, words=words,
            plotly_js=Markup(plotly.offline.get_plotlyjs()),  # the library itself, inlined once
            fonts=FONT_STACK, print_width=PRINT_WIDTH,
            dictionary=PLOTLY_ZH, months=PLOTLY_MONTHS_ZH)

    def write(self, path) -> Path:
        """The page to ``path``, whole or not at all (an earlier report there stays intact when
        the disk is full or the command is interrupted: ``config.output_files``)."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, self.render())
        return path
