"""Trigonometric functions and their inverses. MyGrad's path ``mygrad_like.math.trigonometric`` (see :mod:`.funcs`)."""

from . import funcs  # noqa: F401
