"""What a sweep's results folder holds, for the sweep report: read through the module that owns
the folder's format (``siyu_sim.experiments.store``), checked, and explained when unusable."""

from __future__ import annotations

from ..experiments.summary import default_objective

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..experiments.store import EXPERIMENT_FILE, Damaged, ResultStore


class SweepReportError(ValueError):
    """A results folder that cannot be reported, with the reason in plain words."""


@dataclass
class SweepResults:
    """What a results folder holds, read without the model."""

    folder: Path
    meta: dict
    finals: pd.DataFrame                # last row of every finished run
    factors: list[str]                  # factor column names
    n_planned: int
    n_ok: int
    n_failed: int
    objective: str
    goal: str
    scenarios: list = field(default_factory=list)
    objectives: dict = field(default_factory=dict)   # every objective the runs hold: metric → goal
    damaged: list[Damaged] = field(default_factory=list)  # part files skipped (their runs left out)

    @property
    def partial(self) -> bool:
        return self.n_ok < self.n_planned


def read_results(folder) -> SweepResults:
    """Read a results folder, or raise :class:`SweepReportError` saying what is wrong."""
    folder = Path(folder)
    if not folder.exists():
        raise SweepReportError(f"{folder}: no such folder. Give the results folder of a sweep "
                               "(by default results/<experiment name>).")
    if not folder.is_dir():
        raise SweepReportError(f"{folder} is a file, not a results folder.")
    store = ResultStore(folder)
    if not store.has_experiment():
        if not any(folder.iterdir()):
            raise SweepReportError(f"{folder} is empty: no sweep has written results here yet. "
                                   "Run `siyu sweep EXPERIMENT.toml --out "
                                   f"{folder}` first.")
        raise SweepReportError(f"{folder} is not a siyu_sim results folder (it has no "
                               f"{EXPERIMENT_FILE}); give the folder `siyu sweep` wrote.")
    try:
        meta = store.experiment_meta()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SweepReportError(f"{folder / EXPERIMENT_FILE} is damaged and cannot be read ({exc}).") from None
    needed = ("factor_columns", "n_runs", "factors", "design")
    missing = [k for k in needed if k not in meta]
    if missing:
        raise SweepReportError(
            f"{folder} was written by an older siyu_sim ({meta.get('package_version', 'unknown version')}) "
            f"whose results layout this version cannot read (missing {', '.join(missing)} in "
            f"{EXPERIMENT_FILE}). Re-run the sweep with this version: "
            "`siyu sweep EXPERIMENT.toml --fresh`.")

    ok = store.finished_records()
    n_failed = sum(1 for r in store.latest_records().values() if r.get("status") == "failed")
    n_planned = int(meta.get("n_runs") or 0)
    frame = store.read_runs(ok) if ok else pd.DataFrame()
    ok = {rid: rec for rid, rec in ok.items() if rec["file"] not in store.damaged}
    if not ok and store.damaged:
        raise SweepReportError(
            f"{folder}: no readable runs: " + "; ".join(f"{folder / d.file} is damaged ({d.reason})"
                                                        for d in store.damaged.values())
            + ". Resume the sweep with the same `siyu sweep` command: it sets damaged files aside "
              "and runs their runs again.")
    if not ok:
        raise SweepReportError(
            f"{folder}: no finished runs yet ({n_planned} planned, {n_failed} failed). "
            "Wait for the sweep, or resume it with the same `siyu sweep` command.")

    idx = frame.groupby("run_id")["day"].idxmax()
    finals = frame.loc[idx].reset_index(drop=True)

    factors = [f for f in meta["factor_columns"] if f in finals.columns]
    objectives = {m: g for m, g in (meta.get("objectives") or {}).items() if m in finals.columns}
    default = default_objective(finals.columns)
    objective, goal = next(iter(objectives.items()), (default, "max"))
    if objective not in finals.columns:
        raise SweepReportError(f"{folder}: the runs hold no {objective!r} column to rank settings by.")
    return SweepResults(folder, meta, finals, factors, n_planned, len(ok), n_failed, objective, goal,
                        _scenarios(store, meta), objectives or {objective: goal}, list(store.damaged.values()))


def _scenarios(store: ResultStore, meta: dict) -> list:
    """The resolved base scenarios, as Scenario objects (for the assumptions page)."""
    from ..scenario import Scenario

    out = []
    data = meta.get("scenarios") or store.scenario_files()
    for label, d in data.items():
        try:
            sc = Scenario.from_dict(d)
            if sc.name != label:
                sc = sc.with_overrides(name=label)
            out.append(sc)
        except Exception:  # an older or newer schema: the page lists what it can
            continue
    return out
