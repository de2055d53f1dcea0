"""How good a fit is: judged once (``assess``), said everywhere.

The terminal, the calibration report, ``calibration.json`` and the calibrated scenario's
``[calibration]`` record (so every report made from ``calibrated.toml``) all read one
``FitQuality``; none counts on its own. What it judges (docs/calibration.md, "Is the fit good?"):

- **the bands**: per metric and period, the median and 5–95% of the best parameters' check runs
  (the model's luck), and the *prediction band*: that band widened by the data's own scatter,
  the spread (standard deviation) of the metric's relative residuals over the fit periods beyond
  what the model's luck explains (their variances subtracted), at the same level, the two
  half-widths added in quadrature. A brand's numbers carry measurement noise the model's luck
  does not; without it a fit at the true parameters would fail its held-out check (the worked
  example: 3 of 15 inside the luck band). The spread is around the residuals' mean, so a fit
  that misses a metric by a constant share does not widen its band;
- **misses**: a fitted metric whose simulated median misses the observed values by more than the
  margin (``margin`` in the calibration file, default 10%): the error is the sum of
  |median − observed| over the sum of |observed|, over the fit periods;
- **at a bound**: an estimate within ``BOUND_SHARE`` (2%) of its range from either end: the data
  push it against the range, so the best value may lie outside it;
- **the held-out check**: the held-out values of the fitted metrics (held-out periods × fitted
  metrics, where observed) inside their prediction band; it passes when at least ``GOOD`` (80%)
  are, and no fitted metric is missed there by more than the margin (the same error as over the
  fit periods): a band widened by noisy data can hold a forecast that drifts away, and a
  forecast 40% off is not a good one however noisy the data. The count is the one the terminal,
  the report and the files show;
- **good fit**: no fitted metric missed, and the held-out check passes (or there is none);
- **pinned down by the data**: a parameter whose interval spans at most 70% of its range
  (identified), that is not at a bound, in a good fit. A poor fit pins nothing down, however
  narrow its intervals: they are the values that fit a wrong curve equally badly.

Each warning is kept as its words' key and fields (``Warning``), so that it is said in the
reader's language wherever it is shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fnmatch import fnmatchcase
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Callable

import numpy as np
import pandas as pd

from ..config.calibration_files import DEFAULT_MARGIN
from ..config.observed_columns import OBSERVED_RATIOS, PERIOD_COLUMN, ratio_format
from ..experiments.summary import EDGE_SHARE, edge_of
from ..words import numbers, t

if TYPE_CHECKING:
    from .result import CalibrationResult, Estimate

#: The simulated band: these quantiles of the check runs.
BAND = (0.05, 0.95)
#: The data's scatter is added at the band's level: the normal quantile of its upper end.
Z_BAND = NormalDist().inv_cdf(BAND[1])
#: An estimate within this share of its range from one end is at that bound.
BOUND_SHARE = EDGE_SHARE
#: Held-out values inside their band from which the held-out check passes; and from which the
#: forecast is called fair (below: poor).
GOOD, FAIR = 0.8, 0.5
#: Relative residuals needed to measure a metric's scatter (fewer: no scatter is added).
MIN_RESIDUALS = 3
#: A parameter whose interval (``uncertainty.estimates``) spans more than this share of its range
#: is not identified; fewer trials than ``MIN_ACCEPTED`` within the tolerance make the intervals rough.
UNIDENTIFIED_SHARE = 0.7
MIN_ACCEPTED = 5


def bands(simulated: pd.DataFrame, low: float = BAND[0], high: float = BAND[1]) -> pd.DataFrame:
    """Median and band per metric and period, over the check runs (``simulated``: period, metric,
    replicate, value)."""
    g = simulated.groupby(["metric", "period"]).value
    return pd.DataFrame({"median": g.median(), "low": g.quantile(low), "high": g.quantile(high)}).reset_index()


def shown_metrics(result: "CalibrationResult") -> list[str]:
    """The fitted metrics in the calibration's order, then any other metric both observed and
    simulated."""
    fitted = list(result.metrics)
    observed = [c for c in result.observed.columns if c != PERIOD_COLUMN]
    simulated = set(result.simulated["metric"]) if len(result.simulated) else set()
    return fitted + [m for m in observed if m not in fitted and m in simulated]


def replications(result: "CalibrationResult") -> int:
    sim = result.simulated
    return int(sim["replicate"].nunique()) if len(sim) else 0


def joined(result: "CalibrationResult") -> pd.DataFrame:
    """One row per metric and period: ``observed`` (NaN where missing), the simulated ``median``,
    ``low`` and ``high`` (the model's luck), the metric's ``scatter`` (relative, from the fit
    periods), ``pred_low`` and ``pred_high`` (the prediction band), ``held`` (a held-out period),
    ``fitted`` (a period the loss uses), ``matched`` (a fitted metric) and ``inside`` (observed
    within the prediction band)."""
    names = shown_metrics(result)
    obs = result.observed
    cols = [c for c in names if c in obs.columns]
    long = obs.melt(id_vars=PERIOD_COLUMN, value_vars=cols, var_name="metric", value_name="observed")
    out = long.merge(bands(result.simulated), on=["metric", PERIOD_COLUMN], how="outer")
    out = out[out["metric"].isin(names)].copy()
    out[PERIOD_COLUMN] = out[PERIOD_COLUMN].astype(int)
    out["observed"] = pd.to_numeric(out["observed"], errors="coerce")
    out["held"] = out[PERIOD_COLUMN].isin(result.held_out_periods)
    out["fitted"] = out[PERIOD_COLUMN].isin(result.fit_periods)
    out["matched"] = out["metric"].isin(list(result.metrics))
    scatter = {m: _scatter(d[d["fitted"]]) for m, d in out.groupby("metric", sort=False)}
    out["scatter"] = out["metric"].map(scatter).astype(float)
    spread = Z_BAND * out["scatter"] * out["median"].abs()
    out["pred_low"] = out["median"] - np.hypot(out["median"] - out["low"], spread)
    out["pred_high"] = out["median"] + np.hypot(out["high"] - out["median"], spread)
    out["inside"] = (out["observed"] >= out["pred_low"]) & (out["observed"] <= out["pred_high"])
    order = {m: i for i, m in enumerate(names)}
    return out.sort_values(["metric", PERIOD_COLUMN], key=lambda s: s.map(order) if s.name == "metric" else s,
                           kind="stable").reset_index(drop=True)


def _scatter(rows: pd.DataFrame) -> float:
    """The data's own relative scatter over ``rows``: the variance of (observed − median) / median
    less the model's luck there (the band's relative half-width over ``Z_BAND``, squared, on
    average), as a standard deviation; 0 with fewer than ``MIN_RESIDUALS`` values, or when luck
    explains the residuals."""
    ok = rows["observed"].notna() & rows["median"].notna() & (rows["median"].abs() > 0)
    if ok.sum() < MIN_RESIDUALS:
        return 0.0
    d = rows[ok]
    residual = ((d["observed"] - d["median"]) / d["median"].abs()).to_numpy(dtype=float)
    luck = ((d["high"] - d["low"]) / (2 * Z_BAND * d["median"].abs())).to_numpy(dtype=float)
    return float(np.sqrt(max(0.0, np.var(residual, ddof=1) - np.mean(luck ** 2))))


def relative_error(rows: pd.DataFrame) -> float:
    """Sum of |median − observed| over sum of |observed|, on rows with both; NaN without."""
    ok = rows["observed"].notna() & rows["median"].notna()
    total = float(rows.loc[ok, "observed"].abs().sum())
    if not ok.any() or total == 0:
        return float("nan")
    return float((rows.loc[ok, "median"] - rows.loc[ok, "observed"]).abs().sum()) / total


def held_rows(rows: pd.DataFrame, banded: bool = True) -> pd.DataFrame:
    """The held-out values the held-out check counts: fitted metrics, held-out periods, observed,
    with a band (none when the check ran once: ``banded`` False)."""
    if not banded:
        return rows.iloc[0:0]
    return rows[rows["held"] & rows["matched"] & rows["observed"].notna() & rows["pred_low"].notna()]


@dataclass
class Warning:
    """One warning: its words' key and the fields they are filled with (raw values: said in the
    reader's language by ``say``)."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class MetricQuality:
    metric: str
    fitted: bool  # matched by the loss (else only observed and shown)
    observations: int
    fit_error: float  # relative error over the fit periods (NaN without an observation)
    held_error: float
    held_inside: int  # held-out values inside the prediction band (fitted metrics only)
    held_n: int
    scatter: float  # relative scatter of the residuals over the fit periods
    missed: bool  # fitted, and fit_error above the margin
    held_missed: bool = False  # fitted, and held_error above the margin
    # A ratio of the books (``OBSERVED_RATIOS``), not fitted, missed by more than the margin: the
    # model contradicts the books. ``contradicts``: the fitted settings it reflects (each made some
    # other metric right against the books); none: the scenario's own settings are off.
    ratio_missed: bool = False
    contradicts: list[str] = field(default_factory=list)


