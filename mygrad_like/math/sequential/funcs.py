"""Reductions along axes: sums, means, extrema, variances, cumulative sums and products, under MyGrad's path ``mygrad_like.math.sequential.funcs``.

The same functions as at the top level (``mygrad_like.sum`` is ``funcs.sum``).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.sequential import funcs
>>> funcs.sum(mg.tensor([1.0, 2.0]))
Tensor(3.)
"""

from ... import amax, amin, cumprod, cumsum, max, mean, min, prod, std, sum, var  # noqa: A004

__all__ = ["sum", "mean", "var", "std", "amax", "amin", "max", "min", "prod", "cumprod", "cumsum"]
