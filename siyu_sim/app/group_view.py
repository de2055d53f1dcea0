"""One community group, day by day, as the Mesa agents of the readable executor.

The what-if answers come from the fast vector executor; this view runs the same strategy on a
small pool with the agent executor (one ``Customer`` and one ``CommunityGroup`` Mesa agent each,
proven identical to the vector executor by the docking test) and shows the first group's
members as dots: coloured by status, sized by trust. A consultant can watch a group fill,
grow quiet under spam (muted), lose members, or warm up under care, one simulated day a tick.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from ..customers import CommunityGroup
from ..model import PrivateDomainModel
from ..rules import Status
from ..scenario import Scenario
from ..words import t

#: A small pool: the agent executor steps it in a fraction of a second a day.
WATCH_CUSTOMERS = 1_000
#: Status → (colour, word key). Prospects are not in a group; "left" keeps its place as a ghost.
STATUS_STYLE = {
    Status.ACTIVE: ("#1b7837", "status_active"),
    Status.MUTED: ("#999999", "status_muted"),
    Status.CHURNED: ("#d6604d", "status_churned"),
}
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


def hover(lang: str) -> str:
    """A dot's hover text: Plotly's template (its placeholders, its line breaks)."""
    lines = (t("app_group_hover_customer", lang, value="%{customdata[0]}"),
             t("app_group_hover_trust", lang, value="%{customdata[1]:.2f}"),
             t("app_group_hover_activity", lang, value="%{customdata[2]:.2f}"))
    return "<br>".join(lines) + "<extra></extra>"


class GroupWatch:
    """A small agent-executor run of ``scenario`` and the group it shows (the first one)."""

    def __init__(self, scenario: Scenario, seed: int, customers: int = WATCH_CUSTOMERS):
        # one row a customer, whatever the scenario's size and rows: each dot is one person
        self.model = PrivateDomainModel(scenario, customers=customers, rows=customers, seed=seed, executor="agent")
        self.horizon = scenario.days
        self.gid = 0

    @property
    def day(self) -> int:
        return len(self.model.daily) if self.model.daily is not None else 0

    @property
    def finished(self) -> bool:
        return self.day >= self.horizon

    def step(self) -> None:
        """One simulated day (every agent steps), unless the horizon is reached."""
        if not self.finished:
            self.model.step()

    def group(self) -> CommunityGroup | None:
        """The watched group's agent (the agent executor keeps them by id; None before it opens)."""
        groups = self.model.executor.groups
        return groups[self.gid] if self.gid < len(groups) else None

    def members(self) -> dict[str, np.ndarray]:
        """Every row ever placed in the group, in joining order: status, trust, activity."""
        g = self.group()
        rows = np.array(g.members if g is not None else [], dtype=np.int64)
        if len(rows):  # joining order: by join day, then row (members lists are kept in row order)
            t = self.model.customers
            rows = rows[np.lexsort((rows, t.join_day[rows]))]
            moved = t.group[rows] != self.gid  # came back to another group: shown as having left here
            status = np.where(moved, Status.CHURNED.value, t.status[rows])
            return {"row": rows, "status": status, "trust": t.trust[rows], "activity": t.activity[rows]}
        empty = np.array([])
        return {"row": rows, "status": empty, "trust": empty, "activity": empty}

    def figure(self, lang: str) -> go.Figure:
        """The group as dots on a sunflower spiral (first joiners in the middle)."""
        m = self.members()
        i = np.arange(len(m["row"]))
        radius, angle = np.sqrt(i + 0.5), i * GOLDEN_ANGLE
        x, y = radius * np.cos(angle), radius * np.sin(angle)
        fig = go.Figure()
        for status, (colour, key) in STATUS_STYLE.items():
            sel = m["status"] == status.value
            fig.add_trace(go.Scatter(
                x=x[sel], y=y[sel], mode="markers", name=f"{t(key, lang)} ({int(sel.sum())})",
                marker=dict(color=colour, size=6 + 22 * m["trust"][sel], line=dict(width=0)),
                customdata=np.stack([m["row"][sel], m["trust"][sel], m["activity"][sel]], axis=-1),
                hovertemplate=hover(lang)))
        fig.update_layout(
            title=t("app_group_day", lang, day=self.day, horizon=self.horizon, members=len(i)),
            xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"),
            height=420, margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h"),
            plot_bgcolor="white")
        if not len(i):  # no member yet: say so, rather than draw an empty square
            fig.add_annotation(text=t("app_group_empty", lang), showarrow=False, x=0, y=0, font=dict(size=16))
        return fig
