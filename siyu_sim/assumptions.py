"""Uncertain assumptions: what the analyst is not sure of, declared with a range and a source.

A scenario says what the brand does and what the world is like; some of what it says about the
world nobody has measured (the gross margin a client's CFO disputes, how strongly trust moves
buying, how fast customers need the product again). An :class:`Uncertain` names one such
setting by its dotted path (the paths ``--set`` takes) and gives what it may be:

- a range ``[low, high]`` with a distribution (``uniform``, ``loguniform``, ``triangular`` with
  its ``mode``); ``relative = true`` makes the bounds multipliers of the scenario's own value (a
  need cycle ×0.5 to ×2 whatever the segment's cycle is); a ``*`` in the path stands for every item
  of a list (``population.segments.*.need_cycle_days``: every segment, by the same factor);
- or joint ``sets`` of values for several ``paths`` at once, drawn whole (a calibration's
  accepted parameter sets: what the brand's data could not tell apart, with their correlations).

Every assumption carries its ``source``: a range nobody can defend is not an input.
:data:`DEFAULTS` are the assumptions a client challenges first, used when a scenario declares
none. Draws are a Latin hypercube over the assumptions (McKay, Beckman & Conover 1979) seeded
from the comparison's root seed: the same draws every time (EMA Workbench's uncertainties; the
levers stay the brand's choice).
"""

from __future__ import annotations

import copy
import math
from typing import Any, Literal

import numpy as np
from pydantic import Field, field_validator, model_validator

from .keys import normalise_path
from .params import Params

#: Shown when a path holds no number in the scenario.
Distribution = Literal["uniform", "loguniform", "triangular"]


