"""Layers and models: the :class:`Module` base, the layers, and :class:`Sequential`.

A :class:`Module` finds its parameters in its attributes: a non-constant :class:`Tensor`
attribute is a parameter, a constant float tensor is a buffer (e.g. running statistics),
and a :class:`Module` (or a list/tuple of them) is a sub-module. Attributes whose name
starts with ``_`` are private and ignored. ``parameters()``, ``state_dict()``,
``save()``/``load()`` (``.npz``), ``train()``/``eval()`` and ``penalty()`` (the
regularisation terms of every layer) follow from that.

Shapes
------
Every layer knows its shape rule: ``layer.build(input_shape)`` takes a full input shape whose
batch axis may be ``None``, fills in what the layer left out (a ``Dense`` without
``in_features``, a ``Conv`` without ``in_channels``), creates the parameters, checks that the
shape fits and returns the output shape, before any data flows. :class:`Sequential` chains
these rules from an ``input_shape`` (per sample, without the batch axis), so a mismatch is
reported when the model is built, naming both layers, and :meth:`Sequential.summary` lists
every layer's output shape and parameter count. Without an input shape, a layer or model is
built on its first call.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.modules import Input, Conv, ReLU, MaxPool, Flatten, Dense
>>> model = Input((1, 8, 8)) >> Conv(16, 3, padding=1, rng=0) >> ReLU() >> MaxPool(2) >> Flatten() >> Dense(10, rng=0)
>>> model.summary()
#  layer                                    output shape      params
--------------------------------------------------------------------
0  Input                                    (?, 1, 8, 8)           0
1  Conv(1 -> 16, kernel (3, 3), padding=1)  (?, 16, 8, 8)        160
2  ReLU                                     (?, 16, 8, 8)          0
3  MaxPool(pool 2)                          (?, 16, 4, 4)          0
4  Flatten                                  (?, 256)               0
5  Dense(256 -> 10)                         (?, 10)            2,570
--------------------------------------------------------------------
total parameters: 2,730 (trainable 2,730)
>>> model(mg.zeros((5, 1, 8, 8), dtype="float32")).shape
(5, 10)
"""

# The layers live in submodules grouped by kind; this package is their public face (the
# submodules have no __all__ of their own, so the API reference documents each name here).
from .activations import (
    ELU,
    GELU,
    GLU,
    SELU,
    Activation,
    HardTanh,
    LeakyReLU,
    LogSoftmax,
    ReLU,
    Sigmoid,
    Softmax,
    Softplus,
    SoftSign,
    Tanh,
)
from .base import Input, Module, Sequential, format_shape
from .linear_conv import Conv, ConvTranspose, Dense
from .pool_norm import AvgPool, BatchNorm, Dropout, Flatten, MaxPool, Reshape

__all__ = [
    "Module",
    "Sequential",
    "Input",
    "Dense",
    "Conv",
    "ConvTranspose",
    "MaxPool",
    "AvgPool",
    "BatchNorm",
    "Dropout",
    "Flatten",
    "Reshape",
    "Activation",
    "ReLU",
    "LeakyReLU",
    "ELU",
    "SELU",
    "GELU",
    "Sigmoid",
    "Tanh",
    "Softmax",
    "LogSoftmax",
    "Softplus",
    "SoftSign",
    "HardTanh",
    "GLU",
    "format_shape",
]
