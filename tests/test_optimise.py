"""`siyu optimise`: the search for the best plan.

What is checked, each against something the search does not decide itself:
- it finds the best of levers whose best is known from the model's economics — a cost that buys
  nothing is best at zero: one cost is zero inside its lever's range (no warning), another at
  the low end of its range (the warning fires, for that lever only);
- no trial that breaks a constraint is ever run (the stored runs' settings, not the search's
  own account);
- one seed, one result: interrupted twice (in other batches) and resumed, or given a larger
  budget, it ends where an uninterrupted search ends, bit for bit;
- the best plan's scenario file is one every command reads, and run again with the search's
  seeds it scores what its trial scored;
- two objectives give a front no trial dominates, of every trial no front plan dominates;
- bad files are refused naming the file and the key, before anything is written.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim.cli import app
from siyu_sim.config.optimise_files import read_search
from siyu_sim.config.problems import ExperimentError
from siyu_sim.config.scenario_files import load_scenario
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.worker import execute_batch
from siyu_sim.optimise import optimise, write_outputs
from siyu_sim.optimise.plans import BOUND_SHARE, trials_table
from siyu_sim.runs import simulate

#: Pure costs, which buy nothing (the customers never see them) and so only lower the profit
#: added: each push's content costs x, and the tools 0.05·(x − 30)² a day; with one push a day
#: (nurture) the day's cost x + 0.05·(x − 30)² is least at x = 20, inside x's range. Each Moments
#: post's content costs y, least at the low end of y's range: 0 (as low as a cost goes), or 10 (a
#: wider range would go lower).
COSTS = '''
[factors."levers.broadcast.content_cost_per_push_cny"]
name = "x"
range = [0.0, 100.0]

[factors."economics.tool_cost_per_day_cny"]
name = "tools"
expression = "0.05 * (x - 30) ** 2"

[factors."levers.moments.content_cost_per_post_cny"]
name = "y"
range = [{y_low}, 300.0]

[optimise]
trials = 24
batch = 4
startup_trials = 8
'''


def _costs(tmp_path, y_low: float = 0.0):
    return write_experiment(tmp_path, COSTS.format(y_low=y_low), name="costs", replications=1)


class StopAfter(SerialBackend):
    """Serial, with Ctrl-C once ``after`` batches have been delivered in this command."""

    def __init__(self, after: int):
        self.after = after
        self.seen = 0

    def run(self, batches, on_result, fn=execute_batch, note=None):
        for batch in batches:
            if self.seen == self.after:
                raise KeyboardInterrupt
            on_result(fn(batch))
            self.seen += 1


def _stored_runs(folder) -> list[dict]:
    return [r for r in ResultStore(folder / "_store").manifest_records() if r["status"] == "ok"]


def test_costs_that_buy_nothing_are_searched_down_and_only_the_lever_on_its_bound_is_flagged(tmp_path):
    search = read_search(_costs(tmp_path))
    result = optimise(search, out=tmp_path / "out", backend=SerialBackend())
    assert result.complete and result.best is not None
    best = result.trial(result.best)
    # the costs are least at x = 20 (inside [0, 100]) and y = 0 (its lower end): the search gets close
    assert abs(best.values["x"] - 20.0) < 5.0, best.values
    assert best.values["y"] < BOUND_SHARE * 300.0, best.values
    outputs = write_outputs(result)
    flagged = [(b.factor, b.side, b.at_limit) for b in outputs.at_bounds[result.best]]
    assert flagged == [("y", "low", True)]  # and 0 is as low as a cost goes: no wider range to search
    header = outputs.plans[result.best].read_text(encoding="utf-8")
    assert "# Note: y sits at the low end of its searched range [0, 300], as far as the parameter goes." in header
    # and the search learned: later rounds score better than the random start
    table = trials_table(result)
    ran = table[table.state == "complete"]
    score = "cum_incremental_profit_mean"
    assert ran[ran["round"] >= 4][score].median() > ran[ran["round"] < 2][score].median()


def test_a_best_on_a_range_end_that_could_go_further_is_a_warning_in_the_terminal_and_the_plan(tmp_path):
    path = _costs(tmp_path, y_low=10.0)
    res = CliRunner().invoke(app, ["optimise", str(path), "--serial", "--out", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0, res.output
    assert "warning: y = " in res.output and "sits at the low end of its searched range [10, 300]: the best " \
        "may lie beyond it; widen the range" in res.output
    assert "warning: x" not in res.output and "note:" not in res.output
    header = (tmp_path / "out" / "best.toml").read_text(encoding="utf-8")
    assert "# Warning: y sits at the low end of its searched range [10, 300]; widen the range." in header


CONSTRAINED = '''
[factors."levers.care.staff"]
name = "care_staff"
range = [1, 10]
integer = true

[factors."levers.broadcast.staff"]
name = "community_staff"
range = [0.5, 10.0]

[factors."levers.moments.staff"]
name = "moments_staff"
expression = "community_staff / 2"

[optimise]
trials = 12
batch = 4
startup_trials = 4
'''


def test_no_run_ever_breaks_a_constraint(tmp_path):
    path = write_experiment(tmp_path, CONSTRAINED, name="constrained", replications=1,
                            top='constraints = ["care_staff + community_staff + moments_staff <= 8"]\n')
    result = optimise(read_search(path), out=tmp_path / "out", backend=SerialBackend())
    assert result.complete and len(result.ran) == 12
    rejected = [t for t in result.trials if t.state == "rejected"]
    assert rejected  # the sampler asked for some that break it: they were not run
    for t in rejected:
        assert t.values["care_staff"] + t.values["community_staff"] + t.values["moments_staff"] > 8
    stored = _stored_runs(tmp_path / "out")
    assert len(stored) == 12
    for rec in stored:  # what was actually run, as the store recorded it
        f = rec["factors"]
        assert f["care_staff"] + f["community_staff"] + f["moments_staff"] <= 8, f
        assert f["moments_staff"] == f["community_staff"] / 2
        assert isinstance(f["care_staff"], int)
        assert rec["overrides"]["levers.care.staff"] == f["care_staff"]


def _clean_and_interrupted(tmp_path, path):
    """An uninterrupted search, and the same search interrupted twice (Ctrl-C after a few batches,
    then after a few more in batches of another size) and finished by a third command."""
    search = read_search(path)
    clean = optimise(search, out=tmp_path / "clean", backend=SerialBackend(), batch_size=2)
    first = optimise(search, out=tmp_path / "out", backend=StopAfter(3), batch_size=2)
    assert first.interrupted and not first.complete
    second = optimise(search, out=tmp_path / "out", backend=StopAfter(4), batch_size=3)  # other batches
    assert second.interrupted and second.stored == first.ok
    last = optimise(search, out=tmp_path / "out", backend=SerialBackend(), batch_size=5)
    assert last.complete and last.stored == first.ok + second.ok
    return clean, first, second, last


def test_interrupted_twice_and_resumed_the_search_ends_where_an_uninterrupted_one_does(tmp_path):
    path = write_experiment(tmp_path, CONSTRAINED, name="constrained", replications=2,
                            top='constraints = ["care_staff + community_staff <= 9"]\n')
    clean, first, second, resumed = _clean_and_interrupted(tmp_path, path)
    pd.testing.assert_frame_equal(trials_table(resumed), trials_table(clean), check_exact=True)
    assert resumed.best == clean.best
    write_outputs(clean), write_outputs(resumed)
    assert (tmp_path / "out" / "best.toml").read_text() == (tmp_path / "clean" / "best.toml").read_text() \
        .replace(str(tmp_path / "clean"), str(tmp_path / "out"))
    stored = pd.read_parquet(resumed.store)
    assert stored.run_id.is_unique and len(stored) == 12 * 2
    rows = lambda f: pd.read_parquet(f).sort_values("run_id").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(rows(resumed.store), rows(clean.store), check_exact=True)
    sessions = ResultStore(resumed.store).sessions()
    assert [s["resumed"] for s in sessions] == [0, first.ok, first.ok + second.ok]
    assert all(s["backend"] == "serial (1 worker)" and s["trials"] == 12 for s in sessions)


def test_a_larger_budget_continues_the_search_to_what_it_would_have_been(tmp_path):
    path = write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", "trials = 10"), name="constrained",
                            replications=1)
    search = read_search(path)
    short = optimise(search, out=tmp_path / "out", backend=SerialBackend())  # rounds of 4, 4, 2
    assert short.complete and len(short.ran) == 10
    longer = optimise(search, out=tmp_path / "out", backend=SerialBackend(), trials=15)
    assert longer.complete and longer.stored == 10 and longer.ok == 5
    straight = optimise(search, out=tmp_path / "straight", backend=SerialBackend(), trials=15)
    pd.testing.assert_frame_equal(trials_table(longer), trials_table(straight), check_exact=True)


def test_the_best_plan_is_a_scenario_file_that_scores_what_its_trial_scored(tmp_path):
    path = write_experiment(tmp_path, CONSTRAINED, name="constrained", replications=2, root_seed=23)
    result = optimise(read_search(path), out=tmp_path / "out", backend=SerialBackend())
    outputs = write_outputs(result)
    best = result.trial(result.best)
    plan = load_scenario(outputs.plans[result.best])  # read as any scenario file is: strictly
    assert plan.name == "nurture_best"
    assert plan.levers["care"].staff == best.values["care_staff"]
    assert plan.levers["moments"].staff == best.values["moments_staff"]
    again = [simulate(plan, replication=r, root_seed=23, baseline=True).daily["cum_incremental_profit"].iloc[-1]
             for r in range(2)]
    assert float(np.mean(again)) == best.scores["cum_incremental_profit"]
    # every other command takes it: the check its header suggests, against the base as the search ran it
    check = next(line for line in outputs.plans[result.best].read_text().splitlines() if "siyu compare" in line)
    args = check.split("siyu ", 1)[1].replace("--reps 20", "--reps 2").split()
    assert args[1:3] == [str(outputs.plans[result.best]), str(outputs.base)] and args[-2:] == ["--seed", "24"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "nurture_best" in res.output and "nurture" in res.output


def test_a_plan_judged_across_markets_scores_its_statistic_there_again(tmp_path):
    """With markets, the plan's file holds the experiment's uncertain assumptions: drawn at the
    search's market points with its seeds, the worst-tail mean (CVaR) is the trial's score."""
    from siyu_sim.config.scenario_files import build_scenario
    from siyu_sim.experiments.design import market_points

    body = CONSTRAINED.replace("trials = 12", "trials = 6") + \
        '[robustness]\ncriterion = "cvar"\npercentile = 50\n[design]\nmarkets = 4\n'
    path = write_experiment(tmp_path, body, name="markets", replications=1, top="uncertain_defaults = true\n")
    search = read_search(path)
    result = optimise(search, out=tmp_path / "out", backend=SerialBackend())
    outputs = write_outputs(result)
    best = result.trial(result.best)
    plan = load_scenario(outputs.plans[result.best]).to_dict()
    per_market = []
    for point in market_points(search.experiment):
        world = build_scenario(plan, {"uncertain": list(point.values())})
        per_market.append(simulate(world, replication=0, root_seed=11, baseline=True)
                          .daily["cum_incremental_profit"].iloc[-1])
    worst = np.sort(per_market)[:2]  # the worst 50% of 4 markets (np.percentile's bound at 50 % lies between)
    assert best.scores["cum_incremental_profit"] == pytest.approx(float(worst.mean()), rel=1e-12)
    assert best.means["cum_incremental_profit"] == pytest.approx(float(np.mean(per_market)), rel=1e-12)


def _dominates(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all(a >= b) and np.any(a > b))


def test_two_objectives_give_a_front_no_trial_dominates(tmp_path):
    body = '''
[factors."levers.broadcast.frequency_per_day"]
name = "pushes"
range = [0.2, 8.0]

[factors."levers.coupon.depth"]
name = "coupon_depth"
range = [0.0, 0.4]

[objectives]
cum_incremental_profit = "max"
muted_share = "min"

[optimise]
trials = 16
batch = 4
'''
    path = write_experiment(tmp_path, body, name="front", replications=1, days=40)
    search = read_search(path)
    assert search.sampler == "nsga2"
    result = optimise(search, out=tmp_path / "out", backend=SerialBackend())
    outputs = write_outputs(result)
    table = pd.read_csv(outputs.trials)
    done = table[table.state == "complete"]
    # larger is better on both: muted share is to be minimised
    points = {int(r.trial): np.array([r.cum_incremental_profit_mean, -r.muted_share_mean]) for r in done.itertuples()}
    front = set(result.front)
    assert front and front == set(table.loc[table.plan.notna(), "trial"])
    for n in front:
        assert not any(_dominates(points[m], points[n]) for m in points), n
    for m in set(points) - front:
        assert any(_dominates(points[n], points[m]) or np.array_equal(points[n], points[m]) for n in front), m
    files = sorted((tmp_path / "out" / "front").glob("plan-*.toml"))
    assert len(files) == len(front) and (tmp_path / "out" / "front.csv").exists()
    for f in files:
        load_scenario(f)


GOOD = '''
[factors."levers.coupon.depth"]
name = "coupon_depth"
range = [0.0, 0.3]
'''

BAD = {
    "no table": (GOOD, "", "optimise: missing"),
    "trials 0": (GOOD + "[optimise]\ntrials = 0\n", "", "optimise.trials = 0"),
    "unknown sampler": (GOOD + '[optimise]\ntrials = 4\nsampler = "cmaes"\n', "", 'optimise.sampler = "cmaes"'),
    "unknown key": (GOOD + "[optimise]\ntrials = 4\nbudget = 9\n", "", "optimise.budget"),
    "both tables": (GOOD + "[optimise]\ntrials = 4\n[search]\ntrials = 4\n", "", "search: [optimise] and [search]"),
    "two scenarios": (GOOD + "[optimise]\ntrials = 4\n", 'scenarios = ["nurture", "harvest"]\n', "scenarios = "),
    "a distribution": ('[factors."levers.coupon.depth"]\ndistribution = { kind = "uniform", low = 0.0, high = 0.2 }\n'
                       "[optimise]\ntrials = 4\n", "", 'factors."levers.coupon.depth".distribution'),
    "a design method": (GOOD + '[design]\nmethod = "lhs"\nsamples = 8\n[optimise]\ntrials = 4\n', "",
                        'design.method = "lhs": the search chooses the settings'),
    "regret": (GOOD + '[robustness]\ncriterion = "regret"\n[optimise]\ntrials = 4\n', "uncertain_defaults = true\n",
               'robustness.criterion = "regret"'),
    "nsga2 in rounds of one": (GOOD + '[objectives]\ncum_incremental_profit = "max"\nactive_share = "max"\n'
                               "[optimise]\ntrials = 4\nbatch = 1\n", "", "optimise.batch = 1"),
    "no lever": ('[factors."levers.coupon.depth"]\nexpression = "0.1"\n[optimise]\ntrials = 4\n', "",
                 "factors: the search needs a lever"),
    "a bad constraint": (GOOD + "[optimise]\ntrials = 4\n", 'constraints = ["coupon_dept < 0.2"]\n', "constraints[0]"),
    "no whole number": ('[factors."levers.care.staff"]\nrange = [1.2, 1.8]\ninteger = true\n[optimise]\ntrials = 4\n', "",
                        'factors."levers.care.staff".range = [1.2, 1.8]: holds no whole number'),
    "an unknown lever": ('[factors."levers.coupon.deep"]\nrange = [0.0, 0.3]\n[optimise]\ntrials = 4\n', "",
                         'factors."levers.coupon.deep": no such parameter'),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_search_file_is_refused_naming_the_file_and_the_key_before_anything_is_written(tmp_path, case):
    body, top, expected = BAD[case]
    scenarios = '["nurture", "harvest"]' if case == "two scenarios" else '["nurture"]'
    path = write_experiment(tmp_path, body, name="bad", top="" if case == "two scenarios" else top,
                            scenarios=scenarios)
    with pytest.raises(ExperimentError) as err:
        read_search(path)
    text = str(err.value)
    assert f"{path}: " in text and expected in text, text
    res = CliRunner().invoke(app, ["optimise", str(path), "--serial", "--out", str(tmp_path / "out")])
    assert res.exit_code == 1 and expected in res.output and "Traceback" not in res.output, res.output
    assert not (tmp_path / "out").exists()


def test_a_search_folder_of_another_file_is_refused_and_kept(tmp_path):
    path = write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", "trials = 4"), name="c", replications=1)
    res = CliRunner().invoke(app, ["optimise", str(path), "--serial", "--out", str(tmp_path / "out"), "-q"])
    assert res.exit_code == 0, res.output
    before = sorted(p.name for p in (tmp_path / "out").iterdir())
    path.write_text(path.read_text().replace("range = [1, 10]", "range = [1, 9]"))
    res = CliRunner().invoke(app, ["optimise", str(path), "--serial", "--out", str(tmp_path / "out"), "-q"])
    assert res.exit_code == 1 and "holds results of a different search" in res.output, res.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == before


def test_the_results_folder_says_what_was_searched(tmp_path):
    path = write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", "trials = 4"), name="c", replications=1)
    optimise(read_search(path), out=tmp_path / "out", backend=SerialBackend(), command="siyu optimise c.toml")
    meta = json.loads((tmp_path / "out" / "_store" / "_experiment.json").read_text())
    assert meta["kind"] == "search" and meta["search"]["sampler"] == "tpe" and meta["search"]["batch"] == 4
    assert meta["optuna"] and meta["markets"] == 0
    session = ResultStore(tmp_path / "out" / "_store").sessions()[0]
    assert session["command"] == "siyu optimise c.toml" and session["backend"] == "serial (1 worker)"
    assert session["trials"] == 4 and session["resumed"] == 0 and session["to_run"] == 4


def test_the_docs_key_table_is_generated_from_the_schema():
    from pathlib import Path

    from siyu_sim.config.optimise_files import OptimiseSpec
    from siyu_sim.config.schema_docs import table

    text = (Path(__file__).resolve().parents[1] / "docs" / "optimise.md").read_text(encoding="utf-8")
    begin, end = "<!-- BEGIN GENERATED: optimise keys -->\n", "<!-- END GENERATED: optimise keys -->"
    assert text.split(begin, 1)[1].split(end, 1)[0] == table(OptimiseSpec, "") + "\n"


def test_the_shipped_example_is_a_search_of_a_few_hundred_runs():
    from pathlib import Path

    search = read_search(Path(__file__).resolve().parents[1] / "experiments" / "optimise_nurture.toml")
    exp = search.experiment
    assert search.sampler == "tpe" and search.statistic == "cvar" and exp.markets == 4
    assert [f.name for f in search.levers] == ["pushes_per_day", "promo_share", "coupon_depth", "care_staff"]
    assert search.trials * exp.markets * exp.replications <= 300  # a few minutes on two cores


def test_a_replay_that_asks_otherwise_is_refused_and_the_stored_runs_kept(tmp_path, monkeypatch):
    """The study is replayed, not stored: should the sampler ask otherwise than it did (another
    Optuna, say; here another seed), the stored runs are not taken for the new trials."""
    from siyu_sim.optimise import SearchError, search as search_module

    path = write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", "trials = 4"), name="c", replications=1)
    search = read_search(path)
    assert optimise(search, out=tmp_path / "out", backend=SerialBackend()).complete
    before = _stored_runs(tmp_path / "out")
    monkeypatch.setattr(search_module, "sampler_seed", lambda root: 12345)
    with pytest.raises(SearchError, match="was stored for .* but replaying the search now asks"):
        optimise(search, out=tmp_path / "out", backend=SerialBackend())
    assert _stored_runs(tmp_path / "out") == before


def test_progress_counts_the_runs_and_says_each_round_that_ran(tmp_path):
    from siyu_sim.experiments.progress import NullProgress

    class Heard(NullProgress):
        def __init__(self):
            self.total = self.done = 0
            self.notes: list[tuple[str, dict]] = []

        def start(self, total, done=0, label=""):
            self.total, self.done = total, done

        def advance(self, ok, failed):
            self.done += ok + failed

        def note(self, key, **fields):
            self.notes.append((key, fields))

    path = write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", "trials = 10"), name="c", replications=2)
    search = read_search(path)
    first = Heard()
    optimise(search, out=tmp_path / "out", backend=StopAfter(3), progress=first, batch_size=2)  # in round 1
    assert first.total == 20 and first.done == 6
    assert [f["round"] for k, f in first.notes if k == "opt_round_best"] == []  # no round finished
    again = Heard()
    result = optimise(search, out=tmp_path / "out", backend=SerialBackend(), progress=again)
    assert (again.total, again.done) == (20, 20)
    rounds = [f for k, f in again.notes if k == "opt_round_best"]
    assert [(f["round"], f["trials"], f["budget"]) for f in rounds] == [(1, 4, 10), (2, 8, 10), (3, 10, 10)]
    assert rounds[-1]["trial"] == result.best


def test_rows_reach_every_run_and_a_huge_budget_waits_for_yes(tmp_path):
    """--rows sets population.rows over the file's [set], as for a sweep (the plan file says so);
    a budget of more runs than HUGE_RUNS stops before anything is written unless --yes."""
    from siyu_sim.config.limits import HUGE_RUNS

    path = write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", "trials = 4"), name="c", replications=1)
    assert read_search(path, rows=123).experiment.scenarios["nurture"]["population"]["rows"] == 123
    huge = CliRunner().invoke(app, ["optimise", str(path), "--serial", "--out", str(tmp_path / "big"),
                                    "--trials", str(HUGE_RUNS + 1)])
    assert huge.exit_code == 1 and "--yes" in huge.output and f"{HUGE_RUNS + 1:,} runs" in huge.output, huge.output
    assert not (tmp_path / "big").exists()
