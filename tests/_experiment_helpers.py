"""Helpers shared by the experiment tests: tiny experiment files."""

from __future__ import annotations

from pathlib import Path

TINY_SET = '''
[set]
"population.customers" = {customers}
days = {days}
'''


def write_experiment(folder: Path, body: str, *, name: str = "tiny", scenarios: str = '["nurture"]',
                     replications: int = 2, root_seed: int = 11, metrics: str = "final",
                     customers: int = 150, days: int = 20) -> Path:
    text = (f'name = "{name}"\nscenarios = {scenarios}\nreplications = {replications}\n'
            f'root_seed = {root_seed}\nmetrics = "{metrics}"\n'
            + TINY_SET.format(customers=customers, days=days) + body)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path
