"""mygrad_like: reverse-mode autodiff on NumPy arrays, with N-dimensional convolution.

>>> import mygrad_like as mg
>>> x = mg.tensor([1.0, 2.0, 3.0])
>>> (x * x).sum().backward()
>>> x.grad
array([2., 4., 6.])
"""

# ruff: noqa: I001  (the order below is the dependency order: engine <- tensor <- ops <- nnet)
from . import engine  # noqa: F401  (public: custom ops subclass engine.Op)
from .engine import is_autodiff_enabled, no_autodiff
from . import errors
from ._guard import (
    mem_guard_active,
    mem_guard_off,
    mem_guard_on,
    turn_memory_guarding_off,
    turn_memory_guarding_on,
)
from .tensor import Operation, Tensor, asarray, astensor, execute_op, grad, tensor
from .ops import arithmetic, explog, indexing, joining, reductions, shape, trig
from .ops import linalg as _linalg_ops
from .ops.arithmetic import *  # noqa: F403
from .ops.explog import *  # noqa: F403
from .ops.indexing import *  # noqa: F403
from .ops.joining import *  # noqa: F403
from .ops.linalg import *  # noqa: F403
from .ops.reductions import *  # noqa: F403
from .ops.shape import *  # noqa: F403
from .ops.trig import *  # noqa: F403
from . import creation, random
from .creation import *  # noqa: F403
from . import nnet
from . import io, sliding_window
from .io import *  # noqa: F403
from .sliding_window import *  # noqa: F403
from . import functional
from .functional import *  # noqa: F403
from .numpy_names import *  # noqa: F403  (NumPy's dtypes, constants and helpers, as MyGrad has them)
from . import linalg, ufuncs  # noqa: F401
from .ufuncs import ufunc
from . import computational_graph, math, operation_base, tensor_base, typing  # noqa: A004,F401  (MyGrad's module paths)

__version__ = "0.1.0"

# the functions NumPy may hand to Tensor.__array_ufunc__ / __array_function__
_numpy_api = frozenset(
    name
    for mod in (arithmetic, explog, trig, reductions, _linalg_ops, shape, joining, indexing, creation)
    for name in mod.__all__
)

__all__ = [
    "Tensor",
    "random",
    "nnet",
    "linalg",
    "ufunc",
    "tensor",
    "astensor",
    "asarray",
    "grad",
    "no_autodiff",
    "is_autodiff_enabled",
    "Operation",
    "execute_op",
    "functional",
    *functional.__all__,  # torch.autograd.functional's signatures, not NumPy's
    "errors",
    "mem_guard_active",
    "mem_guard_off",
    "mem_guard_on",
    "turn_memory_guarding_off",
    "turn_memory_guarding_on",
    *io.__all__,  # not NumPy's: np.save(file, t) must not write this format
    *sliding_window.__all__,  # MyGrad's signature, not numpy.lib.stride_tricks'
    *sorted(_numpy_api),
]
