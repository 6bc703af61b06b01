"""Neural-network functions: convolution, pooling, activations, losses, initializers, normalisation,
layers (models) and optimizers."""

from .conv import conv_nd, conv_transpose_nd
from .pooling import avg_pool, max_pool

__all__ = ["conv_nd", "conv_transpose_nd", "max_pool", "avg_pool"]

# ---- activations, losses, initializers, normalisation, layers/models and optimizers
from . import activations, initializers, layers, losses, modules, optim  # noqa: E402,F401
from .activations import *  # noqa: E402,F403
from .initializers import (  # noqa: E402,F401
    constant,
    dirac,
    glorot_normal,
    glorot_uniform,
    he_normal,
    he_uniform,
    identity,
    normal,
    uniform,
)
from .losses import *  # noqa: E402,F403
from .modules import *  # noqa: E402,F403
from .normalization import batchnorm, dropout  # noqa: E402
from .optim import *  # noqa: E402,F403

__all__ += [
    *activations.__all__,
    *[n for n in initializers.__all__ if n != "fans"],
    *losses.__all__,
    *modules.__all__,
    "batchnorm",
    "dropout",
    *optim.__all__,
]
