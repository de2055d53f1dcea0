"""Every scenario setting's unit and description has Chinese words, found by walking the schema
(so a new setting, lever type, rule or event without them fails here); a description's words are
keyed by the setting's id (its dotted path), so an edited English description keeps its
translation and an entry no setting has fails; the Chinese report's assumptions page shows them
instead of the English ones."""

from __future__ import annotations

import html as htmllib
import re
import typing

import pytest
from pydantic import BaseModel

from siyu_sim import Scenario, presets
from siyu_sim.compare import compare
from siyu_sim.config.schema_info import is_model, leaves, setting_id, setting_ids, unit, unwrap
from siyu_sim.levers import LEVER_TYPES
from siyu_sim.report import report_comparison
from siyu_sim.words import scenario_description
from siyu_sim.words.names import SCENARIO_DESCRIPTIONS
from siyu_sim.words.setting_descriptions import SETTING_DESCRIPTIONS
from siyu_sim.words.settings import SETTING_UNITS, setting_description, setting_unit

CJK = re.compile(r"[\u4e00-\u9fff]")


def _models(annotation) -> typing.Iterator[type[BaseModel]]:
    core, _ = unwrap(annotation)
    if is_model(core):
        yield core
    for arg in typing.get_args(core):
        yield from _models(arg)


def schema_fields() -> list[tuple[str, str, typing.Any]]:
    """(model, field name, field) of every field of every model a scenario can hold: the scenario
    with its population, segments, behaviour rules and economics, and every lever and event
    type the package registers (test-only types registered by other tests are left out)."""
    roots: list[type[BaseModel]] = [Scenario]
    roots += [cls for cls in LEVER_TYPES.values() if cls.__module__.startswith("siyu_sim.")]
    seen: set[type[BaseModel]] = set()
    out = []

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            out.append((model.__name__, name, field))
            for sub in _models(field.annotation):
                walk(sub)

    for root in roots:
        walk(root)
    return out


FIELDS = schema_fields()


def test_the_walk_reaches_rules_levers_events_segments_economics_and_schedules():
    models = {m for m, _, _ in FIELDS}
    for expected in ("Scenario", "Population", "Segment", "Economics", "Schedule", "Trust", "Churn",
                     "Coupon", "Care", "Broadcast", "StoreQR", "AccountBan", "Migration"):
        assert any(m == expected or m.startswith(expected) for m in models), expected
    assert len([f for _, _, f in FIELDS if f.description]) > 100


def _described() -> list[tuple[str, str]]:
    """(id, English description) of every setting that has one."""
    return [(key, cls.model_fields[name].description) for (cls, name), key in setting_ids().items()
            if cls.model_fields[name].description]


@pytest.mark.parametrize("key,english", _described(), ids=lambda v: v if "." in v or " " not in v else "")
def test_every_setting_description_has_chinese(key, english):
    zh = setting_description(key, english, "zh")
    assert zh != english, f"{key}: no Chinese for {english!r}"
    assert CJK.search(zh)
    assert setting_description(key, english, "en") == english


