"""The what-if behind the app: one strategy file, the values of the app's controls, and the
comparison they give against a pinned baseline. No web framework here: the page (``page``)
only shows what this module computes, so tests can check the numbers without a browser.

The controls become exactly what the command line would pass (``--set PATH=VALUE`` for a lever
or an economics setting, ``--days``/``--customers``/``--seed`` for the run; ``--rows`` as
``siyu app`` was given it), through the same ``config.overrides.command_overrides`` and
``load_scenario``: a refused value gets the problems ``siyu validate --set`` finds, and the screen
equals ``siyu compare`` on the saved file. How each control shows its value (whole or not, its
decimals, its unit) comes from its key's declaration (``shown``). Beside the comparison: the
profit added at the start (the headline's point of reference), saving the strategy under a new
name inside a folder, and the verdict under uncertainty against the start (``how_sure``).
"""

from __future__ import annotations

import shlex
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..compare import Comparison, compare
from ..config.overrides import command_overrides, normalise_path
from ..config.presets import resolve
from ..config.problems import Problem, ScenarioError
from ..config.scenario_files import dumps_scenario, load_scenario
from ..config.schema_info import leaves, unit, unwrap
from ..counterfactual import without_private_domain
from ..runs import RunCache
from ..scenario import SAFE_NAME, Scenario
from ..uncertainty.weigh import Weighing, prepare, source_key, weigh
from ..version import __version__
from ..words import Said, scenario_label, t, titled

NO_PRIVATE_DOMAIN = "no_private_domain"  # the baseline that is no private domain at all


@dataclass(frozen=True)
class Control:
    """One number the consultant can change: the scenario key it sets and its spinner's step. Its
    kind (whole number or not), unit, bounds and precision are the key's declaration's
    (``WhatIf.field``). A lever amount (``off_when_absent``) shows 0 when the strategy lacks the
    lever: the channel is off."""

    path: str
    step: float
    option: str | None = None            # the command-line option that sets it (else --set)
    off_when_absent: bool = False


#: The main levers (DOMAIN's: frequency, content, promotion, coupons, care, each acquisition channel):
#: the strategy's, so the pinned baseline keeps its own.
LEVER_CONTROLS = (
    Control("levers.broadcast.frequency_per_day", 0.5),
    Control("levers.broadcast.content_quality", 0.05),
    Control("levers.broadcast.promo_share", 0.05),
    Control("levers.coupon.depth", 0.05, off_when_absent=True),
    Control("levers.coupon.schedule.every", 1),
    Control("levers.care.staff", 0.5, off_when_absent=True),
    Control("levers.store_qr.rate_at_full_execution", 0.05, off_when_absent=True),
    Control("levers.package_card.rate_at_full_execution", 0.05, off_when_absent=True),
    Control("levers.paid_ads.adds_per_day", 10, off_when_absent=True),
    Control("levers.referral_reward.reward_cny", 1, off_when_absent=True),
)
#: The brand's money (what a CFO asks about): prices, costs and the paid-ads alternative's response
#: curve. They are the brand's, not the strategy's: a change applies to the pinned baseline too, as
#: ``siyu compare --set`` applies to every scenario.
ECONOMICS_CONTROLS = (
    Control("economics.order_value_cny", 5),
    Control("economics.unit_cost_cny", 1),
    Control("economics.staff_cost_per_day_cny", 50),
    Control("economics.ads_cac_cny", 10),
    Control("economics.ads_half_saturation_cny_per_day", 100),
    Control("economics.ads_reach_share", 0.05),
    Control("economics.ads_hill_shape", 0.1),
    Control("economics.ads_adstock_decay_per_day", 0.01),
    Control("economics.ads_adstock_max_lag_days", 7),
)
#: Customers (the brand's size), horizon and luck: what the counterfactual and the pinned baseline
#: depend on. The rows simulated (precision) are ``siyu app --rows``, not a control: left out they
#: follow the customers (``params.simulated_rows``).
RUN_CONTROLS = (
    Control("population.customers", 1000, "--customers"),
    Control("days", 30, "--days"),
    Control("seed", 1, "--seed"),
)
CONTROLS = LEVER_CONTROLS + ECONOMICS_CONTROLS + RUN_CONTROLS
#: The strategy on screen, when the uncertainty answer weighs it against the start (the start
#: keeps its own name).
WHAT_IF = "what_if"
#: Draws the uncertainty button runs (``siyu app --draws``): enough to say how likely and what
#: it hinges on within a meeting (minutes: docs/app.md), not the 200 a report deserves (the
#: words say so).
MEETING_DRAWS = 40


