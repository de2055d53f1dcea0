"""``siyu calibrate``: fit a scenario to a brand's own monthly (or weekly) numbers.

The command parses and calls the library (``siyu_sim.calibration.run``): every problem with
the calibration file, the observed CSV or the output folder is printed before any run (exit 1);
the fit resumes after an interrupt (exit 130; the same command continues).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config.calibration_files import option_bounds
from ..config.limits import Plan
from ..words import t
from .app import app
from .core_commands import Lang, LangOpt
from .experiment_commands import (EXIT_FAILED, EXIT_INTERRUPTED, DaskLocalOpt, FreshOpt, QuietOpt,
                                  SchedulerOpt, SerialOpt, WorkersOpt, _describe)
from .outputs import YesOpt, announce_replaced, confirm_size, error, existing, resumable_on_full_disk, writing
from .terminal import _status

# Checked with the calibration file's own keys (config.calibration_files): a bad value is named with
# its option and what the key allows, like a bad value in the file.
TrialsOpt = Annotated[Optional[int], typer.Option(
    "--trials", help="Parameter sets to try, over the calibration file's `trials` (%d to %d): fewer is quicker and "
    "rougher; more on a resumed fit continues the search." % option_bounds("trials"))]
ReplicationsOpt = Annotated[Optional[int], typer.Option(
    "--replications", help="Runs per trial, the same seeds for every trial, over the file's `replications` "
    "(%d to %d)." % option_bounds("replications"))]
CalibrationRowsOpt = Annotated[Optional[int], typer.Option(
    "--rows", help="Rows simulated for the brand's customers, over the file's `rows` (%d to %d): fewer is faster "
    "and noisier (docs/calibration.md)." % option_bounds("rows"))]


@app.command("calibrate")
def calibrate_command(
    calibration: Annotated[Optional[Path], typer.Argument(help="Calibration file (TOML).", show_default=False)] = None,
    observed: Annotated[Optional[Path], typer.Argument(help="Observed data (CSV; `--template` prints one).",
                                                       show_default=False)] = None,
    template: Annotated[bool, typer.Option("--template", help="Print the observed-data CSV's columns, "
                                           "each with its meaning and unit, and an example; then exit.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="DIR", help="Results folder (default: "
                                                "<calibration file's stem>_fit/ next to it): new, empty or "
                                                "an earlier calibration's.")] = None,
    scheduler: SchedulerOpt = None, dask_local: DaskLocalOpt = None, workers: WorkersOpt = None,
    serial: SerialOpt = False, fresh: FreshOpt = False, quiet: QuietOpt = False, lang: LangOpt = Lang.en,
    yes: YesOpt = False, rows: CalibrationRowsOpt = None, trials: TrialsOpt = None,
    replications: ReplicationsOpt = None,
) -> None:
    """Fit a scenario's parameters to observed monthly (or weekly) aggregates: Optuna TPE over the
    calibration file's parameter ranges, each trial run under the same seeds; then the best
    parameters re-run for bands, intervals from the trials that fit about as well (ABC
    rejection), and calibrated.toml, a scenario file `siyu compare`, `siyu sweep` and `siyu app`
    take as it is (docs/calibration.md).

    Resumes by default (trials are kept in DIR/study.sqlite3); --fresh starts over. --trials,
    --replications and --rows override the calibration file's keys.

    Prints each estimate against its range, the held-out check and a warning for an estimate at
    a bound of its range, a fitted metric missed by more than the file's margin (default 10%),
    a failed held-out check and a parameter the data do not pin down (docs/calibration.md).

    Exit codes: 0 done; 1 invalid input; 130 interrupted.

    [bold]Examples[/bold]

      siyu calibrate --template > observed.csv

      siyu calibrate examples/calibration/calibration.toml examples/calibration/observed.csv

      siyu calibrate calibration.toml observed.csv --workers 2 --out fit/

      siyu calibrate calibration.toml observed.csv --trials 30 --rows 2000 --out rough_fit/
    """
    from ..calibration.observed import template as observed_template

    lang_code = lang.value
    if template:
        typer.echo(observed_template(lang_code), nl=False)
        return
    if calibration is None or observed is None:
        typer.echo(t("cli_error", lang_code, message=t("calib_need_files", lang_code)), err=True)
        raise typer.Exit(2)
    prep = _prepare(calibration, observed, out, lang_code, rows=rows, trials=trials, replications=replications)
    from ..calibration.run import runs_planned

    confirm_size(Plan(runs_planned(prep.spec)), yes, lang_code)
    backend = _backend(serial, workers, scheduler, dask_local, lang_code)
    _fit(prep, backend, fresh, quiet, lang_code)


def _prepare(calibration: Path, observed: Path, out: Path | None, lang: str, **options):
    from ..calibration.run import prepare
    from ..config.output_paths import OutputPathError
    from ..config.problems import ConfigError

    try:
        return prepare(calibration, observed, out, **options)
    except ConfigError as exc:
        typer.echo(exc.render(lang), err=True)
        raise typer.Exit(EXIT_FAILED) from None
    except OutputPathError as exc:
        raise error(exc, lang) from None


def _backend(serial, workers, scheduler, dask_local, lang: str):
    from ..experiments.backends import BackendError, make_backend
    from .scheduler import environment_problem

    bad_env = environment_problem(serial=serial, scheduler=scheduler, dask_local=dask_local)
    if bad_env:
        raise error(bad_env, lang)
    try:
        return make_backend(serial=serial, workers=workers, scheduler=scheduler, dask_local=dask_local)
    except BackendError as exc:
        raise error(exc, lang) from None


def _fit(prep, backend, fresh: bool, quiet: bool, lang: str) -> None:
    from ..calibration.run import calibrate, runs_planned
    from ..calibration.search import completed
    from ..config.problems import ConfigError
    from ..calibration.result import FILES
    from ..experiments.progress import NullProgress, RichProgress

    spec = prep.spec
    before = existing(prep.folder / name for name in FILES.values() if name != FILES["study"])
    _status(quiet, t("calib_status_plan", lang, name=spec.name, params=len(spec.parameters),
                     metrics=len(prep.metrics), trials=spec.trials, reps=spec.replications,
                     check=spec.check_replications, runs=runs_planned(spec),
                     backend=_describe(backend, lang), folder=prep.folder))
    try:
        with resumable_on_full_disk(prep.folder, lang), backend, writing(lang):
            outcome = calibrate(prep, backend, progress=NullProgress() if quiet else RichProgress(lang=lang),
                                fresh=fresh, lang=lang, note=lambda text: _status(quiet, text))
    except ConfigError as exc:  # a folder holding another calibration's trials
        typer.echo(exc.render(lang), err=True)
        raise typer.Exit(EXIT_FAILED) from None
    except typer.Exit:  # said already (a write that failed, a full disk)
        raise
    except RuntimeError as exc:  # every trial failed, or the best parameters did not run again
        raise error(exc, lang) from None
    except KeyboardInterrupt:
        from ..calibration.search import open_study, fingerprint

        done = len(completed(open_study(prep.folder, spec, fingerprint(spec, prep.metrics, prep.fit_periods))))
        typer.echo(t("calib_interrupted", lang, done=done, folder=prep.folder), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    result = outcome.result
    typer.echo(t("calib_best", lang, loss=f"{result.best_loss:.4g}", tolerance=f"{result.spec['tolerance']:.4g}",
                 accepted=outcome.accepted))
    for line in fit_lines(result, lang):
        typer.echo(line)
    for w in result.warnings:
        typer.echo(t("cli_warning", lang, message=w), err=True)
    _report(result, prep.folder, lang, quiet)
    _status(quiet, t("calib_wrote", lang, folder=prep.folder))
    announce_replaced(before, quiet, lang)


def _report(result, folder: Path, lang: str, quiet: bool) -> None:
    """The calibration report, report.html in the result's folder (report/calibration_report.py)."""
    from ..calibration.result import FILES
    from ..report.calibration_report import write_calibration_report

    path = folder / FILES["report"]
    with writing(lang):
        write_calibration_report(result, path, lang)
    _status(quiet, t("calib_wrote_report", lang, path=path))


