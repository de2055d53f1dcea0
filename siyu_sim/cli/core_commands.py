"""Core commands: ``siyu run``, ``siyu compare``, ``siyu validate``, ``siyu scenarios``.

Tables and verdicts go to stdout; progress and status go to stderr, so ``siyu compare a b
> out.txt`` holds nothing but the result. Exit codes: 0 ok, 1 invalid input or a failed
run, 2 wrong usage (unknown option, missing argument), 130 interrupted (Ctrl-C; a compare with
--reps keeps its finished runs and the same command resumes).
"""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..compare import Comparison, ComparisonError, ComparisonInterrupted, compare, unique_names
from ..compare.monthly import monthly
from .printout import monthly_text, paired_text
from ..compare.verdict import verdict
from ..experiments.backends import ProcessPoolBackend
from ..words import LANGS, counted, scenario_description, t, titled
from ..config.limits import MAX_REPLICATIONS, table_plan
from ..config.output_paths import HTML_REPORT, PARQUET_FILE, PPTX_DECK, check_not_inputs, inside
from ..config.overrides import OverrideError, Overrides, command_overrides
from ..config.presets import resolve, shipped_dir, shipped_names
from ..config.problems import ScenarioError
from ..config.scenario_files import levers_added, validate_data
from ..config.toml_files import SCENARIO_FILE, read_toml
from ..metrics import DAILY_COLUMNS
from ..params import DEFAULT_ROWS, MAX_ROWS
from ..uncertainty.weigh import DRAW_ROWS
from ..rng import MAX_SEED
from ..runs import RUN_FILES, simulate
from ..scenario import Scenario
from .app import app
from .outputs import (EXIT_INVALID, YesOpt, announce_replaced, checked, confirm_size, error, existing,
                      output_file, output_folder, removed_if_empty, writing)
from .outputs import fail as _fail
from .scheduler import SchedulerOpt, environment_problem
from .terminal import PROGRESS_DELAY_S, RunProgress, _compiled_status, _status

EXIT_INTERRUPTED = 130
#: Where ``siyu compare --out DIR`` kept its finished runs and draws before they moved to the user's
#: cache: an --out folder holding them is still an earlier --out's.
RUN_STORE = "run_store"
DRAW_STORE = "draw_store"
#: Most draws ``--draws`` takes (each draw runs every strategy and a baseline).
MAX_DRAWS = 100_000


class Executor(str, Enum):
    vector = "vector"
    agent = "agent"


class Engine(str, Enum):
    compiled = "compiled"
    numpy = "numpy"


#: --lang: the languages siyu_sim.words has (en, zh).
Lang = Enum("Lang", {code: code for code in LANGS}, type=str)


# --- options shared by the commands -----------------------------------------------------

SetOpt = Annotated[Optional[list[str]], typer.Option(
    "--set", metavar="PATH=VALUE",
    help="Override one key (repeatable): --set levers.broadcast.frequency_per_day=3")]
DaysOpt = Annotated[Optional[int], typer.Option("--days", min=1, help="Simulated days (horizon).")]
CustomersOpt = Annotated[Optional[int], typer.Option(
    "--customers", min=1, help="The brand's customers on day 0, real people: its size (a smaller number is a "
                               "smaller brand with the same fixed costs, not a faster run: see --rows).")]
RowsOpt = Annotated[Optional[int], typer.Option(
    "--rows", min=10, max=MAX_ROWS,
    help="Rows simulated for the customers: the run's precision, not the brand's size (fewer is faster and "
         "noisier; every figure stays in real customers). Default: as many as the customers, at most "
         f"{DEFAULT_ROWS:,}.")]
SeedOpt = Annotated[Optional[int], typer.Option(
    "--seed", min=0, max=MAX_SEED, help="Root seed, 64-bit (compare: one root seed for all, so luck is shared).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or status messages.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of labels and sentences: en or zh.")]
ExecutorOpt = Annotated[Executor, typer.Option(
    "--executor", help="vector (fast) or agent (one Mesa agent per customer; same results).")]
EngineOpt = Annotated[Engine, typer.Option(
    "--engine", help="compiled (the rules compiled by numba) or numpy (the reference: the same rules on "
                     "numpy columns, slower; equal within floating-point tolerance).")]


