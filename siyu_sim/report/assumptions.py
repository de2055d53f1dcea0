"""The assumptions page: every setting of each resolved scenario with its unit and the source
of its default (pulled from the pydantic schema's descriptions), how the report was made, and
the model's key assumptions. The settings tables and the scenario files are marked for the
appendix (``html.Appendix``): a printed report keeps them after its main body."""

from __future__ import annotations

import json
from typing import Any, Iterator

import tomli_w
from pydantic import BaseModel

from .html import Appendix, Raw, esc, table
from ..words import KEY_ASSUMPTIONS, scenario_description, scenario_label, t
from ..words.settings import setting_description, setting_unit


def settings(obj: BaseModel, prefix: str = "") -> Iterator[tuple[str, Any, str, str]]:
    """(dotted path, value, unit, description) for every leaf setting of a pydantic object.
    Lists of named items (segments) and dicts (levers) are keyed by name."""
    for name, info in type(obj).model_fields.items():
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
            yield path, value, unit, desc


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


def settings_rows(scenarios: list) -> tuple[list[str], dict[str, list[str]], dict[str, tuple[str, str]]]:
    """All dotted paths (in first-seen order), each scenario's shown value per path, and the unit
    and description of each path."""
    order: list[str] = []
    values: dict[str, list[str]] = {}
    meta: dict[str, tuple[str, str]] = {}
    for k, sc in enumerate(scenarios):
        for path, value, unit, desc in settings(sc):
            if path not in values:
                order.append(path)
                values[path] = ["–"] * len(scenarios)
                meta[path] = (unit, desc)
            values[path][k] = show(value)
    return order, values, meta


def _params_table(paths, values, meta, names, lang: str, diff_only: bool) -> str:
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
                    rows.append([Raw(f'<span class="path">levers.<wbr>{esc(lever)}</span>')]
                                + [t("asm_lever_on" if u else "asm_lever_off", lang) for u in used]
                                + ["", t("asm_lever_desc", lang)])
                    classes.append("")
                continue
        differs = len(set(vals)) > 1
        if diff_only and not differs:
            continue
        unit, desc = meta[p]
        rows.append([Raw(f'<span class="path">{_breakable(p)}</span>')] + vals
                    + [setting_unit(unit, lang), setting_description(desc, lang)])
        classes.append("diff" if differs and not diff_only else "")
    if not rows:
        return ""
    return table(header, rows, css_class="params", row_classes=classes)


def _breakable(path: str) -> str:
    """A dotted path that may wrap after its dots (never inside a name)."""
    return ".<wbr>".join(esc(part) for part in path.split("."))


def section_blocks(scenarios: list, lang: str, meta: dict | None, replications: int | None = None,
                   extra_rows: list[tuple[str, str]] | None = None) -> list[str]:
    """The HTML blocks of the assumptions section."""
    meta = dict(meta or {})
    names = [scenario_label(s.name, lang) for s in scenarios]
    blocks = [f'<p class="why">{esc(t("asm_intro", lang))}</p>']

    # how the report was made
    seeds = meta.get("seed")
    if seeds is None:
        seeds = ", ".join(sorted({str(s.seed) for s in scenarios}))
    info = [(t("asm_seed", lang), str(seeds)),
            (t("asm_version", lang), str(meta.get("version", _version()))),
            (t("asm_date", lang), str(meta.get("date", ""))),
            (t("asm_command", lang), Raw(f"<code>{esc(meta['command'])}</code>") if meta.get("command") else "–")]
    if replications is not None:
        info.append((t("asm_reps", lang), str(replications)))
    info += list(extra_rows or [])
    blocks.append(f"<h3>{esc(t('asm_run', lang))}</h3>")
    blocks.append(table([t("asm_param", lang), ""], [list(r) for r in info]))
    if replications and replications > 1 and len(scenarios) > 1:
        blocks.append(f'<p class="note">{esc(t("asm_crn", lang))}</p>')

    # key assumptions
    blocks.append(f"<h3>{esc(t('asm_key', lang))}</h3>")
    blocks.append('<ul class="assumptions">' + "".join(f"<li>{esc(a[lang])}</li>" for a in KEY_ASSUMPTIONS)
                  + "</ul>")

    paths, values, pmeta = settings_rows(scenarios)
    if "description" in values:  # a shipped scenario's description in the reader's language
        values["description"] = [scenario_description(sc.name, str(sc.description), lang)
                                 for sc in scenarios]
    if len(scenarios) > 1:
        diff = _params_table(paths, values, pmeta, names, lang, diff_only=True)
        if diff:
            blocks.append(Appendix(f"<h3>{esc(t('asm_differs', lang))}</h3>"))
            blocks.append(Appendix(diff))
            blocks.append(Appendix(f'<p class="note">{esc(t("asm_same", lang))}</p>'))
    blocks.append(Appendix(f"<h3>{esc(t('asm_full', lang))}</h3>"))
    if t("asm_source_note", lang):
        blocks.append(Appendix(f'<p class="note">{esc(t("asm_source_note", lang))}</p>'))
    blocks.append(Appendix('<div class="tablewrap">'
                           + _params_table(paths, values, pmeta, names, lang, diff_only=False) + "</div>"))
    for sc, name in zip(scenarios, names):
        toml = tomli_w.dumps(sc.to_dict())
        blocks.append(Appendix(f"<details><summary>{esc(t('asm_toml', lang, name=name))}</summary>"
                               f'<pre class="toml">{esc(toml)}</pre></details>'))
    return blocks


def _version() -> str:
    try:
        from ..version import __version__
        return __version__
    except Exception:  # pragma: no cover
        return "unknown"
