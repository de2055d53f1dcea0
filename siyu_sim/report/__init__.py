"""Client-ready reports: one self-contained, offline HTML file, in English or Chinese.

- ``comparison_report(daily, scenarios, path, lang=..., segment_daily=..., meta=...)``: two or
  more strategies side by side (``siyu compare A B --report out.html``);
- ``sweep_report(results_dir, path, lang=...)``: a lever sweep's results folder
  (``siyu report RESULTS_DIR -o sweep.html``).

Reports read only tidy frames, manifests and resolved scenarios, never model internals.
"""

from __future__ import annotations

from .comparison_report import comparison_report
from .sweep_report import SweepReportError, sweep_report

__all__ = ["SweepReportError", "comparison_report", "sweep_report"]
