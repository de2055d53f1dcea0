"""The verdict under uncertainty: strategies run across draws of what nobody has measured.

``weigh(scenarios, draws=200)`` draws the uncertain assumptions (``assumptions``: the
scenarios' own ``uncertain`` lists, else :data:`~.assumptions.DEFAULTS`) as a Latin hypercube,
and runs every strategy in every drawn world with its no-private-domain baseline, under common
random numbers within a draw (one seed per draw, ``runs.replication_seed(root, draw)``): so the
strategies of a draw differ by what the brand does, and draws differ by what the world is and by
luck. A draw's strategies share their baseline run when they share customers, and go to the same
worker for it. ``repeats`` draws are run a second time under another seed: the spread between a
draw and its repeat is luck alone (the same world, other luck), what separates luck from
not-knowing in the spread of all draws (``analysis``).

The runs go through the compare runner (``compare.runner.execute``): in this process or on an
experiments backend (local processes, Dask), kept in a run store as they finish so that an
interrupted weighing resumes to the same bits.

A draw's rows are its own setting (``rows``; default: the scenario's rows, at most
``DRAW_ROWS``): the verdict needs many worlds more than it needs each world to the last
customer; fewer rows add simulation noise, which the repeats count in the luck part (measured:
docs/uncertainty.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from pydantic import ValidationError

from ..calendar import month_of
from ..compare.incremental import horizon
from ..compare.runner import RunSpec, execute_kept
from ..compare.workflow import unique_names
from ..kernel import DEFAULT_ENGINE
from ..runs import provenance
from ..scenario import Scenario
from ..assumptions import DEFAULTS, Uncertain, apply, check, lever_absent, resolve_paths, sample

#: Rows a draw simulates at most by default (``rows``): at 1,000 rows the added profit of the
#: shipped strategies shows no bias against 20,000 rows (docs/performance.md, "How many rows a
#: question needs": +8k ± 17k at 10,000 customers), only more luck, which the repeats measure.
DRAW_ROWS = 1000
#: Draws run a second time under another seed to measure luck, as a share of draws (at least
#: ``MIN_REPEATS``).
REPEAT_SHARE = 0.1
MIN_REPEATS = 8
#: Replication numbers of the repeats start here (their seeds are independent of every draw's).
REPEAT_OFFSET = 1_000_000

Progress = Callable[[int, int], None]


class AssumptionError(ValueError):
    """Uncertain assumptions that cannot be applied to a scenario (the message says which)."""


@dataclass
class Weighing:
    """What :func:`weigh` returns: one row per strategy × draw (and repeat) in ``draws``.

    ``draws`` columns: ``scenario``, ``draw``, ``repeat`` (False: the draw; True: the same world
    under another seed), one column per assumption (``Uncertain.columns``: its value, or its
    multiplier when relative), and the horizon's ``added_profit`` (cumulative profit added over
    no private domain), ``added_vs_ads`` (added profit − the same cash in paid ads), ``added_roi``,
    ``payback_day`` and ``payback_month`` (NaN: not within the horizon)."""

    names: list[str]
    assumptions: list[Uncertain]
    draws: pd.DataFrame
    days: int
    rows: int
    root_seed: int
    store: Path | None = None
    resumed: int = 0
    provenance: dict = field(default_factory=dict)
    #: What ``analysis`` fitted to these draws, kept: the terminal, the report and the exports ask again.
    fits: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def columns(self) -> list[str]:
        """Every drawn column (``Uncertain.columns``)."""
        return [c for u in self.assumptions for c in u.columns()]

    @property
    def factors(self) -> list[str]:
        """One column per assumption, what the drivers and the value of knowing read: its value, or
        for a joint set the number of the set drawn (its values move together: one driver)."""
        return [u.key for u in self.assumptions]

    def categorical(self, column: str) -> bool:
        """Whether ``column`` numbers sets (a joint assumption's), not a quantity."""
        return any(u.joint and u.key == column for u in self.assumptions)

    @property
    def n_draws(self) -> int:
        return int(self.draws.loc[~self.draws["repeat"], "draw"].nunique())


def fitted(scenario: Scenario, u: Uncertain) -> bool:
    """Whether ``u`` is the accepted parameter sets of the scenario's calibration (what ``siyu
    calibrate`` wrote beside its ``[calibration]`` record): what the brand's data say, not a range
    someone declared."""
    record = scenario.calibration
    return record is not None and u.joint and set(u.paths) == {p.path for p in record.parameters}


def _declared(scenarios: Sequence[Scenario]) -> tuple[list[Uncertain], list[Uncertain]]:
    """The scenarios' own assumptions, (their calibrations' accepted sets, the rest), each once
    (one path declared differently by two scenarios is an AssumptionError)."""
    found: dict[str, tuple[Uncertain, bool]] = {}
    for s in scenarios:
        for u in s.uncertain:
            if u.key in found and found[u.key][0] != u:
                raise AssumptionError(f"{u.key} is uncertain in two scenarios with different ranges; declare it "
                                      f"the same way in both, or give one assumptions file")
            found[u.key] = (u, found.get(u.key, (u, False))[1] or fitted(s, u))
    return [u for u, fit in found.values() if fit], [u for u, fit in found.values() if not fit]


def _open(u: Uncertain, scenarios: Sequence[Scenario], taken: set[str]) -> bool:
    """Whether ``u`` still names a setting in some scenario once the paths in ``taken`` are left out."""
    for s in scenarios:
        data = s.to_dict()
        for path in (u.paths if u.joint else [u.path]):
            if lever_absent(data, path):
                continue
            try:
                if set(resolve_paths(data, path)) - taken:
                    return True
            except KeyError:
                return True  # not ours to judge here: ``check`` names it
    return False


def assumptions_for(scenarios: Sequence[Scenario], given: list[Uncertain] | None = None) -> list[Uncertain]:
    """The assumptions a weighing draws: ``given`` (an assumptions file); else the accepted parameter
    sets of the scenarios' calibrations (``fitted``: what the data say), then the scenarios' other
    own assumptions or, when they declare none, :data:`DEFAULTS` — the ones a client challenges first,
    which no calibration measures. A default every setting of which the fit estimated is left out;
    one that names some fitted settings draws the others (``assumptions.apply``: the first
    assumption to draw a setting keeps it)."""
    if given:
        return list(given)
    fits, own = _declared(scenarios)
    if own or not fits:
        return fits + (own or list(DEFAULTS))
    taken = {p for u in fits for p in u.paths}
    return fits + [u for u in DEFAULTS if _open(u, scenarios, taken)]


def source_key(scenarios: Sequence[Scenario], given: bool = False) -> str:
    """What a weighing's draws cover, as a word key (``unc_source_*``; ``unc_source_file`` takes the
    file's ``path``): an assumptions file, a calibration's sets with the defaults or with the
    scenarios' own, the scenarios' own, or the defaults."""
    if given:
        return "unc_source_file"
    fits, own = _declared(scenarios)
    if fits:
        return "unc_source_fit_own" if own else "unc_source_fit_defaults"
    return "unc_source_scenarios" if own else "unc_source_defaults"


def plan(scenarios: Sequence[Scenario], assumptions: list[Uncertain], draws: int, root_seed: int,
         rows: int | None, repeats: int) -> tuple[list[RunSpec], pd.DataFrame]:
    """Every run (draw-major, so that a draw's strategies travel together) and the drawn values
    (draw → columns). A draw that makes a scenario invalid is an AssumptionError naming it."""
    unit = sample(assumptions, draws, root_seed)
    specs: list[RunSpec] = []
    values = []
    datas = []
    for s in scenarios:
        data = s.to_dict()
        problems = check(assumptions, data)
        if problems:
            raise AssumptionError(f"scenario {s.name}: " + "; ".join(problems))
        if rows is not None:
            data["population"]["rows"] = int(rows)
        elif data["population"].get("rows") is None or data["population"]["rows"] > DRAW_ROWS:
            data["population"]["rows"] = min(DRAW_ROWS, int(s.population.customers))
        datas.append(data)
    for u in assumptions:  # a lever's setting must belong to at least one of the strategies
        for path in (u.paths if u.joint else [u.path]):
            if all(lever_absent(data, path) for data in datas):
                raise AssumptionError(f"uncertain {path}: no scenario compared has the lever "
                                      f"{path.split('.')[1]!r}")
    runs = [(d, False) for d in range(draws)] + [(d, True) for d in range(repeats)]
    for d, again in runs:
        for s, data in zip(scenarios, datas):
            world, drawn = apply(assumptions, data, unit[d])
            if not again and s is scenarios[0]:
                values.append({"draw": d, **drawn})
            tag = f"d{d:04d}" + ("r" if again else "")
            world["name"] = f"{s.name}.{tag}"
            try:
                scenario = Scenario.from_dict(world)
            except ValidationError as exc:
                shown = ", ".join(f"{k} {'×' if rel else '='} {v:.4g}" for (k, v), rel in
                                  zip(drawn.items(), _relative(assumptions)))
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "the scenario"
                raise AssumptionError(f"draw {d} makes scenario {s.name} invalid ({shown}): {where}: "
                                      f"{first['msg']}; narrow the assumption's range") from None
            specs.append(RunSpec("crn", scenario, scenario.to_dict(), REPEAT_OFFSET + d if again else d,
                                 f"{s.name}-{tag}", baseline=True))
    return specs, pd.DataFrame(values)


@dataclass
class Prepared:
    """A weighing planned and checked, nothing run yet (``prepare``): the scenarios under unique
    names, the assumptions drawn, the root seed, every run and the drawn values."""

    items: list[Scenario]
    assumptions: list[Uncertain]
    root_seed: int
    draws: int
    repeats: int
    specs: list[RunSpec]
    drawn: pd.DataFrame

    @property
    def rows(self) -> int:
        return int(self.specs[0].data["population"]["rows"])

    @property
    def days(self) -> int:
        return max(s.days for s in self.items)


def prepare(scenarios: Sequence[Scenario], *, draws: int = 200, assumptions: list[Uncertain] | None = None,
            root_seed: int | None = None, rows: int | None = None, repeats: int | None = None) -> Prepared:
    """Plan a weighing and check it, running nothing: an assumption that names no setting, or a
    draw that makes a scenario invalid, is an AssumptionError here. Options as ``weigh``."""
    if not scenarios:
        raise ValueError("weigh needs at least one scenario")
    if draws < 2:
        raise ValueError(f"draws must be >= 2, got {draws}")
    items = unique_names(scenarios)
    chosen = assumptions_for(items, assumptions)
    root = items[0].seed if root_seed is None else root_seed
    n_repeats = min(draws, max(MIN_REPEATS, round(REPEAT_SHARE * draws))) if repeats is None else repeats
    specs, drawn = plan(items, chosen, draws, root, rows, n_repeats)
    return Prepared(items, chosen, root, draws, n_repeats, specs, drawn)


def _relative(assumptions: list[Uncertain]) -> list[bool]:
    """Per drawn column (``Uncertain.columns``): whether its value is a multiplier."""
    return [u.relative and not u.joint for u in assumptions for _ in u.columns()]


def weigh(scenarios: Sequence[Scenario] | Prepared, *, draws: int = 200, assumptions: list[Uncertain] | None = None,
          root_seed: int | None = None, rows: int | None = None, repeats: int | None = None,
          executor: str = "vector", engine: str = DEFAULT_ENGINE, backend=None,
          progress: Progress | None = None, store: str | Path | bool | None = None, fresh: bool = False,
          note: Callable[..., None] | None = None) -> Weighing:
    """Run ``scenarios`` across ``draws`` draws of their uncertain assumptions; see the module.
    ``scenarios`` may be a ``prepare``d weighing (the planning options are then its own).

    ``assumptions``: what to draw (default ``assumptions_for``). ``rows``: simulated rows per
    run (default: the scenario's, at most ``DRAW_ROWS``). ``repeats``: draws run again under
    another seed to measure luck (default: ``REPEAT_SHARE`` of draws, at least ``MIN_REPEATS``,
    at most ``draws``). ``backend``, ``progress``, ``store``, ``fresh``, ``note``: as
    ``compare.compare``."""
    p = scenarios if isinstance(scenarios, Prepared) else prepare(
        scenarios, draws=draws, assumptions=assumptions, root_seed=root_seed, rows=rows, repeats=repeats)
    items, root, specs = p.items, p.root_seed, p.specs
    tell = note or (lambda key, **fields: None)
    record = provenance(seed=root, executor=executor, engine=engine, scenarios=items, draws=p.draws,
                        repeats=p.repeats, rows=p.rows,
                        assumptions=[u.model_dump(exclude_none=True) for u in p.assumptions],
                        backend=backend.describe() if backend is not None else "this process")
    meta = {"name": " vs ".join(s.name for s in items) + f" ({p.draws} draws)",
            "scenarios": [s.name for s in items], "root_seed": root, "draws": p.draws,
            "repeats": p.repeats, "executor": executor, "engine": engine}
    frames, runs = execute_kept(specs, root, store=store, fresh=fresh, meta=meta, record=record, note=tell,
                                executor=executor, engine=engine, backend=backend, progress=progress,
                                together=len(items), keep_baselines=False)
    result = Weighing([s.name for s in items], p.assumptions, _table(frames["crn"], items, p.drawn, p.assumptions),
                      p.days, p.rows, root, provenance=record)
    if runs is not None:
        result.store, result.resumed = runs.folder, len(runs.done)
        record |= {"store": str(runs.folder), "resumed": len(runs.done)}
    return result


def _table(frames: list[pd.DataFrame], items: list[Scenario], drawn: pd.DataFrame,
           assumptions: list[Uncertain]) -> pd.DataFrame:
    """Each run's horizon figures beside its draw's values (see :class:`Weighing`)."""
    ends = horizon(pd.concat(frames, ignore_index=True))
    run_name = ends["scenario"].str.rsplit(".", n=1)
    ends["draw"] = ends["replication"] % REPEAT_OFFSET
    ends["repeat"] = ends["replication"] >= REPEAT_OFFSET
    ends["scenario"] = run_name.str[0]
    days = max(s.days for s in items)
    month = ends["payback_day"].map(lambda d: float(month_of(int(d), days)) if pd.notna(d) else np.nan)
    out = pd.DataFrame({"scenario": ends["scenario"], "draw": ends["draw"].astype(int), "repeat": ends["repeat"],
                        "added_profit": ends["cum_incremental_profit"], "added_vs_ads": ends["added_vs_ads"],
                        "added_roi": ends["incremental_roi"], "payback_day": ends["payback_day"].astype(float),
                        "payback_month": month})
    out = out.merge(drawn, on="draw", how="left")
    order = {s.name: i for i, s in enumerate(items)}
    out = out.assign(_o=out["scenario"].map(order)).sort_values(["repeat", "draw", "_o"], kind="stable")
    cols = ["scenario", "draw", "repeat"] + [c for u in assumptions for c in u.columns()] + \
        ["added_profit", "added_vs_ads", "added_roi", "payback_day", "payback_month"]
    return out[cols].reset_index(drop=True)
