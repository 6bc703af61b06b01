"""The library's public exception classes, named as MyGrad names them.

Each is also a subclass of the built-in exception that code written without them
would catch (``ValueError`` or ``TypeError``), so ``except ValueError`` keeps working.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.errors import InvalidGradient
>>> x = mg.tensor([1.0, 2.0])
>>> try:
...     (x * x).backward(grad=[1.0, 2.0, 3.0])
... except InvalidGradient as e:
...     print(type(e).__name__)
InvalidGradient
"""

from __future__ import annotations

__all__ = ["MyGradException", "InvalidBackprop", "InvalidGradient", "DisconnectedView"]


class MyGradException(Exception):
    """Base class of the library's own exceptions."""


class InvalidBackprop(MyGradException, RuntimeError):
    """A backward pass that cannot be run (e.g. through a graph already freed)."""


class InvalidGradient(MyGradException, ValueError):
    """A gradient (a seed or an operation's result) of the wrong shape or kind."""


class DisconnectedView(MyGradException, RuntimeError):
    """A view whose connection to its base was cut (its graph was cleared)."""