@dataclass
class ParameterQuality:
    path: str
    best: float
    low: float
    high: float
    range_low: float
    range_high: float
    identified: bool
    at_bound: str  # "", "low" or "high"
    pinned_down: bool


@dataclass
class FitQuality:
    margin: float
    parameters: list[ParameterQuality]
    metrics: list[MetricQuality]
    held_inside: int
    held_total: int
    held_outside: list[list]  # [metric, period] of each held-out value outside its band
    warnings: list[Warning]
    bound_share: float = BOUND_SHARE
    period: str = "month"
    fit_periods: int = 0  # periods the loss used

    @property
    def held_inside_enough(self) -> bool:
        """At least ``GOOD`` of the held-out values inside their bands (or none held out)."""
        return self.held_total == 0 or self.held_inside >= GOOD * self.held_total

    @property
    def held_pass(self) -> bool:
        """Enough held-out values inside their bands, and no fitted metric missed there."""
        return self.held_inside_enough and not self.held_missed

    @property
    def held_missed(self) -> list[MetricQuality]:
        return [m for m in self.metrics if m.held_missed]

    @property
    def missed(self) -> list[MetricQuality]:
        return [m for m in self.metrics if m.missed]

    @property
    def contradicted(self) -> list[MetricQuality]:
        """The books' ratios the model contradicts (not fitted, missed by more than the margin)."""
        return [m for m in self.metrics if m.ratio_missed]

    @property
    def good(self) -> bool:
        """No fitted metric missed by more than the margin, no ratio of the books contradicted,
        and the held-out check passes."""
        return not self.missed and not self.contradicted and self.held_pass

    @property
    def pinned_down(self) -> list[ParameterQuality]:
        return [p for p in self.parameters if p.pinned_down]

    def to_dict(self) -> dict:
        return {**asdict(self), "good": self.good, "held_pass": self.held_pass}

    @classmethod
    def from_dict(cls, data: dict) -> "FitQuality":
        return cls(margin=data["margin"], bound_share=data.get("bound_share", BOUND_SHARE),
                   period=data.get("period", "month"), fit_periods=data.get("fit_periods", 0),
                   parameters=[ParameterQuality(**p) for p in data["parameters"]],
                   metrics=[MetricQuality(**m) for m in data["metrics"]],
                   held_inside=data["held_inside"], held_total=data["held_total"],
                   held_outside=[list(x) for x in data["held_outside"]],
                   warnings=[Warning(**w) for w in data["warnings"]])