def _overrides(sets: list[str] | None, days: int | None, customers: int | None,
               seed: int | None, rows: int | None = None) -> Overrides:
    """--set and the options that set one key, each remembering its source; a key given twice
    (two --set, or --set and --customers) is a usage error naming both values."""
    try:
        out = command_overrides(sets, days, customers, seed, rows)
    except OverrideError as exc:
        raise typer.BadParameter(str(exc), param_hint="--set") from None
    return out


def _load(arg: str, overrides: dict, lang: str) -> tuple[Scenario, Path]:
    """The scenario a file path or shipped name (``nurture``) gives, with the overrides; a note
    for each lever the overrides add to a file that does not have it."""
    path = resolve(arg)
    data = read_toml(path, SCENARIO_FILE)  # read once: validated with the overrides, and compared with them
    scenario = validate_data(data, str(path), overrides)
    for lever in levers_added(data, overrides):  # valid, but maybe not what a probe of one setting meant
        typer.echo(t("note_lever_added", lang, lever=lever, path=path), err=True)
    return scenario, path


def _compare(scenarios: list[Scenario], root_seed: int, executor: str, quiet: bool, lang: str = "en",
             fresh: bool = False, **options) -> Comparison:
    """``compare.compare`` with a progress bar in ``lang`` (``_watched``)."""
    return _watched(lambda bar, note: compare(scenarios, root_seed=root_seed, executor=executor, progress=bar,
                                              fresh=fresh, note=note, **options),
                    quiet, lang, fresh, parallel=options.get("backend") is not None)


