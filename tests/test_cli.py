"""The `siyu` command end to end: run, compare, validate, scenarios; exit codes; overrides;
Chinese output; clean stdout when piped; the two integration points (paired, report)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import siyu_sim.report
from siyu_sim import __version__, presets
from siyu_sim.cli import app, core_commands
from siyu_sim.config.scenario_files import load_scenario

BAD = Path(__file__).parent / "bad_scenarios"
SMALL = ["--days", "20", "--customers", "200"]
runner = CliRunner()


def siyu(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_scenarios_lists_every_shipped_one_with_its_description():
    result = siyu("scenarios")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(presets.shipped_names())
    for name, line in zip(presets.shipped_names(), lines):
        assert line.startswith(name) and presets.load(name).description in line


def test_validate_exit_codes_and_every_problem_printed():
    good = presets.shipped_dir() / "nurture.toml"
    assert siyu("validate", good).exit_code == 0
    result = siyu("validate", good, BAD / "many_problems.toml", BAD / "empty.toml")
    assert result.exit_code == 1
    assert "nurture.toml: ok" in result.stdout
    assert "8 problems" in result.stdout and "did you mean `frequency_per_day`?" in result.stdout
    assert "empty.toml" in result.stdout and "is empty" in result.stdout


def test_validate_with_a_bad_override_fails():
    result = siyu("validate", "nurture", "--set", "levers.coupon.depth=2")
    assert result.exit_code == 1
    assert "levers.coupon.depth = 2 (from --set): out of range" in result.stdout


def test_run_writes_results_and_provenance(tmp_path):
    out = tmp_path / "res"
    result = siyu("run", "harvest", "--out", out, "--seed", "3", *SMALL,
                  "--set", "levers.broadcast.frequency_per_day=2")
    assert result.exit_code == 0, result.output
    daily = pd.read_parquet(out / "daily.parquet")
    assert len(daily) == 20 and set(daily["scenario"]) == {"harvest"}
    assert len(pd.read_csv(out / "daily.csv")) == 20
    resolved = load_scenario(out / "scenario.toml")
    assert resolved.days == 20 and resolved.seed == 3 and resolved.population.customers == 200
    assert resolved.levers["broadcast"].frequency_per_day == 2
    meta = json.loads((out / "provenance.json").read_text())
    assert meta["seed"] == 3 and meta["version"] == __version__ and meta["date"]
    assert meta["engine"] == "compiled" and meta["numba"] and meta["numpy"]  # what the bits depend on
    assert "--set" in meta["command"]
    assert result.stdout.splitlines()[0].split()[:2] == ["month", "scenario"]
    assert "wrote" in result.stderr and "wrote" not in result.stdout


def test_engine_option_runs_the_numpy_reference_and_says_so(tmp_path):
    """--engine numpy runs the same rules on numpy columns: the same counts, money within
    floating-point tolerance, and the provenance names the engine."""
    daily = {}
    for engine in ("compiled", "numpy"):
        out = tmp_path / engine
        result = siyu("run", "nurture", "--out", out, "--engine", engine, *SMALL, "--quiet")
        assert result.exit_code == 0, result.output
        assert json.loads((out / "provenance.json").read_text())["engine"] == engine
        daily[engine] = pd.read_parquet(out / "daily.parquet")
    pd.testing.assert_frame_equal(daily["compiled"], daily["numpy"], check_exact=False, rtol=1e-9)
    bad = siyu("run", "nurture", "--engine", "fortran", *SMALL)
    assert bad.exit_code == 2 and "fortran" in bad.output


def test_run_is_reproducible_and_resolved_scenario_reruns_identically(tmp_path):
    assert siyu("run", "nurture", "--out", tmp_path / "a", *SMALL, "--quiet").exit_code == 0
    again = siyu("run", tmp_path / "a" / "scenario.toml", "--out", tmp_path / "b", "--quiet")
    assert again.exit_code == 0 and again.stderr == ""
    a = pd.read_parquet(tmp_path / "a" / "daily.parquet")
    b = pd.read_parquet(tmp_path / "b" / "daily.parquet")
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("args, code, message", [
    (["run", "nurtur"], 1, "did you mean `nurture`?"),
    (["run", "nurture", "--set", "levers.broadcast.frequency_per_dya=3"], 1,
     "did you mean `frequency_per_day`?"),
    (["run", "nurture", "--set", "levers.broadcast.frequency_per_day"], 2, "PATH=VALUE"),
    (["run", "nurture", "--customers", "5"], 1, "population.customers = 5"),
    (["run", "nurture", "--executor", "gpu"], 2, "gpu"),
    (["run"], 2, "Missing argument"),
    (["compare", "nurture"], 2, "at least two"),
    (["compare", "nurture", str(BAD / "zero_days.toml")], 1, "days = 0"),
    (["frobnicate"], 2, "No such command"),
])
def test_errors_and_exit_codes(args, code, message):
    result = siyu(*args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_compare_prints_months_side_by_side_and_a_verdict():
    result = siyu("compare", "nurture", "harvest", "--days", "61", "--customers", "200")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["month", "scenario"]
    assert "paid ads cum. profit" in lines[0] and lines[0].index("added profit") < lines[0].index("ledger")
    assert lines[1].split()[:2] == ["1", "nurture"] and lines[2].split()[0] == "harvest"
    assert lines[3].split()[:2] == ["2", "nurture"]
    verdict = result.stdout.split("\n\n", 1)[1]
    assert verdict.startswith("Profit added over no private domain (cumulative):")
    for key in ("Ledger GMV (cumulative, whole run):", "Ledger profit (cumulative):", "active members",
                "mean trust", "The gross ledger"):
        assert key in result.stdout


def test_compare_in_chinese():
    result = siyu("compare", "nurture", "harvest", *SMALL, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "月份" in result.stdout and "活跃成员" in result.stdout and "领先" in result.stdout
    assert "leads" not in result.stdout


def test_compare_uses_common_random_numbers(tmp_path):
    """The same root seed and replication for all: a scenario's rows in a comparison equal
    its own run under that seed."""
    alone = siyu("run", "nurture", "--seed", "5", "--out", tmp_path, *SMALL, "--quiet")
    both = siyu("compare", "nurture", "harvest", "--seed", "5", *SMALL, "--no-baseline")
    nurture_alone = [ln.split() for ln in alone.stdout.splitlines() if "nurture" in ln]
    nurture_both = [ln.split() for ln in both.stdout.splitlines()[:3] if "nurture" in ln]
    assert nurture_alone and nurture_alone == nurture_both


def test_compare_overrides_apply_to_every_scenario():
    plain = siyu("compare", "nurture", "harvest", *SMALL)
    pricier = siyu("compare", "nurture", "harvest", *SMALL, "--set", "economics.order_value_cny=120")
    assert plain.exit_code == pricier.exit_code == 0
    assert plain.stdout != pricier.stdout


def test_compare_report_calls_the_report_module(tmp_path, monkeypatch):
    calls = {}

    def report_comparison(result, path, lang, meta):
        calls.update(result=result, path=path, lang=lang, meta=meta)

    monkeypatch.setattr(siyu_sim.report, "report_comparison", report_comparison)
    target = tmp_path / "r.html"
    result = siyu("compare", "nurture", "harvest", *SMALL, "--report", target, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert calls["path"] == target and calls["lang"] == "zh"
    assert set(calls["result"].daily["scenario"]) == {"nurture", "harvest"}
    assert calls["result"].names == ["nurture", "harvest"]
    assert set(calls["result"].segment_daily["scenario"]) == {"nurture", "harvest"}  # LTV chart
    meta = {**calls["result"].provenance, **calls["meta"]}  # the result's provenance, the command beside it
    assert meta["seed"] == 7 and meta["version"] == __version__ and "--report" in meta["command"]
    assert f"报告已写入 {target}" in result.stderr  # --lang zh: the terminal's words too
    assert "report written to" not in result.stderr


def test_compare_reps_prints_the_paired_comparison_of_the_workflow(monkeypatch):
    seen = {}
    real = core_commands.compare

    def compare(scenarios, **options):
        seen.update(names=[s.name for s in scenarios], reps=options["reps"], root_seed=options["root_seed"],
                    executor=options["executor"], backend=options["backend"])
        return real(scenarios, **(options | {"backend": None}))

    monkeypatch.setattr(core_commands, "compare", compare)
    result = siyu("compare", "nurture", "harvest", *SMALL, "--reps", "2", "--seed", "4", "--executor", "agent")
    assert result.exit_code == 0, result.output
    assert seen["names"] == ["nurture", "harvest"] and seen["reps"] == 2 and seen["root_seed"] == 4
    assert seen["executor"] == "agent" and seen["backend"] is not None  # parallel, executor honoured
    assert "Paired comparison vs nurture: 2 replications" in result.stdout


def test_every_command_has_help_with_examples():
    for command in ("run", "compare", "validate"):
        result = siyu(command, "--help")
        assert result.exit_code == 0 and "Examples" in result.stdout and "Exit codes" in result.stdout
    assert siyu("scenarios", "--help").exit_code == 0


def test_piped_stdout_holds_only_the_table():
    """A real process with stdout to a pipe: the table and verdict, no status, no escapes."""
    proc = subprocess.run([sys.executable, "-c", "from siyu_sim.cli import main; main()",
                           "compare", "nurture", "harvest", *SMALL],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].split()[:2] == ["month", "scenario"]
    assert "\x1b" not in proc.stdout and "\r" not in proc.stdout
    assert "Profit added over no private domain (cumulative):" in proc.stdout


def test_compare_says_what_each_strategy_adds_over_having_none_by_default():
    result = siyu("compare", "nurture", "harvest", *SMALL)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n\n", 1)[1].splitlines()
    assert lines[1].startswith("nurture ") and lines[2].startswith("harvest ")
    assert all(("adds" in line) != ("LOSES money against having no private domain" in line)
               for line in lines[1:3])
    quick = siyu("compare", "nurture", "harvest", *SMALL, "--no-baseline")
    assert quick.exit_code == 0 and "No baseline was run" in quick.stdout
    assert "added profit" not in quick.stdout.splitlines()[0]
    zh = siyu("compare", "nurture", "harvest", *SMALL, "--lang", "zh")
    assert zh.exit_code == 0 and "不做私域" in zh.stdout
    assert "nurture" not in zh.stdout and "harvest" not in zh.stdout  # display names in Chinese


# ---- outputs: paths checked before any work, tables out, overrides' sources --------------------

def _no_run(monkeypatch):
    """Make any simulation fail loudly: the checks must come before it."""
    def boom(*a, **k):
        raise AssertionError("the simulation started before the output path was checked")
    monkeypatch.setattr(core_commands, "compare", boom)
    monkeypatch.setattr(core_commands, "simulate", boom)


@pytest.mark.parametrize("where, message", [
    ("{tmp}", "is a folder; give a file name"),
    ("{tmp}/missing/dir/r.html", "the folder {tmp}/missing/dir does not exist (create it first)"),
    ("{tmp}/file.txt/r.html", "{tmp}/file.txt is a file, not a folder"),
    ("/proc/r.html", "cannot write /proc/r.html"),
])
def test_a_bad_report_path_is_a_clear_error_before_any_run(tmp_path, monkeypatch, where, message):
    if where.startswith("/proc") and not Path("/proc/self").exists():
        pytest.skip("no /proc")
    _no_run(monkeypatch)
    (tmp_path / "file.txt").write_text("x")
    target = where.format(tmp=tmp_path)
    result = siyu("compare", "nurture", "harvest", *SMALL, "--report", target)
    assert result.exit_code == 1, result.output
    assert f"--report {target}: {message.format(tmp=tmp_path)}" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "missing").exists()  # nothing created


def test_bad_out_folders_are_clear_errors_before_any_run(tmp_path, monkeypatch):
    _no_run(monkeypatch)
    (tmp_path / "file.txt").write_text("x")
    for args in (["compare", "nurture", "harvest"], ["run", "nurture"]):
        result = siyu(*args, *SMALL, "--out", tmp_path / "file.txt")
        assert result.exit_code == 1 and f"--out {tmp_path / 'file.txt'}: is a file, not a folder" in result.stderr
    report = siyu("report", tmp_path, "-o", tmp_path)
    assert report.exit_code == 1 and f"--out {tmp_path}: is a folder" in report.stderr


def test_a_scenario_name_cannot_lead_outside_runs(tmp_path, monkeypatch):
    _no_run(monkeypatch)
    monkeypatch.chdir(tmp_path)
    evil = tmp_path / "evil.toml"
    evil.write_text('name = "../../evil"\n', encoding="utf-8")
    result = siyu("run", evil, *SMALL)
    assert result.exit_code == 1
    assert 'name = "../../evil"' in result.stderr and "names files and folders" in result.stderr
    assert list(tmp_path.iterdir()) == [evil]


def test_compare_out_writes_csv_and_one_workbook(tmp_path):
    import openpyxl

    out = tmp_path / "tables"
    result = siyu("compare", "nurture", "harvest", *SMALL, "--baseline", "--out", out)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["bridge.csv", "comparison.xlsx", "incremental.csv", "key_figures.csv", "monthly.csv"]
    monthly = pd.read_csv(out / "monthly.csv")
    assert list(monthly.columns[:3]) == ["month", "scenario", "cum_incremental_profit"]  # the headline first
    assert set(monthly["scenario"]) == {"nurture", "harvest"}
    figures = pd.read_csv(out / "key_figures.csv").set_index("figure")
    assert list(figures.columns) == ["nurture", "harvest"] and "cum_incremental_profit" in figures.index
    incremental = pd.read_csv(out / "incremental.csv")
    assert figures.loc["cum_incremental_profit", "nurture"] == pytest.approx(
        incremental.set_index("scenario").loc["nurture", "cum_incremental_profit"])
    book = openpyxl.load_workbook(out / "comparison.xlsx", read_only=True)
    assert book.sheetnames == ["Monthly", "Profit bridge", "Added profit by run", "Key figures", "Notes"]
    rows = list(book["Monthly"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Month", "Strategy") and len(rows) == len(monthly) + 1


def test_compare_out_and_deck_in_chinese(tmp_path):
    """--lang zh: the workbook's sheets and headers in Chinese; --deck writes the deck beside it."""
    import openpyxl
    from pptx import Presentation

    out, deck = tmp_path / "tables", tmp_path / "deck.pptx"
    result = siyu("compare", "nurture", "harvest", *SMALL, "--out", out, "--deck", deck, "--lang", "zh")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "comparison.xlsx", read_only=True)
    assert book.sheetnames[0] == "月度"
    assert list(book["月度"].iter_rows(values_only=True))[0][:3] == ("月份", "策略", "累计净增利润（元）")
    assert f"演示文稿已写入 {deck}" in result.stderr
    titles = [s.shapes[0].text_frame.text for s in Presentation(deck).slides]
    assert titles[:3] == ["私域运营策略对比", "关键指标", "净增利润从哪里来"]
    refused = siyu("compare", "nurture", "harvest", *SMALL, "--deck", tmp_path / "deck.html")
    assert refused.exit_code == 1 and "--deck" in refused.stderr and "deck.pptx" in refused.stderr


