"""Page assembly: one self-contained HTML file with plotly.js inlined once (no CDN, works
offline), CSS for screens, projectors and print, and a small sortable-table script.

Printed (A4 landscape), each chart's section stays on one page with its heading, charts are
re-laid out to the paper (at most PRINT_WIDTH × PRINT_MAX_HEIGHT CSS pixels), the toolbar is
hidden, and blocks a section marks as :class:`Appendix` (every setting, the scenario files)
come after the main body, from a new page, under one heading (``div.appendix``)."""

from __future__ import annotations

import html as _html
import json
from dataclasses import dataclass, field
from pathlib import Path

import plotly.io as pio
import plotly.offline

from ..config.output_files import write_file
from ..words import t
from ..words.report import PLOTLY_MONTHS_ZH, PLOTLY_ZH

# The fonts every report page and chart asks for (figures.py sets them on the charts): Debian's
# fonts-noto-cjk and fonts-wqy-microhei first, so Chinese renders in a bare Chromium; then what
# Windows and macOS laptops have.
FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", '
              '"Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", '
              '"Helvetica Neue", Arial, sans-serif')

CSS = """
:root { --ink:#1d1d1f; --muted:#5b5b60; --line:#d9d9de; --accent:#1f4e9e; --bg:#ffffff;
        --warn-bg:#fff4e5; --warn:#8a4b00; }
* { box-sizing: border-box; }
html { font-size: 18px; }
body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.6;
       font-family: FONTS; -webkit-font-smoothing: antialiased; }
header.top { background: #12355b; color: #fff; padding: 28px 40px 22px; }
header.top h1 { margin: 0 0 6px; font-size: 2rem; line-height: 1.25; }
header.top .sub { font-size: 1.05rem; opacity: .92; }
header.top .meta { font-size: .85rem; opacity: .8; margin-top: 6px; }
nav.toc { max-width: 1240px; margin: 18px auto 0; padding: 0 40px; font-size: .95rem; }
nav.toc b { margin-right: 10px; }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 18px; white-space: nowrap; }
nav.toc a:hover { text-decoration: underline; }
main { max-width: 1240px; margin: 0 auto; padding: 8px 40px 40px; }
section { padding-top: 18px; border-top: 1px solid var(--line); margin-top: 26px; }
section:first-of-type { border-top: 0; }
h2 { font-size: 1.55rem; margin: 6px 0 10px; color: #12355b; }
h3 { font-size: 1.2rem; margin: 18px 0 6px; }
p.why { color: var(--muted); margin: 0 0 8px; max-width: 62em; }
p.note { color: var(--muted); font-size: .88rem; margin: 4px 0; }
.summary p { margin: 4px 0 10px; max-width: 64em; }
.summary h3 { color: #12355b; }
.banner { background: var(--warn-bg); color: var(--warn); border-left: 6px solid #e08a00;
          padding: 12px 18px; font-weight: 600; margin: 14px 0; }
.figure { margin: 6px 0 4px; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 12px; text-align: left;
         vertical-align: top; }
th { background: #f3f4f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kpi td:first-child { min-width: 16em; }
table.params { font-size: .82rem; width: 100%; }
table.params td { overflow-wrap: break-word; word-break: normal; hyphens: manual; }
table.params td:nth-child(n+2):not(:last-child) { max-width: 16em; min-width: 7em; }
table.params td:last-child { min-width: 22em; }
table.params .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
table.params tr.diff td { background: #fff8d6; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th.asc::after { content: " ▲"; }
table.sortable th.desc::after { content: " ▼"; }
table.sortable tr.best td { background: #e3f4e1; font-weight: 600; }
.tablewrap { max-height: 640px; overflow: auto; border: 1px solid var(--line); }
.tablewrap table { margin: 0; }
.tablewrap th { position: sticky; top: 0; }
pre.toml { background: #f6f7f9; border: 1px solid var(--line); padding: 12px 16px;
           font-size: .8rem; line-height: 1.45; overflow: auto; max-height: 520px; }
details summary { cursor: pointer; color: var(--accent); margin: 8px 0; }
ul.assumptions li { margin: 4px 0; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em;
       background: #f1f2f5; padding: 1px 4px; border-radius: 3px; }
footer { max-width: 1240px; margin: 0 auto; padding: 16px 40px 40px; color: var(--muted);
         font-size: .85rem; border-top: 1px solid var(--line); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  html { font-size: 12.5px; }
  h2, h3, p.why { break-after: avoid; page-break-after: avoid; }
  section.chart, .figure, table.kpi, tr, .banner { break-inside: avoid; page-break-inside: avoid; }
  section { margin-top: 14px; padding-top: 8px; }
  .modebar-container, .modebar { display: none !important; }
  .appendix { break-before: page; page-break-before: always; }
  header.top { background: none; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
  nav.toc, .screen-only { display: none; }
  main, footer { max-width: none; padding: 0; }
  section { break-before: auto; }
  .tablewrap { max-height: none; overflow: visible; border: 0; }
  .tablewrap th { position: static; }
  pre.toml { max-height: none; overflow: visible; white-space: pre-wrap; column-count: 3;
             column-gap: 24px; font-size: .72rem; }
  details > *:not(summary) { display: block; }
  a { color: inherit; text-decoration: none; }
}
""".replace("FONTS", FONT_STACK)

