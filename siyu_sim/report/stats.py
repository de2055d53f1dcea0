"""Summaries of tidy frames across replications: medians and 10–90% bands, calendar months.

Pure pandas on the tidy tables (``scenario, replication, day`` + metrics); nothing here knows
the model. Months are the calendar's (``siyu_sim.calendar.Calendar``), as ``siyu compare`` counts them.
"""

from __future__ import annotations

import pandas as pd

from ..calendar import Calendar
from ..economics import payback_day

LO, HI = 0.1, 0.9


def ensure_tidy(daily: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``scenario`` and ``replication`` columns (single runs may lack them)."""
    missing = {"day"} - set(daily.columns)
    if missing:
        raise ValueError(f"daily table needs a 'day' column; it has {list(daily.columns)[:8]}...")
    out = daily.copy()
    if "scenario" not in out.columns:
        out.insert(0, "scenario", "scenario")
    if "replication" not in out.columns:
        out.insert(1, "replication", 0)
    return out


def n_replications(daily: pd.DataFrame) -> int:
    """Replications per scenario (the smallest count, if they differ)."""
    return int(daily.groupby("scenario", sort=False)["replication"].nunique().min())


def band(frame: pd.DataFrame, value: str, by: list[str]) -> pd.DataFrame:
    """Median, 10% and 90% of ``value`` across replications for each ``by`` group."""
    g = frame.groupby(by, sort=False)[value]
    out = pd.DataFrame({"mid": g.median(), "lo": g.quantile(LO), "hi": g.quantile(HI),
                        "n": g.count()})
    return out.reset_index()


def payback_month(cum_profit_by_day: pd.Series) -> int | None:
    """First month (1-based) from which cumulative profit stays ≥ 0 to the end, or None
    (``economics.payback_day``, in months)."""
    s = cum_profit_by_day.sort_index()
    day = payback_day(s.to_numpy())
    if day is None:
        return None
    days = int(s.index.max()) + 1
    return int(Calendar(days).month_of(min(day, days - 1)))


def exhausted_day(daily: pd.DataFrame) -> int | None:
    """First day on which no prospect is left in any run (the whole simulated market has been
    recruited), or None; under 0.5 weighted people counts as none."""
    if "prospects" not in daily.columns:
        return None
    most = daily.groupby("day")["prospects"].max().sort_index()
    gone = most[most < 0.5]
    return int(gone.index[0]) if len(gone) else None


def sign_call(mid: float, lo: float, hi: float, n: int) -> str:
    """"yes" if a figure is above zero (its whole interval, with replications), "no" if below,
    else "uncertain": how the summaries say whether something pays."""
    if (lo if n > 1 else mid) > 0:
        return "yes"
    if (hi if n > 1 else mid) < 0:
        return "no"
    return "uncertain"


def team_scale(daily: pd.DataFrame, scenario) -> dict | None:
    """What one scenario's own team mechanisms say about scale (docs/ODD.md §7.11), read from
    its daily table (``daily``: its runs): the operators, team leads, layers of management and
    the leads' cost a day at the end of the run (the last day, mean over runs), and the costs
    that do not grow with the pool (tools, content), a day on average over the run; beside them
    the execution lever's span of control and the share of intent each further layer carries out
    (its settings: what the mechanism assumes). None without an execution lever (a scenario
    that assumes perfect execution has no team mechanisms)."""
    execution = next((lv for lv in scenario.levers.values() if lv.type == "execution"), None)
    if execution is None:
        return None
    last = daily.loc[daily.groupby("replication", sort=False)["day"].idxmax()]
    return {"fixed": float(daily["fixed_tool_cost"].mean()), "leads": float(last["leads"].mean()),
            "lead_cost": float(last["lead_cost"].mean()), "layers": float(last["management_layers"].mean()),
            "span": execution.span_of_control, "staff": float(last["staff"].mean()),
            "retained": execution.control_retained_per_layer}
