"""Scenario and experiment files: one reader, one error type, one schema walker.

- ``problems``: ``Problem`` (one thing wrong: key path, value, allowed, did-you-mean),
  ``ConfigError`` and its kinds ``ScenarioError`` / ``ExperimentError``, ``closest``;
- ``toml_files``: the TOML reader of both kinds of file;
- ``schema_info``: the schema walker (what a key allows; every settable dotted path);
- ``pydantic_errors``: pydantic's validation errors → Problems;
- ``scenario_files``: scenario TOML ↔ validated ``Scenario``; ``overrides``: ``--set`` paths;
- ``presets``: the shipped scenarios, and ``resolve``, the one resolver of scenario names;
- ``experiment_schema``, ``experiment_checks``, ``experiment``, ``experiment_files``: an
  experiment file's keys, its checks against the scenarios, the resolved ``Experiment``, and
  the reader (the settings its design chooses are ``experiments.design``'s);
- ``schema_docs``: the reference tables of docs/ generated from the scenario and experiment schemas.

config/ sits above the model core and below experiments/, compare/, report/ and cli/.
"""

from .problems import ConfigError, ExperimentError, Problem, ScenarioError

__all__ = ["ConfigError", "ExperimentError", "Problem", "ScenarioError"]