# Sort a table by the clicked column: numbers by data-v (or text), text with the page's locale.
SORT_JS = """
(function () {
  function key(td) { var v = td.getAttribute('data-v'); return v === null ? td.textContent : v; }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('th');
    heads.forEach(function (th, col) {
      th.addEventListener('click', function () {
        var asc = !th.classList.contains('asc');
        heads.forEach(function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, document.documentElement.lang);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"""

#: A chart's size on paper, in CSS pixels: A4 landscape less 12 mm margins is 1031 × 703; a
#: chart leaves room on its page for its section's heading, explanation and note.
PRINT_WIDTH = 1000
PRINT_MAX_HEIGHT = 470

# Fit charts to the paper when printing (Chromium fires beforeprint for its print dialog and
# for print-to-PDF alike), back to the window afterwards.
PRINT_JS = """
(function () {
  function plots() { return document.querySelectorAll('.js-plotly-plot'); }
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
    plots().forEach(function (p) {
      if (!p.dataset.screenHeight) { p.dataset.screenHeight = p._fullLayout.height; }
      var height = Math.min(+p.dataset.screenHeight, PRINT_MAX_HEIGHT);
      p.parentElement.style.height = height + 'px';  // the box plotly.py sized, not only the drawing
      Plotly.relayout(p, {width: PRINT_WIDTH, height: height});
    });
  });
  window.addEventListener('afterprint', function () {
    plots().forEach(function (p) {
      p.parentElement.style.height = p.dataset.screenHeight + 'px';
      Plotly.relayout(p, {width: null, height: +p.dataset.screenHeight, autosize: true});
    });
  });
})();
""".replace("PRINT_WIDTH", str(PRINT_WIDTH)).replace("PRINT_MAX_HEIGHT", str(PRINT_MAX_HEIGHT))

def _zh_locale_js() -> str:
    """Plotly's few remaining interface words in Chinese (plotly.py ships no locale files)."""
    months = json.dumps(PLOTLY_MONTHS_ZH, ensure_ascii=False)
    return ("Plotly.register({moduleType: 'locale', name: 'zh-CN', dictionary: "
            f"{json.dumps(PLOTLY_ZH, ensure_ascii=False)}, format: {{decimal: '.', thousands: ',', "
            f"months: {months}, shortMonths: {months}}}}});")


class Appendix(str):
    """An HTML block a section puts in the appendix: rendered after the main body, from a new
    page when printed, under the appendix heading (e.g. every setting, the scenario files)."""


def esc(value) -> str:
    return _html.escape(str(value), quote=True)