def fit_lines(result, lang: str) -> list[str]:
    """The fit in the terminal, from its one judgement (``calibration.quality``): each estimate
    against its range with what holds it back, the fitted metrics' errors against the margin,
    the held-out check and how many parameters the data pin down."""
    from math import isfinite

    from ..calibration.quality import GOOD

    judged = result.fit_quality()
    lines = []
    for p in judged.parameters:
        flags = [t("calib_flag_at_low" if p.at_bound == "low" else "calib_flag_at_high", lang)] if p.at_bound else []
        flags += [] if p.identified else [t("calib_not_identified_flag", lang)]
        lines.append(t("calib_estimate", lang, path=p.path, best=f"{p.best:.4g}", low=f"{p.low:.4g}",
                       high=f"{p.high:.4g}", rlo=f"{p.range_low:g}", rhi=f"{p.range_high:g}",
                       flag="".join(flags)))
    fitted = [m for m in judged.metrics if m.fitted]
    if fitted:
        errors = t("cal_list_sep", lang).join(
            t("calib_metric_error", lang, metric=m.metric, error=f"{m.fit_error:.1%}" if isfinite(m.fit_error) else "–",
              flag=t("calib_flag_missed", lang) if m.missed else "") for m in fitted)
        lines.append(t("calib_fit_errors", lang, margin=f"{judged.margin:.0%}", errors=errors))
    if judged.held_total:
        lines.append(t("calib_held_out", lang, inside=judged.held_inside, total=judged.held_total,
                       verdict=t("calib_held_pass", lang) if judged.held_pass
                       else t("calib_held_fail_missed", lang, margin=f"{judged.margin:.0%}", metrics=", ".join(
                           f"{m.metric} {m.held_error:.0%}" for m in judged.held_missed)) if judged.held_missed
                       else t("calib_held_fail", lang, good=f"{GOOD:.0%}")))
    if judged.parameters:
        key = "calib_pinned" if judged.good else "calib_pinned_poor_fit"
        lines.append(t(key, lang, k=len(judged.pinned_down), n=len(judged.parameters)))
    return lines
