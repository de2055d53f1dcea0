"""The words of a printed report's appendix, in English and Chinese."""

from __future__ import annotations

PRINTING: dict[str, dict[str, str]] = {
    "appendix": {"en": "Appendix: every setting and the scenario files",
                 "zh": "附录：全部设置与情景文件"},
    "appendix_intro": {"en": "For checking and re-running: each strategy's settings with their units "
                             "and sources, and its resolved scenario file.",
                       "zh": "供核对与复现：各策略的全部设置（含单位与出处），以及完整的情景文件。"},
}
