"""The what-if behind the app: one strategy file, the values of the app's controls, and the
comparison they give against a pinned baseline. No web framework here: the page (``page``)
only shows what this module computes, so tests can check the numbers without a browser.

The controls become exactly what the command line would pass (``--set PATH=VALUE`` for a
lever, ``--days``/``--customers``/``--seed`` for the run; ``--rows`` as ``siyu app`` was given it), through the same
``config.overrides.command_overrides`` and ``load_scenario``: a refused value gets the words
``siyu validate --set`` gives, and the screen equals ``siyu compare`` on the saved file.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from ..compare import Comparison, compare
from ..config.overrides import command_overrides, normalise_path
from ..config.presets import resolve
from ..config.scenario_files import dumps_scenario, load_scenario
from ..config.schema_info import leaves
from ..counterfactual import without_private_domain
from ..runs import RunCache
from ..scenario import Scenario
from ..version import __version__

NO_PRIVATE_DOMAIN = "no_private_domain"  # the baseline that is no private domain at all


@dataclass(frozen=True)
class Control:
    """One number the consultant can change: the scenario key it sets and its step. A lever
    amount (``off_when_absent``) shows 0 when the strategy lacks the lever: the channel is off."""

    path: str
    step: float
    kind: str = "float"                  # float | int
    option: str | None = None            # the command-line option that sets it (else --set)
    off_when_absent: bool = False


#: The main levers (DOMAIN's: frequency, content, promotion, coupons, care, each acquisition channel).
LEVER_CONTROLS = (
    Control("levers.broadcast.frequency_per_day", 0.5),
    Control("levers.broadcast.content_quality", 0.05),
    Control("levers.broadcast.promo_share", 0.05),
    Control("levers.coupon.depth", 0.05, off_when_absent=True),
    Control("levers.coupon.schedule.every", 1, "int"),
    Control("levers.care.staff", 0.5, off_when_absent=True),
    Control("levers.store_qr.rate_at_full_execution", 0.05, off_when_absent=True),
    Control("levers.package_card.rate_at_full_execution", 0.05, off_when_absent=True),
    Control("levers.paid_ads.adds_per_day", 10, off_when_absent=True),
    Control("levers.referral_reward.reward_cny", 1, off_when_absent=True),
)
#: Customers (the brand's size), horizon and luck: what the counterfactual and the pinned baseline
#: depend on. The rows simulated (precision) are ``siyu app --rows``, not a control: left out they
#: follow the customers (``params.simulated_rows``).
RUN_CONTROLS = (
    Control("population.customers", 1000, "int", "--customers"),
    Control("days", 30, "int", "--days"),
    Control("seed", 1, "int", "--seed"),
)
CONTROLS = LEVER_CONTROLS + RUN_CONTROLS

Values = dict[str, Any]


def _get(data: dict, path: str) -> Any:
    node: Any = data
    for part in normalise_path(path).split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


class WhatIf:
    """A strategy file and its pinned baseline (another file, or None: no private domain).
    ``scenario(values)`` and ``compare(values, ...)`` give what the controls' values mean."""

    def __init__(self, strategy: str, baseline: str | None = None, *, sets: list[str] | None = None,
                 days: int | None = None, customers: int | None = None, rows: int | None = None):
        self.strategy_ref, self.baseline_ref = strategy, baseline
        self.strategy_path = resolve(strategy)
        self.baseline_path = resolve(baseline) if baseline else None
        # what `siyu app` was given (--set, --days, --customers, --rows): the start, beneath the controls
        self.start_sets = list(sets or [])
        self.start_options = {k: v for k, v in (("--days", days), ("--customers", customers), ("--rows", rows))
                              if v is not None}
        self.start = load_scenario(self.strategy_path, command_overrides(self.start_sets, days, customers, None, rows))
        self._fields = leaves(Scenario, self.start.to_dict())
        if self.baseline_path is not None:  # a bad baseline file fails before anything starts
            load_scenario(self.baseline_path, self._run_options(self.initial()))
        self.cache = RunCache()

    # --- the controls -------------------------------------------------------------------

    def initial(self) -> Values:
        """Each control's value in the strategy as given (0 for a lever amount it lacks)."""
        data = self.start.to_dict()
        out = {}
        for c in CONTROLS:
            value = _get(data, c.path)
            if value is None:
                leaf = self._field(c.path)
                value = 0 if c.off_when_absent else (leaf.info.default if leaf is not None else 0)
            out[c.path] = int(value) if c.kind == "int" else float(value)
        return out

    def description(self, path: str) -> str:
        """The setting's description as the schema writes it (English; words/ translates)."""
        leaf = self._field(path)
        return (leaf.info.description or "") if leaf is not None else ""

    def setting_id(self, path: str) -> str | None:
        """The id of the setting's words (``config.schema_info.setting_id``)."""
        leaf = self._field(path)
        return leaf.id if leaf is not None else None

    def _field(self, path: str):
        return self._fields.get(normalise_path(path))

    def changed(self, values: Values) -> list[tuple[Control, Any]]:
        """The controls whose value differs from the start, in the controls' order."""
        start = self.initial()
        return [(c, values[c.path]) for c in CONTROLS if c.path in values and values[c.path] != start[c.path]]

    def _parts(self, values: Values) -> tuple[list[str], dict[str, Any]]:
        """``--set`` texts and options: the start's, with the changed controls' over them."""
        changed = self.changed(values)
        paths = {normalise_path(c.path) for c, _ in changed}
        sets = [text for text in self.start_sets if normalise_path(text.partition("=")[0]) not in paths]
        sets += [f"{c.path}={v!r}" for c, v in changed if c.option is None]
        options = {**self.start_options, **{c.option: v for c, v in changed if c.option is not None}}
        return sets, options

    def arguments(self, values: Values) -> list[str]:
        """The command-line arguments the start and the changed controls stand for."""
        sets, options = self._parts(values)
        return [a for text in sets for a in ("--set", text)] + \
            [str(a) for option, v in options.items() for a in (option, v)]

    def _overrides(self, values: Values):
        sets, options = self._parts(values)
        return command_overrides(sets, options.get("--days"), options.get("--customers"), options.get("--seed"),
                                 options.get("--rows"))

    def _run_options(self, values: Values) -> dict:
        """--days, --customers and --rows apply to the pinned baseline too (as in ``siyu compare``)."""
        rows = self.start_options.get("--rows")
        return {"days": values["days"], "population.customers": values["population.customers"],
                **({"population.rows": rows} if rows is not None else {})}

    # --- what the values mean -----------------------------------------------------------

    def scenario(self, values: Values) -> Scenario:
        """The strategy with the controls' values; a ScenarioError (the files' words) if refused."""
        return load_scenario(self.strategy_path, self._overrides(values))

    def baseline(self, values: Values, strategy: Scenario, pinned: bool = True) -> Scenario:
        """The pinned scenario (``pinned`` and there is one), else no private domain."""
        if self.baseline_path is None or not pinned:
            return without_private_domain(strategy).model_copy(update={"name": NO_PRIVATE_DOMAIN})
        return load_scenario(self.baseline_path, self._run_options(values))

    def compare(self, values: Values, *, pinned: bool = True, segments: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Comparison:
        """The comparison the screen shows: the strategy against the pinned baseline, under the
        strategy's seed; unchanged runs come from the cache."""
        strategy = self.scenario(values)
        return compare([strategy, self.baseline(values, strategy, pinned)], root_seed=strategy.seed,
                       segments=segments, progress=progress, cache=self.cache)

    def command(self, values: Values, saved_as: str | None = None, pinned: bool = True) -> str | None:
        """The ``siyu compare`` command that gives the same numbers (None against no private
        domain: the command line compares with it implicitly, against a second scenario)."""
        if self.baseline_path is None or not pinned:
            return None
        if saved_as is None:
            return shlex.join(["siyu", "compare", self.strategy_ref, self.baseline_ref, *self.arguments(values)])
        horizon = ["--days", str(values["days"]), "--customers", str(values["population.customers"])]
        if "--rows" in self.start_options:  # the saved file holds them too; said for the reader
            horizon += ["--rows", str(self.start_options["--rows"])]
        return shlex.join(["siyu", "compare", saved_as, self.baseline_ref, *horizon])

    def scenario_toml(self, values: Values) -> str:
        """The strategy as a file that ``siyu validate`` accepts and that reproduces the screen."""
        s = self.scenario(values)
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        changes = " ".join(self.arguments(values)) or "(no change)"
        return dumps_scenario(s, header=f"Saved from `siyu app` (siyu_sim {__version__}) on {stamp}.\n"
                                        f"Started from {self.strategy_path}, changed: {changes}")


def saved_name(scenario: Scenario) -> str:
    """The file name "Save as scenario" offers."""
    return f"{scenario.name}_whatif.toml"
