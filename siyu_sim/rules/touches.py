"""The day's touches: which of the brand's group pushes, Moments posts, coupon pushes and 1:1
care reach a customer, how much of them is read, and what the reading is worth.

Two channels of one kind carry content (``plan.Touches``): group pushes reach members in a
group who have not muted it and are read as attention and the group's liveliness allow
(``attention.read_probability``); Moments posts reach friends, muted or not, and are seen in
the feed (a share of them, as attention allows). Each channel's reads split into useful content
(worth its quality: it builds trust and attention) and promotions (they erode trust and weigh
more as load). Attention to repeated messages of one kind wears out over the day
(``attention.attended``, Schmidt & Eisend 2015), the same for every reader: a day constant.
1:1 care reaches the friends today's care capacity is shared over (``DayPlan.allocate_care``),
each by its own draw. Sources: DOMAIN.md 001/003 (muted members stay but no longer read;
Moments tell people who you are), 000/001 (personal care).
"""

from __future__ import annotations

from .attention import attended, read_probability
from .module import Constant, Day, Draw, Event, Module, Step
from .ops import take


def split(touches, promo):
    """A channel's touches as (useful, promotional), by its promotional share."""
    return touches * (1.0 - promo), touches * promo


def reach(s, t, c, b, u, g, cell, member, muted, grouped, member_friend):
    """What reaches the customer today and what it is worth (see the module doc)."""
    received = grouped * (1 - muted) * t.broadcast.count  # muted members silence the group
    p_read = read_probability(s.activity, g.mood, muted, b.attention)
    group_reads = grouped * c.broadcasts_attended * p_read
    moments_seen = member_friend * c.moments_attended * b.attention.moments_view_share * s.activity
    pushed = member * take(t.coupon_push, cell)  # a coupon announced today
    depth = member * take(t.coupon_depth, cell)  # the discount on offer to a member today
    care = member_friend * (u.care < take(t.care_probability, cell)) * t.care_quality
    useful_reads, promo_group_reads = split(group_reads, t.broadcast.promo)
    useful_seen, promo_seen = split(moments_seen, t.moments.promo)
    engaging = useful_reads * t.broadcast.quality + useful_seen * t.moments.quality
    promo_reads = promo_group_reads + promo_seen + pushed * s.activity
    reads = group_reads + moments_seen
    return received, moments_seen, pushed, depth, care, care > 0.0, engaging, promo_reads, reads


MODULE = Module(
    name="touches",
    draws=(Draw("care", "who of the friends targeted gets 1:1 care today"),),
    constants=(
        Constant("broadcasts_attended", lambda t, b: attended(t.broadcast.count, b.attention),
                 "reads' worth of attention one reader gives today's group pushes"),
        Constant("moments_attended", lambda t, b: attended(t.moments.count, b.attention),
                 "reads' worth of attention one reader gives today's Moments posts"),
    ),
    steps=(Step(Day.REACH, reach, ("received", "moments_seen", "pushed", "depth", "care", "cared", "engaging",
                                   "promo_reads", "reads")),),
    events=(Event("care", bool, "got 1:1 care today", of="cared"),),
)
