"""The compare workflow: scenarios side by side under common random numbers, in one call.

``compare(scenarios, reps=..., baseline=..., segments=..., executor=..., backend=...,
progress=...)`` runs every scenario for replications ``0..reps-1``, each seeded by
``runs.replication_seed(root_seed, r)`` (the same luck for every scenario in a replication),
and returns a :class:`Comparison` of tidy frames. With ``reps > 1`` it also runs the
independent-seed set the paired statistics need (``paired``); with ``baseline`` each
scenario's no-private-domain counterfactual (``counterfactual``) under the same seeds. The
command line, the reports and Python users all compare through here.

``store`` keeps each finished run in a results folder (the format sweeps use) so that an
interrupted comparison resumes, with the same bits: a path, or True for a folder in the user's
cache keyed by what the numbers depend on (kept once the comparison completes: the same comparison
again reads it). Without it
(the default) runs live in memory only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Callable, Sequence

import pandas as pd

from ..kernel import DEFAULT_ENGINE
from ..runs import RunCache, provenance
from ..scenario import Scenario
from .incremental import answer, horizon, summary
from .monthly import monthly
from .paired import INDEPENDENT_OFFSET, paired_table
from .runner import RunSpec, execute_kept

Progress = Callable[[int, int], None]


@dataclass
class Comparison:
    """What :func:`compare` returns. Every frame is tidy (one row per observation).

    - ``daily``: scenario, replication, day, the model's daily columns and the derived ones
      (``metrics.derive``: ``cum_gmv``, pool health; with a baseline also
      ``incremental_profit``, ``cum_incremental_profit``, ``incremental_roi``: what the private
      domain adds over having none);
    - ``segment_daily``: scenario, replication, day, segment + per-segment columns
      (``segments=True``), else None;
    - ``baseline_daily``: like ``daily`` for each scenario's no-private-domain counterfactual,
      ``scenario`` naming the scenario it stands beside (``baseline=True``), else None;
    - ``incremental``: one row per scenario × replication at the horizon
      (``incremental.horizon``: ``cum_incremental_profit``, ``incremental_roi``,
      ``added_vs_ads``, ``payback_day``, the ledger's ``cum_profit``...) (``baseline=True``,
      the default), else None;
    - ``paired``: differences vs the first scenario at the horizon with paired and
      independent-seed intervals (``reps > 1``; see ``paired.paired_table``), else None;
    - ``independent``: the independent-seed runs behind ``paired`` (``reps > 1``), else None;
    - ``provenance``: seed, replications, versions, machine, date, each scenario's hash, where
      the runs went and how many were resumed (``runs.provenance``).
    """

    scenarios: list[Scenario]
    reps: int
    root_seed: int
    executor: str
    daily: pd.DataFrame
    segment_daily: pd.DataFrame | None = None
    baseline_daily: pd.DataFrame | None = None
    incremental: pd.DataFrame | None = None
    paired: pd.DataFrame | None = None
    independent: pd.DataFrame | None = None
    store: Path | None = None   # the run store its runs were kept in (``compare(store=...)``)
    resumed: int = 0            # runs read from the store, made by an earlier, interrupted call
    provenance: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.scenarios]

    @property
    def days(self) -> int:
        return max(s.days for s in self.scenarios)

    def monthly(self) -> pd.DataFrame:
        """The monthly table (``monthly.monthly``), replications averaged."""
        return monthly(self.daily, self.days)

    @property
    def has_baseline(self) -> bool:
        return self.incremental is not None

    def increments(self) -> dict[str, tuple[float, float]]:
        """{scenario: (incremental profit, ledger profit)} at the horizon, means over replications."""
        if self.incremental is None:
            raise ValueError("no baseline in this comparison: run compare(..., baseline=True)")
        out = {}
        for name in self.names:
            rows = self.incremental[self.incremental["scenario"] == name]
            out[name] = (fmean(rows["cum_incremental_profit"]), fmean(rows["cum_profit"]))
        return out

    def answer(self) -> pd.DataFrame:
        """The answer, one figure per strategy: its added profit at the horizon, mean over the
        replications, with its paired 95% interval (``incremental.answer``)."""
        if self.incremental is None:
            raise ValueError("no baseline in this comparison: run compare(..., baseline=True)")
        return answer(self.daily)

    def incremental_summary(self) -> pd.DataFrame:
        """(scenario, figure) → mean and paired 95% interval at the horizon (``incremental.summary``)."""
        if self.incremental is None:
            raise ValueError("no baseline in this comparison: run compare(..., baseline=True)")
        return summary(self.daily)


def unique_names(scenarios: Sequence[Scenario], paths: Sequence[Path] | None = None) -> list[Scenario]:
    """Rename repeats (two files both named "nurture") so each column is distinguishable:
    by the file's stem when it differs from the name, else ``name_2``, ``name_3``..."""
    seen: dict[str, int] = {}
    out = []
    for i, s in enumerate(scenarios):
        stem = paths[i].stem if paths is not None else s.name
        name = s.name
        if name in seen:
            name = f"{name}_{stem}" if stem != name else f"{name}_{seen[s.name] + 1}"
        seen[s.name] = seen.get(s.name, 0) + 1
        out.append(s if name == s.name else s.model_copy(update={"name": name}))
    return out