@dataclass(frozen=True)
class Shown:
    """How a control shows its value, from its key's declaration: a whole number or not, the
    decimals worth showing, its unit (the schema's words, English), and whether it may be left
    empty (a value derived when absent)."""

    kind: str                 # "int" | "float"
    decimals: int
    unit: str | None
    optional: bool


def shown(leaf) -> Shown:
    """``Shown`` of a setting (``config.schema_info.Leaf``). Decimals: none for a whole number,
    three for a share or rate bounded by 1 (0.027), else two (59.9 CNY, 2.5 staff)."""
    kind = "int" if leaf.kind == "int" else "float"
    decimals = 0 if kind == "int" else 3 if leaf.hi is not None and leaf.hi <= 1 else 2
    return Shown(kind, decimals, unit(leaf.info), unwrap(leaf.info.annotation)[1])


class SaveError(ValueError):
    """A name "Save as scenario" refuses (``Said``: English as a ``str``, any language by
    ``in_lang``)."""

    def __init__(self, said: Said):
        super().__init__(str(said))
        self.said = said


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
    ``scenario(values)`` and ``compare(values, ...)`` give what the controls' values mean.

    What ``siyu app`` was given (``--set``, ``--days``, ``--customers``, ``--rows``) is the start,
    beneath the controls, for both scenarios as ``siyu compare`` gives them to both; a lever
    control changes the strategy alone, an economics or run control both."""

    def __init__(self, strategy: str, baseline: str | None = None, *, sets: list[str] | None = None,
                 days: int | None = None, customers: int | None = None, rows: int | None = None):
        self.strategy_ref, self.baseline_ref = strategy, baseline
        self.strategy_path = resolve(strategy)
        self.baseline_path = resolve(baseline) if baseline else None
        self.start_sets = list(sets or [])
        self.start_options = {k: v for k, v in (("--days", days), ("--customers", customers), ("--rows", rows))
                              if v is not None}
        self.start = load_scenario(self.strategy_path, command_overrides(self.start_sets, days, customers, None, rows))
        self._fields = leaves(Scenario, self.start.to_dict())
        self._initial = self._initial_values()
        #: The pinned baseline as loaded (a bad file fails before anything starts), or None.
        self.pinned = self.baseline(self.initial(), self.start) if self.baseline_path is not None else None
        self.cache = RunCache()
        self._start_added: float | None = None
        self._lock = threading.Lock()

    # --- the controls -------------------------------------------------------------------

    def _initial_values(self) -> Values:
        data = self.start.to_dict()
        out: Values = {}
        for c in CONTROLS:
            value = _get(data, c.path)
            leaf = self.field(c.path)
            if value is None:
                value = 0 if c.off_when_absent else leaf.info.default
            out[c.path] = None if value is None else int(value) if self.shown(c.path).kind == "int" else float(value)
        return out

    def initial(self) -> Values:
        """Each control's value in the strategy as given (0 for a lever amount it lacks; None for
        a setting left to be derived, such as the paid-ads curve's half-saturation spend)."""
        return dict(self._initial)

    def field(self, path: str):
        """The setting a control's path names (``config.schema_info.Leaf``)."""
        return self._fields[normalise_path(path)]

    def shown(self, path: str) -> Shown:
        """How the control of ``path`` shows its value (``shown``)."""
        return shown(self.field(path))

    def description(self, path: str) -> str:
        """The setting's description as the schema writes it (English; words/ translates)."""
        return self.field(path).info.description or ""

    def setting_id(self, path: str) -> str | None:
        """The id of the setting's words (``config.schema_info.setting_id``)."""
        return self.field(path).id

    def allowed(self, path: str) -> Said:
        """What the setting allows, in words (type, bounds, unit)."""
        return self.field(path).allowed()

    def changed(self, values: Values) -> list[tuple[Control, Any]]:
        """The controls whose value differs from the start, in the controls' order."""
        return [(c, values[c.path]) for c in CONTROLS if c.path in values and values[c.path] != self._initial[c.path]]

    def _sets(self, values: Values, strategy: bool) -> list[str]:
        """``--set`` texts for the strategy (``strategy``) or the pinned baseline: the start's,
        with the changed controls' over them (a lever's on the strategy alone)."""
        mine = [(c, v) for c, v in self.changed(values)
                if c.option is None and (strategy or c in ECONOMICS_CONTROLS)]
        paths = {normalise_path(c.path) for c, _ in mine}
        sets = [text for text in self.start_sets if normalise_path(text.partition("=")[0]) not in paths]
        return sets + [f"{c.path}={v!r}" for c, v in mine]

    def _options(self, values: Values) -> dict[str, Any]:
        """--days, --customers, --seed and --rows: the start's with the changed controls' over them."""
        return {**self.start_options, **{c.option: v for c, v in self.changed(values) if c.option is not None}}

    def arguments(self, values: Values) -> list[str]:
        """The command-line arguments the start and the changed controls stand for (the strategy's)."""
        return [a for text in self._sets(values, True) for a in ("--set", text)] + \
            [str(a) for option, v in self._options(values).items() for a in (option, v)]

    def _missing(self, values: Values) -> None:
        """A control emptied that the file had a value for: a ScenarioError (a file cannot say
        "derive it" once it has said a number, and nor can ``--set``)."""
        problems = [Problem(c.path, Said.words("app_value_missing"), allowed=self.allowed(c.path))
                    for c in CONTROLS if values.get(c.path) is None and self._initial[c.path] is not None]
        if problems:
            raise ScenarioError(str(self.strategy_path), problems)

    # --- what the values mean -----------------------------------------------------------

    def scenario(self, values: Values) -> Scenario:
        """The strategy with the controls' values; a ScenarioError (the files' words) if refused."""
        self._missing(values)
        options = self._options(values)
        return load_scenario(self.strategy_path, command_overrides(
            self._sets(values, True), options.get("--days"), options.get("--customers"), options.get("--seed"),
            options.get("--rows")))

    def named(self, values: Values | None = None) -> list[Scenario]:
        """The scenarios the screen names, as ``words.titled`` takes them: the strategy (whose
        title, once ``values`` differ from the start, says it was changed) and the pinned one."""
        start = self.start
        if values is not None and values != self.initial():
            with titled([start]):
                start = start.model_copy(update={lang_key: t("app_changed_title", lang, name=scenario_label(start.name, lang))
                                                 for lang_key, lang in (("title", "en"), ("title_zh", "zh"))})
        return [start, *([self.pinned] if self.pinned is not None else [])]

    def baseline(self, values: Values, strategy: Scenario, pinned: bool = True) -> Scenario:
        """The pinned scenario (``pinned`` and there is one), else no private domain. The pinned
        one runs the strategy's customers, days and rows, with the start's ``--set`` and the
        economics controls' changes."""
        if self.baseline_path is None or not pinned:
            return without_private_domain(strategy).model_copy(update={"name": NO_PRIVATE_DOMAIN})
        return load_scenario(self.baseline_path, command_overrides(
            self._sets(values, False), strategy.days, strategy.population.customers, None,
            self.start_options.get("--rows")))

    def compare(self, values: Values, *, pinned: bool = True, segments: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Comparison:
        """The comparison the screen shows: the strategy against the pinned baseline, under the
        strategy's seed; unchanged runs come from the cache."""
        strategy = self.scenario(values)
        return compare([strategy, self.baseline(values, strategy, pinned)], root_seed=strategy.seed,
                       segments=segments, progress=progress, cache=self.cache)

    def start_added(self) -> float:
        """The profit the strategy as loaded adds over no private domain: the meeting's starting
        point, which the headline measures changes from (run once, then kept)."""
        with self._lock:
            if self._start_added is None:
                start = self.initial()
                result = self.compare(start, pinned=False)  # the strategy and its counterfactual: cached
                self._start_added = dict(result.increments())[self.start.name][0]
            return self._start_added

    def command(self, values: Values, saved_as: str | None = None, pinned: bool = True) -> str | None:
        """The ``siyu compare`` command that gives the same numbers; None when no command can:
        against no private domain (the command line compares with it implicitly, against a
        second scenario), and after a lever change until the strategy is saved (``--set`` would
        change the pinned baseline too). ``saved_as``: the saved strategy's path."""
        if self.baseline_path is None or not pinned:
            return None
        levers = {normalise_path(c.path) for c, _ in self.changed(values) if c in LEVER_CONTROLS}
        # the pinned baseline runs the strategy's customers and days, whatever its file says
        options = {"--days": values["days"], "--customers": values["population.customers"], **self._options(values)}
        if saved_as is None:
            if levers:
                return None
            strategy = self.strategy_ref
        else:
            strategy, options = saved_as, {k: v for k, v in options.items() if k != "--seed"}  # the file's own
            if any(normalise_path(text.partition("=")[0]) in levers for text in self._sets(values, False)):
                return None  # a start --set the strategy has since changed: it would undo the change
        return shlex.join(["siyu", "compare", strategy, self.baseline_ref,
                           *[a for text in self._sets(values, False) for a in ("--set", text)],
                           *[str(a) for option, v in options.items() for a in (option, v)]])

    # --- keeping what was found ---------------------------------------------------------------

    def scenario_toml(self, values: Values, name: str | None = None) -> str:
        """The strategy as a file that ``siyu validate`` accepts and that reproduces the screen,
        named ``name`` (default: the strategy's own name)."""
        s = self.scenario(values)
        if name is not None:
            s = Scenario.from_dict({**s.to_dict(), "name": name})
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        changes = " ".join(self.arguments(values)) or "(no change)"
        return dumps_scenario(s, header=f"Saved from `siyu app` (siyu_sim {__version__}) on {stamp}.\n"
                                        f"Started from {self.strategy_path}, changed: {changes}")

    def save(self, values: Values, name: str, folder: Path) -> Path:
        """Write the strategy on screen as ``folder/NAME.toml``, its ``name`` the new name. A
        SaveError for a name that is not a scenario name (one that names files: letters, digits,
        _ . -; no path, no ``..``), or whose file exists (nothing is overwritten)."""
        name = name.strip().removesuffix(".toml")
        if not name or not SAFE_NAME.fullmatch(name) or set(name) == {"."} or name.startswith("."):
            raise SaveError(Said.words("app_save_bad_name", name=name))
        folder = Path(folder).resolve()
        target = (folder / f"{name}.toml").resolve()
        if target.parent != folder:  # (SAFE_NAME admits no separator: a second guard, not the first)
            raise SaveError(Said.words("app_save_bad_name", name=name))
        text = self.scenario_toml(values, name)
        try:
            with open(target, "x", encoding="utf-8") as out:  # "x": never over a file that exists
                out.write(text)
        except FileExistsError:
            raise SaveError(Said.words("app_save_exists", path=target)) from None
        return target

    # --- how sure: the verdict under uncertainty ----------------------------------------------

    def weighed(self, values: Values) -> list[Scenario]:
        """What the uncertainty answer weighs: the strategy on screen (named ``WHAT_IF``) and the
        start; the start alone while nothing but the seed has changed."""
        start = self.scenario(self.initial())
        if not [c for c, _ in self.changed(values) if c.path != "seed"]:
            return [start]
        return [self.scenario(values).model_copy(update={"name": WHAT_IF}), start]

    def how_sure(self, values: Values, *, draws: int = MEETING_DRAWS, backend=None,
                 progress: Callable[[int, int], None] | None = None) -> Weighing:
        """The verdict under uncertainty for ``values`` against the start, as ``siyu compare
        --draws`` gives it (the scenarios' own uncertain assumptions, else siyu_sim's defaults;
        each draw on at most ``weigh.DRAW_ROWS`` rows) under the seed on screen; an
        AssumptionError when a draw makes a scenario invalid."""
        prepared = prepare(self.weighed(values), draws=draws, root_seed=values["seed"])
        return weigh(prepared, backend=backend, progress=progress)

    @property
    def uncertainty_source(self) -> str:
        """What the uncertainty answer's draws cover, as a word key (``unc_source_*``, the words
        ``siyu compare --draws`` uses: ``weigh.source_key``)."""
        return source_key([self.start])