class Uncertain(Params):
    """One uncertain assumption (or one joint set of them): what it may be and why."""

    path: str | None = Field(None, description="Dotted key of the setting (as --set takes it); * stands "
                                                "for every item of a list, e.g. population.segments.*.need_cycle_days.")
    low: float | None = Field(None, description="Lowest value (a multiplier of the scenario's own value "
                                                 "when relative = true).")
    high: float | None = Field(None, description="Highest value (a multiplier when relative = true).")
    mode: float | None = Field(None, description="Most likely value, for distribution = \"triangular\" "
                                                  "(default: 1 when relative, else the middle).")
    relative: bool = Field(False, description="low, high and mode multiply the scenario's own value.")
    distribution: Distribution = Field("uniform", description="How values between low and high are drawn: "
                                                              "uniform, loguniform (every ×k alike) or triangular.")
    paths: list[str] | None = Field(None, description="Several keys drawn together from sets (a calibration's "
                                                       "accepted parameter sets).")
    sets: list[list[float]] | None = Field(None, description="Joint values for paths, one list per set, drawn "
                                                             "whole and with equal chance.")
    label: str = Field("", max_length=80, description="A name for tables and charts (default: the path).")
    label_zh: str = Field("", max_length=80, description="The name in Chinese (default: label).")
    source: str = Field(..., min_length=3, description="Where the range comes from: a study, the brand's "
                                                       "books, a calibration. Required.")

    @field_validator("path")
    @classmethod
    def _clean_path(cls, value: str | None) -> str | None:
        return None if value is None else normalise_path(value)

    @field_validator("paths")
    @classmethod
    def _clean_paths(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [normalise_path(p) for p in value]

    @model_validator(mode="after")
    def _one_kind(self) -> "Uncertain":
        if self.sets is not None or self.paths is not None:
            if self.path is not None or self.low is not None or self.high is not None:
                raise ValueError("give either path with low and high, or paths with sets, not both")
            if not self.paths or not self.sets:
                raise ValueError("paths and sets go together: paths names the keys, sets their joint values")
            bad = [i for i, row in enumerate(self.sets) if len(row) != len(self.paths)]
            if bad:
                raise ValueError(f"set {bad[0]} has {len(self.sets[bad[0]])} values for {len(self.paths)} paths")
            return self
        if self.path is None or self.low is None or self.high is None:
            raise ValueError("an uncertain assumption needs path, low and high (or paths and sets)")
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or self.low > self.high:
            raise ValueError(f"low ({self.low}) must be a number no greater than high ({self.high})")
        if self.distribution == "loguniform" and self.low <= 0:
            raise ValueError("a loguniform range needs low > 0")
        if self.distribution == "triangular" and self.mode is not None and not self.low <= self.mode <= self.high:
            raise ValueError(f"mode ({self.mode}) must lie between low ({self.low}) and high ({self.high})")
        if self.relative and self.low < 0:
            raise ValueError("relative bounds are multipliers: low must be >= 0")
        return self

    @property
    def joint(self) -> bool:
        return self.sets is not None

    @property
    def key(self) -> str:
        """Its column in a weighing's tables: its path (a joint set's paths, joined by +)."""
        return self.path if not self.joint else "+".join(self.paths)

    def shown(self, lang: str) -> str:
        """Its name for people: the label in ``lang`` (Chinese falls back to English), else the key."""
        return (self.label_zh or self.label or self.key) if lang == "zh" else (self.label or self.key)

    def columns(self) -> list[str]:
        """The draw table's columns for it: one per path of a joint set, then the set drawn (its
        key), else one (its key)."""
        return [*self.paths, self.key] if self.joint else [self.key]

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Values (or multipliers, when relative) for uniform numbers ``u`` in [0, 1): an
        inverse-CDF transform, so a Latin hypercube stays one after it. A joint assumption
        returns the index of the set drawn."""
        if self.joint:
            return np.minimum((u * len(self.sets)).astype(int), len(self.sets) - 1)
        lo, hi = self.low, self.high
        if self.distribution == "loguniform":
            return np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo)))
        if self.distribution == "triangular" and hi > lo:
            mode = self.mode if self.mode is not None else (1.0 if self.relative and lo <= 1 <= hi else (lo + hi) / 2)
            c = (mode - lo) / (hi - lo)
            return np.where(u < c, lo + np.sqrt(u * (hi - lo) * (mode - lo)),
                            hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode)))
        return lo + u * (hi - lo)


def _d(path: str, low: float, high: float, source: str, label: str, label_zh: str, **kw) -> Uncertain:
    return Uncertain(path=path, low=low, high=high, source=source, label=label, label_zh=label_zh, **kw)


#: The assumptions a client challenges first (the review in issue 24 moved the answer by
#: ±¥500k with each), used when no scenario declares its own. Relative, so that they fit any
#: brand: each range is around the scenario's own value.
DEFAULTS: tuple[Uncertain, ...] = (
    _d("economics.unit_cost_cny", 0.73, 1.27,
       "The brand's books: ±15 points of gross margin around the scenario's (45% → 30–60%), the "
       "range a CFO disputes for a consumer brand.", "unit cost × (gross margin ±15 points)",
       "单位成本倍数（毛利率±15个百分点）",
       relative=True),
    _d("economics.staff_cost_per_day_cny", 0.75, 4 / 3,
       "Fully loaded operator cost, about 9,000–16,000 CNY a month between lower-tier and first-tier "
       "cities: ×3/4 to ×4/3 of the scenario's 12,000, which is the geometric middle.", "staff cost ×",
       "运营人员成本倍数", relative=True, distribution="loguniform"),
    _d("economics.lead_cost_per_day_cny", 0.75, 4 / 3,
       "A team lead's fully loaded cost, the same spread as operators' (an assumption).",
       "team lead cost ×", "主管成本倍数", relative=True, distribution="loguniform"),
    _d("population.segments.*.need_cycle_days", 0.5, 2.0,
       "How often customers need the product again: the scenario's cycles are typical of a category "
       "(DOMAIN 000/001: fruit and coffee), a brand's own can be half or twice as long.",
       "need cycle ×", "需求周期倍数", relative=True, distribution="loguniform"),
    _d("behaviour.purchase.trust_effect", 0.5, 2.0,
       "Calibrated to Luckin's +30% purchase frequency of group members (DOMAIN 001); one brand's "
       "figure, and calibrating a known brand recovers it only within a wide interval (docs/calibration.md).",
       "trust's effect on buying ×", "信任对购买的影响倍数", relative=True, distribution="loguniform"),
    _d("behaviour.purchase.basket_trust_effect", 0.0, 0.4,
       "No study isolates a basket effect of trust in owned communities; Luckin reports frequency, "
       "not basket. From none to twice the default.", "trust's effect on basket size", "信任对客单的影响"),
    _d("behaviour.purchase.deal_salience", 0.25, 4.0,
       "What an announcement is worth apart from its price cut: 0.05-0.30 of the reference price in "
       "the sources (a 'SALE' sign at an unchanged price, Anderson & Simester 2001; display with price "
       "controlled, Nakamura et al. 2014); no study isolates a WeChat deal post. A quarter to four "
       "times the scenario's (0.02-0.32 around the default 0.08).", "deal posts' pull on buying ×", "促销推送对购买的拉动倍数", relative=True,
       distribution="loguniform"),
    _d("economics.ads_cac_cny", 200.0, 900.0,
       "What a new customer costs in paid ads at low spend: DOMAIN 001/002, platform CAC 200+ (Alibaba 2018) "
       "to 900+ (2020) CNY a person, Pinduoduo 367 per active buyer (2021); a brand's incremental cost is "
       "often dearer than the platform's average.", "paid ads' cost per new customer (CNY)",
       "付费广告获客成本（元）", distribution="loguniform"),
    _d("behaviour.purchase.max_reference_loss", 2 / 3, 1.5,
       "Deep discounts cut later full-price buying by a bounded share (Anderson & Simester 2004; "
       "reference-price effects: Kalyanaram & Winer 1995); the bound's size is this model's assumption: "
       "×2/3 to ×1.5 of the scenario's, which is the geometric middle.", "reference-price penalty cap ×",
       "参考价损失上限倍数", relative=True, distribution="loguniform"),
)


def declared(data: dict[str, Any]) -> list[Uncertain]:
    """A scenario's own uncertain assumptions (its ``uncertain`` list)."""
    return [u if isinstance(u, Uncertain) else Uncertain.model_validate(u) for u in data.get("uncertain") or []]


def resolve_paths(data: dict[str, Any], path: str) -> list[str]:
    """The concrete paths a (possibly starred) path names in ``data``: ``*`` expands to every
    index of the list it stands in. A path that names nothing is a KeyError naming the part."""
    parts = normalise_path(path).split(".")
    out: list[str] = []

    def walk(node: Any, i: int, done: list[str]) -> None:
        if i == len(parts):
            out.append(".".join(done))
            return
        part = parts[i]
        if part == "*":
            if not isinstance(node, list):
                raise KeyError(f"{'.'.join(done) or '(top)'} is not a list: * stands for the items of a list")
            for j, item in enumerate(node):
                walk(item, i + 1, done + [str(j)])
        elif isinstance(node, list):
            try:
                walk(node[int(part)], i + 1, done + [part])
            except (ValueError, IndexError):
                raise KeyError(f"{'.'.join(done)} has no item {part}") from None
        elif isinstance(node, dict) and part in node:
            walk(node[part], i + 1, done + [part])
        else:
            raise KeyError(f"{'.'.join(done + [part])} is not a setting of this scenario")

    walk(data, 0, [])
    return out


def value_at(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def set_at(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def lever_absent(data: dict[str, Any], path: str) -> bool:
    """Whether ``path`` is a setting of a lever this scenario does not have: an assumption about
    how a lever works (a calibrated store-QR rate) says nothing about a strategy without it."""
    parts = path.split(".")
    return parts[0] == "levers" and len(parts) > 1 and parts[1] not in (data.get("levers") or {})


#: Where an uncertain assumption may point: what the world and the brand are like. The run's own
#: settings (days, seed, start date, rows: its horizon and precision) are not assumptions.
WORLD_TABLES = ("environment", "population", "behaviour", "economics", "levers")
NOT_ASSUMPTIONS = ("population.rows",)


def check(assumptions: list[Uncertain], data: dict[str, Any]) -> list[str]:
    """Problems with ``assumptions`` against a scenario's plain data: a path that names no
    setting, a run setting (``WORLD_TABLES``), or a setting that is not a number; [] when every
    one applies. A lever the scenario does not have is no problem (``lever_absent``): its settings
    are left out of its draws."""
    problems = []
    for u in assumptions:
        for path in (u.paths if u.joint else [u.path]):
            if path.split(".")[0] not in WORLD_TABLES or path in NOT_ASSUMPTIONS:
                problems.append(f"uncertain {path}: a run setting, not an assumption about the world; allowed: "
                                f"a setting under {', '.join(WORLD_TABLES)} (not population.rows)")
                continue
            if lever_absent(data, path):
                continue
            try:
                found = resolve_paths(data, path)
            except KeyError as exc:
                problems.append(f"uncertain {path}: {exc.args[0]}")
                continue
            for p in found:
                v = value_at(data, p)
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    problems.append(f"uncertain {path}: {p} holds {v!r}, not a number")
    return problems


def sample(assumptions: list[Uncertain], n: int, seed: int) -> np.ndarray:
    """``n`` Latin-hypercube points in [0, 1)^k, one column per assumption (seeded: the same
    points for the same seed)."""
    from scipy.stats import qmc

    if not assumptions:
        return np.zeros((n, 0))
    return qmc.LatinHypercube(d=len(assumptions), seed=np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(0x0DDBA11,)))).random(n)


#: In a run's overrides, this key with a list of numbers in [0, 1) means: draw the scenario's own
#: uncertain assumptions (its ``uncertain`` list, in order) at these points (an experiment's
#: uncertain factors travel to the workers this way; ``config.overrides.apply_overrides``).
DRAWS_KEY = "uncertain"


def is_draws(value: Any) -> bool:
    """Whether an override's value under ``DRAWS_KEY`` is a draw (numbers), not a list of tables."""
    return isinstance(value, list) and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)