def _reflected(metric: str, fitted: list[str]) -> list[str]:
    """The fitted settings (dotted paths) that the books' ratio ``metric`` reflects."""
    ratio = OBSERVED_RATIOS.get(metric)
    if ratio is None:
        return []
    return [p for p in fitted if any(fnmatchcase(p, s) for s in ratio.settings)]


def at_bound(e: "Estimate", share: float = BOUND_SHARE) -> str:
    """"low" or "high" when the estimate lies within ``share`` of its range from that end, else ""."""
    return edge_of(e.best, e.range_low, e.range_high, share)


def assess(result: "CalibrationResult", *, accepted: int | None = None, failed_runs: int = 0,
           first_error: str | None = None) -> FitQuality:
    """Judge the fit of ``result`` (its margin from its spec, else ``DEFAULT_MARGIN``).
    ``accepted``: trials within the tolerance (fewer than 5: a warning); ``failed_runs``
    and ``first_error``: runs the search left out."""
    margin = float(result.spec.get("margin", DEFAULT_MARGIN)) if result.spec else DEFAULT_MARGIN
    rows = joined(result)
    banded = replications(result) > 1
    metrics = []
    for metric, d in rows.groupby("metric", sort=False):
        fitted = metric in result.metrics
        held = held_rows(d, banded)
        error, held_error = relative_error(d[d["fitted"]]), relative_error(d[d["held"]])
        metrics.append(MetricQuality(
            metric=metric, fitted=fitted, observations=int(d["observed"].notna().sum()), fit_error=error,
            held_error=held_error, held_inside=int(held["inside"].sum()), held_n=len(held),
            scatter=float(d["scatter"].iloc[0]) if len(d) else 0.0,
            missed=bool(fitted and np.isfinite(error) and error > margin),
            held_missed=bool(fitted and np.isfinite(held_error) and held_error > margin),
            ratio_missed=bool(metric in OBSERVED_RATIOS and not fitted and np.isfinite(error) and error > margin),
            contradicts=_reflected(metric, [e.path for e in result.estimates])))
    held = held_rows(rows, banded)
    outside = [[m, int(p)] for m, p in held.loc[~held["inside"], ["metric", PERIOD_COLUMN]].itertuples(index=False)]
    quality = FitQuality(margin=margin, parameters=[], metrics=metrics, held_inside=int(held["inside"].sum()),
                         held_total=len(held), held_outside=outside, warnings=[], period=result.period,
                         fit_periods=len(result.fit_periods))
    for e in result.estimates:
        end = at_bound(e)
        quality.parameters.append(ParameterQuality(
            path=e.path, best=e.best, low=e.low, high=e.high, range_low=e.range_low, range_high=e.range_high,
            identified=e.identified, at_bound=end, pinned_down=bool(e.identified and not end and quality.good)))
    w = quality.warnings
    for p in quality.parameters:
        if p.at_bound:
            w.append(Warning("calib_warn_at_bound", {"path": p.path, "best": p.best, "end": p.at_bound,
                                                     "low": p.range_low, "high": p.range_high,
                                                     "share": quality.bound_share}))
    if quality.missed:  # one warning naming every miss
        w.append(Warning("calib_warn_missed", {"missed": [[m.metric, m.fit_error] for m in quality.missed],
                                               "margin": margin}))
    if not quality.held_inside_enough:
        w.append(Warning("calib_warn_held_out", {"inside": quality.held_inside, "total": quality.held_total,
                                                 "outside": outside}))
    for m in quality.contradicted:  # the books say otherwise: a fitted setting moved against them, or a set one
        d = rows[(rows["metric"] == m.metric) & rows["fitted"]].dropna(subset=["observed", "median"])
        w.append(Warning("calib_warn_ratio_fitted" if m.contradicts else "calib_warn_ratio", {
            "metric": m.metric, "observed": float(d["observed"].mean()), "simulated": float(d["median"].mean()),
            "error": m.fit_error, "paths": m.contradicts or list(OBSERVED_RATIOS[m.metric].settings),
            "margin": margin}))
    if quality.held_missed:  # inside wide bands, or not: a forecast off by more than the margin
        w.append(Warning("calib_warn_held_missed", {"missed": [[m.metric, m.held_error] for m in quality.held_missed],
                                                    "margin": margin}))
    for p in quality.parameters:
        if not p.identified:
            w.append(Warning("calib_warn_not_identified", {
                "path": p.path, "share": (p.high - p.low) / (p.range_high - p.range_low), "most": UNIDENTIFIED_SHARE}))
    if accepted is not None and accepted < MIN_ACCEPTED:
        w.append(Warning("calib_warn_few_accepted", {"n": accepted, "least": MIN_ACCEPTED}))
    if failed_runs:
        w.append(Warning("calib_warn_failed", {"n": failed_runs, "error": first_error or ""}))
    return quality


