"""The rules behind over-contact, second chances and referral quality (issue 12): the
direction of each effect and the bounds of each output.

Sources are in each rule's docstring and docs/ODD.md §7: attention wear-out (Schmidt &
Eisend 2015), per-send opt-out (email 0.1–0.5% per send; Localytics 2017), irritation
(Kronrod & Huber 2019), un-muting in lively groups (Cialdini 2001), source credibility
(Hovland & Weiss 1951), homophily (McPherson, Smith-Lovin & Cook 2001).
"""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from siyu_sim.network import contact_graph
from siyu_sim.rules import (
    AttentionParams, ChurnParams, ReferralParams, Status, TrustParams, attended, referred_trust,
    status_transition, trust_update,
)

PROSPECT, ACTIVE, MUTED, CHURNED = (s.value for s in (Status.PROSPECT, Status.ACTIVE, Status.MUTED, Status.CHURNED))
messages = st.floats(0.0, 48.0)


# --- attention wear-out ---------------------------------------------------------------------
@given(messages)
def test_attended_messages_are_bounded_by_the_count_and_the_attention_scale(n):
    p = AttentionParams()
    worth = attended(n, p)
    assert 0.0 <= worth <= n + 1e-12
    assert worth <= p.attended_per_day


def test_each_further_message_of_a_day_is_worth_less():
    p = AttentionParams()
    counts = np.arange(0, 49, dtype=float)
    worth = attended(counts, p)
    marginal = np.diff(worth)
    assert (marginal > 0).all()  # another message is still read a little more
    assert (np.diff(marginal) < 0).all()  # but less than the one before (wear-out)
    # One message a day keeps e^(-1/m)-ish of its worth; 48 are worth under the scale m.
    assert 0.8 < worth[1] < 1.0
    assert worth[48] < p.attended_per_day


# --- per-send opt-out -----------------------------------------------------------------------
def _rates(status, pushes=0.0, mood=0.0, fatigue=0.0, care=0.0, trust=0.6, p=ChurnParams()):
    u = np.random.default_rng(0).random(400_000)
    out = status_transition(np.full(u.size, status), fatigue, trust, trust, care, pushes, mood, 0.0, u, p)
    return {s: float(np.mean(out == s)) for s in (ACTIVE, MUTED, CHURNED)}


def test_every_push_adds_opt_out_risk_even_at_full_fatigue():
    """Fatigue saturates at 1; the per-send hazard does not, so more pushes keep hurting."""
    rates = [_rates(ACTIVE, pushes=n, fatigue=1.0) for n in (4.0, 16.0, 48.0)]
    mutes = [r[MUTED] + r[CHURNED] for r in rates]
    leaves = [r[CHURNED] for r in rates]
    assert mutes[0] < mutes[1] < mutes[2]
    assert leaves[0] < leaves[1] < leaves[2]


def test_per_send_hazard_is_the_email_unsubscribe_range_per_push():
    """A single push adds between 0.1% and 0.5% of opt-out risk (email unsubscribes per send),
    muting and leaving together."""
    base = _rates(ACTIVE, pushes=0.0)
    one = _rates(ACTIVE, pushes=1.0)
    p = ChurnParams()
    added = p.mute_per_push + p.leave_per_push
    assert 0.001 <= added <= 0.005
    exits = lambda r: r[MUTED] + r[CHURNED]  # noqa: E731
    assert exits(one) - exits(base) > 0.5 * added  # it shows in the sampled transitions


def test_the_muted_come_back_to_lively_groups_when_rested_and_never_to_dead_ones():
    lively = _rates(MUTED, mood=1.0)[ACTIVE]
    dead = _rates(MUTED, mood=0.0)[ACTIVE]
    spammed = _rates(MUTED, mood=1.0, fatigue=1.0)[ACTIVE]
    assert dead == 0.0 and spammed == 0.0
    p = ChurnParams()
    # P(unmute) ≈ the hazard at these small rates: within sampling error of u_m.
    assert abs(lively - p.unmute_mood) < 4 * np.sqrt(p.unmute_mood / 400_000) + 1e-3 * p.unmute_mood


# --- irritation -----------------------------------------------------------------------------
@given(st.floats(0.0, 1.0), st.floats(0.0, 100.0))
def test_irritation_only_lowers_trust_and_keeps_it_in_the_unit_interval(t, excess):
    p = TrustParams()
    calm = trust_update(t, 0.0, 0.0, 0.0, 0.0, 0.0, p)
    irritated = trust_update(t, 0.0, 0.0, 0.0, 0.0, excess, p)
    assert 0.0 <= irritated <= calm


def test_irritation_keeps_growing_with_pushes_beyond_tolerance():
    p = TrustParams()
    after = [trust_update(0.6, 0.0, 0.0, 0.0, 1.0, x, p) for x in (0.0, 10.0, 30.0, 46.0)]
    assert after[0] > after[1] > after[2] > after[3] > 0.0


# --- referral quality -----------------------------------------------------------------------
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_referred_trust_lies_between_own_and_advocates_and_never_falls(own, advocates):
    out = referred_trust(own, advocates, ReferralParams())
    assert own <= out <= max(own, advocates) + 1e-12


def test_more_trusted_advocates_pass_on_more_trust():
    p = ReferralParams()
    assert referred_trust(0.2, 0.9, p) > referred_trust(0.2, 0.5, p) > referred_trust(0.2, 0.2, p) == 0.2


def _same_segment_share(homophily, n=20_000, seed=3):
    rng = np.random.default_rng(seed)
    shares = np.array([0.2, 0.5, 0.3])
    segment = np.searchsorted(np.cumsum(shares), rng.random(n), side="right").astype(np.int8)
    graph, degree = contact_graph(n, 8.0, np.random.default_rng(seed + 1), segment, homophily)
    coo = graph.matrix.tocoo()
    return float(np.mean(segment[coo.row] == segment[coo.col])), degree.mean(), shares


def test_homophily_makes_contacts_share_their_segment():
    """Share of contacts in one's own segment: Σ sᵢ² at random; h + (1 − h) Σ sᵢ² with
    homophily h (each edge's far end drawn from the near end's segment with probability h)."""
    random_share, deg0, shares = _same_segment_share(0.0)
    half, deg5, _ = _same_segment_share(0.5)
    chance = float((shares ** 2).sum())
    assert abs(random_share - chance) < 0.01
    assert abs(half - (0.5 + 0.5 * chance)) < 0.01
    assert abs(deg0 - 8.0) < 0.1 and abs(deg5 - 8.0) < 0.1  # same number of contacts


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 20.0), st.floats(0.0, 1.0))
def test_a_friend_who_referred_you_is_one_more_reason_to_stay(trust, memory, sens, tie):
    from siyu_sim.rules import reason_to_stay

    alone = reason_to_stay(trust, memory, sens)
    tied = reason_to_stay(trust, memory, sens, tie)
    assert alone - 1e-12 <= tied <= 1.0
    assert reason_to_stay(0.3, 0.0, 1.0, 0.3) > reason_to_stay(0.3, 0.0, 1.0)
