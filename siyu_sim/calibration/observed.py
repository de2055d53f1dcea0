"""A brand's own numbers: the observed CSV that ``siyu calibrate`` fits to.

One row per period (a month, or a week, counted from the scenario's day 0), a ``period``
column (1-based) and any subset of the columns in ``config.observed_columns`` (members,
active, muted, left, new members by source, orders, buyers, GMV, discount cost, staff).
Blank cells and missing periods are allowed: they are simply not matched. Lines starting with
``#`` are comments (the template's explanations), and so are blank lines. Every problem in the
file is counted and the first ones shown, with the file, its line, the column and what is
allowed (values too large to be real are refused, ``UNIT_LIMITS``); nothing runs before the
file passes. The file is UTF-8 text (a byte-order mark is fine); Excel's GBK or UTF-16 files
are named with the way to save them as UTF-8.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from ..config.calibration_files import CalibrationError
from ..config.observed_columns import OBSERVED_COLUMNS, PERIOD_COLUMN, UNIT_LIMITS
from ..config.problems import UNSET, Problem, closest
from ..config.toml_files import text_problem
from ..words import t

#: How to turn Excel's other CSV kinds (GBK on Chinese Windows, UTF-16 "Unicode text") into one
#: this reader takes.
SAVE_AS_UTF8 = 'in Excel choose File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"'


def read_observed(path: str | Path, n_periods: int | None = None, period: str = "month") -> pd.DataFrame:
    """The observed table (``period`` then one float column per observed metric, NaN where
    blank), sorted by period; a CalibrationError naming the file, line and column otherwise.
    ``n_periods`` (the scenario's horizon in periods) refuses periods beyond it."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise CalibrationError(source, [Problem("", "observed data file not found" if not path.exists()
                                                else "is a folder, not a CSV file")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CalibrationError(source, [Problem("", f"cannot be read: {exc.strerror or exc}")]) from None
    text, problem = text_problem(raw, SAVE_AS_UTF8)
    if problem is not None:
        raise CalibrationError(source, [Problem("", problem + ("; give a CSV file" if "binary" in problem else ""))])
    return parse_observed(text, source, n_periods, period)


def parse_observed(text: str, source: str = "<observed>", n_periods: int | None = None,
                   period: str = "month") -> pd.DataFrame:
    lines = [(i + 1, ln) for i, ln in enumerate(text.splitlines())
             if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise CalibrationError(source, [Problem("", "is empty: give a header row and one row per period",
                                                allowed=_columns_allowed())])
    rows = list(csv.reader(io.StringIO("\n".join(ln for _, ln in lines))))
    header = [h.strip() for h in rows[0]]
    problems: list[Problem] = []
    header_line = lines[0][0]
    if PERIOD_COLUMN not in header:
        problems.append(Problem(PERIOD_COLUMN, "the header has no period column", line=header_line,
                                allowed=f"a column `period`: the 1-based {period} from the scenario's day 0"))
    known = []
    for i, name in enumerate(header):
        if name == PERIOD_COLUMN:
            continue
        if name in OBSERVED_COLUMNS and name not in known:
            known.append(name)
        elif name in known:
            problems.append(Problem(name, "column given twice", line=header_line, column=i + 1))
        elif name:
            problems.append(Problem(name, "unknown column", line=header_line, column=i + 1,
                                    allowed=_columns_allowed(), suggestion=closest(name, OBSERVED_COLUMNS)))
    if problems:
        raise CalibrationError(source, problems)
    index = {name: header.index(name) for name in [PERIOD_COLUMN, *known]}
    table: dict[str, list[float]] = {name: [] for name in index}
    seen: dict[int, int] = {}
    for (line, _), row in zip(lines[1:], rows[1:]):
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            problems.append(Problem("", f"row has {len(row)} cells, the header {len(header)}", line=line))
        for name, col in index.items():
            cell = row[col].strip() if col < len(row) else ""
            value = _cell(cell, name, line, col + 1, n_periods, period, problems)
            table[name].append(value)
        p = table[PERIOD_COLUMN][-1]
        if not math.isnan(p):
            if int(p) in seen:
                problems.append(Problem(PERIOD_COLUMN, f"period given twice (also on line {seen[int(p)]})",
                                        int(p), line=line))
            seen[int(p)] = line
    if not problems and not any(np.isfinite(table[n]).any() for n in known):
        problems.append(Problem("", "no usable column: no observed column has a value",
                                allowed=_columns_allowed()))
    if problems:
        raise CalibrationError(source, problems)
    frame = pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in table.items()})
    frame[PERIOD_COLUMN] = frame[PERIOD_COLUMN].astype("int64")
    return frame.sort_values(PERIOD_COLUMN).reset_index(drop=True)


