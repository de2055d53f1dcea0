"""One run: a scenario under a seed, with its no-private-domain baseline when asked, as tables
with their provenance (``simulate`` → :class:`RunResult`), and the run folder it writes.

Replication ``r`` of any scenario under root seed ``s`` uses ``SeedSequence(s, spawn_key=(r,))``
— the same streams for every scenario and factor setting in that replication, so that
differences between strategies are not drowned by differences in luck (common random
numbers; Law 2015, §11.2). The baseline runs under the same seed. Any single run can be re-run
alone from (root entropy, spawn key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..config.output_files import csv_bytes, parquet_bytes, write_files
from ..config.output_paths import check_own_dir
from ..config.scenario_files import dumps_scenario
from ..counterfactual import baseline_data
from ..kernel import DEFAULT_ENGINE
from ..metrics import derive
from ..model import PrivateDomainModel
from ..scenario import Scenario
from ..version import __version__
from .cache import Run, RunCache
from .provenance import provenance

Progress = Callable[[int, int], None]

#: The files of a run folder, always written; the first is its marker: a folder holding it is a
#: run folder (``config.output_paths.own_folder``), which a new run may replace.
RUN_FILES = ("provenance.json", "daily.parquet", "daily.csv", "scenario.toml")
#: Tables written beside them when the run has them.
BASELINE_FILE, SEGMENTS_FILE, TRANSACTIONS_FILE = "baseline_daily.parquet", "segment_daily.parquet", "transactions.parquet"


def replication_seed(root: int, replication: int) -> np.random.SeedSequence:
    """The seed of replication ``replication`` under root seed ``root``."""
    if replication < 0:
        raise ValueError(f"replication must be >= 0, got {replication}")
    return np.random.SeedSequence(root, spawn_key=(replication,))


def run_scenario(scenario: Scenario, *, replication: int = 0, root_seed: int | None = None,
                 executor: str = "vector", segment_metrics: bool = False, transactions: bool = False,
                 progress: Progress | None = None, engine: str = DEFAULT_ENGINE,
                 record=None) -> PrivateDomainModel:
    """Build and run one model for the scenario's horizon; returns the finished model
    (``transactions=True`` keeps every order: ``model.transactions``; ``record``: the daily
    metrics to keep, default all). ``simulate`` gives its tables, with the baseline and
    provenance."""
    root = scenario.seed if root_seed is None else root_seed
    model = PrivateDomainModel(scenario, seed=replication_seed(root, replication),
                               executor=executor, segment_metrics=segment_metrics, transactions=transactions,
                               engine=engine, record=record)
    model.run(progress=progress)
    return model


@dataclass
class RunResult:
    """What ``simulate`` returns.

    - ``daily``: the day-by-day table with the derived columns (``metrics.derive``: ``cum_gmv``,
      pool health; with a baseline also ``incremental_profit``, ``cum_incremental_profit``,
      ``incremental_roi``);
    - ``segment_daily``: day × segment (``segments=True``), else None;
    - ``baseline_daily``: the no-private-domain baseline's daily table, derived (``baseline=True``), else None;
    - ``transactions``: every order (``transactions=True``), else None;
    - ``provenance``: seed and replication, versions, machine, date, the scenario's hash
      (``runs.provenance``), made when first asked for; a caller adds what it knows
      (``result.provenance["command"] = …``) before ``write``.
    """

    scenario: Scenario
    root_seed: int
    replication: int
    daily: pd.DataFrame
    executor: str = "vector"
    engine: str = DEFAULT_ENGINE
    segment_daily: pd.DataFrame | None = None
    transactions: pd.DataFrame | None = None
    baseline_run: pd.DataFrame | None = field(default=None, repr=False)  # the baseline's own table

    @cached_property
    def baseline_daily(self) -> pd.DataFrame | None:
        return derive(self.baseline_run) if self.baseline_run is not None else None

    @cached_property
    def provenance(self) -> dict[str, Any]:
        return provenance(seed=self.root_seed, replication=self.replication, executor=self.executor,
                          engine=self.engine, scenarios=[self.scenario], baseline=self.baseline_run is not None)

    def tidy(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with ``scenario`` and ``replication`` in front."""
        return table.assign(scenario=self.scenario.name, replication=self.replication)[
            ["scenario", "replication", *table.columns]]

    def write(self, folder: str | Path, *, transactions: str | Path | None = None) -> list[Path]:
        """Write the run folder: ``RUN_FILES`` (the provenance first, the daily table as Parquet
        and CSV with ``scenario`` and ``replication`` in front, the resolved scenario as a file
        ``siyu run`` runs again), and the baseline's, segments' and orders' tables when the run has
        them (orders to ``transactions`` when given). Each file is written whole or not at all
        (``config.output_files``); a folder that is not a run folder is refused, and an existing
        run folder's files are replaced: the paths replaced are returned."""
        folder = check_own_dir(folder, RUN_FILES[0], "a run folder")
        folder.mkdir(parents=True, exist_ok=True)
        meta = self.provenance
        daily = self.tidy(self.daily)
        source = f"\nSource: {meta['scenario_file']}" if meta.get("scenario_file") else ""
        files: dict[Path, bytes | str] = dict(zip((folder / name for name in RUN_FILES), (
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", parquet_bytes(daily), csv_bytes(daily),
            dumps_scenario(self.scenario, header=f"Resolved scenario {self.scenario.name!r}, as run by siyu_sim "
                                                 f"{__version__} on {meta['date']}.{source}"))))
        if self.baseline_daily is not None:
            files[folder / BASELINE_FILE] = parquet_bytes(self.tidy(self.baseline_daily))
        if self.segment_daily is not None:
            files[folder / SEGMENTS_FILE] = parquet_bytes(self.tidy(self.segment_daily))
        if self.transactions is not None:
            files[Path(transactions) if transactions is not None else folder / TRANSACTIONS_FILE] = \
                parquet_bytes(self.transactions)
        return write_files(files)


