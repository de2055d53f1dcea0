"""The day's touches: which of the brand's group pushes, Moments posts, coupon pushes and 1:1
care reach a customer, how much of them is read, and what the reading is worth.

Two channels of one kind carry content (``plan.Touches``): group pushes reach members in a
group who have not muted it and are read as attention and the group's liveliness allow
(``attention.read_probability``) — all the day's pushes in a group an operator runs, only the
mass-sent ones, worth less, in a group nobody runs (``g.served``, ``rules.mood``); Moments
posts reach friends, muted or not, as far as the team's accounts hold them (``reach``), and are
seen in the feed (a share of them, as attention allows). Each channel's reads split into useful content
(worth its quality: it builds trust and attention) and promotions (they erode trust and weigh
more as load). Attention to repeated messages of one kind wears out over the day
(``attention.attended``, Schmidt & Eisend 2015), the same for every reader: a day constant.
1:1 care reaches the friends today's care capacity is shared over (``DayPlan.allocate_care``),
each by its own draw. Sources: DOMAIN.md 001/003 (muted members stay but no longer read;
Moments tell people who you are), 000/001 (personal care).
"""

from __future__ import annotations

from .attention import attended, read_probability
from .mood import unrun_pushes
from .module import Constant, Day, Draw, Event, Module, Step
from .ops import take


def split(touches, promo):
    """A channel's touches as (useful, promotional), by its promotional share."""
    return touches * (1.0 - promo), touches * promo


def reach(s, t, c, b, u, g, cell, member, muted, grouped, member_friend):
    """What reaches the customer today and what it is worth (see the module doc)."""
    run = g.served  # how far an operator runs the customer's group (0 without one)
    in_group = run * t.broadcast.count + (1.0 - run) * c.unrun_pushes
    received = grouped * (1 - muted) * in_group  # muted members silence the group
    p_read = read_probability(s.activity, g.mood, muted, b.attention)
    run_reads = grouped * p_read * run * c.broadcasts_attended
    unrun_reads = grouped * p_read * (1.0 - run) * c.unrun_attended
    group_reads = run_reads + unrun_reads
    moments_seen = member_friend * c.moments_attended * b.attention.moments_view_share * s.activity * t.moments.reach
    pushed = member * take(t.coupon_push, cell)  # a coupon announced today
    depth = member * take(t.coupon_depth, cell)  # the discount on offer to a member today
    care = member_friend * (u.care < take(t.care_probability, cell)) * t.care_quality
    useful_worth = (run_reads + b.groups.unrun_quality * unrun_reads) * (1.0 - t.broadcast.promo) * t.broadcast.quality
    promo_group_reads = group_reads * t.broadcast.promo
    useful_seen, promo_seen = split(moments_seen, t.moments.promo)
    engaging = useful_worth + useful_seen * t.moments.quality
    promo_reads = promo_group_reads + promo_seen + pushed * s.activity
    reads = group_reads + moments_seen
    return received, moments_seen, pushed, depth, care, care > 0.0, engaging, promo_reads, reads


MODULE = Module(
    name="touches",
    draws=(Draw("care", "who of the friends targeted gets 1:1 care today"),),
    constants=(
        Constant("broadcasts_attended", lambda t, b: attended(t.broadcast.count, b.attention),
                 "reads' worth of attention one reader gives today's group pushes"),
        Constant("unrun_attended",
                 lambda t, b: attended(unrun_pushes(t.broadcast.count, b.groups.unrun_pushes_per_day), b.attention),
                 "reads' worth of attention one reader gives the pushes a group nobody runs gets"),
        Constant("moments_attended", lambda t, b: attended(t.moments.count, b.attention),
                 "reads' worth of attention one reader gives today's Moments posts"),
    ),
    steps=(Step(Day.REACH, reach, ("received", "moments_seen", "pushed", "depth", "care", "cared", "engaging",
                                   "promo_reads", "reads")),),
    events=(Event("care", bool, "got 1:1 care today", of="cared"),),
)
