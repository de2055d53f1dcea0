"""The words of scenario discovery (``siyu discover``): where a condition holds, in boxes of the
inputs a strategist can repeat."""

from __future__ import annotations

DISCOVERY: dict[str, dict[str, str]] = {
    "dc_title": {"en": "Where does it hold?", "zh": "在什么情况下成立？"},
    "dc_head": {"en": "{where}: holds in {holds} of {cases} cases ({share}); a case is one world the sweep ran "
                      "(the mean of its {reps} replications).",
                "zh": "{where}：在 {cases} 个情形中有 {holds} 个成立（{share}）；每个情形是该扫描运行的一个世界（其 "
                      "{reps} 次重复运行的均值）。"},
    "dc_everywhere": {"en": "It holds in every case: no region to find.", "zh": "在所有情形中都成立：无需寻找区域。"},
    "dc_nowhere": {"en": "It holds in no case: no region to find.", "zh": "在任何情形中都不成立：无需寻找区域。"},
    "dc_prim": {"en": "PRIM: where {limits}, it holds in {density} of the cases ({inside} cases, {coverage} of all "
                      "the cases where it holds).",
                "zh": "PRIM：当{limits}时，{density} 的情形成立（共 {inside} 个情形，占全部成立情形的 {coverage}）。"},
    "dc_prim_none": {"en": "PRIM: no box the cases support (every limit it peeled could be chance: quasi-p above "
                           "{qp}).",
                     "zh": "PRIM：没有情形足以支持的区域（剥离出的每个边界都可能出于偶然：准 p 值高于 {qp}）。"},
    "dc_cart_head": {"en": "CART (a decision tree, depth {depth}): where it holds for most cases:",
                     "zh": "CART（决策树，深度 {depth}）：多数情形成立的区域："},
    "dc_cart_line": {"en": "  where {limits}: holds in {density} ({inside} cases, {coverage} of all where it holds)",
                     "zh": "  当{limits}时：{density} 成立（{inside} 个情形，占全部成立情形的 {coverage}）"},
    "dc_cart_none": {"en": "CART: no leaf where it holds for most cases.", "zh": "CART：没有多数情形成立的叶节点。"},
    "dc_between": {"en": "{name} is between {low} and {high}", "zh": "{name}介于 {low} 与 {high} 之间"},
    "dc_at_least": {"en": "{name} is at least {low}", "zh": "{name}不低于 {low}"},
    "dc_at_most": {"en": "{name} is at most {high}", "zh": "{name}不高于 {high}"},
    "dc_and": {"en": " and ", "zh": "且"},
    "dc_quasi_p": {"en": "quasi-p of each PRIM limit (how likely a limit this tight is by chance): {values}.",
                   "zh": "PRIM 各边界的准 p 值（如此紧的边界偶然出现的可能性）：{values}。"},
    "dc_caveat": {"en": "A box is as good as the sweep's spread of the inputs: with {cases} cases a limit can sit "
                         "where there is simply no case beyond it; more markets (design.markets) tighten it.",
                  "zh": "区域的可靠程度取决于扫描对输入的覆盖：只有 {cases} 个情形时，边界可能只是因为其外没有情形；"
                        "更多市场（design.markets）能让边界更准确。"},
    "dc_trajectory": {"en": "The peeling trajectory: each point a box, from the whole (right) to the densest "
                            "(top); the ringed one is reported: the greatest coverage at the density asked, with "
                            "the limits the cases do not support (quasi-p above {qp}) dropped.",
                      "zh": "剥离轨迹：每个点是一个区域，从整体（右）到最集中（上）；带圈的点为所报告的区域：在所要求的"
                            "密度下覆盖率最高，并去掉了情形不足以支持的边界（准 p 值高于 {qp}）。"},
    "dc_coverage": {"en": "coverage (share of the cases where it holds that the box holds)",
                    "zh": "覆盖率（区域内成立情形占全部成立情形的比例）"},
    "dc_density": {"en": "density (share of the box's cases where it holds)",
                   "zh": "密度（区域内情形中成立的比例）"},
    "dc_restricted": {"en": "restricted inputs", "zh": "受限输入数"},
    "dc_col_input": {"en": "input", "zh": "输入"},
    "dc_col_low": {"en": "from", "zh": "下限"},
    "dc_col_high": {"en": "to", "zh": "上限"},
    "dc_col_qp": {"en": "quasi-p", "zh": "准 p 值"},
    "dc_sec_prim": {"en": "PRIM: the box", "zh": "PRIM：区域"},
    "dc_sec_cart": {"en": "CART: the leaves where it holds", "zh": "CART：成立的叶节点"},
    "dc_sec_methods": {"en": "What the methods assume", "zh": "方法的假设"},
    "dc_methods": {"en": "PRIM (Friedman & Fisher 1999; the prim package, EMA Workbench's implementation) peels "
                         "thin slices off the inputs' range, a few per cent of the cases at a time, keeping the "
                         "peel that raises the box's density the most; scenario discovery (Bryant & Lempert 2010) "
                         "reads its trajectory as a trade-off of coverage against density. CART (Breiman et al. "
                         "1984; scikit-learn) splits the inputs one at a time. Both see only the cases the sweep "
                         "ran: an assumption's range is what its declaration says, and luck that the replications "
                         "did not average away can blur a limit.",
                   "zh": "PRIM（Friedman 与 Fisher 1999；prim 软件包，即 EMA Workbench 的实现）每次从输入范围剥去"
                         "一小片（几个百分点的情形），保留最能提高区域密度的那一片；情景发现（Bryant 与 Lempert 2010）"
                         "把它的轨迹看作覆盖率与密度的权衡。CART（Breiman 等 1984；scikit-learn）每次按一个输入切分。"
                         "两者都只看到扫描运行过的情形：假设的范围就是其声明的范围，重复运行没有平均掉的运气可能"
                         "使边界变得模糊。"},
    "dc_report_title": {"en": "Scenario discovery: where it holds", "zh": "情景发现：在什么情况下成立"},
    "dc_wrote": {"en": "Wrote {paths}", "zh": "已写入 {paths}"},
}
