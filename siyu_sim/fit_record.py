"""A calibrated scenario's record of its fit: ``[calibration]`` in the file ``siyu calibrate``
writes (``calibrated.toml``), kept by every copy of it.

What was fitted, to which data, and how well (``calibration.quality``): each parameter's estimate
against its range, each fitted metric's error, the held-out count. Not a setting: a run ignores it;
the reports made from the file say from it that the brand was fitted and how well
(``report.calibration_report.add_fit_section``). Declared here, beside the scenario it belongs to,
so that the model's core need not import the calibration.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .params import Params


class FittedParameter(Params):
    """One fitted parameter: its estimate, interval and range, and whether the data pin it down."""

    path: str = Field(..., description="Dotted key of the fitted setting.")
    value: float = Field(..., description="The estimate written into this file (the best trial's).")
    low: float = Field(..., description="Lowest value that fits about as well as the estimate.")
    high: float = Field(..., description="Highest value that fits about as well as the estimate.")
    range_low: float = Field(..., description="Lowest value the fit was allowed.")
    range_high: float = Field(..., description="Highest value the fit was allowed.")
    at_bound: Literal["", "low", "high"] = Field("", description="\"low\" or \"high\" when the estimate lies at "
                                                                 "that end of its range; \"\" otherwise.")
    identified: bool = Field(..., description="Its interval spans at most 70% of its range.")
    pinned_down: bool = Field(..., description="Identified, not at a bound, in a good fit.")


class FittedMetric(Params):
    """One fitted metric and how far the fit is from the brand's numbers."""

    metric: str = Field(..., description="The observed column.")
    error: float = Field(..., description="Sum of |simulated median − observed| over sum of |observed|, "
                                          "over the fit periods.")
    missed: bool = Field(..., description="The error is above the margin.")


class FitRecord(Params):
    """What `siyu calibrate` fitted to the brand's own numbers, and how well. Not a setting: a run
    ignores it; the reports made from the file show it."""

    observed: str = Field(..., description="The brand's observed data the fit used.")
    calibration: str = Field(..., description="The calibration file.")
    period: Literal["month", "week"] = Field("month", description="What a period of the observed data covers.")
    fit_periods: int = Field(..., ge=0, description="Periods the fit used.")
    margin: float = Field(..., description="A fitted metric missed by more than this share is a miss.")
    good: bool = Field(..., description="No fitted metric missed, and the held-out check passed.")
    held_out_inside: int = Field(0, ge=0, description="Held-out values inside their band.")
    held_out_total: int = Field(0, ge=0, description="Held-out values checked.")
    held_out_pass: bool = Field(True, description="At least 80% of the held-out values inside their band.")
    parameters: list[FittedParameter] = Field(default_factory=list, description="The fitted parameters.")
    metrics: list[FittedMetric] = Field(default_factory=list, description="The fitted metrics.")
