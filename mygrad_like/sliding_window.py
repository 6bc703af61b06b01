"""``sliding_window_view``: MyGrad's strided window view of an array (no autodiff, no copy).

The window geometry (the output-grid rule, the strided view) is the convolution's own,
from :mod:`mygrad_like.nnet._windows`; this module only canonicalises the arguments and
puts the grid axes first, where MyGrad puts them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validation import data_of
from .nnet._windows import as_int_tuple, make_geometry, window_view
from .tensor import Tensor

__all__ = ["sliding_window_view"]


def sliding_window_view(arr: Any, window_shape: Any, step: Any, dilation: Any = None) -> np.ndarray:
    """A read-only view of the windows of ``arr`` sliding over its trailing axes.

    Parameters
    ----------
    arr : array_like, shape (..., X1, ..., Xd)
        An array, or a constant tensor (its data is used). The window slides over the
        last ``d = len(window_shape)`` axes.
    window_shape : int or sequence of int
        ``(K1, ..., Kd)``: the window's size along each of those axes (positive).
    step : int or sequence of int
        The stride of the window along each axis (one int for all), positive.
    dilation : int or sequence of int, optional
        The spacing between the elements of a window along each axis (default 1).

    Returns
    -------
    numpy.ndarray, shape (G1, ..., Gd, ..., K1, ..., Kd)
        A read-only view of ``arr`` (no copy, whatever its strides): the grid of window
        positions first, then ``arr``'s leading axes, then the window, as in MyGrad.
        ``G = (X - dilation * (K - 1) - 1) // step + 1`` along each axis (positions that
        do not fit are dropped), and, per axis,
        ``out[g, ..., k] == arr[..., g * step + k * dilation]``.

    Raises
    ------
    TypeError
        If ``arr`` is a tensor that takes part in autodiff (the view has no gradient: pass
        ``arr.data`` to mean it), or an argument is not made of ints.
    ValueError
        If a size is not positive, a sequence has the wrong length, or the (dilated)
        window is larger than ``arr`` along some axis.

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> x = np.arange(10)
    >>> mg.sliding_window_view(x, window_shape=(3,), step=2)
    array([[0, 1, 2],
           [2, 3, 4],
           [4, 5, 6],
           [6, 7, 8]])
    >>> mg.sliding_window_view(x, (3,), step=3, dilation=2)
    array([[0, 2, 4],
           [3, 5, 7]])
    >>> images = np.zeros((8, 3, 6, 6))  # (N, C, H, W)
    >>> mg.sliding_window_view(images, (2, 2), step=2).shape  # (Gh, Gw, N, C, Kh, Kw)
    (3, 3, 8, 3, 2, 2)
    """
    if isinstance(arr, Tensor) and not arr.constant:
        raise TypeError(
            "arr is a tensor that takes part in autodiff, but sliding_window_view returns a plain "
            "array without a gradient: pass arr.data to use its values"
        )
    arr = np.asarray(data_of(arr))
    if isinstance(window_shape, (int, np.integer)) and not isinstance(window_shape, (bool, np.bool_)):
        entries: tuple = (window_shape,)
    elif isinstance(window_shape, (str, bytes)) or not hasattr(window_shape, "__iter__"):
        raise TypeError(
            f"window_shape must be an int or a sequence of ints; got window_shape={window_shape!r}"
        )
    else:
        entries = tuple(window_shape)
    kernel = as_int_tuple(entries, len(entries), "window_shape")
    d = len(kernel)
    if d == 0:
        raise ValueError("window_shape must have at least one entry; got window_shape=()")
    if d > arr.ndim:
        raise ValueError(
            f"window_shape={window_shape!r} has {d} entries but arr has only {arr.ndim} dimension(s)"
        )
    stride = as_int_tuple(step, d, "step")
    dil = as_int_tuple(1 if dilation is None else dilation, d, "dilation")
    geom = make_geometry(arr.shape[arr.ndim - d :], kernel, stride, dil, ((0, 0),) * d, name="window_shape")
    view = window_view(arr, geom)  # (..., *G, *K)
    lead = arr.ndim - d
    return np.moveaxis(view, range(lead, lead + d), range(d))