def compare(scenarios: Sequence[Scenario], *, reps: int = 1, root_seed: int | None = None,
            executor: str = "vector", baseline: bool = True, segments: bool = False,
            backend=None, progress: Progress | None = None, cache: RunCache | None = None,
            engine: str = DEFAULT_ENGINE, store: str | Path | bool | None = None, fresh: bool = False,
            note: Callable[..., None] | None = None) -> Comparison:
    """Run ``scenarios`` under common random numbers and return a :class:`Comparison`.

    ``root_seed``: default, the first scenario's seed. ``executor``: "vector" or "agent" (the
    same numbers). ``baseline`` (default True): also run each scenario with no private domain
    under the same seeds and add the incremental columns (``incremental``); False skips those
    runs (faster, gross ledger only). ``segments``: also collect per-segment daily tables (the report's
    LTV chart). ``backend``: an ``experiments.backends`` backend for parallel runs (default:
    one run after another in this process). ``progress(done, total)``: simulated days done
    of all runs' days (day by day in this process, run by run on a backend). ``cache``: a
    ``runs.RunCache`` that keeps finished runs across calls, so that runs in this process whose
    inputs have not changed (the baseline, a pinned scenario) are not run again: the same
    numbers, sooner (default: one for this call, so strategies with the same customers share
    their baseline runs; on a backend each worker process keeps its own). ``engine``:
    "compiled" (default) or "numpy" (the reference; last-bit differences: ``siyu_sim.kernel``).
    ``store``: keep finished runs in this folder (True: ``resumable.cache_folder``, keyed by
    ``runner.plan_hash`` and kept when the comparison completes) and resume from the runs it
    holds; ``fresh`` discards them first. Ctrl-C then raises ``runner.ComparisonInterrupted``.
    A cache folder another command is using is not shared: the runs stay in memory. ``note(key,
    **fields)`` hears what happens to the store (``siyu_sim.words`` keys).
    """
    if len(scenarios) < 2:
        raise ValueError("a comparison needs at least two scenarios")
    if reps < 1:
        raise ValueError(f"reps must be >= 1, got {reps}")
    if len({s.days for s in scenarios}) > 1:
        raise ValueError("a comparison runs every scenario over one horizon; the days differ: "
                         + ", ".join(f"{s.name} {s.days}" for s in scenarios))
    items = unique_names(scenarios)
    root = items[0].seed if root_seed is None else root_seed
    specs = _plan(items, reps, baseline)
    tell = note or (lambda key, **fields: None)
    record = provenance(seed=root, executor=executor, engine=engine, scenarios=items, replications=reps,
                        baseline=baseline, backend=backend.describe() if backend is not None else "this process")
    meta = {"name": " vs ".join(s.name for s in items), "scenarios": [s.name for s in items],
            "root_seed": root, "reps": reps, "executor": executor, "engine": engine,
            "baseline": baseline, "segments": segments}
    frames, runs = execute_kept(specs, root, store=store, fresh=fresh, meta=meta, record=record, note=tell,
                                executor=executor, engine=engine, segments=segments, backend=backend,
                                progress=progress, cache=cache)
    order = {s.name: i for i, s in enumerate(items)}
    result = Comparison(items, reps, root, executor, _tidy(frames["crn"], order), provenance=record)
    if runs is not None:
        result.store, result.resumed = runs.folder, len(runs.done)
        record |= {"store": str(runs.folder), "resumed": len(runs.done)}
    if segments:
        result.segment_daily = _tidy(frames["segments"], order)
    if baseline:  # each run's daily table has the profit added over its baseline (runs.simulate)
        result.baseline_daily = _tidy(frames["baseline"], order)
        result.incremental = horizon(result.daily)
    if reps > 1:
        result.independent = _tidy(frames["independent"], order)
        result.paired = paired_table(result.daily, result.independent, result.names)
    return result


def _plan(items: list[Scenario], reps: int, baseline: bool) -> list[RunSpec]:
    """Every run: CRN replications of each scenario (with a baseline, each with its
    no-private-domain baseline under the same seed); with reps > 1 an independent set for the
    non-first ones."""
    specs = []
    for i, s in enumerate(items):
        data = s.to_dict()
        specs += [RunSpec("crn", s, data, r, f"{s.name}-crn-r{r:03d}", baseline) for r in range(reps)]
        if reps > 1 and i > 0:
            specs += [RunSpec("independent", s, data, INDEPENDENT_OFFSET + r, f"{s.name}-ind-r{r:03d}")
                      for r in range(reps)]
    return specs


def _tidy(frames: list[pd.DataFrame], order: dict[str, int]) -> pd.DataFrame:
    """One frame, scenarios in the order given, then replication, then day."""
    f = pd.concat(frames, ignore_index=True)
    f = f.assign(_o=f["scenario"].map(order)).sort_values(["_o", "replication", "day"], kind="stable")
    return f.drop(columns="_o").reset_index(drop=True)

