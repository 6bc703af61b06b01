"""Exponentials and logarithms. MyGrad's path ``mygrad_like.math.exp_log`` (see :mod:`.funcs`)."""

from . import funcs  # noqa: F401
