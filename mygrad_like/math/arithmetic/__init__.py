"""Arithmetic: sums, differences, products, quotients, powers. MyGrad's path ``mygrad_like.math.arithmetic`` (see :mod:`.funcs`)."""

from . import funcs  # noqa: F401
