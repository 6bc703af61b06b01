"""Neural-network functions: convolution, pooling (activations, losses, initializers to come)."""

from .conv import conv_nd, conv_transpose_nd
from .pooling import avg_pool, max_pool

__all__ = ["conv_nd", "conv_transpose_nd", "max_pool", "avg_pool"]
