"""Touch levers: group broadcasts, Moments posts, coupons and 1:1 care."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..rules import Status, param
from .. import team as team_rules
from .base import Lever, Stage, register_lever

#: The statuses a lever can target: members (labels from the one Status declaration).
MemberStatus = Literal[Status.ACTIVE.label, Status.MUTED.label]


class _Targeted(Lever):
    segments: list[str] | None = Field(
        None, description="Segment names targeted; none = every segment.")
    statuses: list[MemberStatus] = Field(
        default_factory=lambda: ["active", "muted"], min_length=1,
        description="Member statuses targeted: active and/or muted.")


class _TouchChannel(Lever):
    """A lever that sends touches on one channel of today's plan (``plan.Touches``): so many a
    day, of a quality and a promotional share, each piece of content paid once (it serves every
    group or friend, so its cost does not grow with the pool), by ``staff`` operators."""

    stage = Stage.TOUCHES
    channel: ClassVar[str]  # the plan's channel: "broadcast" or "moments"

    def per_day(self) -> float:  # pragma: no cover
        raise NotImplementedError

    def cost_per_touch(self) -> float:  # pragma: no cover
        raise NotImplementedError

    def quality_today(self, brand) -> float:
        return self.content_quality * brand.execution

    def fire(self, day, brand, strength):
        count = self.per_day() * strength
        getattr(brand.plan, self.channel).add(count, self.quality_today(brand), self.promo_share)
        brand.charge_tools(count * self.cost_per_touch())
        brand.add_staff(self.staff)


@register_lever("broadcast")
class Broadcast(_TouchChannel):
    """Pushes to every community group: count per day, content quality, promotional share
    (DOMAIN 001/003: frequency annoys, quality builds trust, promotions erode it).

    Community operators run groups: they post the day's pushes, answer, start conversations,
    fit content to the group. One operator can run ``groups_per_staff`` groups, so the team
    runs ``staff × groups_per_staff`` groups today (``plan.groups_run``); which groups those are,
    and what a group nobody runs gets, is the groups behaviour's (``rules/mood.py``: the oldest
    groups with members are run; the rest get only the day's mass-sent push, worth less, and
    drift quiet — service quality does not hold when the pool outgrows the team: DOMAIN 000,
    "does it scale?")."""

    channel = "broadcast"
    frequency_per_day: float = param(1.0, 0.0, 48.0, "pushes per day", "Group pushes per day.")
    content_quality: float = param(0.6, 0.0, 1.0, "quality", "Usefulness of the content, 0–1.")
    promo_share: float = param(0.3, 0.0, 1.0, "share", "Share of pushes that are promotions.")
    staff: float = param(1.0, 0.0, 1e4, "staff", "Community operators (cost per day).")
    groups_per_staff: float = param(
        20.0, 0.1, 1e4, "groups per operator",
        "Groups one operator can keep well run (DOMAIN 000: a 20,000-user pilot run by 2 staff, "
        "i.e. about 20 groups of 500 each).")
    content_cost_per_push_cny: float = param(
        100.0, 0.0, 1e6, "CNY per push",
        "Producing one push (copy, images, offer): about a quarter of a content writer's day "
        "(an assumption). One piece serves every group, so it does not grow with the pool.")

    def per_day(self) -> float:
        return self.frequency_per_day

    def cost_per_touch(self) -> float:
        return self.content_cost_per_push_cny

    def fire(self, day, brand, strength):
        super().fire(day, brand, strength)
        brand.plan.groups_run += self.staff * self.groups_per_staff


@register_lever("moments")
class Moments(_TouchChannel):
    """Moments (朋友圈) posts seen by WeCom / personal friends (DOMAIN 003: every post tells
    people who you are).

    A post goes out through the operators' own accounts (WeCom's customer Moments: the company
    publishes one post through every member's account), and an account holds a bounded number
    of friends: the team's accounts (one per operator on the day's team, every lever's staff)
    hold at most ``team × friends_per_account`` friends, so when the pool of friends outgrows
    them a post reaches only that share of the friends (``Touches.reach``)."""

    channel = "moments"
    posts_per_day: float = param(1.0, 0.0, 48.0, "posts per day", "Moments posts per day.")
    content_quality: float = param(0.6, 0.0, 1.0, "quality", "Usefulness of the posts, 0–1.")
    promo_share: float = param(0.3, 0.0, 1.0, "share", "Share of posts that are promotions.")
    staff: float = param(0.0, 0.0, 1e4, "staff", "Operators posting (cost per day).")
    friends_per_account: float = param(
        20_000.0, 1.0, 1e6, "friends per account",
        "Friends (customers) one operator's account holds: a WeCom member's customer limit is "
        "5,000, raised on request up to 20,000 (Tencent WeCom customer-contact rules); a personal "
        "WeChat account holds at most 10,000 friends (5,000 before 2022).")
    content_cost_per_post_cny: float = param(
        50.0, 0.0, 1e6, "CNY per post",
        "Producing one Moments post (a picture and a few lines; an assumption): the same post "
        "reaches every friend, so it does not grow with the pool.")

    def per_day(self) -> float:
        return self.posts_per_day

    def cost_per_touch(self) -> float:
        return self.content_cost_per_post_cny

    def reach(self, brand) -> float:
        """Share of the member friends the team's accounts hold, in [0, 1] (1 with no friends)."""
        friends = brand.member_friends
        return min(1.0, brand.team.staff * self.friends_per_account / friends) if friends > 0.0 else 1.0

    def fire(self, day, brand, strength):
        count = self.per_day() * strength
        brand.plan.moments.add(count, self.quality_today(brand), self.promo_share, self.reach(brand))
        brand.charge_tools(count * self.cost_per_touch())
        brand.add_staff(self.staff)


