"""What a result's numbers depend on, written beside it: built here only.

One seed gives the same bits on one engine, one numpy and numba version and one kind of
machine (the compiled engine calls the system's libm), so a run folder, a comparison's report,
a sweep's results folder and a calibration all record the same facts: the seed (and the
replication), the package, engine and library versions, the machine, the date, and a hash of
each resolved scenario. Where runs went (``backend``) and whether they resumed earlier ones are
added by the front door that knows.
"""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

from ..scenario import Scenario
from ..version import __version__


def scenario_hash(scenario: Scenario | dict) -> str:
    """A short hash of the resolved scenario or its data (``Scenario.to_dict``; every value, its
    name too): equal hashes, equal scenario files."""
    data = scenario.to_dict() if isinstance(scenario, Scenario) else scenario
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def provenance(*, seed: int, executor: str, engine: str,
               scenarios: Iterable[Scenario] | Mapping[str, Scenario | dict] = (),
               replication: int | None = None, **extra: Any) -> dict[str, Any]:
    """The provenance record: ``seed`` (the root seed), ``replication`` (one run's), each
    scenario's name and hash (``scenarios``: Scenarios, or label → Scenario or its data), the
    package, engine and library versions, the machine and the date (UTC), then ``extra``
    (``backend``, ``command``…, as the caller knows them)."""
    import mesa
    import numba
    import numpy

    named = dict(scenarios) if isinstance(scenarios, Mapping) else {s.name: s for s in scenarios}
    out: dict[str, Any] = {"seed": seed}
    if replication is not None:
        out["replication"] = replication
    out |= {"version": __version__, "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "executor": executor, "engine": engine, "scenarios": list(named),
            "scenario_hashes": {name: scenario_hash(s) for name, s in named.items()},
            "python": platform.python_version(), "mesa": mesa.__version__, "numpy": numpy.__version__,
            "numba": numba.__version__, "machine": platform.machine()}
    return out | extra
