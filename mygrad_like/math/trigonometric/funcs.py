"""Trigonometric functions and their inverses, under MyGrad's path ``mygrad_like.math.trigonometric.funcs``.

The same functions as at the top level (``mygrad_like.sin`` is ``funcs.sin``).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.trigonometric import funcs
>>> funcs.sin(mg.tensor([0.0]))
Tensor([0.])
"""

from ... import arccos, arccot, arccsc, arcsec, arcsin, arctan, arctan2, cos, cot, csc, sec, sin, sinc, tan

__all__ = [
    "sin",
    "sinc",
    "cos",
    "tan",
    "cot",
    "csc",
    "sec",
    "arccos",
    "arccsc",
    "arcsin",
    "arctan",
    "arcsec",
    "arccot",
    "arctan2",
]
