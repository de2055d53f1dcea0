"""The no-private-domain counterfactual, for the compare workflow.

Its one home is the model core (``siyu_sim.counterfactual``), so that sweeps
(``experiments/``, below this layer) can run it too; this module re-exports it.
"""

from __future__ import annotations

from ..counterfactual import incremental_profit, without_private_domain

__all__ = ["incremental_profit", "without_private_domain"]