def test_exports_carry_the_incremental_columns(tmp_path):
    """The exported added profit is the comparison's own runs against their counterfactuals,
    summed by month and read at the horizon."""
    from siyu_sim.compare import compare
    from siyu_sim.compare.exports import export_tables, tables

    scenarios = [load_scenario(presets.shipped_dir() / f"{n}.toml", {"days": 61, "population.customers": 200})
                 for n in ("nurture", "harvest")]
    result = compare(scenarios, baseline=True, reps=2)
    added = {}
    for (name, rep), d in result.daily.groupby(["scenario", "replication"], sort=False):
        b = result.baseline_daily[(result.baseline_daily.scenario == name) & (result.baseline_daily.replication == rep)]
        # the definition (siyu_sim.counterfactual): own profit and outside margin, less the baseline's
        added[name, rep] = (d.profit + d.outside_gross_margin).to_numpy() - (b.profit + b.outside_gross_margin).to_numpy()
    out = tables(result)
    monthly = out["monthly"]
    assert {"incremental_profit", "cum_incremental_profit"} <= set(monthly.columns)
    for name in ("nurture", "harvest"):
        expected = sum(added[name, r].sum() for r in range(2)) / 2
        rows = monthly[monthly.scenario == name]
        assert rows["incremental_profit"].sum() == pytest.approx(expected)
        assert rows.loc[rows.month.idxmax(), "cum_incremental_profit"] == pytest.approx(expected)
    figures = out["key_figures"].set_index("figure")
    assert figures.loc["cum_incremental_profit", "harvest"] == pytest.approx(
        sum(added["harvest", r].sum() for r in range(2)) / 2)
    assert "paired" in out
    assert (tmp_path / "t" / "paired.csv") in export_tables(result, tmp_path / "t")


