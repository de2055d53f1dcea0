"""The live what-if app (``siyu app``): levers on the left, answers on the right, in the
browser, offline, in English or Chinese.

- ``whatif``: what the controls mean (the scenario, the comparison, the saved file, the
  command line), with no web framework;
- ``live``: re-running in the background, debounced, one run at a time;
- ``answers``: the headline, the three questions and the charts, from the report's own parts;
- ``page``: the Panel page; ``server``: serving it on localhost with every asset local.
"""

from __future__ import annotations

from .whatif import CONTROLS, NO_PRIVATE_DOMAIN, WhatIf

__all__ = ["CONTROLS", "NO_PRIVATE_DOMAIN", "WhatIf"]
