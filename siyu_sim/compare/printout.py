"""Plain-text tables for the terminal: the monthly table, and the paired comparison's
differences with their intervals. Words and number formats come from ``siyu_sim.words``."""

from __future__ import annotations

import pandas as pd

from ..words import check_lang, scenario_label, t
from ..words.numbers import MONTHLY_CELLS, signed, width_ratio

#: Column widths of the paired table: label, mean, interval, independent width, ratio
#: (Chinese labels are shorter in characters, their column headers longer).
_PAIRED_WIDTHS = {"en": (32, 14, 28, 14, 8), "zh": (14, 14, 28, 16, 10)}


def monthly_text(table: pd.DataFrame, lang: str) -> str:
    """A ``monthly`` table as aligned plain text with labels in ``lang``."""
    check_lang(lang)
    shown = table.drop(columns=["cum_gmv"]).reset_index()
    for col, f in MONTHLY_CELLS.items():
        if col in shown:
            shown[col] = shown[col].map(f.format)
    shown["scenario"] = shown["scenario"].map(lambda n: scenario_label(n, lang))
    shown["month"] = shown["month"].where(shown["month"].ne(shown["month"].shift()), "")
    shown.columns = [t(f"col_{c}", lang) for c in shown.columns]
    with pd.option_context("display.unicode.east_asian_width", True):  # align Chinese labels
        return shown.to_string(index=False)


def paired_text(table: pd.DataFrame, reps: int, lang: str = "en") -> str:
    """A ``paired_table`` as plain text: each key metric's mean difference vs the first
    scenario at the horizon with its 95% paired interval, the independent-seed interval width
    and the narrowing ratio."""
    check_lang(lang)
    wl, wm, wi, ww, wr = _PAIRED_WIDTHS[lang]
    baseline = str(table["baseline"].iloc[0])
    lines = [t("paired_title", lang, baseline=scenario_label(baseline, lang), reps=reps)]
    head = (f"{t('paired_col_metric', lang):<{wl}}{t('paired_col_mean', lang):>{wm}}  "
            f"{t('paired_col_interval', lang):<{wi}}{t('paired_col_width', lang):>{ww}}"
            f"{t('paired_col_ratio', lang):>{wr}}")
    for name in dict.fromkeys(table["scenario"]):
        lines.append("")
        lines.append(f"{scenario_label(name, lang)} − {scenario_label(baseline, lang)}")
        lines.append(head)
        for _, row in table[table.scenario == name].iterrows():
            m = row.metric
            label = t(f"paired_metric_{m}", lang)
            interval = f"[{signed(row.ci_low, m)}, {signed(row.ci_high, m)}]"
            iw = signed(row.independent_ci_width, m).lstrip("+")
            lines.append(f"{label:<{wl}}{signed(row.mean_diff, m):>{wm}}  {interval:<{wi}}"
                         f"{iw:>{ww}}{width_ratio(row.width_ratio):>{wr}}")
    lines.append("")
    lines.append(t("paired_note", lang))
    return "\n".join(lines)
