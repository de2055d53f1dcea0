"""``siyu optimise``: the search for the best plan (``siyu_sim.optimise``).

Results and the plan go to stdout; progress and status to stderr. Exit codes as ``siyu sweep``:
0 every trial ran; 1 invalid input, some runs failed, or the runs stopped (no Dask worker left);
130 interrupted (Ctrl-C). Finished runs are kept and the same command continues the search to
the result an uninterrupted one gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import typer

from ..config.limits import table_plan
from ..experiments.backends import NO_WORKER_WAIT_S
from ..words import t
from .app import app
from .core_commands import Lang, LangOpt, RowsOpt, command_line
from .experiment_commands import (EXIT_FAILED, EXIT_INTERRUPTED, BatchOpt, DaskLocalOpt, FreshOpt, NoWorkerWaitOpt,
                                  QuietOpt, SerialOpt, WorkersOpt, _describe)
from .outputs import YesOpt, checked, confirm_size, error, resumable_on_full_disk, writing
from .scheduler import SchedulerOpt, environment_problem
from .terminal import _status

SearchOutOpt = Annotated[Optional[Path], typer.Option(
    "--out", metavar="DIR", help="Results folder: the runs, trials.csv and the plan(s) (default: the file's "
                                 "`output`, else results/<name>).")]
TrialsOpt = Annotated[Optional[int], typer.Option(
    "--trials", metavar="N", min=1, help="Trials to run (default: the file's \\[optimise] trials); more than a "
                                         "finished search continues it.")]


@app.command("optimise")
def optimise_command(
    ctx: typer.Context,
    search_file: Annotated[Path, typer.Argument(metavar="FILE", help="Experiment file with an \\[optimise] table.",
                                                show_default=False)],
    trials: TrialsOpt = None, scheduler: SchedulerOpt = None, dask_local: DaskLocalOpt = None,
    workers: WorkersOpt = None, serial: SerialOpt = False, fresh: FreshOpt = False, out: SearchOutOpt = None,
    quiet: QuietOpt = False, batch_size: BatchOpt = None, lang: LangOpt = Lang.en,
    no_worker_wait: NoWorkerWaitOpt = NO_WORKER_WAIT_S, rows: RowsOpt = None, yes: YesOpt = False,
) -> None:
    """Search the levers of an experiment file for the best plan: Optuna's TPE for one objective,
    NSGA-II for a trade-off front (two or more objectives), under the file's constraints; every
    trial runs in the same markets with the same seeds (common random numbers), judged by the
    file's \\[robustness] statistic (mean, percentile or cvar) across them.

    Writes the best plan as a scenario file (DIR/best.toml; for a front DIR/front/plan-NN.toml and
    DIR/front.csv) that every command takes, and every trial to DIR/trials.csv; warns when the best
    sits on the edge of a searched range.

    Resumes by default: finished runs are kept and the search replays to where it stopped, to
    the same result as an uninterrupted one; --fresh starts over.

    Exit codes: 0 every trial ran; 1 invalid input, some runs failed, or the runs stopped;
    130 interrupted.

    [bold]Examples[/bold]

      siyu optimise experiments/optimise_nurture.toml --workers 2

      siyu optimise experiments/optimise_nurture.toml --dask-local 2 --trials 60

      siyu compare results/optimise_nurture/best.toml harvest
    """
    from ..config.optimise_files import read_search
    from ..config.problems import ExperimentError
    from ..experiments.backends import BackendError, make_backend
    from ..experiments.design import result_columns
    from ..experiments.progress import NullProgress, RichProgress
    from ..experiments.store import StoreError
    from ..optimise import SearchError, optimise, write_outputs

    lang = lang.value
    _check_search_folder(out, "--out", lang=lang)
    try:
        search = read_search(search_file, rows=rows)
    except ExperimentError as exc:
        typer.echo(exc.render(lang), err=True)
        raise typer.Exit(EXIT_FAILED) from None
    exp = search.experiment
    bad_env = environment_problem(serial=serial, scheduler=scheduler, dask_local=dask_local)
    if bad_env:
        raise error(bad_env, lang)
    folder = out or Path(exp.output)
    _check_search_folder(folder, "--out" if out else "output", exp, lang)
    try:
        backend = make_backend(serial=serial, workers=workers, scheduler=scheduler, dask_local=dask_local,
                               no_worker_wait=no_worker_wait)
    except BackendError as exc:
        raise error(exc, lang) from None
    budget = trials or search.trials
    markets = max(exp.markets, 1)
    # each run keeps its final row (the trials' scores): a huge budget waits for --yes
    confirm_size(table_plan(search.runs(budget), 1, result_columns(exp)), yes, lang)
    _status(quiet, t("opt_status_plan", lang, name=exp.name, levers=len(search.levers), sampler=search.sampler,
                     trials=budget, batch=search.batch, markets=markets, reps=exp.replications,
                     runs=search.runs(budget), backend=_describe(backend, lang), folder=folder))
    try:
        with resumable_on_full_disk(folder, lang), backend:
            result = optimise(search, out=folder, backend=backend, fresh=fresh, trials=trials, batch_size=batch_size,
                              progress=NullProgress() if quiet else RichProgress(lang=lang),
                              command=command_line(ctx))
    except (StoreError, SearchError) as exc:
        raise error(exc, lang) from None
    for bad in result.damaged:  # a warning, shown even with --quiet: results were set aside
        typer.echo(t("status_part_set_aside", lang, file=result.folder / bad.file, reason=bad.reason,
                     moved=result.folder / bad.moved_to, runs=bad.runs), err=True)
    if result.stored:
        _status(quiet, t("opt_status_resumed", lang, n=result.stored))
    if result.workers_lost:
        _status(quiet, t("status_workers_lost", lang, n=result.workers_lost))
    _finish_early(result, quiet, fresh, lang)
    _status(quiet, t("opt_status_done", lang, trials=len(result.ran), rejected=len(result.trials) - len(result.ran),
                     failed=sum(tr.state == "failed" for tr in result.ran), ok=result.ok,
                     seconds=f"{result.duration_s:.1f}"))
    with writing(lang):
        outputs = write_outputs(result, lang)
    _print(result, outputs, lang)
    _status(quiet, t("status_wrote", lang, paths=", ".join(str(p) for p in [outputs.trials, outputs.base, *(
        [outputs.front] if outputs.front else []), *outputs.plans.values()])))
    failed = [tr for tr in result.ran if tr.state == "failed"]
    if failed:
        typer.echo(t("opt_trials_failed", lang, n=len(failed), reason=failed[0].reason), err=True)
    if result.failed or failed or (result.best is None and not result.front):
        if result.best is None and not result.front:
            typer.echo(t("opt_no_trial", lang), err=True)
        raise typer.Exit(EXIT_FAILED)


def _check_search_folder(folder: Path | None, option: str, exp=None, lang: str = "en") -> None:
    """Exit 1 naming ``folder`` unless a search can write there: a new or empty folder, or a
    search's (it holds the store of its runs); with ``exp``, one whose outputs are none of its
    inputs (checked before any work)."""
    from ..config.output_paths import check_not_inputs, check_own_dir
    from ..optimise.search import FRONT_DIR, OUTPUTS, STORE_DIR

    if folder is not None:
        with checked(lang):
            check_own_dir(folder, STORE_DIR, "a search's folder", option)
            if exp is not None:
                check_not_inputs([folder / name for name in (*OUTPUTS, FRONT_DIR, STORE_DIR)],
                                 [exp.file, *exp.scenario_sources.values()], option, folder)


def _finish_early(result, quiet: bool, fresh: bool, lang: str) -> None:
    """Interrupted or stopped: say how many runs are kept and how to go on; exit 130 or 1."""
    again = t("status_resume_fresh" if fresh else "status_resume", lang)
    saved = result.stored + result.ok
    if result.interrupted:
        typer.echo(t("status_interrupted", lang, saved=saved, total=result.total_runs, folder=result.folder,
                     again=again), err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    if result.stopped is not None:
        reason = t(result.stopped.key, lang, **result.stopped.fields)
        typer.echo(t("status_stopped", lang, reason=reason, saved=saved, total=result.total_runs,
                     folder=result.folder, again=again), err=True)
        raise typer.Exit(EXIT_FAILED)


def _value(v) -> str:
    return f"{v:g}" if isinstance(v, (float, np.floating)) else str(v)


def _print(result, outputs, lang: str) -> None:
    """The best plan (its scores, levers and derived factors), or the front's plans; the levers on
    the edge of their range; how sure; where the plan is."""
    from ..optimise.plans import GOALS, check_seed, statistic_text
    from ..report.labels import metric_label, metric_value

    search, exp = result.search, result.search.experiment
    derived = [f.name for f in exp.factors if f.expression is not None]
    levers = [f.name for f in search.levers]
    stat = statistic_text(result, lang)
    markets = max(exp.markets, 1)
    if result.best is not None:
        best = result.trial(result.best)
        lines = [t("opt_best_head", lang, trial=best.number, trials=len(result.ran), sampler=search.sampler,
                   markets=markets, reps=exp.replications)]
        for metric, goal in search.objectives.items():
            key = "opt_score_line" if search.statistic == "mean" else "opt_score_line_mean"
            lines.append(t(key, lang, objective=metric_label(metric, lang), column=metric, goal=t(GOALS[goal], lang),
                           statistic=stat, value=metric_value(best.scores[metric], metric, lang),
                           mean=metric_value(best.means[metric], metric, lang)))
        lines += [f"  {name} = {_value(best.values[name])}" for name in levers]
        lines += [t("opt_derived_line", lang, name=name, value=_value(best.values[name])) for name in derived]
        typer.echo("\n".join(lines))
    elif result.front:
        objectives = ", ".join(metric_label(m, lang) for m in search.objectives)
        lines = [t("opt_front_head", lang, n=len(result.front), objectives=objectives, markets=markets,
                   reps=exp.replications)]
        for number, path in outputs.plans.items():
            trial = result.trial(number)
            scores = ", ".join(f"{m} {metric_value(trial.scores[m], m, lang)}" for m in search.objectives)
            values = ", ".join(f"{n}={_value(trial.values[n])}" for n in levers + derived)
            lines.append(t("opt_front_line", lang, plan=path.stem.split("-")[-1], trial=number, scores=scores,
                           levers=values))
        typer.echo("\n".join(lines))
    for number, bounds in outputs.at_bounds.items():
        for b in bounds:
            typer.echo(t("opt_note_limit" if b.at_limit else "opt_warn_bound", lang, factor=b.factor,
                         value=_value(b.value),
                         side=t("opt_side_low" if b.side == "low" else "opt_side_high", lang),
                         low=f"{b.low:g}", high=f"{b.high:g}"), err=True)
    if outputs.plans:
        first = next(iter(outputs.plans.values()))
        typer.echo(t("opt_how_sure" if result.best is not None else "opt_how_sure_front", lang,
                     trials=len(result.ran), path=first, base=outputs.base, seed=check_seed(search)))