def test_one_key_set_twice_is_an_error_naming_both_values(monkeypatch):
    _no_run(monkeypatch)
    twice = siyu("run", "nurture", "--set", "days=10", "--set", "days=20")
    assert twice.exit_code == 2 and "days=10" in twice.output and "days=20" in twice.output
    both = siyu("compare", "nurture", "harvest", "--set", "population.customers=300", "--customers", "400")
    assert both.exit_code == 2
    assert "population.customers=300" in both.output and "--customers 400" in both.output


def test_an_option_s_error_names_the_option_not_set():
    result = siyu("run", "nurture", "--customers", "5000000000")
    assert result.exit_code == 1
    assert "population.customers = 5000000000 (from --customers)" in result.output
    assert "(from --set)" not in result.output
    via_set = siyu("run", "nurture", "--set", "population.customers=5000000000")
    assert "(from --set)" in via_set.output
    fine = siyu("run", "nurture", "--rows", "20000000")  # within --rows' own bounds: 0.0005 customers a row
    assert fine.exit_code == 1 and "(from --rows)" in fine.output and "customers a row" in fine.output


def test_compare_with_reps_shows_its_bar_at_once(monkeypatch):
    """Runs on worker processes report only when a batch ends: the bar must not wait for a
    later call to appear."""
    bars = []

    class Bar(core_commands.RunProgress):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self.enabled = True
            bars.append(self)

        def __call__(self, done, total):
            super().__call__(done, total)
            self.shown_at_first_call = getattr(self, "shown_at_first_call", self.bar is not None)

    monkeypatch.setattr(core_commands, "RunProgress", Bar)
    result = siyu("compare", "nurture", "harvest", *SMALL, "--reps", "2")
    assert result.exit_code == 0, result.output
    assert bars and bars[0].shown_at_first_call


