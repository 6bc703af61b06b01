"""Exponentials and logarithms, under MyGrad's path ``mygrad_like.math.exp_log.funcs``.

The same functions as at the top level (``mygrad_like.exp`` is ``funcs.exp``).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.exp_log import funcs
>>> funcs.exp(mg.tensor([0.0]))
Tensor([1.])
"""

from ... import exp, exp2, expm1, log, log1p, log2, log10, logaddexp, logaddexp2

__all__ = ["exp", "exp2", "expm1", "logaddexp", "logaddexp2", "log", "log2", "log10", "log1p"]