def _watched(call, quiet: bool, lang: str, fresh: bool, parallel: bool, label: str = "status_simulating"):
    """``call(bar, note)`` (a comparison or a weighing) with a progress bar in ``lang`` (at once
    when the runs go to worker processes); a failed run exits with EXIT_INVALID, Ctrl-C with
    EXIT_INTERRUPTED after one line saying what was kept and how to resume."""
    from ..experiments.store import StoreError

    bar = RunProgress(quiet, t(label, lang), delay=0.0 if parallel else PROGRESS_DELAY_S, lang=lang)
    try:
        return call(bar, lambda key, **fields: bar.note(t(key, lang, **fields)) if not quiet else None)
    except ComparisonError as exc:
        raise _fail(str(exc)) from None
    except StoreError as exc:  # --out's run store holds another comparison, or is in use
        raise error(exc, lang) from None
    except ComparisonInterrupted as exc:
        bar.close()
        again = t("status_resume_fresh" if fresh else "status_resume", lang)
        typer.echo(t("status_interrupted", lang, saved=exc.saved, total=exc.total, folder=exc.folder, again=again),
                   err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except KeyboardInterrupt:
        bar.close()
        typer.echo(t("status_compare_interrupted", lang), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        bar.close()
        _compiled_status(quiet, lang)


def command_line(ctx: typer.Context | None) -> str:
    """The command being run, rebuilt from its parsed parameters (the same whether run from a
    shell or a test): arguments, then the options that differ from their defaults."""
    import shlex

    if ctx is None:
        return shlex.join(["siyu", *sys.argv[1:]])
    parts = ctx.command_path.split()
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if isinstance(value, Enum):
            value = value.value
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if param.param_type_name == "argument":
            parts += [str(v) for v in values]
        elif value is not None and value != param.default and value is not False:
            for v in values:
                parts += [param.opts[0]] + ([] if v is True else [str(v)])
    return shlex.join(parts)


# --- commands -----------------------------------------------------------------------------

@app.command("run")
def run_command(
    ctx: typer.Context,
    scenario: Annotated[str, typer.Argument(help="Scenario file, or a shipped name (see `siyu scenarios`).")],
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Directory for the results (default: runs/NAME-DATE-TIME): new, empty or an "
                            "earlier run's; a folder of other files is refused.")] = None,
    transactions: Annotated[Optional[Path], typer.Option(
        "--transactions", metavar="FILE.parquet",
        help="Also write every order (customer row, day, units, CNY paid, discount, acquisition source, "
             "member or not, segment, row weight) to this Parquet file: the path as given, from the current "
             "folder like every other path, not inside the run folder (the message and provenance.json say "
             "where, in full), "
             "to fit BG/NBD, Pareto/NBD or Gamma-Gamma models to simulated customers.")] = None,
    executor: ExecutorOpt = Executor.vector, engine: EngineOpt = Engine.compiled,
    set_: SetOpt = None, days: DaysOpt = None, customers: CustomersOpt = None, rows: RowsOpt = None,
    seed: SeedOpt = None, quiet: QuietOpt = False, lang: LangOpt = Lang.en,
) -> None:
    """Run one scenario; write its daily table and provenance; print a monthly summary.

    Writes into --out: daily.parquet, daily.csv, scenario.toml (the fully resolved scenario, every default filled in: run it again with `siyu run DIR/scenario.toml`) and provenance.json (seed, package version, date, command).

    Exit codes: 0 done; 1 invalid scenario or failed run; 2 wrong usage.

    [bold]Examples[/bold]

      siyu run scenarios/nurture.toml --out results/nurture

      siyu run harvest --days 90 --rows 2000 --set levers.broadcast.frequency_per_day=2

      siyu run nurture --customers 150000 --rows 5000   # a brand of 150,000 customers on 5,000 rows

      siyu run nurture --executor agent --rows 500 --days 30 --quiet

      siyu run nurture --transactions nurture_orders.parquet
    """
    lang_code = lang.value
    output_folder(out, "--out", RUN_FILES[0], "a run folder", lang_code)
    output_file(transactions, "--transactions", PARQUET_FILE, lang_code)
    try:
        s, path = _load(scenario, _overrides(set_, days, customers, seed, rows), lang_code)
    except ScenarioError as exc:
        raise _fail(exc.render(lang_code)) from None
    option = "--out"
    if out is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        option = "runs/"
        with checked(lang_code):
            out = inside(Path("runs"), f"{s.name}-{stamp}")
        output_folder(out, option, RUN_FILES[0], "a run folder", lang_code)
    with checked(lang_code):
        check_not_inputs([out / name for name in RUN_FILES], [path], option, out)
        check_not_inputs([transactions] if transactions else [], [path], "--transactions")
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(t("run_cannot_create", lang_code, folder=out, reason=exc.strerror or exc)) from None
    bar = RunProgress(quiet, t("status_simulating", lang_code), lang=lang_code)
    try:
        result = simulate(s, executor=executor.value, progress=bar, transactions=transactions is not None,
                          engine=engine.value)
    finally:
        bar.close()
        _compiled_status(quiet, lang_code)
    result.provenance |= {"command": command_line(ctx), "scenario_file": str(path)}
    if transactions is not None:  # where the orders went: not in the run folder, so the folder says where
        transactions = transactions.absolute()
        result.provenance["transactions_file"] = str(transactions)
    with writing(lang_code), removed_if_empty(out if created else None):
        # --transactions: the path as given, not in the run folder
        replaced = result.write(out, transactions=transactions)
    typer.echo(monthly_text(monthly(result.tidy(result.daily), s.days), lang.value))
    _status(quiet, t("status_wrote", lang.value, paths=", ".join(str(out / name) for name in RUN_FILES)))
    if transactions is not None:
        _status(quiet, t("status_wrote_transactions", lang.value, path=transactions))
    announce_replaced(replaced, quiet, lang.value)


