"""Experiment commands: ``siyu sweep`` and ``siyu sensitivity``.

Results and tables go to stdout; progress and status to stderr. Exit codes: 0 every run
finished; 1 invalid input, some runs failed, or the runs stopped (no Dask worker left: finished
runs are kept and the same command resumes); 130 interrupted (Ctrl-C; finished runs are kept
and the same command resumes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config.problems import listed
from ..experiments.backends import NO_WORKER_WAIT_S
from ..words import t
from .app import app
from .core_commands import Lang, LangOpt, RowsOpt, command_line
from .outputs import YesOpt, checked, error, resumable_on_full_disk, too_big
from .printout import settings_text
from .scheduler import SchedulerOpt, environment_problem
from .terminal import _status

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130

DaskLocalOpt = Annotated[Optional[int], typer.Option(
    "--dask-local", metavar="N", min=1, help="Start a Dask LocalCluster of N worker processes.")]
NoWorkerWaitOpt = Annotated[float, typer.Option(
    "--no-worker-wait", metavar="SECONDS", min=0,
    help="With Dask: how long to wait for a worker when none is left before stopping (finished runs "
         "are kept; the same command resumes).")]
WorkersOpt = Annotated[Optional[int], typer.Option(
    "--workers", metavar="N", min=1, help="Local worker processes (default: all cores).")]
SerialOpt = Annotated[bool, typer.Option("--serial", help="Run in this process, one run after another.")]
FreshOpt = Annotated[bool, typer.Option(
    "--fresh", help="Discard earlier results in the output folder and start over (default: resume).")]
OutOpt = Annotated[Optional[Path], typer.Option(
    "--out", metavar="DIR", help="Results folder (default: the experiment's `output`, else results/<name>).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or status messages.")]
BatchOpt = Annotated[Optional[int], typer.Option(
    "--batch-size", metavar="N", min=1, help="Runs per task sent to a worker (default: automatic).")]
CsvOpt = Annotated[bool, typer.Option(
    "--csv", help="Also write aggregate tables as CSV under DIR/_export/.")]


def _check_folder(folder: Path | None, option: str, exp=None, lang: str = "en") -> None:
    """Exit 1 naming ``folder`` unless results can be written there: a new or empty folder, or
    an experiment's results folder; with ``exp``, one that holds none of its input files under
    the names the store owns (checked before any work)."""
    from ..config.output_paths import check_not_inputs, check_own_dir
    from ..experiments.store import EXPERIMENT_FILE, OWNED

    if folder is not None:
        with checked(lang):
            check_own_dir(folder, EXPERIMENT_FILE, "an experiment results folder", option)
            if exp is not None:
                check_not_inputs([folder / name for name in OWNED], [exp.file, *exp.scenario_sources.values()],
                                 option, folder)


def _load(experiment: Path, yes: bool = True, lang: str = "en", rows: int | None = None):
    """The experiment (``rows``: --rows, the rows every run simulates), or exit 1 after printing
    every problem in the file (nothing is run); a huge one only with ``--yes`` (``confirm_size``)."""
    from ..config.limits import HugeExperiment
    from ..config.problems import ExperimentError
    from ..experiments.design import load_experiment

    try:
        return load_experiment(experiment, huge_ok=yes, rows=rows)
    except ExperimentError as exc:
        typer.echo(exc.render(lang), err=True)
        raise typer.Exit(EXIT_FAILED) from None
    except HugeExperiment as exc:  # not --yes: say how big, before the settings are even chosen
        raise too_big(exc.plan, lang) from None


#: A backend's name (``Backend.name``) in the reader's words.
BACKEND_NAMES = {"serial": "backend_serial", "local processes": "backend_local_processes"}


def _describe(backend, lang: str) -> str:
    """Where the runs go, in ``lang`` (English: the backend's own description)."""
    if lang == "en":
        return backend.describe()
    if backend.name == "dask":
        return t("backend_dask", lang, address=backend.address, workers=backend.workers)
    key = BACKEND_NAMES.get(backend.name)
    name = t(key, lang) if key else backend.name
    return t("backend_desc", lang, name=name, workers=backend.workers)


def _run(exp, *, scheduler, dask_local, workers, serial, fresh, out, quiet, batch_size, lang: str = "en",
         no_worker_wait: float | None = None, command: str | None = None):
    """Pick a backend, sweep a loaded experiment (status lines in ``lang``; ``command`` recorded
    in the folder's sessions). Returns the SweepResult."""
    from ..experiments.backends import BackendError, make_backend
    from ..experiments.progress import NullProgress, RichProgress
    from ..experiments.store import StoreError
    from ..experiments.sweep import sweep

    bad_env = environment_problem(serial=serial, scheduler=scheduler, dask_local=dask_local)
    if bad_env:
        raise error(bad_env, lang)
    try:
        backend = make_backend(serial=serial, workers=workers, scheduler=scheduler, dask_local=dask_local,
                               no_worker_wait=no_worker_wait)
    except BackendError as exc:
        raise error(exc, lang) from None
    folder = out or Path(exp.output)
    if out is None and folder == Path("results") / exp.name:  # the default: named by the experiment
        from ..config.output_paths import OutputPathError, inside

        try:
            inside(Path("results"), exp.name)
        except OutputPathError as exc:
            raise error(exc, lang) from None
    _check_folder(folder, "--out" if out else "output", exp, lang)
    _status(quiet, t("status_sweep_plan", lang, name=exp.name, runs=exp.n_runs, scenarios=len(exp.scenarios),
                     settings=settings_text(exp, lang), reps=exp.replications, backend=_describe(backend, lang),
                     folder=folder))
    try:
        with resumable_on_full_disk(folder, lang), backend:
            result = sweep(exp, out=folder, backend=backend, fresh=fresh,
                           progress=NullProgress() if quiet else RichProgress(lang=lang), batch_size=batch_size,
                           command=command)
    except StoreError as exc:
        raise error(exc, lang) from None
    for bad in result.damaged:  # a warning, shown even with --quiet: results were set aside
        typer.echo(t("status_part_set_aside", lang, file=result.folder / bad.file, reason=bad.reason,
                     moved=result.folder / bad.moved_to, runs=bad.runs), err=True)
    if result.skipped:
        _status(quiet, t("status_resumed", lang, n=result.skipped))
    _status(quiet, t("status_sweep_done", lang, ok=result.ok, failed=result.failed,
                     seconds=f"{result.duration_s:.1f}"))
    if result.workers_lost:
        _status(quiet, t("status_workers_lost", lang, n=result.workers_lost))
    return result


def _finish(result, quiet: bool, fresh: bool = False, lang: str = "en") -> None:
    again = t("status_resume_fresh" if fresh else "status_resume", lang)
    if result.interrupted:
        typer.echo(t("status_interrupted", lang, saved=result.skipped + result.ok, total=result.total,
                     folder=result.folder, again=again), err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    if result.stopped is not None:
        reason = t(result.stopped.key, lang, **result.stopped.fields)
        typer.echo(t("status_stopped", lang, reason=reason, saved=result.skipped + result.ok, total=result.total,
                     folder=result.folder, again=again), err=True)
        raise typer.Exit(EXIT_FAILED)
    if result.failed:
        shown = listed(result.failed_ids, 5)
        typer.echo(t("status_runs_failed", lang, n=result.failed, shown=shown, folder=result.folder), err=True)
        raise typer.Exit(EXIT_FAILED)


@app.command("sweep")
def sweep_command(
    ctx: typer.Context,
    experiment: Annotated[Path, typer.Argument(help="Experiment file (TOML).", show_default=False)],
    scheduler: SchedulerOpt = None, dask_local: DaskLocalOpt = None, workers: WorkersOpt = None,
    serial: SerialOpt = False, fresh: FreshOpt = False, out: OutOpt = None, quiet: QuietOpt = False,
    batch_size: BatchOpt = None, csv: CsvOpt = False, lang: LangOpt = Lang.en, yes: YesOpt = False,
    no_worker_wait: NoWorkerWaitOpt = NO_WORKER_WAIT_S, rows: RowsOpt = None,
) -> None:
    """Run every run of an experiment (scenarios × factor settings × replications) and store
    them as Parquet under the results folder (each run with its no-private-domain counterfactual:
    incremental_profit, cum_incremental_profit, incremental_roi; and pool health: active_share,
    muted_share);
    print the best setting per objective, its runner-up and the profit / pool-health trade-off
    front.

    Resumes by default: completed runs are skipped, failed ones retried; --fresh starts over.
    A results folder written by a different experiment file is refused.

    Exit codes: 0 all runs finished; 1 invalid input or some runs failed; 130 interrupted.

    [bold]Examples[/bold]

      siyu sweep experiments/frequency_vs_discount.toml

      siyu sweep experiments/frequency_vs_discount.toml --workers 2 --csv

      siyu sweep experiments/staff_scaling.toml --scheduler tcp://10.0.0.5:8786

      siyu sweep experiments/staff_scaling.toml --dask-local 4 --out /tmp/staff --fresh

    Read the results: pandas.read_parquet("results/frequency_vs_discount")
    """
    _check_folder(out, "--out", lang=lang.value)
    result = _run(_load(experiment, yes, lang.value, rows), scheduler=scheduler, dask_local=dask_local, workers=workers,
                  serial=serial, fresh=fresh, out=out, quiet=quiet, batch_size=batch_size, lang=lang.value,
                  no_worker_wait=no_worker_wait, command=command_line(ctx))
    if not result.interrupted and result.stopped is None and result.ok + result.skipped > 0:
        from .printout import best_text, edges_text, front_text, how_sure_text, robust_text
        from ..experiments.store import ResultStore
        from ..experiments.summary import summarize_folder

        tables = summarize_folder(result.folder, export=csv)
        meta = ResultStore(result.folder).experiment_meta()
        factors = result.experiment.factor_names
        levers = [f.name for f in result.experiment.factors if not f.assumption]
        if "robustness" in tables and not tables["robustness"].empty:
            typer.echo(robust_text(tables["robustness"], levers, meta, lang.value))
            factors = levers
        if not tables["best"].empty:
            typer.echo(best_text(tables["best"], factors, lang.value))
            edges = edges_text(tables["best"].iloc[0], meta, lang.value)
            if edges:
                typer.echo(edges)
            typer.echo(how_sure_text(meta, lang.value))
        front = front_text(tables["trade_off"], factors, lang.value)
        if front:
            typer.echo(front)
        if csv:
            _status(quiet, t("status_wrote", lang.value,
                             paths=f"{result.folder}/_export/" + ", ".join(f"{k}.csv" for k, v in tables.items() if not v.empty)))
    _finish(result, quiet, fresh, lang.value)


@app.command("sensitivity")
def sensitivity_command(
    ctx: typer.Context,
    experiment: Annotated[Path, typer.Argument(help="Experiment file with design.method = "
                                               "\"sobol\" or \"morris\".", show_default=False)],
    scheduler: SchedulerOpt = None, dask_local: DaskLocalOpt = None, workers: WorkersOpt = None,
    serial: SerialOpt = False, fresh: FreshOpt = False, out: OutOpt = None, quiet: QuietOpt = False,
    batch_size: BatchOpt = None, lang: LangOpt = Lang.en, yes: YesOpt = False,
    no_worker_wait: NoWorkerWaitOpt = NO_WORKER_WAIT_S, rows: RowsOpt = None,
) -> None:
    """Global sensitivity analysis, what the answer depends on: run (or resume) the
    experiment's Sobol or Morris design, average replications, and print the factors ranked by
    Sobol total index ST (with S1 and 95% intervals) or by Morris μ* (with σ). The tidy table is written to
    DIR/_export/sensitivity.csv.

    Exit codes: 0 done; 1 invalid input, not a sobol/morris design, or some runs failed;
    130 interrupted.

    [bold]Examples[/bold]

      siyu sensitivity experiments/what_matters.toml

      siyu sensitivity experiments/what_matters.toml --dask-local 2
    """
    from ..experiments.sensitivity import SensitivityError, ranked_text, sensitivity_table

    _check_folder(out, "--out", lang=lang.value)
    exp = _load(experiment, yes, lang.value, rows)
    if exp.method not in ("sobol", "morris"):
        typer.echo(t("sw_needs_design", lang.value, file=experiment, method=exp.method), err=True)
        raise typer.Exit(EXIT_FAILED)
    result = _run(exp, scheduler=scheduler, dask_local=dask_local, workers=workers,
                  serial=serial, fresh=fresh, out=out, quiet=quiet, batch_size=batch_size, lang=lang.value,
                  no_worker_wait=no_worker_wait, command=command_line(ctx))
    _finish(result, quiet, fresh, lang.value)
    try:
        table = sensitivity_table(result.folder, export=True)
    except SensitivityError as exc:
        raise error(exc, lang.value) from None
    typer.echo(ranked_text(table, lang.value))
    _status(quiet, t("status_wrote", lang.value, paths=f"{result.folder}/_export/sensitivity.csv"))
