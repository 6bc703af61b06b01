"""MyGrad's module path ``mygrad_like.nnet.layers``: convolution, pooling and batch normalisation.

Examples
--------
>>> import mygrad_like as mg
>>> x = mg.ones((1, 1, 4))
>>> mg.nnet.layers.conv_nd(x, mg.ones((1, 1, 2)), stride=1)
Tensor([[[2., 2., 2.]]], dtype=float32)
"""

from . import conv, pooling, utils  # noqa: F401  (submodules; ``batchnorm`` names the function)
from .batchnorm import batchnorm
from .conv import conv_nd, conv_transpose_nd
from .pooling import avg_pool, max_pool

__all__ = ["conv_nd", "conv_transpose_nd", "max_pool", "avg_pool", "batchnorm"]
