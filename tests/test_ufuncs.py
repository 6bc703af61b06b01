"""Ufunc objects (mygrad_like.ufuncs): NumPy's ufunc attributes, MyGrad's classes, calls."""

from __future__ import annotations

import inspect
import pickle

import numpy as np
import pytest

import mygrad_like as mg
from mygrad_like.ufuncs import MyGradBinaryUfunc, MyGradUnaryUfunc

mygrad = pytest.importorskip("mygrad")

MYGRAD_UFUNCS = sorted(
    n
    for n in dir(mygrad)
    if n != "ufunc" and isinstance(getattr(mygrad, n), type) and issubclass(getattr(mygrad, n), mygrad.ufunc)
)
ATTRIBUTES = ("nin", "nout", "nargs", "ntypes", "types", "identity", "signature")


def test_mygrad_has_ufuncs_to_compare_with():
    assert {"add", "exp", "matmul", "maximum", "sqrt"} <= set(MYGRAD_UFUNCS)


@pytest.mark.parametrize("name", MYGRAD_UFUNCS)
def test_every_mygrad_ufunc_is_a_ufunc_object_with_its_attributes(name):
    ours, theirs = getattr(mg, name), getattr(mygrad, name)
    assert isinstance(ours, type) and issubclass(ours, mg.ufunc)
    meta = MyGradUnaryUfunc if theirs.nin == 1 else MyGradBinaryUfunc
    assert isinstance(ours, meta)
    for attr in ATTRIBUTES:
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    # NumPy's name (MyGrad still reports divide as "true_divide", NumPy 1's name)
    assert ours.__name__ == getattr(np, name).__name__
    assert repr(ours) == f"<mygrad-ufunc '{ours.__name__}'>"


@pytest.mark.parametrize("name", ["add", "exp", "matmul"])
def test_attributes_come_from_numpy_without_complex_loops(name):
    uf = getattr(np, name)
    ours = getattr(mg, name)
    assert ours.types == [t for t in uf.types if not set(t) & set("FDGMmO")]
    assert ours.ntypes == len(ours.types) < uf.ntypes
    assert ours.resolve_dtypes((np.dtype("float32"),) * uf.nin + (None,))[-1] == np.float32


@pytest.mark.parametrize("method", ["at", "accumulate", "outer", "reduce", "reduceat"])
def test_ufunc_methods_raise_not_implemented_like_mygrad(method):
    with pytest.raises(NotImplementedError, match=f"add.{method}"):
        getattr(mg.add, method)(mg.tensor([1.0, 2.0]), 0)
    with pytest.raises(NotImplementedError):
        getattr(mygrad.add, method)(mygrad.tensor([1.0, 2.0]), 0)


def test_calls_compute_and_differentiate_as_mygrads():
    x = mg.tensor([1.0, -2.0, 3.0])
    y = mg.multiply(mg.exp(x), 2.0, where=np.array([True, False, True]))
    y.sum().backward()
    xm = mygrad.tensor([1.0, -2.0, 3.0])
    ym = mygrad.multiply(mygrad.exp(xm), 2.0)
    ym.backward()
    np.testing.assert_allclose(y.data[[0, 2]], ym.data[[0, 2]])
    np.testing.assert_allclose(x.grad[[0, 2]], xm.grad[[0, 2]])
    assert x.grad[1] == 0  # masked out


def test_signature_docstring_and_module_are_the_functions():
    params = inspect.signature(mg.add).parameters
    assert list(params)[:2] == ["x1", "x2"] and "where" in params and "constant" in params
    assert "Examples" in mg.add.__doc__ and mg.add.__module__ == "mygrad_like.ops.arithmetic"
    assert list(inspect.signature(mg.absolute).parameters)[-1] == "nan_to_num"


def test_ufunc_objects_pickle_by_reference_and_cannot_be_subclassed():
    assert pickle.loads(pickle.dumps(mg.add)) is mg.add
    with pytest.raises(TypeError, match="subclassed"):
        type("mine", (mg.ufunc,), {})


def test_functions_without_a_numpy_ufunc_stay_functions():
    assert inspect.isfunction(mg.sec) and not issubclass(type(mg.sec), MyGradUnaryUfunc)
    assert not hasattr(mygrad.sec, "nin")


def test_numpy_calls_on_tensors_reach_the_ufunc_objects():
    x = mg.tensor([0.0, 1.0])
    y = np.add(np.exp(x), x)
    assert isinstance(y, mg.Tensor) and y.creator is not None
