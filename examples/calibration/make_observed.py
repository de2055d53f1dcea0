"""Make observed.csv, the worked example of docs/calibration.md, from known truth.

A brand of 200,000 customers (simulated on 5,000 rows) runs the shipped nurture strategy;
its true store-QR add rate, base leave hazard and order value are below. One year of its
monthly numbers is simulated once at a seed no trial uses, 3% measurement noise is added and
the values are rounded: `siyu calibrate` then has to find the truth from these numbers alone.

    python examples/calibration/make_observed.py     # rewrites observed.csv beside this file
"""

from pathlib import Path

from siyu_sim.calibration.synthetic import synthetic_observed, write_observed
from siyu_sim.config import presets
from siyu_sim.config.overrides import apply_overrides

TRUTH = {
    "levers.store_qr.rate_at_full_execution": 0.45,
    "behaviour.churn.leave_base": 0.003,
    "economics.order_value_cny": 72.0,
}
COLUMNS = ["members", "new_members", "left", "orders", "gmv", "staff"]


def main(path: Path | None = None) -> Path:
    """Write the observed table to ``path`` (default: observed.csv beside this file) and return it."""
    base = apply_overrides(presets.nurture().to_dict(), {"population.customers": 200_000, "population.rows": 5000})
    table = synthetic_observed(base, TRUTH, COLUMNS, seed=2026, noise=0.03)
    table.loc[table.period == 4, "left"] = float("nan")  # a month the brand did not record
    path = Path(path) if path is not None else Path(__file__).with_name("observed.csv")
    write_observed(table, path)
    return path


if __name__ == "__main__":
    main()
