"""MyGrad's module paths ``mygrad_like.math.*``: the mathematical functions grouped by family.

The functions are the top-level ones (``mygrad_like.math.arithmetic.funcs.add is
mygrad_like.add``); these modules exist so that code importing from MyGrad's paths runs.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.math.exp_log.funcs import log
>>> log is mg.log
True
"""

from . import arithmetic, consts, exp_log, hyperbolic_trig, misc, nondifferentiable, sequential, trigonometric  # noqa: F401
