"""What a calibration produces, and the folder it is kept in.

The fit (``siyu calibrate``) fills a ``CalibrationResult``; the calibration report, the
calibrated scenario and any later look at the fit read it back from its folder. One home for
the format, so that the fit and the report cannot disagree on it:

    <folder>/
      study.sqlite3          Optuna's storage (the trials; what a resumed fit continues)
      calibration.json       the spec as run, estimates, the fit's quality (warnings, held-out
                             count: ``quality.FitQuality``), period kind, versions
      observed.csv           the observed table as read (period + metric columns)
      trials.parquet         one row per finished trial: number, each parameter, loss
      simulated.parquet      the best fit re-run: period, metric, replicate, value
      calibrated.toml        the base scenario with the estimates written in
      report.html            the offline calibration report (en or zh)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..config.observed_columns import OBSERVED_RATIOS, with_ratios
from ..config.output_files import csv_bytes, parquet_bytes, write_files
from . import quality as fit_quality
from .quality import FitQuality

FILES = {
    "study": "study.sqlite3",
    "summary": "calibration.json",
    "observed": "observed.csv",
    "trials": "trials.parquet",
    "simulated": "simulated.parquet",
    "scenario": "calibrated.toml",
    "report": "report.html",
}
#: The file a calibration writes first in its folder (the study): a folder holding it is
#: ``siyu calibrate``'s own (``config.output_paths.own_folder``).
MARKER = FILES["study"]


@dataclass
class Estimate:
    """One fitted parameter: its best value, an interval, and whether the data pin it down.

    ``low``/``high`` bound the values that fit about as well as the best (within the loss's
    own replication noise); ``identified`` is False when that set spans most of the allowed
    range (several values fit equally well)."""

    path: str  # dotted scenario path, as experiments and --set use
    best: float
    low: float
    high: float
    range_low: float
    range_high: float
    identified: bool
    truth: float | None = None  # known only in a recovery check


@dataclass
class CalibrationResult:
    name: str
    period: str  # "month" or "week"
    metrics: dict[str, float]  # metric -> weight
    fit_periods: list[int]  # 1-based periods that the loss uses
    held_out_periods: list[int]  # 1-based periods kept back to check the forecast
    estimates: list[Estimate]
    observed: pd.DataFrame  # columns: period, and one per observed metric (NaN where missing)
    trials: pd.DataFrame  # columns: number, <each parameter path>, loss
    simulated: pd.DataFrame  # columns: period, metric, replicate, value (the best parameters)
    correlations: pd.DataFrame  # parameter × parameter, among the trials that fit about as well
    calibrated_toml: str
    spec: dict[str, Any] = field(default_factory=dict)  # the calibration file's content, as run
    warnings: list[str] = field(default_factory=list)  # the quality's warnings, in the fit's language
    best_loss: float = float("nan")
    quality: FitQuality | None = None  # judged once by the fit; None: judged when asked

    def bands(self, low: float = fit_quality.BAND[0], high: float = fit_quality.BAND[1]) -> pd.DataFrame:
        """Simulated median and band per period and metric, over the replications."""
        return fit_quality.bands(self.simulated, low, high)

    def fit_quality(self) -> FitQuality:
        """How good the fit is (``quality.assess``): the one the fit judged and stored, else judged
        now (a result made by hand, or by an older version, is not changed by looking at it)."""
        return self.quality if self.quality is not None else fit_quality.assess(self)

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        summary = {
            "name": self.name, "period": self.period, "metrics": self.metrics,
            "fit_periods": self.fit_periods, "held_out_periods": self.held_out_periods,
            "estimates": [asdict(e) for e in self.estimates], "spec": self.spec,
            "warnings": self.warnings, "best_loss": self.best_loss, "quality": self.fit_quality().to_dict(),
            "correlations": {"index": list(self.correlations.index),
                             "values": np.asarray(self.correlations, dtype=float).tolist()},
        }
        write_files({  # together, whole or not at all: a full disk leaves the earlier result intact
            folder / FILES["summary"]: json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
            folder / FILES["observed"]: csv_bytes(self.observed.drop(columns=list(OBSERVED_RATIOS), errors="ignore")),
            folder / FILES["trials"]: parquet_bytes(self.trials),
            folder / FILES["simulated"]: parquet_bytes(self.simulated),
            folder / FILES["scenario"]: self.calibrated_toml,
        })

    @classmethod
    def load(cls, folder: Path) -> "CalibrationResult":
        folder = Path(folder)
        s = json.loads((folder / FILES["summary"]).read_text(encoding="utf-8"))
        names = s["correlations"]["index"]
        return cls(
            name=s["name"], period=s["period"], metrics=s["metrics"], fit_periods=s["fit_periods"],
            held_out_periods=s["held_out_periods"], estimates=[Estimate(**e) for e in s["estimates"]],
            observed=with_ratios(pd.read_csv(folder / FILES["observed"])),
            trials=pd.read_parquet(folder / FILES["trials"]),
            simulated=pd.read_parquet(folder / FILES["simulated"]),
            correlations=pd.DataFrame(s["correlations"]["values"], index=names, columns=names),
            calibrated_toml=(folder / FILES["scenario"]).read_text(encoding="utf-8"),
            spec=s["spec"], warnings=s["warnings"], best_loss=s["best_loss"],
            quality=FitQuality.from_dict(s["quality"]) if "quality" in s else None,
        )
