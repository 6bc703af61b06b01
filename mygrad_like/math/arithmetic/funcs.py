"""Arithmetic: sums, differences, products, quotients, powers, under MyGrad's path ``mygrad_like.math.arithmetic.funcs``.

The same functions as at the top level (``mygrad_like.add`` is ``funcs.add``).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.arithmetic import funcs
>>> funcs.add(mg.tensor([1.0, 2.0]), 1.0)
Tensor([2., 3.])
"""

from ... import (
    add,
    add_sequence,
    divide,
    multiply,
    multiply_sequence,
    negative,
    positive,
    power,
    reciprocal,
    square,
    subtract,
    true_divide,
)

__all__ = [
    "add",
    "add_sequence",
    "divide",
    "multiply",
    "multiply_sequence",
    "negative",
    "positive",
    "power",
    "reciprocal",
    "square",
    "subtract",
    "true_divide",
]
