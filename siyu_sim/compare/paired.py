"""Paired comparisons with common random numbers (CRN) and how much CRN narrowed the interval.

Every scenario runs replications ``0..reps-1`` with ``runs.replication_seed(root_seed, r)``:
replication ``r`` of scenario B meets the same luck as replication ``r`` of scenario A, so
the difference B − A per replication is mostly the strategy's effect. The 95% interval of
the mean difference is a paired t-interval. To show what CRN bought, the non-first scenarios
also run an independent set (replications ``INDEPENDENT_OFFSET + r``, streams no first-
scenario run uses); the same difference estimated from independent runs gets a Welch
t-interval, and ``width_ratio`` = paired width / independent width (< 1: CRN helped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from ..scenario import Scenario
from ..experiments.backends import Backend, ProcessPoolBackend, SerialBackend, chunk
from ..experiments.design import RunTask
from ..experiments.progress import CallbackProgress, NullProgress
from ..experiments.worker import Batch

INDEPENDENT_OFFSET = 1_000_000
#: metric → (English, 中文) labels of the key metrics, read at the horizon.
KEY_METRICS: dict[str, tuple[str, str]] = {
    "cum_profit": ("cumulative profit (CNY)", "累计利润（元）"),
    "cum_gmv": ("cumulative GMV (CNY)", "累计GMV（元）"),
    "active": ("active members", "活跃成员"),
    "muted": ("muted members", "免打扰成员"),
    "churned": ("churned (left)", "已退群"),
    "mean_trust": ("mean trust", "平均信任"),
    "roi": ("ROI", "投资回报率"),
}


def paired_t(diffs, conf: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high) of the mean of paired differences."""
    d = np.asarray(diffs, dtype=float)
    n = len(d)
    mean = float(d.mean()) if n else float("nan")
    if n < 2:
        return mean, float("nan"), float("nan")
    half = float(stats.t.ppf(0.5 + conf / 2, n - 1) * d.std(ddof=1) / np.sqrt(n))
    return mean, mean - half, mean + half


def welch_t(a, b, conf: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high) of mean(b) − mean(a) from two independent samples (Welch)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    mean = float(b.mean() - a.mean())
    if len(a) < 2 or len(b) < 2:
        return mean, float("nan"), float("nan")
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = np.sqrt(va + vb)
    if se == 0:
        return mean, mean, mean
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = float(stats.t.ppf(0.5 + conf / 2, df) * se)
    return mean, mean - half, mean + half


@dataclass
class PairedComparison:
    """Results of :func:`paired_comparison`.

    ``daily``: tidy frame (scenario, replication, day, metrics) of the CRN runs;
    ``independent``: the same for the independent-seed runs of the non-first scenarios.
    """

    scenarios: list[str]
    reps: int
    root_seed: int
    daily: pd.DataFrame
    independent: pd.DataFrame
    metrics: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(KEY_METRICS))
    conf: float = 0.95

    @property
    def baseline(self) -> str:
        return self.scenarios[0]

    def final(self, which: str = "crn") -> pd.DataFrame:
        frame = self.daily if which == "crn" else self.independent
        idx = frame.groupby(["scenario", "replication"])["day"].idxmax()
        return frame.loc[idx].reset_index(drop=True)

    def table(self) -> pd.DataFrame:
        """Tidy differences vs the first scenario at the horizon: one row per (scenario, metric)."""
        crn, ind = self.final("crn"), self.final("independent")
        base = crn[crn.scenario == self.baseline].set_index("replication").sort_index()
        rows = []
        for name in self.scenarios[1:]:
            other = crn[crn.scenario == name].set_index("replication").sort_index()
            other_ind = ind[ind.scenario == name]
            for metric, (en, zh) in self.metrics.items():
                diffs = (other[metric] - base[metric]).dropna()
                mean, lo, hi = paired_t(diffs, self.conf)
                imean, ilo, ihi = welch_t(base[metric], other_ind[metric], self.conf)
                width, iwidth = hi - lo, ihi - ilo
                rows.append({
                    "scenario": name, "baseline": self.baseline, "metric": metric,
                    "label_en": en, "label_zh": zh, "n": int(len(diffs)),
                    "baseline_mean": float(base[metric].mean()), "scenario_mean": float(other[metric].mean()),
                    "mean_diff": mean, "ci_low": lo, "ci_high": hi,
                    "independent_mean_diff": imean, "independent_ci_low": ilo, "independent_ci_high": ihi,
                    "ci_width": width, "independent_ci_width": iwidth,
                    "width_ratio": width / iwidth if iwidth and np.isfinite(iwidth) and iwidth > 0 else float("nan"),
                })
        return pd.DataFrame(rows)


def _unique_labels(scenarios: list[Scenario]) -> list[str]:
    labels, seen = [], {}
    for s in scenarios:
        name = s.name
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        labels.append(name)
    return labels


