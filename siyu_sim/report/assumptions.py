"""The assumptions page: how the report was made, the model's key assumptions, and each resolved
scenario's settings with their units and the sources of their defaults (the pydantic schema's
descriptions, in the reader's language by the setting's id). The appendix (``html.Appendix``)
prints what an auditor checks — the settings that differ between the scenarios and those not at
the model's defaults, each beside its default — and folds every setting and the scenario files
on screen (``html.Folded``), with a printed note on where they are and each scenario's hash."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Iterator

import tomli_w
from pydantic import BaseModel

from .html import Appendix, Bullets, Details, Folded, Heading, Para, Table
from ..config.schema_info import is_record, setting_id
from ..runs.provenance import scenario_hash
from ..assumptions import DEFAULTS as UNCERTAIN_DEFAULTS
from ..keys import normalise_path
from ..scenario import Scenario
from ..words import (KEY_ASSUMPTIONS, code, labelled_path, path as path_run, scenario_description, scenario_label,
                     setting_label, t)
from ..words.settings import setting_description, setting_unit


@dataclass(frozen=True)
class Setting:
    """One leaf setting of a resolved scenario: where it is (its dotted path in this scenario),
    its value, the model's default for it (``NO_DEFAULT`` where there is none: a required key, an
    item the defaults do not have), and the unit, English description and id of its words
    (``setting_id``)."""

    path: str
    value: Any
    unit: str
    description: str
    id: str | None
    default: Any = None

    def meaning(self, lang: str) -> str:
        """Its description in ``lang``."""
        return setting_description(self.id, self.description, lang)


#: A setting's default where the model has none.
NO_DEFAULT = object()
#: What the model takes when a scenario says nothing: ``Scenario()``'s settings, and siyu_sim's
#: own uncertain assumptions (what a weighing draws when a scenario declares none).
MODEL_DEFAULTS = Scenario.model_construct(uncertain=list(UNCERTAIN_DEFAULTS))


def settings(obj: BaseModel, prefix: str = "", defaults: Any = None) -> Iterator[Setting]:
    """Every leaf setting of a pydantic object, each with its default: the same setting of
    ``defaults`` (the object the model builds when nothing is given: ``Scenario()``'s, a lever's
    type's own defaults), taken in step. Lists of named items (segments) and dicts (levers) are
    keyed by name."""
    if defaults is None:
        defaults = type(obj).model_construct()  # every field at its default, the required left out
    for name, info in type(obj).model_fields.items():
        if is_record(info):  # a calibrated scenario's record of its fit: not a setting
            continue
        value = getattr(obj, name)
        default = getattr(defaults, name, NO_DEFAULT)
        path = f"{prefix}{name}"
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        unit = str(extra.get("unit", ""))
        desc = info.description or ""
        if isinstance(value, BaseModel):
            yield from settings(value, path + ".", _twin(value, default))
        elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
            for key, item in value.items():
                twin = default.get(key) if isinstance(default, dict) else None
                yield from settings(item, f"{path}.{key}.", _twin(item, twin))
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            twins = {_identity(d): d for d in default} if isinstance(default, list) else {}
            for i, item in enumerate(value):
                key = getattr(item, "name", None) or str(i)
                yield from settings(item, f"{path}.{key}.", _twin(item, twins.get(_identity(item))))
        else:
            if isinstance(value, list) and not value and isinstance(default, list):
                default = value  # no items declared: the defaults' own apply (siyu_sim's uncertain assumptions)
            yield Setting(path, value, unit, desc, setting_id(type(obj), name), default)


def _identity(item: BaseModel) -> str | None:
    """What an item of a list is known by: a segment's name, an uncertain assumption's key."""
    return getattr(item, "name", None) or getattr(item, "key", None)


def _twin(item: BaseModel, default: Any) -> BaseModel:
    """``item``'s default counterpart: ``default`` when it is of the same kind, else the item's
    type's own defaults (a lever of another type, a segment the defaults do not have)."""
    return default if type(default) is type(item) else type(item).model_construct()


def show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_short(value), ensure_ascii=False, default=str)
    if isinstance(value, BaseModel):
        return json.dumps(_short(value.model_dump(mode="json")), ensure_ascii=False)
    return str(getattr(value, "value", value))


