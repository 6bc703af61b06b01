"""MyGrad's module path ``mygrad_like.nnet.layers.utils``: :func:`sliding_window_view`.

Examples
--------
>>> import numpy as np
>>> from mygrad_like.nnet.layers.utils import sliding_window_view
>>> sliding_window_view(np.arange(4), window_shape=(2,), step=(2,))
array([[0, 1],
       [2, 3]])
"""

from ...sliding_window import sliding_window_view

__all__ = ["sliding_window_view"]
