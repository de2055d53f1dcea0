"""Discovery's findings in words, the same in the terminal and the report."""

from __future__ import annotations

from ..words import number, percent, t
from .boxes import CART_DEPTH, QP_MAX, Box, Discovery, Limit
from .cases import Cases

MAX_CART_LINES = 4


def limit_value(cases: Cases, name: str, v: float, lang: str) -> str:
    """A limit's value as a reader sees it: a multiplier with ×, a joint set by its number."""
    return f"×{number(v, lang)}" if name in cases.multiplier else number(v, lang)


def limits_text(cases: Cases, limits: list[Limit], lang: str) -> str:
    """"trust's effect on buying is at most 0.31 and paid ads' cost per new customer is at least 410"."""
    parts = []
    for lim in limits:
        name = cases.labels.get(lim.name, {}).get(lang, lim.name)
        lo = limit_value(cases, lim.name, lim.low, lang) if lim.low is not None else None
        hi = limit_value(cases, lim.name, lim.high, lang) if lim.high is not None else None
        key = "dc_between" if lo and hi else "dc_at_least" if lo else "dc_at_most"
        parts.append(t(key, lang, name=name, low=lo, high=hi))
    return t("dc_and", lang).join(parts)


def lines(d: Discovery, cases: Cases, lang: str = "en") -> list[str]:
    out = [t("dc_head", lang, where=d.where, holds=d.holds, cases=d.cases, share=percent(d.share),
             reps=cases.replications)]
    if d.holds == d.cases or d.holds == 0:
        out.append(t("dc_everywhere" if d.holds else "dc_nowhere", lang))
        return out
    if d.prim is not None:
        out.append(_box_line("dc_prim", d.prim, cases, lang) if d.prim.limits else t("dc_prim_none", lang, qp=QP_MAX))
        if d.prim.limits:
            out.append(t("dc_quasi_p", lang, values=", ".join(
                f"{cases.labels.get(lim.name, {}).get(lang, lim.name)} {lim.qp:.2g}" for lim in d.prim.limits)))
    if d.cart:
        out.append(t("dc_cart_head", lang, depth=CART_DEPTH))
        out += [_box_line("dc_cart_line", b, cases, lang) for b in d.cart[:MAX_CART_LINES]]
    elif d.prim is not None:
        out.append(t("dc_cart_none", lang))
    out.append(t("dc_caveat", lang, cases=d.cases))
    return out


def _box_line(key: str, box: Box, cases: Cases, lang: str) -> str:
    return t(key, lang, limits=limits_text(cases, box.limits, lang), density=percent(box.density),
             inside=box.cases, coverage=percent(box.coverage))