@pytest.mark.parametrize("model,name,field", [(m, n, f) for m, n, f in FIELDS if f.description],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_field_of_the_walk_has_an_id(model, name, field):
    cls = next(c for c in _all_models() if c.__name__ == model)
    assert setting_id(cls, name) in SETTING_DESCRIPTIONS, f"{model}.{name}"


def _all_models() -> set[type[BaseModel]]:
    out: set[type[BaseModel]] = set()

    def walk(model):
        if model not in out:
            out.add(model)
            for field in model.model_fields.values():
                for sub in _models(field.annotation):
                    walk(sub)

    walk(Scenario)
    for cls in LEVER_TYPES.values():
        if cls.__module__.startswith("siyu_sim."):
            walk(cls)
    return out


def test_ids_are_dotted_paths_and_shared_fields_are_keyed_once():
    ids = setting_ids()
    assert len(set(ids.values())) == len(ids), "two settings with one id"
    from siyu_sim.levers.touches import Broadcast, Moments
    from siyu_sim.params import Segment
    from siyu_sim.rules.trust import TrustParams
    from siyu_sim.schedule import Schedule

    assert setting_id(TrustParams, "decay") == "behaviour.trust.decay"
    assert setting_id(Segment, "share") == "population.segments[].share"
    assert setting_id(Broadcast, "content_quality") == "levers.broadcast.content_quality"
    assert setting_id(Moments, "content_quality") == "levers.moments.content_quality"
    assert setting_id(Schedule, "start") == "levers.*.schedule.start"  # every lever's schedule
    assert setting_id(Broadcast, "schedule") == setting_id(Moments, "schedule") == "levers.*.schedule"


def test_an_edited_english_description_keeps_its_chinese():
    """The words are keyed by the setting, not by its English: a description edited (a citation
    corrected) is still translated; a setting renamed is not."""
    from siyu_sim.rules.trust import TrustParams

    key = setting_id(TrustParams, "decay")
    english = TrustParams.model_fields["decay"].description
    assert setting_description(key, english + " (edited)", "zh") == SETTING_DESCRIPTIONS[key]["zh"]
    assert setting_description("behaviour.trust.renamed", english, "zh") == english


@pytest.mark.parametrize("model,name,field", [(m, n, f) for m, n, f in FIELDS if unit(f)],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_setting_unit_has_chinese(model, name, field):
    assert unit(field) in SETTING_UNITS, f"{model}.{name}: no Chinese for unit {unit(field)!r}"
    assert CJK.search(setting_unit(unit(field), "zh")) or re.search(r"[σ×]", setting_unit(unit(field), "zh"))
    assert setting_unit(unit(field), "en") == unit(field)


def test_every_leaf_of_a_scenario_file_is_covered():
    """The walker files, errors and the app use: every settable key of a scenario, levers and
    segments included, finds its words through its id."""
    for leaf in leaves(Scenario, presets.load("nurture").to_dict()).values():
        if leaf.info.description:
            assert leaf.id in SETTING_DESCRIPTIONS, leaf.path


def test_no_translation_is_left_over_from_a_removed_setting():
    """An entry whose id no setting has (a setting renamed or removed) fails: orphans are found."""
    assert not set(SETTING_DESCRIPTIONS) - {key for key, _ in _described()}


def test_chinese_descriptions_keep_their_sources():
    """DOMAIN article numbers and cited years stay in the Chinese text: an English citation
    edited without its translation fails here."""
    for key, en in _described():
        zh = SETTING_DESCRIPTIONS[key]["zh"]
        for ref in re.findall(r"DOMAIN [0-9/]+", en):
            assert ref in zh, (key, ref)
        for year in re.findall(r"\b(?:19|20)\d\d\b", en):
            assert year in zh, (key, year)
        assert ("DOMAIN" in en) == ("DOMAIN" in zh), key


def test_a_description_not_listed_comes_back_unchanged():
    assert setting_description(None, "A plug-in's setting.", "zh") == "A plug-in's setting."


def test_shipped_scenario_descriptions_match_their_files():
    from siyu_sim.words import scenario_label

    for name in presets.shipped_names():
        assert scenario_label(name, "en") == name
        assert CJK.search(scenario_label(name, "zh")), f"{name}: no Chinese display name"
        sc = presets.load(name)
        assert SCENARIO_DESCRIPTIONS[name]["en"] == sc.description, name
        assert CJK.search(scenario_description(name, sc.description, "zh"))
        assert scenario_description(name, "my own words", "zh") == "my own words"


def _settings_text(page: str) -> str:
    """The text of the assumptions section and of the appendix (where its settings tables go),
    without the scenario files (shown as written) and scripts."""
    i = page.index('<section id="assumptions"')
    j = page.index('<div class="appendix" id="appendix">')
    body = page[i:page.index("</section>", i)] + page[j:]
    body = re.sub(r"<(pre|script)\b.*?</\1>", "", body, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.fixture(scope="module")
def assumptions(tmp_path_factory):
    def small(name: str) -> Scenario:
        data = presets.load(name).to_dict()
        data["days"], data["population"]["customers"] = 30, 300
        return Scenario.from_dict(data)

    result = compare([small("nurture"), small("harvest")], reps=1)
    out = tmp_path_factory.mktemp("zhwords")
    meta = {"version": "test", "date": "2025-01-02"}
    return {lang: _settings_text(report_comparison(result, out / f"{lang}.html", lang=lang, meta=meta)
                                 .read_text("utf-8")) for lang in ("en", "zh")}


def test_the_chinese_assumptions_page_shows_chinese_units_and_descriptions(assumptions):
    zh, en = assumptions["zh"], assumptions["en"]
    known = "Members per community group; WeChat caps a group at 500 (DOMAIN 004)."
    assert SETTING_DESCRIPTIONS["behaviour.groups.capacity"]["zh"] in zh
    assert known not in zh and known in en
    coupon = "Discount depth."
    assert coupon in en and coupon not in zh and "折扣力度。" in zh
    assert "元/单" in zh and "CNY per order" not in zh
    assert "CNY per order" in en and "元/单" not in en
    nurture = SCENARIO_DESCRIPTIONS["nurture"]
    assert nurture["zh"] in zh and nurture["en"] not in zh and nurture["en"] in en
    # no English description of any setting is left on the Chinese page
    assert not [en for _, en in _described() if en in zh]
