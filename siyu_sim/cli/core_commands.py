"""Core commands: ``siyu run``, ``siyu compare``, ``siyu validate``, ``siyu scenarios``.

Tables and verdicts go to stdout; progress and status go to stderr, so ``siyu compare a b
> out.txt`` holds nothing but the result. Exit codes: 0 ok, 1 invalid input or a failed
run, 2 wrong usage (unknown option, missing argument).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from statistics import fmean
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console

from .. import __version__
from ..compare.monthly import LABELS, baseline_lines, monthly, verdict
from ..compare.counterfactual import incremental_profit, without_private_domain
from ..config.overrides import OverrideError, parse_assignment
from ..config.presets import resolve, shipped_dir, shipped_names
from ..config.problems import ScenarioError
from ..config.scenario_files import dumps_scenario, load_scenario
from ..config.toml_files import read_toml
from ..runs import run_scenario
from ..scenario import Scenario
from .app import app

PROGRESS_DELAY_S = 2.0  # show a bar only on runs long enough to wonder about
EXIT_INVALID = 1


class Executor(str, Enum):
    vector = "vector"
    agent = "agent"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


# --- options shared by the commands -----------------------------------------------------

SetOpt = Annotated[Optional[list[str]], typer.Option(
    "--set", metavar="PATH=VALUE",
    help="Override one key (repeatable): --set levers.broadcast.frequency_per_day=3")]
DaysOpt = Annotated[Optional[int], typer.Option("--days", min=1, help="Simulated days (horizon).")]
CustomersOpt = Annotated[Optional[int], typer.Option(
    "--customers", min=1, help="Rows in the customer table (smaller is faster).")]
SeedOpt = Annotated[Optional[int], typer.Option(
    "--seed", min=0, help="Root seed (compare: one root seed for all, so luck is shared).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or status messages.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of labels and sentences: en or zh.")]
ExecutorOpt = Annotated[Executor, typer.Option(
    "--executor", help="vector (fast) or agent (one Mesa agent per customer; same results).")]


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _status(quiet: bool, message: str) -> None:
    if not quiet:
        typer.echo(message, err=True)


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(EXIT_INVALID)


def _overrides(sets: list[str] | None, days: int | None, customers: int | None,
               seed: int | None) -> dict:
    out = {}
    for text in sets or []:
        try:
            path, value = parse_assignment(text)
        except OverrideError as exc:
            raise typer.BadParameter(str(exc), param_hint="--set") from None
        out[path] = value
    for path, value in (("days", days), ("population.customers", customers), ("seed", seed)):
        if value is not None:
            out[path] = value
    return out


def _load(arg: str, overrides: dict) -> tuple[Scenario, Path]:
    """The scenario a file path or shipped name (``nurture``) gives, with the overrides."""
    path = resolve(arg)
    return load_scenario(path, overrides), path


class RunProgress:
    """A rich progress bar on stderr over one or more runs, shown only when the work takes
    longer than PROGRESS_DELAY_S and stderr is a terminal."""

    def __init__(self, total_days: int, quiet: bool, label: str):
        self.console = _err()
        self.enabled = not quiet and self.console.is_terminal
        self.total, self.label = total_days, label
        self.started = time.monotonic()
        self.offset = 0
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < PROGRESS_DELAY_S:
                return
            from rich.progress import BarColumn, Progress, TimeRemainingColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                                "{task.completed}/{task.total} days", TimeRemainingColumn(),
                                console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total)
        self.bar.update(self.task, completed=self.offset + done)

    def next_run(self, days: int) -> None:
        self.offset += days

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _run_all(scenarios: list[Scenario], root_seed: int, executor: str, quiet: bool,
             replications=(0,), segment_frames: list | None = None) -> pd.DataFrame:
    """Daily frames of every scenario × replication under one root seed (common random numbers).

    When ``segment_frames`` is a list, each run's per-segment table is appended to it too."""
    bar = RunProgress(sum(s.days for s in scenarios) * len(replications), quiet, "simulating")
    frames = []
    try:
        for r in replications:
            for s in scenarios:
                model = run_scenario(s, replication=r, root_seed=root_seed, executor=executor,
                                     segment_metrics=segment_frames is not None, progress=bar)
                bar.next_run(s.days)
                if segment_frames is not None:
                    seg = model.segment_daily
                    seg.insert(0, "replication", r)
                    seg.insert(0, "scenario", s.name)
                    segment_frames.append(seg)
                daily = model.daily
                daily.insert(0, "replication", r)
                daily.insert(0, "scenario", s.name)
                frames.append(daily)
    finally:
        bar.close()
    return pd.concat(frames, ignore_index=True)


