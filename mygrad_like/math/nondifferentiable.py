"""Functions of a tensor's values without a gradient, under MyGrad's path
``mygrad_like.math.nondifferentiable``.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.nondifferentiable import argmax
>>> argmax(mg.tensor([1.0, 3.0, 2.0]))
np.int64(1)
"""

from .. import any, argmax, argmin  # noqa: A004

__all__ = ["any", "argmax", "argmin"]
