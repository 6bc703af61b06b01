"""Linear algebra under MyGrad's path ``mygrad_like.linalg``: products and vector norms.

Examples
--------
>>> import mygrad_like as mg
>>> x = mg.tensor([3.0, 4.0])
>>> mg.linalg.norm(x)
Tensor(5.)
"""

from ..ops.linalg import einsum, matmul, multi_matmul, norm

__all__ = ["einsum", "matmul", "multi_matmul", "norm"]