def monthly_text(table: pd.DataFrame, lang: str) -> str:
    """A ``monthly`` table as aligned plain text with labels in ``lang``."""
    labels = LABELS[lang]
    shown = table.drop(columns=["cum_gmv"]).reset_index()
    fmt = {"active": "{:,.0f}", "muted": "{:,.0f}", "churned": "{:,.0f}", "mean_trust": "{:.2f}",
           "gmv": "{:,.0f}", "profit": "{:,.0f}", "cum_profit": "{:,.0f}", "roi": "{:.2f}",
           "alt_ads_cum_profit": "{:,.0f}"}
    for col, f in fmt.items():
        shown[col] = shown[col].map(f.format)
    shown["month"] = shown["month"].where(shown["month"].ne(shown["month"].shift()), "")
    shown.columns = [labels[c] for c in shown.columns]
    with pd.option_context("display.unicode.east_asian_width", True):  # align Chinese labels
        return shown.to_string(index=False)


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


def _meta(root_seed: int, scenarios: list[Scenario], executor: str,
          ctx: typer.Context | None = None) -> dict:
    import mesa

    return {"seed": root_seed, "replication": 0, "version": __version__,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": command_line(ctx), "executor": executor,
            "scenarios": [s.name for s in scenarios], "python": platform.python_version(),
            "mesa": mesa.__version__}


def _unique_names(scenarios: list[Scenario], paths: list[Path]) -> list[Scenario]:
    """Rename repeats (two files both named "nurture") so each column is distinguishable."""
    seen: dict[str, int] = {}
    out = []
    for s, p in zip(scenarios, paths):
        name = s.name
        if name in seen:
            name = f"{name}_{p.stem}" if p.stem != name else f"{name}_{seen[s.name] + 1}"
        seen[s.name] = seen.get(s.name, 0) + 1
        out.append(s if name == s.name else s.model_copy(update={"name": name}))
    return out


# --- commands -----------------------------------------------------------------------------

