"""The app's live group view: one community group of a small agent-executor run, day by day."""

from __future__ import annotations

import numpy as np

from siyu_sim import PrivateDomainModel, Status, presets
from siyu_sim.app.group_view import GroupWatch


def test_the_view_shows_every_member_of_the_group_as_the_agents_hold_them():
    watch = GroupWatch(presets.load("harvest"), seed=3, customers=600)
    for _ in range(20):
        watch.step()
    assert watch.day == 20
    m = watch.members()
    t = watch.model.customers
    in_group = np.flatnonzero((t.group == 0) & (t.status != Status.PROSPECT))
    assert set(in_group) <= set(m["row"].tolist())  # every row now in group 0 is a dot
    shown_here = m["status"] != Status.CHURNED.value
    assert np.array_equal(np.sort(m["row"][shown_here]), np.sort(in_group[t.status[in_group] != Status.CHURNED]))
    fig = watch.figure("en")
    assert sum(len(trace.x) for trace in fig.data) == len(m["row"])
    assert "Day 20 of 365" in fig.layout.title.text
    # the agent executor's group is the vector executor's (docking): same members, same statuses
    vector = PrivateDomainModel(presets.load("harvest"), customers=600, seed=3)
    vector.run(20)
    assert np.array_equal(vector.customers.status[m["row"]], t.status[m["row"]])


def test_spam_shows_as_a_quieter_group_than_care():
    """What the view is for: under harvest's pushes the watched group turns muted, under
    nurture it stays active (DOMAIN 003: groups spammed into silence)."""
    def muted_share(name: str) -> float:
        watch = GroupWatch(presets.load(name), seed=5, customers=600)
        for _ in range(45):
            watch.step()
        status = watch.members()["status"]
        members = status != Status.CHURNED.value
        return float((status[members] == Status.MUTED.value).mean())

    assert muted_share("harvest") > muted_share("nurture") + 0.2
