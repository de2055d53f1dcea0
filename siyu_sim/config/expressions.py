"""Expressions over an experiment's factors: derived factors (``expression``) and constraints.

Evaluated by pandas (``DataFrame.eval``, its Python engine) over a table with one row per setting
and one column per factor, so a whole design is computed at once. What may be written is
pandas' expression language: numbers, factor names (a name with dots in `backticks`),
+ - * / ** %, comparisons, & | ~ (and, or, not), and its functions (sqrt, log, exp, abs,
floor, ceil, …); attribute access is refused before pandas sees the text.
"""

from __future__ import annotations

import ast

import pandas as pd

FUNCTIONS = "sqrt, log, exp, abs, floor, ceil"
ALLOWED = ("factor names (a name with dots in `backticks`), numbers, + - * / ** %, comparisons, "
           f"& | ~ (and, or, not), {FUNCTIONS}")


class ExpressionError(ValueError):
    """An expression pandas cannot evaluate over the factors: why, in one line."""


def evaluate(frame: pd.DataFrame, text: str) -> pd.Series:
    """``text`` evaluated on every row of ``frame`` (columns: factor names); a Series."""
    try:
        tree = ast.parse(_unquote(text), mode="eval")
    except SyntaxError:
        raise ExpressionError("is not an expression (check brackets and operators)") from None
    if any(isinstance(node, ast.Attribute) for node in ast.walk(tree)):
        raise ExpressionError("uses attribute access (a '.' outside `backticks`): write a name with dots "
                              "in `backticks`")
    try:
        value = frame.eval(text, engine="python")
    except pd.errors.UndefinedVariableError as exc:
        raise ExpressionError(f"{exc} (the factors are: {', '.join(frame.columns) or 'none'})") from None
    except (SyntaxError, ValueError, TypeError, KeyError, NotImplementedError) as exc:
        raise ExpressionError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    if not isinstance(value, pd.Series):  # a constant: the same for every setting
        value = pd.Series([value] * len(frame), index=frame.index)
    return value


def _unquote(text: str) -> str:
    """``text`` with every `backticked name` made a plain one, for the syntax check alone."""
    parts = text.split("`")
    return "".join(p if i % 2 == 0 else "_" * max(1, len(p)) for i, p in enumerate(parts))