@app.command("run")
def run_command(
    ctx: typer.Context,
    scenario: Annotated[str, typer.Argument(help="Scenario file, or a shipped name (see `siyu scenarios`).")],
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Directory for the results (default: runs/NAME-DATE-TIME).")] = None,
    executor: ExecutorOpt = Executor.vector,
    set_: SetOpt = None, days: DaysOpt = None, customers: CustomersOpt = None,
    seed: SeedOpt = None, quiet: QuietOpt = False, lang: LangOpt = Lang.en,
) -> None:
    """Run one scenario; write its daily table and provenance; print a monthly summary.

    Writes into --out: daily.parquet, daily.csv, scenario.toml (the fully resolved scenario, every default filled in: run it again with `siyu run DIR/scenario.toml`) and provenance.json (seed, package version, date, command).

    Exit codes: 0 done; 1 invalid scenario or failed run; 2 wrong usage.

    [bold]Examples[/bold]

      siyu run scenarios/nurture.toml --out results/nurture

      siyu run harvest --days 90 --customers 2000 --set levers.broadcast.frequency_per_day=2

      siyu run nurture --executor agent --customers 500 --days 30 --quiet
    """
    try:
        s, path = _load(scenario, _overrides(set_, days, customers, seed))
    except ScenarioError as exc:
        raise _fail(str(exc)) from None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = out if out is not None else Path("runs") / f"{s.name}-{stamp}"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(f"{out}: cannot create the output directory: {exc.strerror or exc}") from None
    daily = _run_all([s], s.seed, executor.value, quiet)
    meta = _meta(s.seed, [s], executor.value, ctx) | {"scenario_file": str(path)}
    daily.to_parquet(out / "daily.parquet", index=False)
    daily.to_csv(out / "daily.csv", index=False)
    (out / "scenario.toml").write_text(dumps_scenario(
        s, header=f"Resolved scenario {s.name!r}, as run by siyu_sim {__version__} on "
                  f"{meta['date']}.\nSource: {path}"), encoding="utf-8")
    (out / "provenance.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    typer.echo(monthly_text(monthly(daily, s.days), lang.value))
    _status(quiet, f"wrote {out}/daily.parquet, daily.csv, scenario.toml, provenance.json")


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    scenarios: Annotated[list[str], typer.Argument(
        help="Two or more scenario files or shipped names.", show_default=False)],
    reps: Annotated[int, typer.Option(
        "--reps", min=1, help="Replications; above 1, a paired comparison with intervals.")] = 1,
    report: Annotated[Optional[Path], typer.Option(
        "--report", help="Also write a self-contained HTML report to this path.")] = None,
    baseline: Annotated[bool, typer.Option(
        "--baseline", help="Also run each scenario's customers with no private domain and say "
                           "what the private domain adds over having none (incremental profit).")] = False,
    executor: ExecutorOpt = Executor.vector,
    set_: SetOpt = None, days: DaysOpt = None, customers: CustomersOpt = None,
    seed: SeedOpt = None, quiet: QuietOpt = False, lang: LangOpt = Lang.en,
) -> None:
    """Compare strategies month by month, with common random numbers, and give a verdict.

    Every scenario runs under the same root seed (--seed, else the first scenario's seed) and replication, so differences come from the strategies, not from luck. With --reps N above 1 the table shows means over N replications and a paired comparison with confidence intervals follows. Prints, for each month: active / muted / churned members, mean trust, GMV, profit, cumulative profit, ROI and the cumulative profit the same money would have made in paid ads; then who leads on GMV, on profit and on relationship health, and from which month. --set, --days and --customers apply to every scenario.

    Exit codes: 0 done; 1 invalid scenario or failed run; 2 wrong usage.

    [bold]Examples[/bold]

      siyu compare scenarios/nurture.toml scenarios/harvest.toml

      siyu compare nurture harvest --lang zh

      siyu compare nurture harvest mismatch --customers 2000 --set economics.order_value_cny=80

      siyu compare nurture harvest --reps 20 --report compare.html

      siyu compare nurture harvest --baseline     # what each adds over having no private domain
    """
    if len(scenarios) < 2:
        raise typer.BadParameter("give at least two scenarios to compare", param_hint="SCENARIOS")
    overrides = _overrides(set_, days, customers, None)
    loaded, problems = [], []
    for arg in scenarios:
        try:
            loaded.append(_load(arg, overrides))
        except ScenarioError as exc:
            problems.append(str(exc))
    if problems:
        raise _fail("\n".join(problems))
    items = _unique_names([s for s, _ in loaded], [p for _, p in loaded])
    root_seed = seed if seed is not None else items[0].seed
    paired_text, daily = None, None
    segments: list | None = [] if report is not None else None  # LTV by segment for the report
    if reps > 1:
        paired_text, daily = _paired(items, reps, root_seed, lang.value, quiet)
    if daily is None:
        daily = _run_all(items, root_seed, executor.value, quiet, replications=range(reps),
                         segment_frames=segments)
    table = monthly(daily, max(s.days for s in items))
    typer.echo(monthly_text(table, lang.value))
    typer.echo("")
    typer.echo("\n".join(verdict(table, lang.value)))
    if baseline:
        typer.echo("")
        typer.echo("\n".join(baseline_lines(_increments(items, daily, root_seed, executor.value, quiet, reps),
                                            lang.value)))
    if paired_text is not None:
        typer.echo("")
        typer.echo(paired_text)
    if report is not None:
        meta = _meta(root_seed, items, executor.value, ctx) | {"replications": reps}
        segment_daily = pd.concat(segments, ignore_index=True) if segments else None
        _report(daily, items, report, lang.value, meta, quiet, segment_daily)