def test_sweep_folders_are_checked_before_any_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exp = tmp_path / "e.toml"
    exp.write_text('name = ".."\nscenarios = ["nurture"]\nreplications = 1\nroot_seed = 1\n[set]\ndays = 5\n'
                   '"population.customers" = 50\n[factors."levers.coupon.depth"]\nvalues = [0.1]\n',
                   encoding="utf-8")
    escape = siyu("sweep", exp, "--serial")
    assert escape.exit_code == 1 and "'..' cannot name a folder inside results" in escape.stderr
    (tmp_path / "file.txt").write_text("x")
    blocked = siyu("sweep", exp, "--serial", "--out", tmp_path / "file.txt")
    assert blocked.exit_code == 1 and "is a file, not a folder" in blocked.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.toml", "file.txt"]


def test_a_set_that_adds_a_lever_the_file_lacks_says_so():
    """`--set levers.paid_ads.new_customer_share=0.5` on nurture (which buys no ads) is valid but
    adds the whole lever with its defaults: a referee probing one setting got another strategy
    without a word. Now a note names the lever and the file; a setting of a lever the file has
    gets none."""
    added = CliRunner().invoke(app, ["validate", "nurture", "--set", "levers.paid_ads.new_customer_share=0.5"])
    assert added.exit_code == 0, added.output
    assert "adds a paid_ads lever to" in added.stderr and "nurture.toml" in added.stderr
    kept = CliRunner().invoke(app, ["validate", "nurture", "--set", "levers.coupon.depth=0.2"])
    assert kept.exit_code == 0 and "adds a" not in kept.stderr


