"""Where a customer stands this morning: the first step of every customer-day.

Every later step reads these few facts of yesterday's state instead of working them out
again: whether the customer is a member (active or muted), muted, in a community group, a
WeCom / personal friend (reachable 1:1 and by Moments), a prospect (a customer outside the
private domain), a potential customer (in the market, not yet buying from the brand), and the ``[segment,
status]`` cell that levers target (``DayPlan``'s tables).
"""

from __future__ import annotations

from .module import Day, Event, Module, Step
from .ops import flat_cell
from .status import N_STATUS, Status


def standing(s):
    """(cell, member, muted, grouped, member_friend, prospect, potential) of a customer as the
    day begins (``member_friend``: a member who is a WeCom / personal friend; ``potential``: in
    the brand's market but not yet its customer)."""
    status = s.status
    # Flat index into the [segment, status] tables.
    cell = flat_cell(s.segment, status, N_STATUS)
    member = (status == Status.ACTIVE) | (status == Status.MUTED)
    muted = status == Status.MUTED
    grouped = member & (s.group >= 0)
    member_friend = member & s.friend
    prospect = status == Status.PROSPECT
    potential = status == Status.POTENTIAL  # not the brand's customer (yet)
    return cell, member, muted, grouped, member_friend, prospect, potential


MODULE = Module(
    name="standing",
    steps=(Step(Day.STANDING, standing, ("cell", "member", "muted", "grouped", "member_friend", "prospect", "potential")),),
    events=(Event("was_member", bool, "a member (active or muted) when the day began", of="member"),
            Event("was_prospect", bool, "a prospect when the day began", of="prospect")),
)
