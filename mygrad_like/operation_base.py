"""MyGrad's module path ``operation_base``: :class:`~mygrad_like.Operation`, the base class of
user-defined operations (run them with :func:`~mygrad_like.execute_op`).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.operation_base import Operation
>>> class Square(Operation):
...     def __call__(self, x):
...         self.variables = (x,)
...         return x.data ** 2
...     def backward_var(self, grad, index, **kwargs):
...         return 2 * grad * self.variables[0].data
>>> x = mg.tensor([1.0, 3.0])
>>> mg.execute_op(Square, x).sum().backward()
>>> x.grad
array([2., 6.])
"""

from .tensor import Operation

__all__ = ["Operation"]
