"""Type aliases for annotating code that uses the library, with MyGrad's names.

=================  ==========================================================
``ArrayLike``      a tensor, an ndarray, a scalar or a (nested) sequence of them
``DTypeLike``      anything ``numpy.dtype`` accepts
``DTypeLikeReals`` a dtype of real numbers (bool, int, float), or its name/type
``Index``          a basic or advanced index (``x[index]``)
``Mask``           a boolean mask (``where=``)
``Real``           a Python or NumPy real number
``Shape``          a tuple of ints (``x.shape``)
=================  ==========================================================

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.typing import ArrayLike
>>> def double(x: ArrayLike) -> mg.Tensor:
...     return 2 * mg.astensor(x)
>>> double([1.0, 2.0])
Tensor([2., 4.])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

import numpy as np
from numpy.typing import ArrayLike as _NumpyArrayLike
from numpy.typing import DTypeLike

if TYPE_CHECKING:  # pragma: no cover
    from .tensor import Tensor

__all__ = ["ArrayLike", "DTypeLike", "DTypeLikeReals", "Index", "Mask", "Real", "Shape"]

Real = Union[int, float, np.integer, np.floating, np.bool_]
ArrayLike = Union["Tensor", _NumpyArrayLike]
DTypeLikeReals = Union[
    type[bool],
    type[int],
    type[float],
    type[np.bool_],
    type[np.integer],
    type[np.floating],
    np.dtype,
    str,
    None,
]
Shape = tuple[int, ...]
_BasicIndex = Union[int, slice, None, "type[Ellipsis]"]
Index = Union[_BasicIndex, tuple, Sequence[int], np.ndarray, "Tensor"]
Mask = Union[bool, np.bool_, np.ndarray, Sequence[bool], "Tensor"]
