"""The README's set-up is exactly two commands, and CI runs the second one verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    commands = setup_commands()
    assert len(commands) == 2
    main_job, tests = commands
    assert "siyu compare scenarios/nurture.toml scenarios/harvest.toml --report" in main_job
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_links_point_to_existing_docs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\((docs/[^)]+)\)", text):
        assert (ROOT / link).exists(), link


def _money(value: float) -> str:
    """How the README's prose writes a figure: ¥433K, ¥1.91M, −¥293K."""
    from siyu_sim.words.numbers import money

    return money(value, "en")


def test_the_readme_shows_what_its_command_prints():
    """The block under the main command is that command's verdict, verbatim: re-measured
    whenever the model changes, or this fails."""
    from typer.testing import CliRunner

    from siyu_sim.cli import app as cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(.*?)\n```", text, flags=re.S).group(1).splitlines()
    out = CliRunner().invoke(cli, ["compare", str(ROOT / "scenarios" / "nurture.toml"),
                                   str(ROOT / "scenarios" / "harvest.toml")], env={"COLUMNS": "400"})
    assert out.exit_code == 0, out.output
    printed = [" ".join(line.split()) for line in out.output.splitlines()]
    for line in block:
        assert " ".join(line.split()) in printed, line


def test_the_readme_and_the_scenarios_say_when_nurture_turns_and_what_two_years_add():
    """The prose under the block, and nurture.toml's and harvest.toml's comments, state figures from a two-year
    run of the shipped scenarios with their own seed: the month nurture's monthly added profit
    turns positive and stays so, and both strategies' totals over one and two years."""
    from siyu_sim import presets
    from siyu_sim.counterfactual import without_private_domain
    from siyu_sim.metrics import derive
    from siyu_sim.runs import run_scenario

    added = {}
    for name in ("nurture", "harvest"):
        sc = presets.load(name).model_copy(update={"days": 730})
        daily = run_scenario(sc).daily
        a = derive(daily, run_scenario(without_private_domain(sc)).daily)
        if name == "harvest":
            harvest_daily = daily
        month = (a.day // (365 / 12)).astype(int) + 1
        monthly = a.incremental_profit.groupby(month).sum()
        negative = monthly.index[monthly <= 0]
        turns = int(negative.max()) + 1 if len(negative) else 1
        added[name] = (a.cum_incremental_profit.iloc[364], a.cum_incremental_profit.iloc[-1], turns)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    comment = " ".join((ROOT / "scenarios" / "nurture.toml").read_text(encoding="utf-8").replace("#", " ").split())
    y1, y2, turns = added["nurture"]
    for said in (f"turns positive in month {turns}", f"over two years (`--days 730`) it adds {_money(y2)}"):
        assert said in readme, said
    for said in (f"turns positive in month {turns}", f"over two years (--days 730) it adds {_money(y2)}",
                 f"{_money(y1)} added over no private domain in year one"):
        assert said in comment, said
    h1, h2, _ = added["harvest"]
    assert f"{_money(-h1)} less than doing nothing in year one, {_money(-h2)} over two" in readme
    year_one = harvest_daily.iloc[364]
    comment = " ".join((ROOT / "scenarios" / "harvest.toml").read_text(encoding="utf-8").replace("#", " ").split())
    for said in (f"GMV is {_money(harvest_daily.gmv.iloc[:365].sum())}", f"its ledger shows {_money(year_one.cum_profit)}",
                 f"it makes {_money(-h1)} less than having no private domain",
                 f"{year_one.active:,.0f} members are still active on day 365"):
        assert said in comment, said
