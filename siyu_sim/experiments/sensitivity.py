"""Global sensitivity analysis with SALib: Sobol (S1, ST with intervals) and Morris (μ*, σ).

The experiment's design (``method = "sobol"`` or ``"morris"``) fixes the sample matrix in
SALib's order; each row is one setting. Replications are averaged first, so SALib gets one
finite scalar per row, in order, per scenario and output metric.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..config.problems import listed
from .design import design_seed
from .summary import final_rows


class SensitivityError(ValueError):
    pass


def responses(frame: pd.DataFrame, n_settings: int, output: str, scenario: str) -> np.ndarray:
    """Mean over replications of ``output`` at the horizon, one value per setting, in order."""
    final = final_rows(frame[frame.scenario == scenario])
    y = final.groupby("setting")[output].mean().reindex(range(n_settings))
    missing = [int(s) for s in y.index[y.isna()]]
    if missing:
        raise SensitivityError(f"{scenario}/{output}: no finished runs for settings {listed(missing)}; "
                               "resume the sweep first")
    values = y.to_numpy(dtype=float)
    bad = np.flatnonzero(~np.isfinite(values))
    if len(bad):
        raise SensitivityError(f"{scenario}/{output}: not finite at settings {listed(bad.tolist())}; "
                               "SALib needs one finite number per sample")
    return values


def analyse(problem: dict, method: str, matrix: np.ndarray, y: np.ndarray, *, root_seed: int,
            second_order: bool = False, levels: int = 4, conf: float = 0.95) -> pd.DataFrame:
    """Tidy indices for one output: factor, index, value, conf (half width), low, high."""
    seed = design_seed(root_seed)
    rows = []
    if method == "sobol":
        from SALib.analyze import sobol

        res = sobol.analyze(problem, y, calc_second_order=second_order, conf_level=conf,
                            seed=seed, print_to_console=False)
        for i, name in enumerate(problem["names"]):
            for idx in ("S1", "ST"):
                v, c = float(res[idx][i]), float(res[f"{idx}_conf"][i])
                rows.append({"factor": name, "index": idx, "value": v, "conf": c,
                             "low": v - c, "high": v + c})
    elif method == "morris":
        from SALib.analyze import morris

        res = morris.analyze(problem, np.asarray(matrix), y, conf_level=conf, num_levels=levels,
                             seed=seed, print_to_console=False)
        for i, name in enumerate(problem["names"]):
            ms, mc = float(res["mu_star"][i]), float(res["mu_star_conf"][i])
            rows.append({"factor": name, "index": "mu_star", "value": ms, "conf": mc,
                         "low": ms - mc, "high": ms + mc})
            rows.append({"factor": name, "index": "sigma", "value": float(res["sigma"][i]),
                         "conf": float("nan"), "low": float("nan"), "high": float("nan")})
    else:
        raise SensitivityError(f"method {method!r} is not a sensitivity design; use sobol or morris")
    return pd.DataFrame(rows)


def sensitivity_table(folder: str | Path, *, export: bool = False) -> pd.DataFrame:
    """Indices for every scenario × output of a finished sobol/morris sweep (tidy:
    scenario, output, method, factor, path, index, value, conf, low, high, rank)."""
    from .store import ResultStore

    store = ResultStore(folder)
    meta = store.experiment_meta()
    method = meta["design"]["method"]
    if method not in ("sobol", "morris"):
        raise SensitivityError(f"{meta['experiment_file']}: design.method is {method!r}; "
                               "sensitivity needs design.method = \"sobol\" or \"morris\"")
    factors = [f for f in meta["factors"] if not f.get("expression")]  # derived ones were computed, not drawn
    problem = {"num_vars": len(factors), "names": [f["name"] for f in factors],
               "bounds": [f["range"] for f in factors]}
    matrix = np.asarray(meta["unit_settings"], dtype=float)
    frame = store.read()
    out = []
    for scenario in meta["scenarios"]:
        for output in meta["outputs"]:
            y = responses(frame, len(meta["settings"]), output, scenario)
            t = analyse(problem, method, matrix, y, root_seed=meta["root_seed"],
                        second_order=meta["design"]["second_order"], levels=meta["design"]["levels"])
            t.insert(0, "method", method)
            t.insert(0, "output", output)
            t.insert(0, "scenario", scenario)
            t["path"] = t["factor"].map({f["name"]: f["path"] for f in factors})
            key = "ST" if method == "sobol" else "mu_star"
            order = t[t["index"] == key].sort_values("value", ascending=False)["factor"].tolist()
            t["rank"] = t["factor"].map({f: i + 1 for i, f in enumerate(order)})
            out.append(t)
    table = pd.concat(out, ignore_index=True)
    if export:
        store.export_csv("sensitivity", table)
    return table


def ranked_text(table: pd.DataFrame, lang: str = "en") -> str:
    """A ranked plain-text printout: what the answer depends on, per scenario and output,
    factors by ST (or μ*), most influential first."""
    from ..metrics import label as metric_label
    from ..words import scenario_label, t

    head = t("sw_ranked_factor", lang)
    lines = [t("sw_ranked_head", lang), ""]
    for (scenario, output), g in table.groupby(["scenario", "output"], sort=False):
        method = g["method"].iloc[0]
        lines.append(t("sw_ranked_line", lang, scenario=scenario_label(scenario, lang), column=output,
                       label=metric_label(output, lang) or output, method=method))
        wide = g.pivot_table(index=["rank", "factor"], columns="index", values=["value", "conf"],
                             aggfunc="first").sort_index()
        if method == "sobol":
            lines.append(f"  {'#':>2}  {head:<44}{'ST':>8} {'±':>6}{'S1':>8} {'±':>6}")
            for (rank, factor), row in wide.iterrows():
                lines.append(f"  {rank:>2}  {factor:<44}{row[('value', 'ST')]:>8.3f} {row[('conf', 'ST')]:>6.3f}"
                             f"{row[('value', 'S1')]:>8.3f} {row[('conf', 'S1')]:>6.3f}")
        else:
            lines.append(f"  {'#':>2}  {head:<44}{'mu*':>12} {'±':>10}{'sigma':>12}")
            for (rank, factor), row in wide.iterrows():
                lines.append(f"  {rank:>2}  {factor:<44}{row[('value', 'mu_star')]:>12.4g} "
                             f"{row[('conf', 'mu_star')]:>10.3g}{row[('value', 'sigma')]:>12.4g}")
        lines.append("")
    return "\n".join(lines)
