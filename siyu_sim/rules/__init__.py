"""Behavioural rules: pure, element-wise functions of customer state, today's inputs and
random draws. The same function serves one customer's scalars (agent executor) or whole
columns (vector executor). Rules import numpy and their own parameter types, nothing else.

``param`` (declare a bounded, documented parameter) and ``RuleParams`` live here, public, for
rules, levers and researchers' extensions alike; ``Status`` is the one status vocabulary.
"""

from .base import RuleParams, param
from .status import N_STATUS, Status
from .attention import AttentionParams, activity_update, attended, read_probability
from .churn import ChurnParams, reason_to_stay, status_transition
from .fatigue import FatigueParams, effective_touches, fatigue_update
from .mood import GroupParams, group_mood_update
from .price import ReferencePriceParams, deal_memory_update, reference_price_update
from .purchase import PurchaseParams, basket_size, daily_lapse_hazard, lapse_probability, purchase_probability
from .referral import ReferralParams, advocacy, join_probability, referral_share, referred_trust
from .trust import TrustParams, trust_update

__all__ = [
    "AttentionParams", "ChurnParams", "FatigueParams", "GroupParams", "N_STATUS", "PurchaseParams",
    "ReferencePriceParams", "ReferralParams", "RuleParams", "Status", "TrustParams",
    "activity_update", "advocacy", "basket_size", "deal_memory_update", "effective_touches",
    "daily_lapse_hazard", "fatigue_update", "group_mood_update", "join_probability", "lapse_probability", "param",
    "purchase_probability",
    "attended", "read_probability", "reason_to_stay", "reference_price_update", "referral_share", "referred_trust",
    "status_transition", "trust_update",
]
