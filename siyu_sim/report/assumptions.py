"""The assumptions page: every setting of each resolved scenario with its unit and the source
of its default (the pydantic schema's descriptions, in the reader's language by the setting's
id), how the report was made, and the model's key assumptions. The settings tables and the
scenario files are marked for the appendix (``html.Appendix``): a printed report keeps them
after its main body."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

import tomli_w
from pydantic import BaseModel

from .html import Appendix, Bullets, Details, Heading, Para, Table
from ..config.schema_info import is_record, setting_id
from ..words import KEY_ASSUMPTIONS, code, path as path_run, scenario_description, scenario_label, t
from ..words.settings import setting_description, setting_unit


@dataclass(frozen=True)
class Setting:
    """One leaf setting of a resolved scenario: where it is (its dotted path in this scenario),
    its value, and the unit, English description and id of its words (``setting_id``)."""

    path: str
    value: Any
    unit: str
    description: str
    id: str | None

    def meaning(self, lang: str) -> str:
        """Its description in ``lang``."""
        return setting_description(self.id, self.description, lang)


def settings(obj: BaseModel, prefix: str = "") -> Iterator[Setting]:
    """Every leaf setting of a pydantic object. Lists of named items (segments) and dicts
    (levers) are keyed by name."""
    for name, info in type(obj).model_fields.items():
        if is_record(info):  # a calibrated scenario's record of its fit: not a setting
            continue
        value = getattr(obj, name)
        path = f"{prefix}{name}"
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        unit = str(extra.get("unit", ""))
        desc = info.description or ""
        if isinstance(value, BaseModel):
            yield from settings(value, path + ".")
        elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
            for key, item in value.items():
                yield from settings(item, f"{path}.{key}.")
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            for i, item in enumerate(value):
                key = getattr(item, "name", None) or str(i)
                yield from settings(item, f"{path}.{key}.")
        else:
            yield Setting(path, value, unit, desc, setting_id(type(obj), name))


def show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    return str(getattr(value, "value", value))


def settings_rows(scenarios: list) -> tuple[list[str], dict[str, list[str]], dict[str, Setting]]:
    """All dotted paths (in first-seen order), each scenario's shown value per path, and each
    path's setting (its unit and words)."""
    order: list[str] = []
    values: dict[str, list[str]] = {}
    meta: dict[str, Setting] = {}
    for k, sc in enumerate(scenarios):
        for s in settings(sc):
            if s.path not in values:
                order.append(s.path)
                values[s.path] = ["–"] * len(scenarios)
                meta[s.path] = s
            values[s.path][k] = show(s.value)
    return order, values, meta


def _params_table(paths, values, meta, names, lang: str, diff_only: bool) -> Table | None:
    header = [t("asm_param", lang)] + names + [t("asm_unit", lang), t("asm_source", lang)]
    rows, classes = [], []
    levers_shown: set[str] = set()
    for p in paths:
        vals = values[p]
        parts = p.split(".")
        if diff_only and parts[0] == "levers" and len(parts) > 2:
            # a lever one strategy uses and another does not: one row, not one per setting
            lever = parts[1]
            used = [any(values[q][k] != "–" for q in paths if q.startswith(f"levers.{lever}."))
                    for k in range(len(names))]
            if not all(used):
                if lever not in levers_shown:
                    levers_shown.add(lever)
                    rows.append([path_run(f"levers.{lever}")]
                                + [t("asm_lever_on" if u else "asm_lever_off", lang) for u in used]
                                + ["", t("asm_lever_desc", lang)])
                    classes.append("")
                continue
        differs = len(set(vals)) > 1
        if diff_only and not differs:
            continue
        setting = meta[p]
        rows.append([path_run(p)] + vals + [setting_unit(setting.unit, lang), setting.meaning(lang)])
        classes.append("diff" if differs and not diff_only else "")
    if not rows:
        return None
    return Table(header, rows, css="params", row_classes=classes, wrap=not diff_only)


def section_blocks(scenarios: list, lang: str, meta: dict | None, replications: int | None = None,
                   extra_rows: list[tuple[str, str]] | None = None) -> list:
    """The blocks of the assumptions section (``html``)."""
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

    paths, values, pmeta = settings_rows(scenarios)
    if "description" in values:  # a shipped scenario's description in the reader's language
        values["description"] = [scenario_description(sc.name, str(sc.description), lang)
                                 for sc in scenarios]
    if len(scenarios) > 1:
        diff = _params_table(paths, values, pmeta, names, lang, diff_only=True)
        if diff:
            blocks.append(Appendix(Heading(t("asm_differs", lang))))
            blocks.append(Appendix(diff))
            blocks.append(Appendix(Para(t("asm_same", lang), "note")))
    blocks.append(Appendix(Heading(t("asm_full", lang))))
    blocks.append(Appendix(_params_table(paths, values, pmeta, names, lang, diff_only=False)))
    for sc, name in zip(scenarios, names):
        blocks.append(Appendix(Details(t("asm_toml", lang, name=name), tomli_w.dumps(sc.to_dict()))))
    return blocks


def _version() -> str:
    try:
        from ..version import __version__
        return __version__
    except Exception:  # pragma: no cover
        return "unknown"