def _check_draws(value: int) -> int:
    """--draws: 0 (off) or at least 2 (one draw has no spread to split)."""
    if value == 1:
        raise typer.BadParameter("one draw has no spread: give 0 (off) or at least 2 (200 is a good start)")
    return value


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    scenarios: Annotated[list[str], typer.Argument(
        help="Two or more scenario files or shipped names.", show_default=False)],
    reps: Annotated[int, typer.Option(
        "--reps", min=1, max=MAX_REPLICATIONS,
        help="Replications; above 1, a paired comparison with intervals.")] = 1,
    report: Annotated[Optional[Path], typer.Option(
        "--report", help="Also write a self-contained HTML report to this path (.html).")] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", metavar="DIR", help="Also write the monthly table, the profit bridge, the incremental table and "
                                     "the key figures as CSV and as one Excel workbook (comparison.xlsx, in "
                                     "--lang's language, with a notes sheet) in DIR: new, empty or an earlier "
                                     "--out's.")] = None,
    deck: Annotated[Optional[Path], typer.Option(
        "--deck", metavar="FILE.pptx", help="Also write a PowerPoint deck (.pptx, in --lang's language): the "
                                            "answer and how sure, the key figures, the profit bridge, the monthly "
                                            "added profit with break-even, the costs by month and, with --draws, "
                                            "the drivers; native tables and charts, editable.")] = None,
    baseline: Annotated[bool, typer.Option(
        "--baseline/--no-baseline",
        help="Also run each scenario's customers with no private domain (same seeds) and judge "
             "by what the private domain adds over having none (the default); "
             "--no-baseline skips those runs for speed and shows only the gross ledger.")] = True,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="Discard the finished runs an earlier or interrupted run of this comparison kept, and "
                        "start over (default: read and resume from them).")] = False,
    draws: Annotated[int, typer.Option(
        "--draws", min=0, max=MAX_DRAWS, metavar="N", callback=_check_draws,
        help="Also weigh the strategies across N draws of the uncertain assumptions (the scenarios' own "
             "uncertain lists, else siyu_sim's defaults for what clients challenge first): how likely each "
             "is to pay and to beat paid ads, a 90% interval with luck and not-knowing apart, what the answer "
             "hinges on and what is worth measuring first. 200 is a good start; 0 (default): off.")] = 0,
    assumptions: Annotated[Optional[Path], typer.Option(
        "--assumptions", metavar="FILE",
        help="With --draws: the uncertain assumptions to draw, a file of uncertain tables, instead of the "
             "scenarios' own (docs/uncertainty.md).")] = None,
    draw_rows: Annotated[Optional[int], typer.Option(
        "--draw-rows", min=10, max=MAX_ROWS, metavar="N",
        help=f"With --draws: rows each draw simulates (default: the scenario's rows, at most {DRAW_ROWS:,}: "
             "many worlds matter more than each to the last customer).")] = None,
    scheduler: SchedulerOpt = None,
    executor: ExecutorOpt = Executor.vector, engine: EngineOpt = Engine.compiled,
    set_: SetOpt = None, days: DaysOpt = None, customers: CustomersOpt = None, rows: RowsOpt = None,
    seed: SeedOpt = None, quiet: QuietOpt = False, lang: LangOpt = Lang.en, yes: YesOpt = False,
) -> None:
    """Compare strategies month by month, with common random numbers, and give a verdict.

    Every scenario runs under the same root seed (--seed, else the first scenario's seed) and replication, so differences come from the strategies, not from luck. With --reps N above 1 the table shows means over N replications and a paired comparison with confidence intervals follows. Each scenario's customers also run with no private domain under the same seeds (skip with --no-baseline), so the headline is the profit each strategy adds over having none. Prints, for each month: that added profit and the added ROI, active / muted / churned members, mean trust, GMV, profit, cumulative profit, ROI and the cumulative profit the same money would have made in paid ads; then who adds the most, whether each strategy loses against having none, against paid ads like for like, then the gross ledger (GMV, ledger profit) and relationship health, and from which month. --set, --days, --customers and --rows apply to every scenario.

    With --draws N the strategies are also run across N draws of the uncertain assumptions (on local processes, or the Dask scheduler --scheduler or $DASK_SCHEDULER_ADDRESS names), kept as they finish like --reps runs: docs/uncertainty.md.

    Every finished run is kept as it finishes, in the user's cache ($SIYU_CACHE_DIR/runs, else ~/.cache/siyu_sim/runs), under a key of what its numbers depend on: after Ctrl-C the same command resumes and gives the same numbers, and the same comparison again (another --lang, --report, --deck or --out) reads the runs instead of simulating them; --fresh starts over. Delete that folder at any time to reclaim the space.

    Exit codes: 0 done; 1 invalid scenario or failed run; 2 wrong usage; 130 interrupted.

    [bold]Examples[/bold]

      siyu compare scenarios/nurture.toml scenarios/harvest.toml

      siyu compare nurture harvest --lang zh

      siyu compare nurture harvest mismatch --rows 2500 --set economics.order_value_cny=80

      siyu compare nurture harvest --customers 150000    # a brand of 150,000 customers (on 10,000 rows)

      siyu compare nurture harvest --reps 20 --report compare.html

      siyu compare nurture harvest --no-baseline  # faster: the gross ledger only

      siyu compare nurture harvest --draws 200      # how sure: across the uncertain assumptions

      siyu compare nurture harvest --out tables/     # CSV + comparison.xlsx for a deck

      siyu compare nurture harvest --deck deck.pptx --lang zh   # the deck itself, in Chinese
    """
    if len(scenarios) < 2:
        raise typer.BadParameter("give at least two scenarios to compare", param_hint="SCENARIOS")
    from ..compare.exports import EXPORT_FILES, EXPORT_MARKER

    output_file(report, "--report", HTML_REPORT, lang.value)
    output_file(deck, "--deck", PPTX_DECK, lang.value)
    output_folder(out, "--out", (EXPORT_MARKER, RUN_STORE, DRAW_STORE), "a folder of comparison tables", lang.value)
    overrides = _overrides(set_, days, customers, None, rows)
    loaded, problems = [], []
    for arg in scenarios:
        try:
            loaded.append(_load(arg, overrides, lang.value))
        except ScenarioError as exc:
            problems.append(exc.render(lang.value))
    if problems:
        raise _fail("\n".join(problems))
    if len({s.days for s, _ in loaded}) > 1:  # cumulative money over different horizons is no comparison
        first, path = loaded[0]
        raise _fail("\n".join(t("err_compare_horizons", lang.value, path=p, days=s.days, first=path,
                                   first_days=first.days)
                              for s, p in loaded[1:] if s.days != first.days))
    items = unique_names([s for s, _ in loaded], [p for _, p in loaded])
    inputs = [p for _, p in loaded]
    root_seed = seed if seed is not None else items[0].seed
    weighing = _prepare_weighing(items, draws, assumptions, draw_rows, root_seed, baseline, inputs, lang.value,
                                 scheduler) if draws else None
    if assumptions is not None:
        inputs.append(assumptions)
    with checked(lang.value):
        check_not_inputs([report] if report else [], inputs, "--report")
        check_not_inputs([deck] if deck else [], inputs, "--deck")
        check_not_inputs([out / name for name in EXPORT_FILES] if out else [], inputs, "--out", out)
    runs = len(items) * reps * (2 if baseline else 1)  # the tables held in memory until the end
    if weighing is not None:
        runs += len(weighing[0].specs)  # a draw's daily table, until its horizon is read
    confirm_size(table_plan(runs, max(s.days for s in items), len(DAILY_COLUMNS) + 4), yes, lang.value, "memory")
    if reps > 1:
        _status(quiet, t("status_running_reps", lang.value, n=len(items), reps=reps, seed=root_seed))
    wrote: list[Path] = []
    try:
        with titled(items):  # every strategy named by its title, in the terminal and every file
            _compare_and_write(ctx, items, root_seed, reps, baseline, report, out, executor, engine, quiet,
                               lang.value, wrote, fresh, weighing, deck)
    except KeyboardInterrupt:  # files are written whole, at the end: none is left half written
        typer.echo(t("status_compare_interrupted_after", lang.value, paths=", ".join(map(str, wrote))) if wrote
                   else t("status_compare_interrupted_writing", lang.value), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _prepare_weighing(items: list[Scenario], draws: int, assumptions: Path | None, draw_rows: int | None,
                      root_seed: int, baseline: bool, inputs: list[Path], lang: str, scheduler: str | None):
    """``compare --draws``: the weighing planned and checked before anything runs (an assumptions
    file's problems or a draw that makes a scenario invalid: exit 1 naming the file)."""
    from ..config.assumption_files import assumption_problem, load_assumptions
    from ..config.problems import ConfigError
    from ..uncertainty.weigh import AssumptionError, prepare, source_key

    if not baseline:
        raise typer.BadParameter("--draws judges what each strategy adds over no private domain: "
                                 "it needs the baseline (leave out --no-baseline)", param_hint="--draws")
    try:
        given = load_assumptions(assumptions) if assumptions is not None else None
        prepared = prepare(items, draws=draws, assumptions=given, root_seed=root_seed, rows=draw_rows)
    except ConfigError as exc:
        raise _fail(exc.render(lang)) from None
    except AssumptionError as exc:
        source = str(assumptions) if assumptions is not None else ", ".join(map(str, inputs))
        raise _fail(assumption_problem(source, str(exc)).render(lang)) from None
    bad_env = environment_problem(serial=False, scheduler=scheduler, dask_local=None)
    if bad_env:
        raise _fail(bad_env)
    return prepared, t(source_key(items, assumptions is not None), lang, path=assumptions), scheduler


def _weigh(prepared, executor: Executor, engine: Engine, quiet: bool, lang: str, fresh: bool,
           scheduler: str | None = None):
    """Run a prepared weighing on local worker processes (or the Dask scheduler --scheduler or
    $DASK_SCHEDULER_ADDRESS names) with a progress bar; kept as it goes in the user's cache, so
    Ctrl-C and the same command resume, and the same weighing again reads it."""
    import time

    from ..experiments.backends import BackendError, make_backend
    from ..uncertainty.weigh import weigh

    _status(quiet, t("status_weighing", lang, n=len(prepared.items), draws=prepared.draws,
                     k=len(prepared.assumptions), repeats=prepared.repeats, rows=f"{prepared.rows:,}",
                     seed=prepared.root_seed))
    start = time.perf_counter()
    try:
        backend = make_backend(scheduler=scheduler)
    except BackendError as exc:
        raise error(exc, lang) from None
    with backend:
        result = _watched(lambda bar, note: weigh(prepared, executor=executor.value, engine=engine.value,
                                                  backend=backend, progress=bar, store=True, fresh=fresh,
                                                  note=note), quiet, lang, fresh, parallel=True)
    return result, time.perf_counter() - start


def _compare_and_write(ctx, items: list[Scenario], root_seed: int, reps: int, baseline: bool,
                       report: Path | None, out: Path | None, executor: Executor, engine: Engine,
                       quiet: bool, lang: str, wrote: list[Path], fresh: bool, weighing=None,
                       deck: Path | None = None) -> None:
    """Run the comparison, print it, write the report, the deck and the tables (``compare_command``);
    ``wrote`` gets each file once it is written. ``weighing``: (a prepared weighing, what its
    draws cover in words) for --draws, run after the comparison and printed after it."""
    # Every finished run is kept in the user's cache, keyed by what its numbers depend on (not by
    # the outputs asked for: the per-segment tables are always kept), so that an interrupted
    # comparison resumes and the same one again, in another language or to other files, reads
    # them: docs/experiments.md.
    with ProcessPoolBackend() if reps > 1 else contextlib.nullcontext() as backend:
        result = _compare(items, root_seed, executor.value, quiet, lang, fresh=fresh, reps=reps,
                          baseline=baseline, segments=True, backend=backend, engine=engine.value, store=True)
    table = result.monthly()
    typer.echo(monthly_text(table, lang))
    typer.echo("")
    summary = result.incremental_summary() if result.has_baseline else None
    typer.echo("\n".join(verdict(table, lang, summary)))
    from ..report.calibration_report import fit_line

    fit = fit_line(items, lang)
    if fit is not None:  # a fitted brand's answer is said with how well it was fitted, here too
        typer.echo(fit[1])
    if result.paired is not None:
        typer.echo("")
        typer.echo(paired_text(result.paired, reps, lang))
    weighed = None
    if weighing is not None:
        from ..uncertainty.verdict import lines

        prepared, source, scheduler = weighing
        weighed, seconds = _weigh(prepared, executor, engine, quiet, lang, fresh, scheduler)
        typer.echo("")
        typer.echo("\n".join(lines(weighed, lang, source=source, seconds=seconds,
                                   answer=result.answer())))
    if report is not None:
        from ..report import report_comparison  # plotly loads only when a report is asked for

        before = existing([report])
        with writing(lang):
            extra = {"weighing": weighed, "weighing_source": weighing[1]} if weighed is not None else {}
            report_comparison(result, report, lang=lang, meta={"command": command_line(ctx)}, **extra)
        wrote.append(report)
        typer.echo(t("status_report_written", lang, path=report), err=True)
        announce_replaced(before, quiet, lang)
    if deck is not None:
        from ..report.deck import write_deck

        before = existing([deck])
        with writing(lang):
            write_deck(result, deck, lang=lang, weighing=weighed)
        wrote.append(deck)
        _status(quiet, t("status_deck_written", lang, path=deck))
        announce_replaced(before, quiet, lang)
    if out is not None:
        from ..compare.exports import EXPORT_FILES, export_tables

        before = existing(out / name for name in EXPORT_FILES)
        extra, names = None, None
        if weighed is not None:
            from ..uncertainty.analysis import tables as weighing_tables
            from ..uncertainty.verdict import label

            extra = weighing_tables(weighed)
            with titled(result.scenarios):  # a segment's setting by the segment's title
                names = {column: label(weighed, column, lang) for column in weighed.columns}
        with writing(lang):
            written = export_tables(result, out, extra, lang=lang, assumption_labels=names)
        _status(quiet, t("status_wrote", lang, paths=", ".join(str(p) for p in written)))
        announce_replaced([p for p in before if p in written], quiet, lang)


@app.command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(help="Scenario, experiment, search or calibration files to check.",
                                               show_default=False)],
    set_: SetOpt = None, quiet: QuietOpt = False, lang: LangOpt = Lang.en,
) -> None:
    """Check files without running them; print every problem in each. A scenario file, an experiment file
    (it has scenarios and replications: a dry run that counts its runs), a search file (it has an
    [optimise] table: its trials and runs) or a calibration file (it has a scenario and parameters: its
    trials and runs) is recognised by its keys.

    Exit codes: 0 every file is valid; 1 any is not; 2 wrong usage.

    [bold]Examples[/bold]

      siyu validate scenarios/*.toml

      siyu validate my_strategy.toml --set levers.coupon.depth=0.2

      siyu validate experiments/staff_scaling.toml    # how many runs, before running them
    """
    from ..config.problems import ConfigError

    overrides = _overrides(set_, None, None, None)
    bad = 0
    for arg in files:
        kind = _file_kind(arg)
        try:
            if kind == "scenario":
                s, path = _load(arg, overrides, lang.value)
                said = t("validate_ok", lang.value, path=path, name=s.name, days=s.days, levers=len(s.levers),
                         customers=f"{s.population.customers:,}", rows=f"{s.population.n_rows:,}")
            elif kind == "experiment":
                from ..experiments.design import load_experiment
                from .printout import settings_text

                exp = load_experiment(arg)
                said = t("validate_ok_experiment", lang.value, path=arg, name=exp.name, runs=f"{exp.n_runs:,}",
                         scenarios=counted(len(exp.scenarios), "count_scenarios_one", "count_scenarios_many",
                                           lang.value),
                         settings=settings_text(exp, lang.value),
                         reps=counted(exp.replications, "count_replications_one", "count_replications_many", lang.value))
            elif kind == "search":
                from ..config.optimise_files import read_search

                search = read_search(arg)
                exp = search.experiment
                said = t("validate_ok_search", lang.value, path=arg, name=exp.name, trials=f"{search.trials:,}",
                         markets=max(exp.markets, 1),
                         reps=counted(exp.replications, "count_replications_one", "count_replications_many", lang.value),
                         levers=len(search.levers), runs=f"{search.runs():,}")
            else:
                from ..config.calibration_files import load_calibration

                spec = load_calibration(arg)
                said = t("validate_ok_calibration", lang.value, path=arg, name=spec.name,
                         parameters=len(spec.parameters), trials=spec.trials, reps=spec.replications,
                         runs=f"{spec.trials * spec.replications + spec.check_replications:,}")
        except ConfigError as exc:
            bad += 1
            typer.echo(exc.render(lang.value))
            continue
        if not quiet:
            typer.echo(said)
    if bad:
        raise typer.Exit(EXIT_INVALID)


