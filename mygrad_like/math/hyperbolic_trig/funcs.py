"""Hyperbolic functions and their inverses, under MyGrad's path ``mygrad_like.math.hyperbolic_trig.funcs``.

The same functions as at the top level (``mygrad_like.tanh`` is ``funcs.tanh``).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.hyperbolic_trig import funcs
>>> funcs.tanh(mg.tensor([0.0]))
Tensor([0.])
"""

from ... import arccosh, arccoth, arccsch, arcsinh, arctanh, cosh, coth, csch, sech, sinh, tanh

__all__ = [
    "arccosh",
    "arccoth",
    "arccsch",
    "arcsinh",
    "arctanh",
    "cosh",
    "coth",
    "csch",
    "sech",
    "sinh",
    "tanh",
]