def _short(value: Any) -> Any:
    """Numbers inside a list or table to 4 significant digits, as a reader compares them (a fit's
    accepted parameter sets came out with 17)."""
    if isinstance(value, float):
        return float(f"{value:.4g}")
    if isinstance(value, dict):
        return {k: _short(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_short(v) for v in value]
    return value


#: What names or tells a scenario, a segment or an uncertain assumption rather than sets the
#: brand's model: the printed tables leave these out (the columns are the strategies by their
#: titles, a segment's settings say which segment by its title, a description is prose); the full
#: table on screen keeps them.
NAMES = frozenset({"name", "title", "title_zh", "description", "label", "label_zh"})


def _names_something(path: str) -> bool:
    return path.rsplit(".", 1)[-1] in NAMES


def _shown_value(setting: "Setting", lang: str | None = None) -> str:
    """A value as a table shows it: joint sets by their count (a calibration's accepted parameter
    sets are numbers nobody reads; the file has them), anything else by ``show``."""
    value = setting.value
    if setting.path.endswith(".sets") and isinstance(value, list) and value and isinstance(value[0], list):
        return t("asm_sets", lang or "en", n=len(value))
    return show(value)


def settings_rows(scenarios: list, lang: str = "en") -> tuple[list[str], dict[str, list[str]], dict[str, Setting]]:
    """All dotted paths (in first-seen order), each scenario's shown value per path, and each
    path's setting (its unit and words)."""
    order: list[str] = []
    values: dict[str, list[str]] = {}
    meta: dict[str, Setting] = {}
    for k, sc in enumerate(scenarios):
        for s in settings(sc, defaults=MODEL_DEFAULTS):
            if s.path not in values:
                order.append(s.path)
                values[s.path] = ["–"] * len(scenarios)
                meta[s.path] = s
            values[s.path][k] = _shown_value(s, lang)
    return order, values, meta


def _shown_default(setting: Setting) -> str:
    return "" if setting.default is NO_DEFAULT else show(setting.default)


def _lever_of(path: str) -> str | None:
    """The lever a setting belongs to (``levers.coupon.depth`` → ``coupon``), else None."""
    parts = path.split(".")
    return parts[1] if parts[0] == "levers" and len(parts) > 2 else None


#: The levers the model uses when a scenario names none (none: each lever a scenario uses is a
#: departure from the defaults).
DEFAULT_LEVERS = frozenset(Scenario.model_construct().levers)


@dataclass
class SettingsTables:
    """The settings of several resolved scenarios, as the appendix shows them: ``between``, the
    rows that differ between the scenarios (a lever one uses and another does not: one row);
    ``from_defaults``, every other row where a scenario departs from the model's defaults (which
    levers are on, then each setting not at its default), with the default beside it; ``full``,
    every setting (on screen only)."""

    between: Table | None
    from_defaults: Table | None
    full: Table
    fitted: bool = False  # fitted values left to the fit section


def _segment_keyed(path: str, scenario) -> str:
    """A fitted parameter's path as the settings tables key it: a segment by its name, not its index."""
    found = re.match(r"^population\.segments\.(\d+)\.(.+)$", normalise_path(path))
    segments = scenario.population.segments
    if found is None or int(found.group(1)) >= len(segments):
        return normalise_path(path)
    return f"population.segments.{segments[int(found.group(1))].name}.{found.group(2)}"


def fitted_rows(scenarios: list) -> tuple[set[str], set[str]]:
    """What a calibrated scenario's fit section shows already: the fitted values (as the tables key
    them) and the uncertain assumption the fit wrote (its accepted parameter sets, the joint one over
    exactly the fitted parameters: its rows' prefix), each where every scenario that has it keeps
    the fit's (a strategy that changed a fitted value differs, and is shown)."""
    values: set[str] | None = None
    drawn: set[str] | None = None
    for sc in scenarios:
        record = getattr(sc, "calibration", None)
        mine_values, mine_drawn = set(), set()
        if record is not None:
            by_path = {_segment_keyed(p.path, sc): p.value for p in record.parameters}
            data = {s.path: s.value for s in settings(sc, defaults=MODEL_DEFAULTS)}
            mine_values = {k for k, v in by_path.items() if isinstance(data.get(k), (int, float))
                           and math.isclose(float(data[k]), v, rel_tol=1e-9, abs_tol=1e-12)}
            fitted = sorted(normalise_path(p.path) for p in record.parameters)
            mine_drawn = {f"uncertain.{i}." for i, u in enumerate(sc.uncertain)
                          if u.joint and sorted(normalise_path(p) for p in u.paths) == fitted}
        values = mine_values if values is None else values & mine_values
        drawn = mine_drawn if drawn is None else drawn & mine_drawn
    return values or set(), drawn or set()


def settings_tables(scenarios: list, names: list[str], lang: str) -> SettingsTables:
    paths, values, meta = settings_rows(scenarios, lang)
    if "description" in values:  # a shipped scenario's description in the reader's language
        values["description"] = [scenario_description(sc.name, str(sc.description), lang)
                                 for sc in scenarios]
    n = len(scenarios)
    used = {lever: [any(values[q][k] != "–" for q in paths if _lever_of(q) == lever) for k in range(n)]
            for lever in dict.fromkeys(filter(None, map(_lever_of, paths)))}
    on_off = lambda flags: [t("asm_lever_on" if u else "asm_lever_off", lang) for u in flags]  # noqa: E731

    def row(p: str) -> list:  # the setting's words over its path (the key a user types)
        setting = meta[p]
        return [labelled_path(setting_label(p, lang), p), *values[p], setting_unit(setting.unit, lang),
                setting.meaning(lang)]

    between, shown, levers_shown = [], set(), set()
    printed = [p for p in paths if not _names_something(p)]
    if n > 1:
        for p in printed:
            lever = _lever_of(p)
            if lever and not all(used[lever]):
                if lever not in levers_shown:
                    levers_shown.add(lever)
                    between.append([path_run(f"levers.{lever}"), *on_off(used[lever]), "", ""])
            elif len(set(values[p])) > 1:
                between.append(row(p))
                shown.add(p)

    # Every strategy that has the setting has the same value in each of these rows (those that
    # differ are above; a lever only some use is one row there): one value column, so the
    # setting's words and path have the room.
    departs, levers_listed = [], set()
    fitted, drawn = fitted_rows(scenarios)  # the fit section shows these, with their intervals
    skipped = [p for p in printed if p in fitted or p.startswith(tuple(drawn))]
    for p in printed:
        if p in skipped:
            continue
        lever = _lever_of(p)
        if lever and lever not in DEFAULT_LEVERS and lever not in levers_shown | levers_listed:
            levers_listed.add(lever)  # a lever the model does not use unless told
            departs.append([path_run(f"levers.{lever}"), on_off(used[lever])[0], t("asm_lever_off", lang), "", ""])
        if p in shown:
            continue
        default = _shown_default(meta[p])
        if any(v != "–" and v != default for v in values[p]):
            r = row(p)
            shared = next((v for v in values[p] if v != "–"), "–")  # a lever only some use: theirs
            departs.append([r[0], shared, default or "–", *r[n + 1:]])

    header = [t("asm_param", lang), *names]
    tail = [t("asm_unit", lang), t("asm_source", lang)]
    full_rows = [row(p) for p in paths]
    full = Table(header + tail, full_rows, css="params", wrap=True,
                 row_classes=["diff" if len(set(values[p])) > 1 else "" for p in paths])
    return SettingsTables(Table(header + tail, between, css="params") if between else None,
                          Table([t("asm_param", lang), t("asm_value" if n == 1 else "asm_value_all", lang),
                                 t("asm_default", lang), *tail], departs, css="params", print_columns=True)
                          if departs else None,
                          full, bool(skipped))


def section_blocks(scenarios: list, lang: str, meta: dict | None, replications: int | None = None,
                   extra_rows: list[tuple[str, str]] | None = None) -> list:
    """The blocks of the assumptions section (``html``): how the report was made and the key
    assumptions in the main body; in the appendix, the settings that differ between the
    scenarios and those that depart from the model's defaults (what an auditor checks, printed),
    then every setting and each resolved scenario file, folded on screen and not printed (a
    printed note says where they are and gives each scenario's hash)."""
    meta = dict(meta or {})
    names = [scenario_label(s.name, lang) for s in scenarios]
    blocks: list = [Para(t("asm_intro", lang), "why")]

    # how the report was made
    seeds = meta.get("seed")
    if seeds is None:
        seeds = ", ".join(sorted({str(s.seed) for s in scenarios}))
    info = [(t("asm_seed", lang), str(seeds)),
            (t("asm_version", lang), str(meta.get("version", _version()))),
            (t("asm_date", lang), str(meta.get("date", ""))),
            (t("asm_command", lang), code(meta["command"]) if meta.get("command") else "–")]
    if replications is not None:
        info.append((t("asm_reps", lang), str(replications)))
    info += list(extra_rows or [])
    blocks.append(Heading(t("asm_run", lang)))
    blocks.append(Table([t("asm_param", lang), ""], [list(r) for r in info]))
    if replications and replications > 1 and len(scenarios) > 1:
        blocks.append(Para(t("asm_crn", lang), "note"))

    # key assumptions
    blocks.append(Heading(t("asm_key", lang)))
    blocks.append(Bullets([a[lang] for a in KEY_ASSUMPTIONS]))

    tables = settings_tables(scenarios, names, lang)
    if tables.between:
        blocks += [Appendix(Heading(t("asm_differs", lang))), Appendix(tables.between)]
    if tables.from_defaults:
        blocks += [Appendix(Heading(t("asm_departs" if tables.between else "asm_departs_one", lang))),
                   Appendix(tables.from_defaults)]
    hashes = t("unc_list_sep", lang).join(f"{name} {scenario_hash(sc)}" for sc, name in zip(scenarios, names))
    if tables.between or tables.from_defaults:
        blocks.append(Appendix(Para(t("asm_lever_desc", lang), "note")))
    if tables.fitted:
        blocks.append(Appendix(Para(t("asm_fitted", lang), "note")))
    blocks.append(Appendix(Para(t("asm_rest", lang, hashes=hashes), "note")))
    folded = [Heading(t("asm_full", lang)), tables.full,
              *(Details(t("asm_toml", lang, name=name), tomli_w.dumps(sc.to_dict()))
                for sc, name in zip(scenarios, names))]
    blocks.append(Appendix(Folded(t("asm_every", lang), folded)))
    return blocks


def _version() -> str:
    try:
        from ..version import __version__
        return __version__
    except Exception:  # pragma: no cover
        return "unknown"
