"""Client-ready reports: one self-contained, offline HTML file, in English or Chinese.

- ``report_comparison(result, path, lang=..., meta=...)``: the result of
  ``siyu_sim.compare.compare`` (``siyu compare A B --report out.html``);
- ``comparison_report(daily, scenarios, path, lang=..., segment_daily=..., meta=...)``: two or
  more strategies side by side from tidy frames;
- ``sweep_report(results_dir, path, lang=...)``: a lever sweep's results folder
  (``siyu report RESULTS_DIR -o sweep.html``).

Reports read only tidy frames, manifests and resolved scenarios, never model internals.
"""

from __future__ import annotations

from .comparison_report import comparison_report, report_comparison
from .sweep_report import SweepReportError, sweep_report

__all__ = ["SweepReportError", "comparison_report", "report_comparison", "sweep_report"]
