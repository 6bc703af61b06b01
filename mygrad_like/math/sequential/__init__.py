"""Reductions along axes: sums, means, extrema, variances, cumulative sums and products. MyGrad's path ``mygrad_like.math.sequential`` (see :mod:`.funcs`)."""

from . import funcs  # noqa: F401