def _file_kind(arg: str) -> str:
    """What a file given to ``siyu validate`` is, by its keys: a search (an ``[optimise]`` table),
    an experiment (scenarios and replications), a calibration (a scenario and parameters), else a scenario (whose own checks
    then say what is wrong with it). A file that cannot be read is a scenario's problem to report."""
    from ..config.experiment_files import SEARCH_TABLES
    from ..config.problems import ConfigError

    try:
        data = read_toml(arg, SCENARIO_FILE)  # the one reader (BOMs, encodings), as the loaders read it
    except ConfigError:
        return "scenario"  # a shipped name, or a file whose problem the scenario loader reports
    if any(table in data for table in SEARCH_TABLES):
        return "search"
    if "scenarios" in data and "replications" in data:
        return "experiment"
    if "scenario" in data and "parameters" in data:
        return "calibration"
    return "scenario"


@app.command("scenarios")
def scenarios_command(lang: LangOpt = Lang.en) -> None:
    """List the shipped scenarios, one line each: the name to run it by, and what it stands for.

    Run one by name (`siyu run nurture`) or by path (`siyu run scenarios/nurture.toml`).
    """
    names = shipped_names()
    width = max(map(len, names), default=0)
    for name in names:
        try:
            description = str(read_toml(shipped_dir() / f"{name}.toml").get("description", ""))
            description = scenario_description(name, description, lang.value)
        except ScenarioError as exc:
            description = t("scenarios_unreadable", lang.value, reason=exc.problems[0].message)
        typer.echo(f"{name:<{width}}  {description}")