# ---- said in words --------------------------------------------------------------------------

def _num(value: float) -> str:
    return f"{value:.4g}"


def _pct(value: float) -> str:
    return f"{value:.0%}"


def periods_text(periods: list[int], period: str, lang: str) -> str:
    """``months 10, 11`` / ``第 10、11 个月``."""
    many = len(periods) > 1
    if period == "week":
        key = "calib_periods_week_many" if many else "calib_periods_week_one"
    else:
        key = "calib_periods_month_many" if many else "calib_periods_month_one"
    sep = "、" if lang == "zh" else ", "
    return t(key, lang, list=sep.join(str(p) for p in sorted(periods)))


def outside_text(outside: list, period: str, lang: str, name: Callable[[str], str] = str) -> str:
    """The held-out values outside their band, metric by metric: ``members (months 10, 11)``."""
    by_metric: dict[str, list[int]] = {}
    for metric, p in outside:
        by_metric.setdefault(metric, []).append(int(p))
    sep = "；" if lang == "zh" else "; "
    return sep.join(t("calib_metric_periods", lang, metric=name(m), periods=periods_text(ps, period, lang))
                    for m, ps in by_metric.items())


def say(w: Warning, lang: str, name: Callable[[str], str] = str, period: str = "month",
        setting: Callable[[str], str] = str) -> str:
    """A warning in ``lang``; ``name`` names a metric (the report's labels; the terminal's ids),
    ``period`` is the fit's ("month" or "week"), ``setting`` names a parameter (the reports: its
    words; the terminal: its path, as the calibration file writes it)."""
    f = w.fields
    if w.key == "calib_warn_at_bound":
        return t(w.key, lang, path=setting(f["path"]), best=_num(f["best"]), low=_num(f["low"]), high=_num(f["high"]),
                 end=t("calib_end_low" if f["end"] == "low" else "calib_end_high", lang), share=_pct(f["share"]))
    if w.key in ("calib_warn_missed", "calib_warn_held_missed"):
        return t(w.key, lang, margin=_pct(f["margin"]), metrics=t("cal_list_sep", lang).join(
            t("calib_metric_error_share", lang, metric=name(m), error=_pct(e)) for m, e in f["missed"]))
    if w.key in ("calib_warn_ratio", "calib_warn_ratio_fitted"):
        fmt = ratio_format(f["metric"])
        return t(w.key, lang, metric=name(f["metric"]), ratio=f["metric"], error=_pct(f["error"]),
                 observed=numbers.value(f["observed"], fmt, lang), simulated=numbers.value(f["simulated"], fmt, lang),
                 paths=t("cal_list_sep", lang).join(f["paths"]), margin=_pct(f["margin"]))
    if w.key == "calib_warn_held_out":
        return t(w.key, lang, inside=f["inside"], total=f["total"], good=_pct(GOOD),
                 outside=outside_text(f["outside"], period, lang, name))
    if w.key == "calib_warn_not_identified":
        return t(w.key, lang, path=setting(f["path"]), share=_pct(f["share"]), most=_pct(f["most"]))
    if w.key == "calib_warn_few_accepted":
        return t(w.key, lang, n=f["n"], least=f["least"])
    return t(w.key, lang, **f)