@register_lever("coupon")
class Coupon(_Targeted):
    """A discount issued on the schedule's days and valid for ``valid_days`` (DOMAIN 004:
    lifts conversion now, sacrifices margin; 002/003: trains customers to wait for deals).
    Daily check-in coupons (Luckin, 001) are ``every = 1`` with a small depth."""

    stage = Stage.TOUCHES
    depth: float = param(0.1, 0.0, 0.9, "share of list price", "Discount depth.")
    valid_days: int = Field(3, ge=1, le=365, description="Days a coupon stays usable.",
                            json_schema_extra={"unit": "days"})
    push: bool = Field(True, description="Announce the coupon with a promotional push on issue day.")

    def act(self, day, brand):
        issued = self.schedule.last_on(day)
        if issued is None or day - issued >= self.valid_days:
            return
        target = brand.segment_status_mask(self.segments, self.statuses)
        brand.plan.offer_coupon(self.depth * self.schedule.strength(issued), target,
                                push=self.push and issued == day)


@register_lever("care")
class Care(_Targeted):
    """1:1 care by staff: chats that are not about products, likes and thoughtful comments
    on Moments, small surprises (DOMAIN 000/001). Capacity = staff × contacts per staff ×
    execution; when the targeted pool outgrows it, each member gets less (DOMAIN 000: does
    it scale?)."""

    stage = Stage.TOUCHES
    staff: float = param(1.0, 0.0, 1e5, "staff", "Operators doing 1:1 care.")
    contacts_per_staff_per_day: float = param(
        80.0, 0.0, 2000.0, "contacts per staff per day",
        "Personal contacts one operator can make in a day (chats, likes, comments).")
    quality: float = param(0.8, 0.0, 1.0, "quality", "How personal and thoughtful the care is.")

    def fire(self, day, brand, strength):
        capacity = self.staff * self.contacts_per_staff_per_day * brand.execution * strength
        target = brand.segment_status_mask(self.segments, self.statuses)
        brand.plan.add_care(capacity, self.quality * brand.execution, target)
        brand.add_staff(self.staff)


@register_lever("execution")
class Execution(Lever):
    """How well every lever is carried out, 0–1 (DOMAIN 003: 80% of results come from
    execution; 004: the same package card gave >30% or <5%). Content and care quality,
    care capacity and acquisition rates are all scaled by it.

    ``quality`` is what an experienced, well-led team achieves. The team of the day (every
    lever's ``staff``) falls short of it while it learns and as it grows (docs/ODD.md §7.11):
    execution = quality × skill × control, where skill is the team's mean learning-curve level
    (new operators start at ``new_operator_skill`` and close 95% of the gap in
    ``months_to_learn``: DOMAIN 004, 3–6 months; Argote & Epple 1990) and control is
    ``control_retained_per_layer`` per layer of management beyond the first (Williamson 1967),
    a lead managing ``span_of_control`` people (Urwick 1956). Leads and layers grow smoothly
    with the team (``team.managers``, ``team.layers``: fractional leads are part-time or shared
    ones), so one more operator never costs a whole lead nor drops execution by a whole layer.
    The leads are paid (``economics.lead_cost_per_day_cny``). A team of no operators needs no
    leads and has nothing to learn."""

    stage = Stage.EXECUTION
    quality: float = param(0.8, 0.0, 1.0, "quality", "Execution quality, 0–1.")
    new_operator_skill: float = param(
        0.5, 0.0, 1.0, "share of full execution",
        "What a new operator achieves on the first day, as a share of an experienced one "
        "(an assumption; DOMAIN 004: a new team needs 3–6 months).")
    months_to_learn: float = param(
        4.5, 0.0, 36.0, "months",
        "Months in which a new operator closes 95% of the gap to full execution (DOMAIN 004: "
        "3–6 months; an exponential learning curve, Argote & Epple 1990). 0 = no learning.")
    team_tenure_at_start_months: float = param(
        0.0, 0.0, 600.0, "months",
        "How long the team on the first day has already worked together (0: a new team).")
    span_of_control: float = param(
        6.0, 2.0, 100.0, "people per lead",
        "People one lead manages well (Urwick 1956: five, at most six, whose work interlocks; "
        "Graicunas 1933). Each span-fold growth of the team adds a layer of leads.")
    control_retained_per_layer: float = param(
        0.9, 0.0, 1.0, "share per layer",
        "Share of intent carried out through each layer of management beyond the first "
        "(Williamson 1967 control loss; 0.9 is an assumption). 1 = no control loss.")

    def team_factor(self, day: int, cohorts: team_rules.Cohorts) -> float:
        """Skill × control of today's team, in [0, 1]."""
        skill = cohorts.skill(day, self.new_operator_skill, self.months_to_learn,
                              self.team_tenure_at_start_months * team_rules.DAYS_PER_MONTH)
        return skill * team_rules.control(cohorts.staff, self.span_of_control,
                                          self.control_retained_per_layer)

    def fire(self, day, brand, strength):
        brand.plan.execution = self.quality * self.team_factor(day, brand.team)
        brand.charge_management(brand.team.manage(self.span_of_control) * brand.economics.lead_cost_per_day_cny)
