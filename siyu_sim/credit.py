"""Crediting referrals to the advocates who made them, shared by both executors."""

from __future__ import annotations

import numpy as np


def referral_credit(weight, via_referral, sums):
    """Per-referred-row share to hand back to its advocates: w·joined / Σ advocacy of contacts."""
    safe = np.where(sums > 0.0, sums, 1.0)
    return np.where(via_referral & (sums > 0.0), weight / safe, 0.0)


def credited(adv, gathered, weight):
    """Referrals credited to a row, per real customer: its advocacy × gathered shares / w."""
    return adv * gathered / weight
