"""The NumPy objects re-exported at top level as MyGrad re-exports them: they are NumPy's
own objects, they work on tensors, and no name MyGrad has is missing any more."""

import inspect

import numpy as np
import pytest

import mygrad_like as mg
from mygrad_like import numpy_names

# MyGrad's top-level names that may be missing here: none
NOT_PROVIDED: set[str] = set()


@pytest.mark.parametrize("name", numpy_names.__all__)
def test_every_name_is_numpys_own_object(name):
    assert getattr(mg, name) is getattr(np, name)


def test_they_stay_out_of_the_api_listing():
    assert not set(numpy_names.__all__) & set(mg.__all__)
    assert not set(numpy_names.__all__) & mg._numpy_api


def test_no_mygrad_name_is_missing():
    mygrad = pytest.importorskip("mygrad")
    theirs = {n for n in dir(mygrad) if not n.startswith("_") and not inspect.ismodule(getattr(mygrad, n))}
    missing = {n for n in theirs - {"TYPE_CHECKING"} if not hasattr(mg, n)}
    assert missing == NOT_PROVIDED
    for n in theirs & set(dir(np)):  # where MyGrad re-exports a NumPy object, so do we
        if getattr(mygrad, n) is getattr(np, n) and n in numpy_names.__all__:
            assert getattr(mg, n) is getattr(np, n)


def test_dtypes_and_constants_work_as_in_mygrad():
    assert mg.tensor([1, 2], dtype=mg.float32).dtype == np.float32
    assert mg.zeros(2, dtype=mg.int8).dtype == np.int8
    assert mg.ones(2).dtype == mg.float32
    x = mg.tensor([1.0, 2.0])
    assert x[mg.newaxis].shape == (1, 2)
    assert mg.isnan(mg.tensor([mg.nan])).data.item()
    assert (mg.pi, mg.e, mg.inf, mg.euler_gamma) == (np.pi, np.e, np.inf, np.euler_gamma)


def test_value_functions_on_tensors_return_what_numpy_does():
    x = mg.tensor([1.5, -2.5, 0.0])
    # inspection: like np.argmax(t), plain NumPy results (as MyGrad's any/argmax/argmin)
    assert mg.argmax(x) == 0 and mg.argmin(x) == 1 and isinstance(mg.argmax(x), np.integer)
    assert mg.any(x) and not mg.any(mg.tensor([0.0, 0.0]))
    np.testing.assert_array_equal(mg.argmax(mg.tensor([[1.0, 2.0], [3.0, 0.0]]), axis=1), [1, 0])
    assert mg.any([0, 1]) and mg.allclose(x, [1.5, -2.5, 0.0])
    # piecewise-constant and boolean ufuncs: a constant tensor (what np.floor(t) gives)
    for f, ref in [(mg.floor, np.floor), (mg.ceil, np.ceil), (mg.rint, np.rint), (mg.trunc, np.trunc),
                   (mg.isfinite, np.isfinite), (mg.signbit, np.signbit), (mg.logical_not, np.logical_not)]:  # fmt: skip
        out = f(x)
        assert isinstance(out, mg.Tensor) and out.constant, f
        np.testing.assert_array_equal(out.data, ref(x.data))
    out = mg.logical_and(x, mg.tensor([1.0, 0.0, 1.0]))
    assert out.constant and out.data.tolist() == [True, False, False]
    # on arrays they are simply NumPy
    np.testing.assert_array_equal(mg.fmod(np.array([5.0, -5.0]), 3.0), np.fmod([5.0, -5.0], 3.0))
    np.testing.assert_array_equal(mg.bincount(np.array([0, 1, 1])), [1, 2])
