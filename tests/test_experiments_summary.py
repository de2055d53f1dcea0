"""Sweep summaries: the trade-off front is exactly the non-dominated settings, the runner-up is
named by its factor values, and money prints as money."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from siyu_sim.cli.printout import best_text, front_text
from siyu_sim.experiments.summary import best_settings, non_dominated, pareto_front, trade_off


def _frame():
    """Six settings × 3 replications of a final-row frame with known medians."""
    profit = [100.0, 300.0, 200.0, 300.0, 50.0, 250.0]
    health = [0.9, 0.5, 0.6, 0.4, 0.95, 0.6]
    rows = []
    for s, r in itertools.product(range(6), range(3)):
        rows.append({"run_id": f"nurture-s{s:04d}-r{r:03d}", "scenario": "nurture", "replication": r,
                     "setting": s, "freq": [0.5, 1, 2, 4, 8, 16][s], "day": 9,
                     "cum_incremental_profit": profit[s] + (r - 1) * 10.0, "cum_profit": 1e6,
                     "active_share": health[s] + (r - 1) * 0.01, "mean_trust": 0.5})
    return pd.DataFrame(rows)


def test_front_is_exactly_the_non_dominated_settings():
    table = trade_off(_frame(), ["freq"])
    # 0 (100, .9), 1 (300, .5), 2 (200, .6), 4 (50, .95) are not beaten on both; 3 (300, .4) is
    # beaten by 1, 5 (250, .6) beats 2 (200, .6): 2 is dominated
    assert table.set_index("setting")["pareto"].to_dict() == {0: True, 1: True, 2: False, 3: False,
                                                              4: True, 5: True}
    # brute force agrees on random data, with "min" goals flipping the sign
    rng = np.random.default_rng(3)
    v = rng.integers(0, 6, size=(40, 3)).astype(float)
    brute = [not any((v[j] >= v[i]).all() and (v[j] > v[i]).any() for j in range(40)) for i in range(40)]
    assert non_dominated(v).tolist() == brute
    frame = pd.DataFrame({"a": v[:, 0], "b": -v[:, 1]})
    assert pareto_front(frame, {"a": "max", "b": "min"}).tolist() == non_dominated(v[:, :2]).tolist()


def test_missing_values_are_never_on_the_front():
    assert non_dominated(np.array([[1.0, np.nan], [0.0, 0.0]])).tolist() == [False, True]


def test_runner_up_is_named_by_its_values_and_money_prints_as_money():
    best = best_settings(_frame(), {"cum_incremental_profit": "max"}, ["freq"])
    row = best.iloc[0]
    assert row["freq"] in (1, 4) and row["runner_up_freq"] in (1, 4) and row["freq"] != row["runner_up_freq"]
    text = best_text(best, ["freq"], "en")
    assert "CNY" in text and "e+" not in text
    assert f"vs runner-up nurture [freq={row['runner_up_freq']:g}]" in text
    zh = best_text(best, ["freq"], "zh")
    assert "元" in zh and "第二名" in zh
    front = front_text(trade_off(_frame(), ["freq"]), ["freq"], "en")
    assert front.count("\n  nurture") == 4 and "freq=4]" not in front
