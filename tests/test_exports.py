"""The `--out` workbook a consultant sends, read back as the client opens it (openpyxl): sheets and
headers in the report's language (a declared metric's header is its declared label), numbers
formatted by their unit, one sheet per table and a notes sheet naming every column; the numbers
are the comparison's own. The CSV files beside it keep the columns' own names, for code."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest

from siyu_sim import metrics, presets
from siyu_sim.compare import compare
from siyu_sim.compare import bridge as bridges
from siyu_sim.compare.exports import EXCEL_FORMATS, export_tables, tables
from siyu_sim.uncertainty.analysis import tables as weighing_tables
from siyu_sim.uncertainty.verdict import label as assumption_label
from siyu_sim.uncertainty.weigh import weigh
from siyu_sim.words import scenario_label, t

MONEY, COUNT, PERCENT, RATIO = (EXCEL_FORMATS[k] for k in ("money", "count", "percent", "ratio"))
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


def _pair(days: int = 61):
    out = []
    for name in ("nurture", "harvest"):
        s = presets.load(name)
        out.append(s.model_copy(update={"days": days, "population": s.population.model_copy(update={"rows": 300})}))
    return out


@pytest.fixture(scope="module")
def result():
    return compare(_pair(), reps=2)


@pytest.fixture(scope="module")
def books(result, tmp_path_factory):
    out = {}
    for lang in ("en", "zh"):
        folder = tmp_path_factory.mktemp(f"tables_{lang}")
        export_tables(result, folder, lang=lang)
        out[lang] = (folder, openpyxl.load_workbook(folder / "comparison.xlsx"))
    return out


def _sheet(book, key: str, lang: str) -> tuple[list[str], list[list]]:
    rows = [list(r) for r in book[t(key, lang)].iter_rows()]
    return [c.value for c in rows[0]], rows[1:]


def test_one_sheet_per_table_then_the_notes_in_the_reader_s_language(books, result):
    stems = list(tables(result))
    assert stems == ["monthly", "bridge", "incremental", "key_figures", "paired"]
    _, zh = books["zh"]
    assert zh.sheetnames == ["月度", "利润桥", "各次运行净增利润", "关键指标", "配对差异", "说明"]
    _, en = books["en"]
    assert en.sheetnames == ["Monthly", "Profit bridge", "Added profit by run", "Key figures", "Paired differences",
                             "Notes"]


def test_headers_are_declared_labels_in_chinese_never_column_names(books):
    _, book = books["zh"]
    for sheet in book.sheetnames:
        header = [c.value for c in next(book[sheet].iter_rows(max_row=1))]
        assert not [h for h in header if SNAKE.match(str(h))], (sheet, header)
    header, _ = _sheet(book, "xl_sheet_monthly", "zh")
    assert header[:3] == ["月份", "策略", metrics.label("cum_incremental_profit", "zh")]
    assert metrics.label("staff_cost", "zh") in header and metrics.label("added_margin", "zh") in header
    header, _ = _sheet(books["en"][1], "xl_sheet_monthly", "en")
    assert header[:3] == ["Month", "Strategy", "profit added over no private domain, cumulative (CNY)"]


def test_numbers_are_formatted_by_their_unit_and_are_the_comparison_s_own(books, result):
    _, book = books["zh"]
    header, rows = _sheet(book, "xl_sheet_monthly", "zh")
    table = tables(result)["monthly"]
    col = {name: header.index(metrics.label(name, "zh")) for name in ("cum_incremental_profit", "incremental_roi",
                                                                        "active", "mean_trust", "staff_cost")}
    assert len(rows) == len(table)
    for row, (_, expected) in zip(rows, table.iterrows()):
        assert row[0].value == expected["month"] and row[0].number_format == "0"
        assert row[1].value == scenario_label(expected["scenario"], "zh")
        for name, j in col.items():
            assert row[j].value == pytest.approx(expected[name])
        assert row[col["cum_incremental_profit"]].number_format == MONEY == '"¥"#,##0'
        assert row[col["staff_cost"]].number_format == MONEY
        assert row[col["incremental_roi"]].number_format == RATIO
        assert row[col["active"]].number_format == COUNT
        assert row[col["mean_trust"]].number_format == RATIO == "0.00"


def test_a_sheet_of_figures_formats_each_row_by_its_figure(books, result):
    _, book = books["zh"]
    header, rows = _sheet(book, "xl_sheet_key_figures", "zh")
    assert header == ["指标", *(scenario_label(n, "zh") for n in result.names)]
    expected = tables(result)["key_figures"].set_index("figure")
    fmt = {"members": COUNT, "cum_gmv": MONEY, "cum_incremental_profit": MONEY, "roi": RATIO, "mean_trust": RATIO}
    seen = set()
    for row in rows:
        figure = next(f for f in expected.index if metrics.label(f, "zh") == row[0].value)
        for cell, name in zip(row[1:], result.names):
            assert cell.value == pytest.approx(expected.loc[figure, name])
            if figure in fmt:
                assert cell.number_format == fmt[figure], figure
        seen.add(figure)
    assert seen == set(expected.index)
    header, rows = _sheet(book, "xl_sheet_paired", "zh")
    metric = header.index("指标")
    diff = header.index(t("xl_col_mean_diff", "zh"))
    ratio = header.index(t("xl_col_width_ratio", "zh"))
    by_label = {r[metric].value: r for r in rows}
    assert by_label[metrics.label("cum_incremental_profit", "zh")][diff].number_format == MONEY
    assert by_label[metrics.label("muted", "zh")][diff].number_format == COUNT
    assert by_label[metrics.label("muted", "zh")][ratio].number_format == RATIO


def test_the_bridge_sheet_adds_up_to_the_added_profit(books, result):
    header, rows = _sheet(books["en"][1], "xl_sheet_bridge", "en")
    table = bridges.bridge(result.daily)
    assert [r[0].value for r in rows] == [metrics.label(n, "en") for n in table.columns]
    for j, name in enumerate(result.names, start=1):
        values = [r[j].value for r in rows]
        assert values == pytest.approx(table.loc[name].tolist())
        assert sum(values[:-1]) == pytest.approx(values[-1])
        assert {r[j].number_format for r in rows} == {MONEY}


def test_the_notes_say_what_every_column_of_every_sheet_means(books):
    for lang in ("en", "zh"):
        _, book = books[lang]
        notes = list(book[t("xl_sheet_notes", lang)].iter_rows(values_only=True))
        assert notes[0] == (t("xl_notes_sheet", lang), t("xl_notes_column", lang), t("xl_notes_id", lang),
                            t("xl_notes_meaning", lang))
        said = {(sheet, column): meaning for sheet, column, _, meaning in notes[1:]}
        for sheet in book.sheetnames[:-1]:
            assert said.get((sheet, t("xl_notes_rows", lang))), (sheet, "rows")
            for header in next(book[sheet].iter_rows(max_row=1, values_only=True)):
                assert said.get((sheet, header)), (lang, sheet, header)
    _, book = books["zh"]
    notes = {(s, c): (i, m) for s, c, i, m in list(book["说明"].iter_rows(values_only=True))[1:]}
    identifier, meaning = notes["月度", metrics.label("staff_cost", "zh")]
    assert identifier == "staff_cost" and "流量" in meaning  # the CSV's name, and that it is summed


def test_the_csv_files_keep_the_columns_own_names(books, result):
    folder, _ = books["zh"]
    monthly = pd.read_csv(folder / "monthly.csv")
    assert list(monthly.columns[:3]) == ["month", "scenario", "cum_incremental_profit"]
    assert set(monthly["scenario"]) == set(result.names)
    bridge = pd.read_csv(folder / "bridge.csv").set_index("figure")
    assert list(bridge.index) == [*(n for n, _ in bridges.STEPS), bridges.TOTAL]


def test_the_verdict_under_uncertainty_s_tables_are_sheets_too(result, tmp_path):
    w = weigh(_pair(45), draws=6, rows=200, repeats=2)
    labels = {c: assumption_label(w, c, "zh") for c in w.columns}
    export_tables(result, tmp_path, weighing_tables(w), lang="zh", assumption_labels=labels)
    book = openpyxl.load_workbook(tmp_path / "comparison.xlsx")
    assert book.sheetnames[-5:] == ["不确定性抽样", "有多确定", "关键假设", "先弄清的价值", "说明"]
    header, rows = _sheet(book, "xl_sheet_unc_summary", "zh")
    p_adds = header.index(t("unc_col_p_adds", "zh"))
    assert {r[p_adds].number_format for r in rows} == {PERCENT}
    header, rows = _sheet(book, "xl_sheet_drivers", "zh")
    names = {r[header.index(t("unc_col_assumption", "zh"))].value for r in rows}
    assert names <= set(labels.values()) and names
    header, draws = _sheet(book, "xl_sheet_draws", "zh")
    assert t("xl_col_drawn", "zh", label=labels[w.columns[0]]) in header
    repeat = header.index(t("xl_col_repeat", "zh"))  # yes / no in the reader's words, not True / False
    assert {r[repeat].value for r in draws} == {"是", "否"}
    assert metrics.label("cum_incremental_profit", "zh") in header  # added_profit, by its declared label
