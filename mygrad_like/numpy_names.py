"""NumPy's own objects that MyGrad re-exports, re-exported here too, so that code written as
``mg.float32``, ``mg.pi``, ``x[mg.newaxis]`` or ``mg.isnan(t)`` keeps working.

They are NumPy's objects themselves (``mg.float32 is numpy.float32``), not new functions:

* data types: ``bool_``, ``int8`` ... ``int64``, ``intp``, ``uint8`` ... ``uint64``,
  ``uintp``, ``float16``, ``float32``, ``float64``, ``half``, ``single``, ``double``,
  ``longdouble``;
* constants: ``pi``, ``e``, ``euler_gamma``, ``inf``, ``nan``, ``newaxis``;
* functions without a gradient: ``floor``, ``ceil``, ``rint``, ``trunc``, ``fmod``,
  ``divmod``, ``isnan``, ``isinf``, ``isfinite``, ``isnat``, ``signbit``, the ``logical_*``
  functions, ``allclose``, ``isclose``, ``bincount``, ``copyto``, ``may_share_memory``,
  ``shares_memory``, ``can_cast``, ``result_type``, ``min_scalar_type``, and ``any``,
  ``argmax``, ``argmin`` (MyGrad writes its own three, which return what NumPy's return).

Given a tensor, NumPy's functions work on its values (through the tensor's NumPy
protocols): the value-only ones such as ``isnan``, ``floor`` or ``any`` return a constant
tensor or an array, the way the same NumPy call on a tensor does.

These names are attributes of :mod:`mygrad_like` but are not in ``mygrad_like.__all__``
(nor in its API reference): they are NumPy's, documented by NumPy.

Examples
--------
>>> import numpy as np
>>> import mygrad_like as mg
>>> mg.float32 is np.float32, mg.pi == np.pi
(True, True)
>>> x = mg.tensor([1.0, mg.nan, 3.0])
>>> mg.isnan(x)
Tensor([False,  True, False])
>>> mg.argmax(mg.tensor([1.0, 5.0, 2.0]))
np.int64(1)
>>> x[:, mg.newaxis].shape
(3, 1)
"""

from __future__ import annotations

from numpy import (
    allclose,
    any,  # noqa: A004 - NumPy's name, as MyGrad exports it
    argmax,
    argmin,
    bincount,
    bool_,
    can_cast,
    ceil,
    copyto,
    divmod,  # noqa: A004
    double,
    e,
    euler_gamma,
    float16,
    float32,
    float64,
    floor,
    fmod,
    half,
    inf,
    int8,
    int16,
    int32,
    int64,
    intp,
    isclose,
    isfinite,
    isinf,
    isnan,
    isnat,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    longdouble,
    may_share_memory,
    min_scalar_type,
    nan,
    newaxis,
    pi,
    result_type,
    rint,
    shares_memory,
    signbit,
    single,
    trunc,
    uint8,
    uint16,
    uint32,
    uint64,
    uintp,
)

__all__ = [
    # data types
    "bool_",
    "int8",
    "int16",
    "int32",
    "int64",
    "intp",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintp",
    "float16",
    "float32",
    "float64",
    "half",
    "single",
    "double",
    "longdouble",
    # constants
    "pi",
    "e",
    "euler_gamma",
    "inf",
    "nan",
    "newaxis",
    # functions without a gradient
    "any",
    "argmax",
    "argmin",
    "floor",
    "ceil",
    "rint",
    "trunc",
    "fmod",
    "divmod",
    "isnan",
    "isinf",
    "isfinite",
    "isnat",
    "signbit",
    "logical_and",
    "logical_or",
    "logical_xor",
    "logical_not",
    "allclose",
    "isclose",
    "bincount",
    "copyto",
    "may_share_memory",
    "shares_memory",
    "can_cast",
    "result_type",
    "min_scalar_type",
]
