"""NumPy's constants under MyGrad's path ``mygrad_like.math.consts``.

Examples
--------
>>> from mygrad_like.math.consts import pi
>>> round(pi, 4)
3.1416
"""

from numpy import e, euler_gamma, inf, nan, newaxis, pi

__all__ = ["e", "euler_gamma", "inf", "nan", "newaxis", "pi"]