def _increments(items: list[Scenario], daily: pd.DataFrame, root_seed: int, executor: str,
                quiet: bool, reps: int) -> dict[str, tuple[float, float]]:
    """{scenario: (incremental profit, ledger profit)} at the horizon, means over replications;
    each replication's counterfactual runs under the same seed (common random numbers)."""
    counterfactuals = [without_private_domain(s) for s in items]
    baselines = _run_all(counterfactuals, root_seed, executor, quiet, replications=range(reps))
    out = {}
    for s, base in zip(items, counterfactuals):
        inc, own = [], []
        for r in range(reps):
            d = daily[(daily["scenario"] == s.name) & (daily["replication"] == r)]
            b = baselines[(baselines["scenario"] == base.name) & (baselines["replication"] == r)]
            inc.append(incremental_profit(d, b)["cum_incremental_profit"].iloc[-1])
            own.append(d["cum_profit"].iloc[-1])
        out[s.name] = (fmean(inc), fmean(own))
    return out


def _paired(scenarios: list[Scenario], reps: int, root_seed: int, lang: str,
            quiet: bool) -> tuple[str, pd.DataFrame | None]:
    """The paired comparison's text and, when it keeps them, its daily tables."""
    try:
        from ..compare.paired import format_paired, paired_comparison
    except ImportError:
        raise _fail("paired comparisons (--reps above 1) are not available in this install "
                    "(siyu_sim.compare.paired is missing); run without --reps") from None
    _status(quiet, f"running {len(scenarios)} scenarios x {reps} replications, root seed {root_seed}")
    result = paired_comparison(scenarios, reps=reps, root_seed=root_seed)
    return format_paired(result, lang=lang), getattr(result, "daily", None)


def _report(daily, scenarios, path: Path, lang: str, meta: dict, quiet: bool,
            segment_daily: pd.DataFrame | None = None) -> None:
    try:
        from ..report import comparison_report
    except ImportError:
        raise _fail("HTML reports (--report) are not available in this install "
                    "(siyu_sim.report.comparison_report is missing)") from None
    comparison_report(daily, scenarios, path, lang=lang, segment_daily=segment_daily, meta=meta)
    typer.echo(f"report written to {path}", err=True)


@app.command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(help="Scenario files to check.", show_default=False)],
    set_: SetOpt = None, quiet: QuietOpt = False,
) -> None:
    """Check scenario files without running them; print every problem in each.

    Exit codes: 0 every file is valid; 1 any is not; 2 wrong usage.

    [bold]Examples[/bold]

      siyu validate scenarios/*.toml

      siyu validate my_strategy.toml --set levers.coupon.depth=0.2
    """
    overrides = _overrides(set_, None, None, None)
    bad = 0
    for arg in files:
        try:
            s, path = _load(arg, overrides)
        except ScenarioError as exc:
            bad += 1
            typer.echo(str(exc))
            continue
        if not quiet:
            typer.echo(f"{path}: ok ({s.name}: {s.days} days, {len(s.levers)} levers, "
                       f"{s.population.customers:,} customers)")
    if bad:
        raise typer.Exit(EXIT_INVALID)


@app.command("scenarios")
def scenarios_command() -> None:
    """List the shipped scenarios, one line each.

    Run one by name (`siyu run nurture`) or by path (`siyu run scenarios/nurture.toml`).
    """
    names = shipped_names()
    width = max(map(len, names), default=0)
    for name in names:
        try:
            description = str(read_toml(shipped_dir() / f"{name}.toml").get("description", ""))
        except ScenarioError as exc:
            description = f"(unreadable: {exc.problems[0].message})"
        typer.echo(f"{name:<{width}}  {description}")