def test_validate_recognises_experiment_and_calibration_files_and_counts_their_runs(tmp_path):
    """An experiment file is not read as a scenario (it gave eight bogus 'unknown key' errors): it is
    checked as an experiment and its runs are counted, a dry run; so is a calibration file."""
    root = Path(__file__).resolve().parents[1]
    got = CliRunner().invoke(app, ["validate", str(root / "experiments" / "staff_scaling.toml"),
                                   str(root / "examples" / "calibration" / "calibration.toml")])
    assert got.exit_code == 0, got.output
    assert "128 runs = 1 scenario × 64 settings × 2 replications" in got.output
    assert "calibration brand_fit" in got.output and "unknown key" not in got.output
    bad = tmp_path / "exp.toml"
    bad.write_text('name = "x"\nscenarios = ["nurture"]\nreplications = 0\nroot_seed = 1\n', encoding="utf-8")
    got = CliRunner().invoke(app, ["validate", str(bad)])
    assert got.exit_code == 1 and "replications" in got.output and "unknown key" not in got.output


def test_validate_counts_a_search_file_and_sweep_sends_it_to_optimise(tmp_path):
    """A search file (an [optimise] table) is checked as a search and its runs counted (trials ×
    markets × replications); `siyu sweep` on it says it is a search and which command runs it,
    instead of calling [optimise] an unknown key."""
    root = Path(__file__).resolve().parents[1]
    search = root / "experiments" / "optimise_nurture.toml"
    got = CliRunner().invoke(app, ["validate", str(search)])
    assert got.exit_code == 0, got.output
    assert "search optimise_nurture" in got.output and "unknown key" not in got.output
    trials, markets, reps = (int(re.search(rf"(\d+) {word}", got.output).group(1))
                             for word in ("trials", "markets", "replications"))
    assert f"= {trials * markets * reps:,} runs" in got.output
    swept = CliRunner().invoke(app, ["sweep", str(search), "--serial", "--out", str(tmp_path / "res")])
    assert swept.exit_code == 1
    assert "is a search" in swept.output and f"siyu optimise {search}" in swept.output
    assert "unknown key" not in swept.output and not (tmp_path / "res").exists()


@pytest.mark.parametrize("setting, words", [
    ("economics.unit_cost_cny=200", "单位成本（200 元）高于客单价（60 元）"),
    ("population.segments.0.share=0.9", "各用户分层的占比之和必须为 1"),
    ("name=a/b", "情景名称也用作文件名和文件夹名"),
])
def test_a_scenarios_own_checks_speak_the_commands_language(setting, words):
    """The checks a scenario makes across its keys (margin, segment shares, its name) are said in
    --lang's language, as every other problem is (they were English in a Chinese error)."""
    got = CliRunner().invoke(app, ["validate", "nurture", "--set", setting, "--lang", "zh"])
    assert got.exit_code == 1 and words in got.output, got.output
    assert not re.search(r"[a-z]{4,} [a-z]{4,} [a-z]{4,}", got.output.split("：", 2)[-1]), got.output
