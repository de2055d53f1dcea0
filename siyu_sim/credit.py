"""Crediting referrals to the advocates who made them (both executors).

A referral is handed back to the referred row's contacts in proportion to their advocacy
today (the value the referral behaviour emits): credit is fractional, split among the contacts
who advocated, so a customer's ``referrals`` counts its share of each friend it brought.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .customer_day import DayOutcome
    from .gathers import Gathering
    from .model import PrivateDomainModel


def referral_credit(weight, via_referral, sums):
    """Per-referred-row share to hand back to its advocates: w·joined / Σ advocacy of contacts."""
    safe = np.where(sums > 0.0, sums, 1.0)
    return np.where(via_referral & (sums > 0.0), weight / safe, 0.0)


def credited(adv, gathered, weight):
    """Referrals credited to a row, per real customer: its advocacy × gathered shares / w."""
    return adv * gathered / weight


def credit_referrals(model: "PrivateDomainModel", out: "DayOutcome", gathering: "Gathering") -> None:
    """Hand each of today's referrals back to the referred row's contacts, by advocacy.

    Only the (few) referred rows have a non-zero share, so only their contacts can gather
    anything: the sum runs over those rows of the (symmetric) contact graph, in CSR order, which
    gives the numbers of the whole-graph product; every other row would add exactly 0.0.
    """
    t = model.customers
    referred = np.flatnonzero(out.via_referral)
    if not len(referred):
        return
    share = referral_credit(t.weight[referred], True, gathering.contacts["advocacy"][referred])
    keep = share != 0.0
    if not keep.any():
        return
    referred, share = referred[keep], share[keep]
    g = model.contacts
    starts, stops = g.indptr[referred], g.indptr[referred + 1]
    lengths = stops - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    rows = np.unique(g.indices[offsets + np.arange(lengths.sum())])
    if not len(rows):
        return
    full = np.zeros(len(t))
    full[referred] = share
    received = g.sums_over(rows, full)
    t.referrals[rows] += credited(gathering.emitted.advocacy[rows], received, t.weight[rows])
