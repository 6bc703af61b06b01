"""MyGrad's module path ``tensor_base``: the :class:`~mygrad_like.Tensor` and its converters.

Examples
--------
>>> from mygrad_like.tensor_base import Tensor
>>> Tensor([1.0, 2.0]) * 2
Tensor([2., 4.])
"""

from ._numpy_dispatch import implements_numpy_override
from .tensor import Tensor, asarray, astensor, tensor

__all__ = ["Tensor", "asarray", "astensor", "tensor", "implements_numpy_override"]
