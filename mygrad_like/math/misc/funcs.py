"""Absolute values, roots, extrema, clipping and matrix products, under MyGrad's path ``mygrad_like.math.misc.funcs``.

The same functions as at the top level (``mygrad_like.maximum`` is ``funcs.maximum``).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.misc import funcs
>>> funcs.maximum(mg.tensor([1.0, 5.0]), 2.0)
Tensor([2., 5.])
"""

from ... import abs, absolute, cbrt, clip, matmul, maximum, minimum, multi_matmul, sqrt  # noqa: A004

__all__ = ["abs", "absolute", "cbrt", "clip", "sqrt", "maximum", "minimum", "matmul", "multi_matmul"]
