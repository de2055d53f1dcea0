"""Benchmarks for siyu_sim: ``python -m benchmarks`` (``--quick`` for a smoke run).

Every figure is measured in the same run, side by side (shared machines are noisy: never
compare with a number measured earlier). See docs/performance.md.
"""
