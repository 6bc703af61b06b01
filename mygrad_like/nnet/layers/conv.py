"""MyGrad's module path ``mygrad_like.nnet.layers.conv``.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.layers.conv import conv_nd
>>> conv_nd(mg.ones((1, 1, 3)), mg.ones((1, 1, 3)), stride=1)
Tensor([[[3.]]], dtype=float32)
"""

from ..conv import conv_nd, conv_transpose_nd

__all__ = ["conv_nd", "conv_transpose_nd"]
