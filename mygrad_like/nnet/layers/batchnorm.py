"""MyGrad's module path ``mygrad_like.nnet.layers.batchnorm``.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.layers.batchnorm import batchnorm
>>> batchnorm(mg.tensor([[1.0], [3.0]]), eps=0.0)
Tensor([[-1.],
        [ 1.]])
"""

from ..normalization import batchnorm

__all__ = ["batchnorm"]