def paired_comparison(scenarios: list[Scenario], reps: int, root_seed: int, *,
                      backend: Backend | None = None, progress=None) -> PairedComparison:
    """Run every scenario for replications 0..reps-1 under common random numbers (plus an
    independent-seed set for the non-first scenarios) and collect their daily tables.

    ``backend``: a :mod:`~.backends` backend (default: serial for a handful of runs, else a
    local process pool on all cores). ``progress``: a ``callback(done, total)`` or an object
    with ``start/advance/stop`` (e.g. ``progress.RichProgress()``).
    """
    if len(scenarios) < 2:
        raise ValueError("a paired comparison needs at least two scenarios")
    if reps < 2:
        raise ValueError(f"reps must be >= 2 for an interval, got {reps}")
    labels = _unique_labels(scenarios)
    data = {label: s.to_dict() for label, s in zip(labels, scenarios)}
    for label in labels:
        data[label]["name"] = label
    tasks = []
    for i, label in enumerate(labels):
        for r in range(reps):
            tasks.append(RunTask(f"{label}-crn-r{r:03d}", label, 0, r, {}, {}, root_seed, (r,)))
        if i > 0:
            for r in range(reps):
                rr = INDEPENDENT_OFFSET + r
                tasks.append(RunTask(f"{label}-ind-r{r:03d}", label, 0, rr, {}, {}, root_seed, (rr,)))
    if progress is None:
        progress = NullProgress()
    elif callable(progress) and not hasattr(progress, "advance"):
        progress = CallbackProgress(progress)
    own = backend is None
    if backend is None:
        backend = SerialBackend() if len(tasks) <= 4 else ProcessPoolBackend()
    size = max(1, -(-len(tasks) // (4 * max(1, backend.workers))))
    size = min(size, 8)
    batches = [Batch({t.scenario: data[t.scenario] for t in part}, part, "daily", None, {})
               for part in chunk(tasks, size)]
    frames, failures = [], []

    def on_result(outcomes) -> None:
        for o in outcomes:
            if o.status == "ok":
                frames.append(o.frame)
            else:
                failures.append(o)
        progress.advance(sum(o.status == "ok" for o in outcomes), sum(o.status != "ok" for o in outcomes))

    progress.start(len(tasks), 0, "compare")
    try:
        backend.run(batches, on_result)
    finally:
        progress.stop()
        if own:
            backend.close()
    if failures:
        first = failures[0]
        raise RuntimeError(f"{len(failures)} run(s) failed; first {first.run_id}: {first.error}\n{first.traceback}")
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.drop(columns=["run_id", "setting"])
    independent = frame[frame.replication >= INDEPENDENT_OFFSET].copy()
    independent["replication"] -= INDEPENDENT_OFFSET
    crn = frame[frame.replication < INDEPENDENT_OFFSET]
    order = {label: i for i, label in enumerate(labels)}

    def tidy(f: pd.DataFrame) -> pd.DataFrame:
        f = f.assign(_o=f.scenario.map(order)).sort_values(["_o", "replication", "day"])
        return f.drop(columns="_o").reset_index(drop=True)

    return PairedComparison(labels, reps, root_seed, tidy(crn), tidy(independent))


def _fmt(x: float, metric: str) -> str:
    if not np.isfinite(x):
        return "n/a"
    if metric in ("mean_trust", "roi"):
        return f"{x:+.3f}"
    return f"{x:+,.0f}"


def format_paired(result: PairedComparison, lang: str = "en") -> str:
    """A plain-text table: each key metric's mean difference vs the first scenario at the
    horizon with its 95% paired interval, the independent-seed interval width and the
    narrowing ratio."""
    zh = lang == "zh"
    t = result.table()
    lines = []
    if zh:
        lines.append(f"配对比较：相对于 {result.baseline}，{result.reps} 次重复（共同随机数），95% 置信区间")
        head = f"{'指标':<14}{'平均差异':>14}  {'95%区间（配对）':<28}{'独立种子区间宽度':>16}{'宽度比':>10}"
    else:
        lines.append(f"Paired comparison vs {result.baseline}: {result.reps} replications "
                     f"(common random numbers), 95% intervals")
        head = f"{'metric':<26}{'mean diff':>14}  {'95% interval (paired)':<28}{'indep. width':>14}{'ratio':>8}"
    for name in result.scenarios[1:]:
        lines.append("")
        lines.append((f"{name} − {result.baseline}") if not zh else f"{name} − {result.baseline}")
        lines.append(head)
        for _, row in t[t.scenario == name].iterrows():
            label = row.label_zh if zh else row.label_en
            m = row.metric
            interval = f"[{_fmt(row.ci_low, m)}, {_fmt(row.ci_high, m)}]"
            ratio = f"{row.width_ratio:.2f}" if np.isfinite(row.width_ratio) else "n/a"
            iw = _fmt(row.independent_ci_width, m).lstrip("+")
            if zh:
                lines.append(f"{label:<14}{_fmt(row.mean_diff, m):>14}  {interval:<28}{iw:>16}{ratio:>10}")
            else:
                lines.append(f"{label:<26}{_fmt(row.mean_diff, m):>14}  {interval:<28}{iw:>14}{ratio:>8}")
    lines.append("")
    if zh:
        lines.append("宽度比 = 配对区间宽度 ÷ 独立种子区间宽度；小于 1 表示共同随机数使区间变窄。")
    else:
        lines.append("ratio = paired interval width / independent-seed interval width; "
                     "below 1 means common random numbers narrowed the interval.")
    return "\n".join(lines)
