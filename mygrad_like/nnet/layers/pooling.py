"""MyGrad's module path ``mygrad_like.nnet.layers.pooling``.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.layers.pooling import max_pool
>>> max_pool(mg.tensor([[[1.0, 3.0, 2.0, 0.0]]]), pool=(2,), stride=2)
Tensor([[[3., 2.]]])
"""

from ..pooling import avg_pool, max_pool

__all__ = ["max_pool", "avg_pool"]
