"""docs/scenarios.md, and the key tables of docs/experiments.md, generated from the scenario and
experiment schemas so that they cannot drift.

    python -m siyu_sim.config.schema_docs > docs/scenarios.md

Every scenario key: its path, unit, default, what is allowed, and its description (with the
source of the default). Lever types come from the registry, so a lever registered by a new
module appears here once that module is imported. ``reference_markdown`` gives the experiment
file's key tables (a test checks that docs/experiments.md holds exactly that text).
"""

from __future__ import annotations

import inspect
import json
import typing

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..environment import Environment, Festival, Seasonality, Shock
from ..levers import LEVER_TYPES, Event, Lever
from ..assumptions import Uncertain
from ..fit_record import FitRecord, FittedMetric, FittedParameter
from ..params import Behaviour, Economics, Population, Segment, default_segments
from ..scenario import Scenario
from ..schedule import Schedule, Window
from .experiment_schema import DesignSpec, DistributionSpec, ExperimentFile, FactorSpec, RobustnessSpec
from .schema_info import is_model, range_words, type_words, unit, unwrap

INTRO = """\
# Scenario files: every key

<!-- Generated from the schema by `python -m siyu_sim.config.schema_docs > docs/scenarios.md`.
     Do not edit by hand: tests/test_cli.py fails when this file is stale. -->

A scenario is a TOML file: who the customers are (`[population]`), how they behave
(`[behaviour.*]`, the model's uncertainties), what things cost (`[economics]`), and what the
brand does (`[levers.*]`, each with a `schedule`), over a horizon of `days` from a `seed`.
Every key may be left out: it then takes the default below. The shipped scenarios in
`scenarios/` (`siyu scenarios` lists them) are worked examples with their stories in comments.
`name` names files and folders; `title` and `title_zh` are what readers see (the terminal, the
reports, the deck, the workbook and the app name the scenario by them; a segment may have them
too), so a Chinese report need not show a code name.

```toml
name = "my_strategy"
title = "More care"
title_zh = "多一点关怀"
description = "One useful push a day, 1:1 care, a small fortnightly coupon."
days = 365
seed = 7

[population]
customers = 10000

[levers.broadcast]
frequency_per_day = 1.0
content_quality = 0.8

[levers.coupon]
depth = 0.1
schedule = { every = 14 }

[levers.coupon_weekend]      # a second lever of a type: name it, and give its type
type = "coupon"
depth = 0.2
schedule = { start = 5, every = 7 }
```

Check a file without running it: `siyu validate my_strategy.toml` lists every problem at
once, each with its key path, the value given, what is allowed and, for a misspelt key or
lever type, the closest valid name. Try a variation without copying the file:
`siyu run my_strategy.toml --set levers.broadcast.frequency_per_day=3` (dotted paths; list
items by index, `population.segments[0].share`).

Columns: **allowed** is the type and inclusive range; **unit** is what the number counts;
**description** says what the key means and where its default comes from (DOMAIN.md article
numbers `000`-`004`, or the literature).
"""


def _default(field) -> str:
    if field.default_factory is not None:
        value = field.default_factory()
    elif field.default is PydanticUndefined:
        return "required"
    else:
        value = field.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    if isinstance(value, list):
        return "`[" + ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in value) + "]`"
    if isinstance(value, float):
        return f"`{value:g}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _allowed(field) -> str:
    words = type_words(field.annotation)
    rng = range_words(field)
    if rng:
        words += f", {rng}"
    if unwrap(field.annotation)[1]:
        words += ", or none (leave it out)"
    return _cell(words)


def _plain_fields(model: type[BaseModel], skip=()):
    for name, field in model.model_fields.items():
        core, _ = unwrap(field.annotation)
        inner = typing.get_args(core)[0] if typing.get_origin(core) is list else None
        if name in skip or is_model(core) or typing.get_origin(core) is dict or is_model(inner):
            continue
        yield name, field


def table(model: type[BaseModel], prefix: str, skip=()) -> str:
    rows = ["| key | unit | default | allowed | description |", "| --- | --- | --- | --- | --- |"]
    for name, field in _plain_fields(model, skip):
        rows.append(f"| `{prefix}{name}` | {_cell(unit(field) or '')} | {_default(field)} | "
                    f"{_allowed(field)} | {_cell(field.description or '')} |")
    return "\n".join(rows)


def _doc(cls: type) -> str:
    return _cell((inspect.getdoc(cls) or "").split("\n\n")[0])