def simulate(scenario: Scenario, *, replication: int = 0, root_seed: int | None = None, baseline: bool = False,
             segments: bool = False, transactions: bool = False, executor: str = "vector",
             engine: str = DEFAULT_ENGINE, progress: Progress | None = None,
             cache: RunCache | None = None) -> RunResult:
    """Run ``scenario`` for its horizon under ``replication_seed(root_seed, replication)``
    (``root_seed`` default: the scenario's seed) and return its :class:`RunResult`.

    ``baseline``: also run its customers with no private domain (``counterfactual``) under the
    same seed, and derive the profit added over it. ``segments``: keep the per-segment table;
    ``transactions``: every order. ``executor`` "vector" or "agent" (the same numbers);
    ``engine`` "compiled" or "numpy" (``siyu_sim.kernel``). ``progress(done, total)``: simulated
    days of the run and its baseline. ``cache``: a :class:`RunCache` the runs are taken from when
    it holds them, and added to when made (a run that keeps its orders is always made; a
    ``baselines_only`` cache keeps only the baseline)."""
    root = scenario.seed if root_seed is None else root_seed
    days = scenario.days
    total = days * (2 if baseline else 1)
    data = scenario.to_dict() if baseline or cache is not None else None

    def made(item: Scenario | None, item_data: dict | None, offset: int, keep_segments: bool,
             keep_orders: bool, is_baseline: bool) -> tuple[Run, PrivateDomainModel | None]:
        key = None
        if cache is not None and not keep_orders and cache.keeps(is_baseline):
            key = RunCache.key(item_data, root, replication, executor=executor, engine=engine, segments=keep_segments)
            found = cache.get(key)
            if found is not None:
                if progress is not None:
                    progress(offset + days, total)
                return found, None
        model = run_scenario(item if item is not None else Scenario.from_dict(item_data), replication=replication,
                             root_seed=root, executor=executor, segment_metrics=keep_segments,
                             transactions=keep_orders, engine=engine,
                             progress=None if progress is None else lambda day, _n: progress(offset + day, total))
        run = Run(model.daily, model.segment_daily if keep_segments else None)
        if key is not None:
            cache.put(key, run)
        return run, model

    own, model = made(scenario, data, 0, segments, transactions, False)
    base = made(None, baseline_data(data), days, False, False, True)[0] if baseline else None
    return RunResult(scenario, root, replication, derive(own.daily, base.daily if base is not None else None),
                     executor, engine,
                     segment_daily=own.segment_daily.copy() if own.segment_daily is not None else None,
                     transactions=model.transactions if transactions else None,
                     baseline_run=base.daily if base is not None else None)
