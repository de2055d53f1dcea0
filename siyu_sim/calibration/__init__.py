"""Calibration: fit a scenario's parameters to a brand's own numbers, and check the model
against real customers' data (docs/calibration.md, docs/validation.md)."""