def _cell(cell: str, name: str, line: int, column: int, n_periods: int | None, period: str,
          problems: list[Problem]) -> float:
    if name == PERIOD_COLUMN:
        allowed = f"a whole number from 1 to {n_periods}" if n_periods else "a whole number from 1"
        allowed += f" (the {period} from the scenario's day 0)"
        try:
            value = float(cell)
        except ValueError:
            problems.append(Problem(name, "a period is required on every row" if not cell else
                                    "not a whole number", cell if cell else UNSET, allowed, line=line, column=column))
            return math.nan
        if not value.is_integer() or value < 1:
            problems.append(Problem(name, "not a period number", cell, allowed, line=line, column=column))
            return math.nan
        if n_periods is not None and value > n_periods:
            problems.append(Problem(name, f"period outside the scenario's horizon ({n_periods} {period}s)",
                                    int(value), allowed, line=line, column=column))
            return math.nan
        return value
    if cell == "":
        return math.nan
    unit = OBSERVED_COLUMNS[name].unit
    limit, why = UNIT_LIMITS[unit]
    allowed = f"a number at least 0 ({unit}), or a blank cell when unknown"
    try:
        value = float(cell.replace("_", "x"))
    except ValueError:
        problems.append(Problem(name, "not a number", cell, allowed, line=line, column=column))
        return math.nan
    if not math.isfinite(value) or value < 0:
        problems.append(Problem(name, "must be a finite number at least 0", cell, allowed, line=line, column=column))
        return math.nan
    if value > limit:
        problems.append(Problem(name, f"too large: {why}", cell, f"at most {limit:,.0f} ({unit})",
                                line=line, column=column))
        return math.nan
    return value


def _columns_allowed() -> str:
    return "period, " + ", ".join(OBSERVED_COLUMNS)


#: A column's kind in the template's words.
KINDS = {"flow": "calib_kind_flow", "stock": "calib_kind_stock"}
#: A column's unit in the template's words.
UNITS = {"people": "calib_unit_people", "orders": "calib_unit_orders", "CNY": "calib_unit_cny",
         "operators": "calib_unit_operators"}


def template(lang: str = "en") -> str:
    """The observed CSV's template: comment lines (``#``) saying what each column means and
    its unit, then a header and three example rows (blank cells: not known)."""
    cols = list(OBSERVED_COLUMNS.values())
    out = [f"# {line}" for line in t("calib_template_intro", lang).splitlines()]
    out.append(f"# {PERIOD_COLUMN}: {t('calib_col_period', lang)}")
    for c in cols:
        kind = t(KINDS[c.kind], lang)
        meaning = t(c.meaning, lang, source=c.name.removeprefix("new_members_"))
        out.append(f"# {c.name}: {meaning} [{t(UNITS[c.unit], lang)}; {kind}]")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([PERIOD_COLUMN, *(c.name for c in cols)])
    for i in range(3):
        writer.writerow([i + 1, *(c.example[i] for c in cols)])
    return "\n".join(out) + "\n" + buf.getvalue()
