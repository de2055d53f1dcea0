"""The calibration workflow (``siyu calibrate``), one home for it: check everything, search,
re-run the best, judge the uncertainty, write the folder (``result.CalibrationResult``).

``prepare`` reads and checks the calibration file, the observed CSV and the output folder:
every problem is raised before any run. ``calibrate`` then fits (resuming a study found in the
folder), re-runs the best parameters ``check_replications`` times for the bands and the loss's
noise, and saves the result. The CLI only parses and calls these two.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..config.calibration_files import CalibrationSpec, load_calibration
from ..config.observed_columns import PERIOD_COLUMN, with_ratios
from ..config.output_paths import check_not_inputs, check_own_dir
from ..config.scenario_files import dumps_scenario
from ..experiments.backends import Backend
from ..experiments.progress import NullProgress
from ..scenario import Scenario
from ..version import __version__
from ..words import t
from . import quality, uncertainty
from .fit import Loss, check_observed, columns_needed
from .observed import read_observed
from .result import FILES, MARKER, CalibrationResult
from .search import SearchState, completed, fingerprint, open_study, search
from .simulate import TrialBatch, TrialRun, execute_trials


@dataclass
class Prepared:
    """A calibration that passed every check: nothing has run yet."""

    spec: CalibrationSpec
    observed: pd.DataFrame
    observed_source: str
    metrics: dict[str, float]
    fit_periods: list[int]
    held_out: list[int]
    folder: Path
    columns: list[str] = field(default_factory=list)


def default_folder(calibration: str | Path) -> Path:
    """Next to the calibration file: ``<stem>_fit/``."""
    path = Path(calibration)
    return path.parent / f"{path.stem}_fit"


def prepare(calibration: str | Path, observed: str | Path, out: str | Path | None = None, *,
            rows: int | None = None, trials: int | None = None, replications: int | None = None) -> Prepared:
    """Check the calibration file, the observed data against it, and the output folder: new,
    empty or a calibration's own, and holding none of the inputs under the names it writes
    (``rows``, ``trials``, ``replications``: --rows, --trials, --replications, over the file's).
    Raises CalibrationError (file, key or line, allowed) or OutputPathError; runs nothing."""
    spec = load_calibration(calibration, rows=rows, trials=trials, replications=replications)
    table = with_ratios(read_observed(observed, spec.n_periods, spec.period))
    metrics, fit, held = check_observed(spec, table, str(observed))
    option = "--out" if out is not None else "output"
    folder = check_own_dir(Path(out) if out is not None else default_folder(calibration), MARKER,
                           "a calibration folder", option)
    check_not_inputs([folder / name for name in FILES.values()],
                     [calibration, observed, spec.scenario_source], option, folder)
    return Prepared(spec, table, str(observed), metrics, fit, held, folder, columns_needed(metrics, table))


@dataclass
class Outcome:
    result: CalibrationResult | None
    state: SearchState
    noise: float = float("nan")
    accepted: int = 0


def runs_planned(spec: CalibrationSpec) -> int:
    """The runs a whole fit makes: every trial's replications, then the best's check runs."""
    return spec.trials * spec.replications + spec.check_replications


def calibrate(prep: Prepared, backend: Backend, *, progress=None, fresh: bool = False, lang: str = "en",
              note: Callable[[str], None] | None = None) -> Outcome:
    """Fit, judge and save. On Ctrl-C the finished trials are in ``study.sqlite3`` and
    KeyboardInterrupt propagates (the same call resumes). ``progress`` counts runs: every trial's
    replications, then the check runs (``runs_planned``)."""
    spec, note = prep.spec, note or (lambda _text: None)
    progress = progress or NullProgress()
    prep.folder.mkdir(parents=True, exist_ok=True)
    loss = Loss(prep.observed, prep.metrics, prep.fit_periods, spec.loss)
    study = open_study(prep.folder, spec, fingerprint(spec, prep.metrics, prep.fit_periods), fresh=fresh)
    done = len(completed(study))
    if done:
        note(t("calib_status_resumed", lang, done=done, again=len([tr for tr in study.trials
                                                                    if tr.state.name == "RUNNING"])))
    progress.start(runs_planned(spec), done=min(done, spec.trials) * spec.replications,
                   label=t("calib_progress_label", lang))
    try:
        state = search(spec, study, loss, prep.columns, backend, progress=progress)
        finished = completed(study)
        if not finished:
            raise RuntimeError(f"no trial finished: {state.first_error}")
        trials = pd.DataFrame([{"number": tr.number, **{p.path: tr.params[p.path] for p in spec.parameters},
                                "loss": tr.value} for tr in finished]).sort_values("number").reset_index(drop=True)
        best_row = trials.loc[trials["loss"].idxmin()]
        best = {p.path: (int(best_row[p.path]) if p.integer else float(best_row[p.path])) for p in spec.parameters}
        note(t("calib_status_check", lang, reps=spec.check_replications))
        check = _check_runs(prep, best, backend, progress)
    finally:
        progress.stop()
    noise = uncertainty.noise_losses(check, spec.replications, loss, spec.seed)
    threshold = uncertainty.tolerance(noise, float(best_row["loss"]), loss.n_values, len(spec.parameters))
    chosen = uncertainty.accepted(trials, threshold)
    estimates = uncertainty.estimates(spec, best, chosen, uncertainty.quadratic_extent(spec, trials, threshold))
    within = int((trials["loss"] <= threshold).sum())
    result = CalibrationResult(
        name=spec.name, period=spec.period, metrics=prep.metrics, fit_periods=prep.fit_periods,
        held_out_periods=prep.held_out, estimates=estimates, observed=prep.observed, trials=trials,
        simulated=_long(check), correlations=uncertainty.correlations(spec, chosen), calibrated_toml="",
        spec=_spec_record(prep, threshold, noise), best_loss=float(best_row["loss"]))
    judged = quality.assess(result, accepted=within, failed_runs=state.failed_runs, first_error=state.first_error)
    result.quality = judged
    result.warnings = [quality.say(w, lang, period=spec.period) for w in judged.warnings]
    result.calibrated_toml = calibrated_toml(spec, best, prep.observed_source, chosen, judged, within)
    result.save(prep.folder)
    return Outcome(result, state, float(np.std(noise)), within)


def _check_runs(prep: Prepared, best: dict, backend: Backend, progress=None) -> list[pd.DataFrame]:
    """The best parameters under ``check_replications`` seeds (the fit's seeds first)."""
    progress = progress or NullProgress()
    spec = prep.spec
    runs = [TrialRun(-1, r, best) for r in range(spec.check_replications)]
    size = max(1, -(-len(runs) // max(1, 2 * backend.workers)))
    batches = [TrialBatch(spec.scenario, runs[i:i + size], spec.seed, spec.period, prep.columns)
               for i in range(0, len(runs), size)]
    got = []

    def collect(outcomes) -> None:
        got.extend(outcomes)
        failed = sum(o.status != "ok" for o in outcomes)
        progress.advance(len(outcomes) - failed, failed)

    backend.run(batches, collect, fn=execute_trials)
    bad = [o for o in got if o.status != "ok"]
    if bad:
        raise RuntimeError(f"the best parameters failed to run again: {bad[0].error}")
    return [o.table.assign(replicate=o.replication) for o in sorted(got, key=lambda o: o.replication)]


def _long(check: list[pd.DataFrame]) -> pd.DataFrame:
    """Check runs → period, metric, replicate, value."""
    frame = pd.concat(check, ignore_index=True)
    long = frame.melt(id_vars=[PERIOD_COLUMN, "replicate"], var_name="metric", value_name="value")
    return long[[PERIOD_COLUMN, "metric", "replicate", "value"]].astype(
        {PERIOD_COLUMN: "int64", "replicate": "int64", "value": "float64"})


def calibrated_toml(spec: CalibrationSpec, best: dict, observed_source: str,
                    accepted: pd.DataFrame | None = None, judged: quality.FitQuality | None = None,
                    within: int | None = None) -> str:
    """The base scenario's full content with the estimates written in, as a scenario file. With
    the ``accepted`` trials (those that fit about as well as the best), their parameter sets go in
    as one joint uncertain assumption: what the brand's data could not tell apart is what
    ``siyu compare calibrated.toml … --draws N`` draws (docs/uncertainty.md). With the fit's
    quality, its record goes in as ``[calibration]`` (``fit_record``): every report made from the
    file says the brand was fitted, and how well. ``within``: the accepted trials inside the
    tolerance (fewer than ``accepted`` when it was filled up with the next best)."""
    data = spec.scenario_with(best)
    if judged is not None:
        data["calibration"] = fit_record(judged, spec, observed_source)
    if accepted is not None and len(accepted):
        paths = [p.path for p in spec.parameters]
        which = (f"the {len(accepted)} trials that fit the data about as well as the best"
                 if within is None or within >= len(accepted) else
                 f"the {len(accepted)} best trials (only {within} fit the data about as well as the best: "
                 f"the intervals are rough)")
        data["uncertain"] = [{
            "paths": paths, "sets": [[float(row[p]) for p in paths] for _, row in accepted.iterrows()],
            "label": "calibrated parameters", "label_zh": "校准参数",
            "source": f"siyu calibrate {spec.file} {observed_source}: {which} (ABC rejection; docs/calibration.md)"}]
    data["name"] = spec.name
    data["description"] = (f"{spec.name}: {spec.scenario.get('name', 'scenario')} calibrated to {observed_source}"
                           f" ({', '.join(f'{k} = {v:.4g}' for k, v in best.items())}).")
    scenario = Scenario.from_dict(data)
    header = (f"Calibrated by `siyu calibrate {spec.file} {observed_source}` (siyu_sim {__version__}, "
              f"{datetime.date.today().isoformat()}).\nBase scenario: {spec.content.get('scenario')}. Fitted:\n"
              + "\n".join(f"  {k} = {v!r}" for k, v in best.items())
              + "\nEvery other value is the base scenario's. Copy this file and change a lever to ask "
                "\"what if\".")
    return dumps_scenario(scenario, header=header)


def fit_record(judged: quality.FitQuality, spec: CalibrationSpec, observed_source: str) -> dict:
    """The calibrated scenario's ``[calibration]`` table (``fit_record.FitRecord``): the fit's
    quality as the scenario keeps it."""
    return {
        "observed": str(observed_source), "calibration": spec.file, "period": spec.period,
        "fit_periods": judged.fit_periods, "margin": judged.margin,
        "good": judged.good, "held_out_inside": judged.held_inside, "held_out_total": judged.held_total,
        "held_out_pass": judged.held_pass,
        "parameters": [{"path": p.path, "value": p.best, "low": p.low, "high": p.high, "range_low": p.range_low,
                        "range_high": p.range_high, "at_bound": p.at_bound, "identified": p.identified,
                        "pinned_down": p.pinned_down} for p in judged.parameters],
        # the fitted metrics, and a ratio of the books the model contradicts (a miss like theirs)
        "metrics": [{"metric": m.metric, "error": m.fit_error, "missed": m.missed or m.ratio_missed}
                    for m in judged.metrics if m.fitted or m.ratio_missed]}


def _spec_record(prep: Prepared, threshold: float, noise: np.ndarray) -> dict:
    spec = prep.spec
    return {"file": spec.file, "observed": prep.observed_source, "content": spec.content,
            "scenario_source": spec.scenario_source, "loss": spec.loss, "trials": spec.trials,
            "replications": spec.replications, "check_replications": spec.check_replications,
            "seed": spec.seed, "margin": spec.margin, "tolerance": threshold, "noise_sd": float(np.std(noise)),
            "noise_median": float(np.median(noise)),
            "parameters": {p.path: [p.low, p.high] for p in spec.parameters}, "version": __version__}


def held_out_coverage(result: CalibrationResult) -> tuple[int, int]:
    """(held-out values inside their band, held-out values checked): the fit's one held-out
    count (``quality.FitQuality``)."""
    judged = result.fit_quality()
    return judged.held_inside, judged.held_total
