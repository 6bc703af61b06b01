"""Hyperbolic functions and their inverses. MyGrad's path ``mygrad_like.math.hyperbolic_trig`` (see :mod:`.funcs`)."""

from . import funcs  # noqa: F401
