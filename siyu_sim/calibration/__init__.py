"""Calibration: fit a scenario's parameters to a brand's own numbers (docs/calibration.md),
and the BG/NBD model of repeat buying (``bgnbd``) to fit to transactions. The model checked
against real customers' data lives outside the package (``validation/``, docs/validation.md)."""