@dataclass
class Page:
    """An HTML report under construction: sections in order, each a list of HTML blocks."""

    title: str
    lang: str
    subtitle: str = ""
    meta_line: str = ""
    banner: str = ""
    sections: list[tuple[str, str, list[str], str]] = field(default_factory=list)
    _n_figures: int = 0

    def figure(self, fig, name: str | None = None) -> str:
        self._n_figures += 1
        div_id = f"fig-{name or self._n_figures}"
        config = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]],
                  "toImageButtonOptions": {"filename": div_id, "scale": 2},
                  "locale": "zh-CN" if self.lang == "zh" else "en-US"}
        body = pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=div_id,
                           config=config, default_width="100%")
        return f'<div class="figure">{body}</div>'

    def add(self, anchor: str, title: str, *blocks: str, css_class: str = "") -> None:
        self.sections.append((anchor, title, [b for b in blocks if b], css_class))

    def render(self) -> str:
        links = [(a, title) for a, title, _, _ in self.sections]
        appendix = [b for _, _, blocks, _ in self.sections for b in blocks if isinstance(b, Appendix)]
        if appendix:
            links.append(("appendix", t("appendix", self.lang)))
        toc = " ".join(f'<a href="#{esc(a)}">{esc(title)}</a>' for a, title in links)
        body = "\n".join(self._section(*s) for s in self.sections)
        if appendix:
            body += (f'\n<div class="appendix" id="appendix"><h2>{esc(t("appendix", self.lang))}</h2>\n'
                     f'<p class="why">{esc(t("appendix_intro", self.lang))}</p>\n'
                     + "\n".join(appendix) + "</div>")
        locale = _zh_locale_js() if self.lang == "zh" else ""
        banner = f'<div class="banner">{self.banner}</div>' if self.banner else ""
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{t("lang_attr", self.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(self.title)}</title>\n<style>{CSS}</style>\n"
            f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
            f"<script>{locale}</script>\n</head>\n<body>\n"
            f'<header class="top"><h1>{esc(self.title)}</h1>'
            f'<div class="sub">{esc(self.subtitle)}</div>'
            f'<div class="meta">{esc(self.meta_line)}</div></header>\n'
            f'<nav class="toc"><b>{esc(t("contents", self.lang))}</b> {toc}</nav>\n'
            f"<main>{banner}\n{body}\n</main>\n"
            f'<footer><p>{esc(t("footer", self.lang))}</p>'
            f'<p class="screen-only">{esc(t("chart_hint", self.lang))} {esc(t("print_hint", self.lang))}</p>'
            f"</footer>\n<script>{SORT_JS}{PRINT_JS}</script>\n</body>\n</html>\n"
        )

    @staticmethod
    def _section(anchor: str, title: str, blocks: list[str], css_class: str) -> str:
        main = [b for b in blocks if not isinstance(b, Appendix)]
        classes = " ".join(c for c in (css_class, "chart" if any('class="figure"' in b for b in main)
                                       else "") if c)
        return (f'<section id="{esc(anchor)}" class="{esc(classes)}"><h2>{esc(title)}</h2>\n'
                + "\n".join(main) + "</section>")

    def write(self, path) -> Path:
        """The page to ``path``, whole or not at all (an earlier report there stays intact when
        the disk is full or the command is interrupted: ``config.output_files``)."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, self.render())
        return path


def table(header: list[str], rows: list[list], *, num_cols: set[int] = frozenset(),
          css_class: str = "", row_classes: list[str] | None = None, sort_values: list[list] | None = None) -> str:
    """An HTML table; cells are escaped unless wrapped in ``Raw``. ``sort_values`` gives each
    cell's sort key (data-v) for sortable tables."""
    def cell(tag, i, v, sv=None):
        cls = ' class="num"' if i in num_cols else ""
        dv = f' data-v="{esc(sv)}"' if sv is not None else ""
        content = v.html if isinstance(v, Raw) else esc(v)
        return f"<{tag}{cls}{dv}>{content}</{tag}>"

    head = "<tr>" + "".join(cell("th", i, h) for i, h in enumerate(header)) + "</tr>"
    body = []
    for r, row in enumerate(rows):
        rc = f' class="{row_classes[r]}"' if row_classes and row_classes[r] else ""
        svs = sort_values[r] if sort_values else [None] * len(row)
        body.append(f"<tr{rc}>" + "".join(cell("td", i, v, svs[i]) for i, v in enumerate(row)) + "</tr>")
    cls = f' class="{css_class}"' if css_class else ""
    return f"<table{cls}><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


class Raw:
    """HTML that a table cell must not escape."""

    def __init__(self, html: str):
        self.html = html
