"""Absolute values, roots, extrema, clipping and matrix products. MyGrad's path ``mygrad_like.math.misc`` (see :mod:`.funcs`)."""

from . import funcs  # noqa: F401
