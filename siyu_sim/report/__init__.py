"""Client-ready reports: one self-contained, offline HTML file, in English or Chinese.

- ``report_comparison(result, path, lang=..., meta=...)``: the result of
  ``siyu_sim.compare.compare`` (``siyu compare A B --report out.html``);
- ``comparison_report(daily, scenarios, path, lang=..., segment_daily=..., meta=...)``: two or
  more strategies side by side from tidy frames;
- ``sweep_report(results_dir, path, lang=...)``: a lever sweep's results folder
  (``siyu report RESULTS_DIR -o sweep.html``);
- ``write_calibration_report(result, path, lang=...)``: a ``CalibrationResult`` (``siyu
  calibrate``); ``calibration_report_html(result, lang)`` returns the page as text.

Reports read only tidy frames, manifests and resolved scenarios, never model internals.
"""

from __future__ import annotations

from .calibration_report import calibration_report_html, write_calibration_report
from .comparison_report import comparison_report, report_comparison
from .sweep_report import SweepReportError, sweep_report

__all__ = ["SweepReportError", "calibration_report_html", "comparison_report", "report_comparison", "sweep_report",
           "write_calibration_report"]