def generate() -> str:
    parts = [INTRO]
    parts += ["## Top level", "", table(Scenario, ""), ""]
    parts += ["## `[population]`", "", _doc(Population), "", table(Population, "population."), ""]
    parts += ["### `[[population.segments]]`", "",
              "One table per segment; shares must sum to 1. " + _doc(Segment)
              + " Without any segment tables the defaults are: "
              + ", ".join(f"`{s.name}` ({s.share:g})" for s in default_segments()) + ".", "",
              table(Segment, "population.segments[]."), ""]
    parts += ["## `[behaviour.*]`", "", _doc(Behaviour), ""]
    for name, field in Behaviour.model_fields.items():
        rule = unwrap(field.annotation)[0]
        parts += [f"### `[behaviour.{name}]`", "", table(rule, f"behaviour.{name}."), ""]
    parts += ["## `[economics]`", "", _doc(Economics), "", table(Economics, "economics."), ""]
    parts += ["## `[environment]`", "", _doc(Environment) + " Festivals, a season and shocks given by date need "
              "the scenario's `start_date`.", "",
              "```toml\nstart_date = 2026-01-01\n\n[[environment.festivals]]\nname = \"618\"\n"
              "start = \"06-01\"\nstop = \"06-18\"\ndemand = 1.8\n```", "",
              "### `[environment.seasonality]`", "", _doc(Seasonality), "",
              table(Seasonality, "environment.seasonality."), "",
              "### `[[environment.festivals]]`", "", _doc(Festival), "", table(Festival, "environment.festivals[]."), "",
              "### `[[environment.shocks]]`", "", _doc(Shock), "", table(Shock, "environment.shocks[]."), ""]
    parts += ["## `[levers.NAME]`", "",
              "What the brand does. Each lever is a table `[levers.NAME]`; its type is NAME "
              "unless it sets `type`, so two levers of one type need two names "
              "(`[levers.coupon_weekend]` with `type = \"coupon\"`). Lever types: "
              + ", ".join(f"`{k}`" for k in sorted(LEVER_TYPES)) + ".", "",
              "Events (" + ", ".join(f"`{k}`" for k in sorted(LEVER_TYPES)
                                     if issubclass(LEVER_TYPES[k], Event))
              + ") happen on a day of their own and take no schedule.", "",
              "### `schedule` (every lever that is not an event)", "",
              _doc(Schedule) + " Write it inline: `schedule = { start = 30, every = 7 }`.", "",
              table(Schedule, "levers.NAME.schedule."), "",
              "A yearly window (`windows = [{ start = \"11-01\", stop = \"11-11\" }]`): " + _doc(Window), "",
              table(Window, "levers.NAME.schedule.windows[]."), ""]
    for kind in sorted(LEVER_TYPES):
        cls = LEVER_TYPES[kind]
        parts += [f"### `type = \"{kind}\"`", "", _doc(cls), "",
                  table(cls, f"levers.{kind}.", skip=[n for n in (Lever.model_fields if issubclass(cls, Lever) else ('type',))]), ""]
    parts += ["## `[[uncertain]]`", "",
              _doc(Uncertain) + " What `siyu compare --draws N` draws; a single run ignores them "
              "(docs/uncertainty.md).", "",
              "```toml\n[[uncertain]]\npath = \"population.segments.*.need_cycle_days\"\nlow = 0.5\nhigh = 2.0\n"
              "relative = true\nsource = \"our order data\"\n```", "",
              table(Uncertain, "uncertain[]."), ""]
    parts += ["## `[calibration]`", "",
              _doc(FitRecord) + " `siyu calibrate` writes it into `calibrated.toml`; a copy whose levers you change keeps it, "
              "since its customers are still the fitted ones (docs/calibration.md).", "",
              table(FitRecord, "calibration."), "",
              "### `[[calibration.parameters]]`", "", _doc(FittedParameter), "",
              table(FittedParameter, "calibration.parameters[]."), "",
              "### `[[calibration.metrics]]`", "", _doc(FittedMetric), "",
              table(FittedMetric, "calibration.metrics[]."), ""]
    return "\n".join(parts).rstrip() + "\n"


# --- docs/experiments.md: the experiment file's keys ----------------------------------------


def _type_text(info) -> str:
    text = str(info.annotation).replace("typing.", "").replace("<class '", "").replace("'>", "")
    text = text.replace("siyu_sim.config.experiment_schema.", "")
    text = text.replace("Literal", "one of ").replace("NoneType", "none").replace("None", "none")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional["):-1] + " or none"
    return text


def reference_markdown() -> str:
    """The key tables of docs/experiments.md, generated from the pydantic models (a test
    checks that the document holds exactly this text)."""
    sections = [("Top level", ExperimentFile), ("`[factors.\"dotted.path\"]`", FactorSpec),
                ("`[design]`", DesignSpec), ("`distribution = {...}` of a factor", DistributionSpec),
                ("`[robustness]`", RobustnessSpec)]
    out = []
    for title, model in sections:
        out.append(f"#### {title}\n")
        out.append("| key | type | default | meaning |")
        out.append("| --- | --- | --- | --- |")
        for name, info in model.model_fields.items():
            made = info.default_factory() if info.default_factory is not None else None
            default = "required" if info.is_required() else "see below" if isinstance(made, BaseModel) else (
                "—" if info.default is None or info.default_factory is not None and not info.default_factory()
                else f"`{json.dumps(info.default if info.default_factory is None else info.default_factory(), default=str)}`")
            meaning = (info.description or "").replace("|", "\\|")
            out.append(f"| `{name}` | {_type_text(info).replace('|', 'or')} | {default} | {meaning} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(generate(), end="")
