"""The key tables of docs/experiments.md, generated from the experiment file's schema."""

from __future__ import annotations

import json

from pydantic import BaseModel

from .experiment_schema import DesignSpec, DistributionSpec, ExperimentFile, FactorSpec


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
                ("`[design]`", DesignSpec), ("`distribution = {...}` of a factor", DistributionSpec)]
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
