"""The argument canonicalisers of ``mygrad_like._validation``: their canonical forms, and error
messages that name the argument and the value it got."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like import _validation as V

AxisError = np.exceptions.AxisError


# --------------------------------------------------------------------------- values
def test_data_of_and_as_operand():
    t = mg.tensor([1.0, 2.0])
    assert V.data_of(t) is t.data
    arr = np.ones(2)
    assert V.data_of(arr) is arr and V.data_of(3.0) == 3.0 and V.data_of([1]) == [1]
    assert V.as_operand(t) is t
    assert V.as_operand(2.5) == 2.5
    np.testing.assert_array_equal(V.as_operand([1, 2]), [1, 2])
    with pytest.raises(TypeError, match="x1"):
        V.as_operand(["a"], "x1")


def test_shape_of():
    assert V.shape_of(mg.ones((2, 3))) == (2, 3)
    assert V.shape_of([[1, 2, 3]]) == (1, 3)
    assert V.shape_of(4.0) == ()
    with pytest.raises(TypeError, match="ary could not be converted"):
        V.shape_of([[1], [2, 3]], "ary")


# --------------------------------------------------------------------------- dtypes
def test_as_dtype_canonical_forms():
    assert V.as_dtype("float32") == np.float32
    assert V.as_dtype(int, "iu") == np.dtype(int)
    assert V.as_dtype(bool) == np.bool_
    assert V.as_dtype(None, optional=True) is None
    assert V.as_dtype(None, "f") == np.float64  # None means float64, as in NumPy


@pytest.mark.parametrize(
    "dtype, kinds, match",
    [
        ("nonsense", "biuf", "dtype must be a NumPy data type; got dtype='nonsense'"),
        ("U4", "biuf", "dtype must be a bool, integer or float dtype; got dtype='U4'"),
        (np.int32, "f", "dtype must be a float dtype; got dtype=<class 'numpy.int32'>"),
        ("float64", "iu", "dtype must be an integer dtype; got dtype='float64'"),
    ],
)
def test_as_dtype_errors_name_the_argument(dtype, kinds, match):
    with pytest.raises(TypeError, match=match):
        V.as_dtype(dtype, kinds)


def test_as_dtype_kind_error_and_name():
    with pytest.raises(ValueError, match="out_dtype must be a float dtype; got out_dtype='int8'"):
        V.as_dtype("int8", "f", name="out_dtype", kind_error=ValueError)
    # not a data type at all: always TypeError
    with pytest.raises(TypeError, match="out_dtype must be a NumPy data type"):
        V.as_dtype("nonsense", "f", name="out_dtype", kind_error=ValueError)


# --------------------------------------------------------------------------- scalars
def test_as_bool():
    assert V.as_bool(np.bool_(True), "flag") is True
    for bad in (1, "yes", None):
        with pytest.raises(TypeError, match=re.escape(f"flag must be a bool; got flag={bad!r}")):
            V.as_bool(bad, "flag")


def test_as_int():
    assert V.as_int(np.int64(-3), "k") == -3 and type(V.as_int(np.int64(-3), "k")) is int
    assert V.as_int(mg.tensor(2), "k") == 2  # anything with __index__
    for bad in (True, 1.5, "1", None):
        with pytest.raises(TypeError, match=re.escape(f"k must be an integer; got k={bad!r}")):
            V.as_int(bad, "k")


def test_positive_int():
    assert V.positive_int(np.int16(4), "n") == 4
    assert V.positive_int(None, "n", allow_none=True) is None
    for bad in (0, -2, 1.0, True, None):
        with pytest.raises(ValueError, match=re.escape(f"n must be a positive int; got n={bad!r}")):
            V.positive_int(bad, "n")


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**6), 10**6))
def test_real_number_accepts_finite_reals(x):
    assert V.real_number(x, "slope") == float(x)


def test_real_and_nonneg_number_errors():
    for bad in ("1", True, None, [1.0]):
        with pytest.raises(TypeError, match=re.escape(f"slope must be a real number; got slope={bad!r}")):
            V.real_number(bad, "slope")
        with pytest.raises(TypeError, match=re.escape(f"eps must be a non-negative number; got eps={bad!r}")):
            V.nonneg_number(bad, "eps")
    for bad in (float("inf"), float("nan")):
        with pytest.raises(ValueError, match="slope must be finite; got slope="):
            V.real_number(bad, "slope")
    for bad in (-1e-9, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="eps must be a finite non-negative number; got eps="):
            V.nonneg_number(bad, "eps")
    assert V.nonneg_number(np.float32(0.5), "eps") == 0.5


def test_probability():
    assert V.probability(0, "p") == 0.0 and V.probability(np.float64(1.0), "p") == 1.0
    for bad in (-0.1, 1.5, float("nan"), True, "0.5"):
        with pytest.raises(ValueError, match=r"p must be a probability in \[0, 1\]; got p="):
            V.probability(bad, "p")


def test_positive_number_and_ordered_bounds():
    assert V.positive_number(np.float32(0.5), "beta") == 0.5
    for bad in (0, -1.0):
        with pytest.raises(ValueError, match=re.escape(f"beta must be positive; got beta={bad!r}")):
            V.positive_number(bad, "beta")
    with pytest.raises(TypeError, match="beta must be a real number"):
        V.positive_number("1", "beta")
    assert V.ordered_bounds(-1, np.float64(2)) == (-1.0, 2.0)
    message = "low must be below high; got low=2 and high=1.5"
    with pytest.raises(ValueError, match=re.escape(message)):
        V.ordered_bounds(2, 1.5, ("low", "high"))
    with pytest.raises(ValueError, match="upper_bound must be finite"):
        V.ordered_bounds(0, float("inf"))


def test_one_of():
    assert V.one_of("sum", ("mean", "sum", "none"), "reduction") == "sum"
    message = "reduction must be 'mean', 'sum' or 'none'; got reduction='max'"
    with pytest.raises(ValueError, match=re.escape(message)):
        V.one_of("max", ("mean", "sum", "none"), "reduction")
    with pytest.raises(ValueError, match=re.escape("mode must be 'raise'; got mode=None")):
        V.one_of(None, ("raise",), "mode")
    with pytest.raises(ValueError, match="mode must be"):  # no elementwise comparison of an array
        V.one_of(np.array(["raise"]), ("raise", "clip"), "mode")


# --------------------------------------------------------------------------- shapes
def test_shapes():
    assert V.as_shape(3) == (3,)
    assert V.as_shape([2, -1], "newshape") == (2, -1)
    assert V.as_shape(np.array([2, 3])) == (2, 3)
    assert V.size_shape(()) == ()
    assert V.size_shape(None, "size", optional=True) is None
    assert V.shape_args((2, 3)) == V.shape_args(([2, 3],)) == V.shape_args(((2, 3),)) == (2, 3)
    message = "reps must be ints (an int or a sequence of ints); got reps=(2, 2.5)"
    with pytest.raises(TypeError, match=re.escape(message)):
        V.as_shape((2, 2.5), "reps")
    with pytest.raises(ValueError, match=r"size must hold non-negative sizes; got size=\(2, -1\)"):
        V.size_shape((2, -1), "size")
    with pytest.raises(ValueError, match="shape must hold non-negative sizes"):
        V.shape_args((2, -1))


# --------------------------------------------------------------------------- axes
@given(st.integers(1, 5).flatmap(lambda nd: st.tuples(st.just(nd), st.integers(-nd, nd - 1))))
def test_normalize_axis_matches_python_indexing(case):
    ndim, axis = case
    assert V.normalize_axis(axis, ndim) == list(range(ndim))[axis]


def test_normalize_axis_errors():
    with pytest.raises(AxisError, match="axis2=-3 is out of bounds for a tensor of dimension 2"):
        V.normalize_axis(-3, 2, "axis2")
    with pytest.raises(TypeError, match="axis must be an integer; got axis=1.0"):
        V.normalize_axis(1.0, 2)
    with pytest.raises(AxisError, match="axis=0"):  # a 0-d tensor has no axis
        V.normalize_axis(0, 0)


def test_normalize_axes_keeps_order_and_rejects_repeats():
    assert V.normalize_axes((2, -3, 1), 3, "axes") == (2, 0, 1)
    assert V.normalize_axes(-1, 3) == (2,)
    assert V.normalize_axes(np.array([1, 0]), 2) == (1, 0)
    with pytest.raises(AxisError, match=r"source=\(0, -2\) repeats an axis: 0 is repeated"):
        V.normalize_axes((0, -2), 2, "source")
    with pytest.raises(AxisError, match="destination=5 is out of bounds"):
        V.normalize_axes([0, 5], 2, "destination")
    with pytest.raises(TypeError, match="axes must be an integer; got axes=None"):
        V.normalize_axes((0, None), 2, "axes")


def test_reduction_axes():
    assert V.reduction_axes(None, 2) is None
    assert V.reduction_axes((2, 0, -2), 3) == (0, 1, 2)
    assert V.reduction_axes([1], 2) == (1,)
    assert V.reduction_axes(-1, 0) == () and V.reduction_axes(0, 0) == ()  # NumPy's 0-d rule
    with pytest.raises(AxisError, match="axis=0"):  # ... which a tuple does not get
        V.reduction_axes((0,), 0)
    for bad in (1.0, "0", (0, None), True, (0, True)):
        message = f"axis must be None, an int or a tuple of ints; got axis={bad!r}"
        with pytest.raises(TypeError, match=re.escape(message)):
            V.reduction_axes(bad, 2)
    with pytest.raises(AxisError, match="dims=2 is out of bounds for a tensor of dimension 2"):
        V.reduction_axes((0, 2), 2, "dims")
    with pytest.raises(AxisError, match="repeated"):
        V.reduction_axes((1, -1), 2)


# --------------------------------------------------------------------------- random sources
def test_as_rng():
    gen = np.random.default_rng(0)
    state = np.random.RandomState(0)
    assert V.as_rng(None) is np.random and V.as_rng(np.random) is np.random
    assert V.as_rng(gen) is gen and V.as_rng(state) is state
    assert V.as_rng(np.int64(5)).random() == np.random.default_rng(5).random()
    for bad in ("seed", True, 1.5):
        with pytest.raises(TypeError, match=f"rng must be None, an int seed.*; got rng={bad!r}"):
            V.as_rng(bad)


def test_inputs_are_not_mutated():
    axes = [1, 0]
    shape = [2, 3]
    V.normalize_axes(axes, 2)
    V.reduction_axes(axes, 2)
    V.shape_args((shape,))
    assert axes == [1, 0] and shape == [2, 3]
