"""MyGrad-compatible namespace ``mygrad_like.nnet.layers`` (``from mygrad.nnet.layers import ...``)."""

from .conv import conv_nd, conv_transpose_nd
from .pooling import avg_pool, max_pool

__all__ = ["conv_nd", "conv_transpose_nd", "max_pool", "avg_pool"]

from .normalization import batchnorm  # noqa: E402  (MyGrad: mygrad.nnet.layers.batchnorm)

__all__ += ["batchnorm"]