def apply(assumptions: list[Uncertain], data: dict[str, Any], unit: np.ndarray) -> tuple[dict[str, Any], dict[str, float]]:
    """The scenario ``data`` in the world of one draw (``unit``: its row of ``sample``), and the
    values drawn by column (``Uncertain.columns``: multipliers for relative assumptions; a joint
    set's values and the number of the set drawn). Whole numbers stay whole (rounded). A setting
    an earlier assumption drew is not drawn again by a later one (a calibration's fitted need cycle
    stays the fit's under a default that scales every segment's: the others' are scaled)."""
    out = copy.deepcopy(data)
    out.pop("uncertain", None)
    drawn: dict[str, float] = {}
    taken: set[str] = set()
    for u, x in zip(assumptions, unit):
        v = u.from_unit(np.asarray([x]))[0]
        scale = u.relative and not u.joint  # a joint set's values are the values themselves
        for path, value in (zip(u.paths, u.sets[int(v)]) if u.joint else [(u.path, v)]):
            drawn[path] = float(value)
            if lever_absent(out, path):  # a strategy without the lever: nothing to set
                continue
            for p in resolve_paths(out, path):
                if p in taken:
                    continue
                taken.add(p)
                old = value_at(out, p)
                set_at(out, p, _typed(old, old * value if scale else value))
        if u.joint:
            drawn[u.key] = float(v)
    return out, drawn


def _typed(old: Any, new: float) -> Any:
    return int(round(new)) if isinstance(old, int) and not isinstance(old, bool) else float(new)
