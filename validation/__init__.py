"""The model checked against real customers (docs/validation.md, "Real customers: CDNOW"):
research code beside the package, not part of it. ``cohort`` reads a cohort of customers
followed from their first purchase; ``cohort_model`` runs and fits the model's
purchase-and-leaving process on it; ``cohort_compare`` puts the fit beside BG/NBD
(``siyu_sim.calibration.bgnbd``). Used by tests/test_cdnow.py, tests/test_bgnbd.py and
docs/figures/cdnow.py; importable from the repository's root (pytest puts it on the path:
pyproject.toml).
"""
