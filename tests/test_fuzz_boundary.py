"""Fuzzing the public boundary: bad arguments raise documented errors, nothing else.

Every public function (the ops, convolution and pooling, activations, losses,
initializers, normalisation), every layer, the optimizers and ``save``/``load`` are called
with drawn arguments: wrong types, negative or zero sizes, mismatched shapes, NaN and inf,
empty arrays, wrong dtypes (strings, objects, complex numbers). A call may succeed (then its
backward pass runs too), or raise ``TypeError`` / ``ValueError`` (which covers
:class:`mygrad_like.LoadError` and NumPy's ``AxisError``) or ``FileNotFoundError``. Two
exceptions are NumPy's own documented behaviour and pass as well: ``IndexError`` from an
out-of-bounds index in an indexing function, and ``OverflowError`` for a Python int that does
not fit an integer dtype (NumPy's promotion rule). Anything else -- ``ZeroDivisionError``,
``IndexError`` elsewhere, ``AttributeError``, ``AssertionError``, ``KeyError`` -- is a leak
from inside and fails the test.
"""

from __future__ import annotations

import inspect
import io
import os
import tempfile
import warnings

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like import nnet
from mygrad_like.nnet import modules as nn
from mygrad_like.nnet import optim

DOCUMENTED = (TypeError, ValueError, FileNotFoundError)
INDEXING = {"getitem", "take", "take_along_axis", "put_along_axis", "choose", "compress"}

# a few examples per function (the breadth is in the number of functions); the thorough
# profile (HYPOTHESIS_PROFILE=thorough) draws a tenth of its examples for each
FUZZ = settings(
    max_examples=max(8, settings.default.max_examples // 10),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)

_FIXED = [
    None,
    "abc",
    object(),
    [1, "a"],
    [[1.0, 2.0], [3.0]],
    {},
    1.5,
    -1,
    0,
    3,
    True,
    2j,
    float("nan"),
    float("inf"),
    (2, 2),
    (),
    (0,),
    (-1, 2),
    slice(None),
    Ellipsis,
    np.float32(2.0),
    np.uint8(3),
    np.array([None, None], dtype=object),
    np.array(["a", "b"]),
    np.zeros((2, 0, 4, 4)),
]

_DTYPES = st.sampled_from(
    [np.float64, np.float32, np.int64, np.int8, np.uint8, np.bool_, np.complex128, np.dtype("<U2")]
)


@st.composite
def _arrays(draw):
    dtype = np.dtype(draw(_DTYPES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4))
    if dtype.kind == "f":
        elements = st.floats(-10, 10, width=dtype.itemsize * 8) | st.sampled_from([np.nan, np.inf, -np.inf])
        return draw(hnp.arrays(dtype, shape, elements=elements))
    return draw(hnp.arrays(dtype, shape))


@st.composite
def _values(draw):
    kind = draw(st.sampled_from(["fixed", "array", "tensor", "int", "float"]))
    if kind == "fixed":
        return draw(st.sampled_from(_FIXED))
    if kind == "int":
        return draw(st.integers(-3, 6))
    if kind == "float":
        return draw(st.floats(-5, 5) | st.sampled_from([np.nan, np.inf]))
    a = draw(_arrays())
    if kind == "tensor" and a.dtype.kind in "biuf":
        return mg.tensor(a, constant=draw(st.sampled_from([None, True])))
    return a


_KEYWORDS = {
    "axis": st.sampled_from([None, 0, 1, -1, 5, (0, 0), (0, 1), 1.5, "x"]),
    "keepdims": st.sampled_from([True, False, 3, "no"]),
    "dtype": st.sampled_from([None, "float32", "foo", int, object, np.complex64]),
    "constant": st.sampled_from([True, False, None, "x"]),
    "stride": st.sampled_from([1, 2, 0, -1, (1, 2, 3), "x", 2.5]),
    "padding": st.sampled_from([0, 1, -1, "same", "full", "bogus", ((1, 2),), (1, 1, 1)]),
    "dilation": st.sampled_from([1, 0, (2,), None]),
    "groups": st.sampled_from([1, 0, 2, 3, -1, 1.5]),
    "bias": _values(),
    "algorithm": st.sampled_from(["auto", "direct", "fft", "other", None]),
}


def _allowed(e: BaseException, name: str) -> bool:
    if isinstance(e, DOCUMENTED):
        return True
    if isinstance(e, IndexError) and name in INDEXING:
        return True
    return isinstance(e, OverflowError) and "out of bounds for" in str(e)


def _run(name: str, fn, *args, **kwargs) -> None:
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            out = fn(*args, **kwargs)
            if isinstance(out, mg.Tensor) and not out.constant and out.size < 10_000:
                out.sum().backward()
    except Exception as e:  # the point of the test: classify whatever escapes
        if not _allowed(e, name):
            raise AssertionError(f"{name} leaked {type(e).__name__}: {e}") from e


def _public_functions() -> list[tuple[str, object]]:
    out = [(name, getattr(mg, name)) for name in sorted(mg._numpy_api)]
    out += [("load", mg.load), ("save", mg.save)]
    for name in sorted(dir(nnet)):
        f = getattr(nnet, name)
        if not name.startswith("_") and callable(f) and not inspect.isclass(f):
            out.append((f"nnet.{name}", f))
    return out


def _keywords_of(fn) -> list[str]:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return []
    return [p for p in params if p in _KEYWORDS]


_FUNCTIONS = _public_functions()


@pytest.mark.parametrize("name, fn", _FUNCTIONS, ids=[n for n, _ in _FUNCTIONS])
@FUZZ
@given(data=st.data())
def test_public_functions_raise_only_documented_errors(name, fn, data):
    args = data.draw(st.lists(_values(), max_size=3), label="args")
    keywords = _keywords_of(fn)
    chosen = data.draw(st.lists(st.sampled_from(keywords), unique=True) if keywords else st.just([]))
    kwargs = {k: data.draw(_KEYWORDS[k], label=k) for k in chosen}
    _run(name.split(".")[-1], fn, *args, **kwargs)


_LAYERS = [getattr(nn, n) for n in nn.__all__ if inspect.isclass(getattr(nn, n)) and n != "Module"]


@pytest.mark.parametrize("cls", _LAYERS, ids=[c.__name__ for c in _LAYERS])
@FUZZ
@given(data=st.data())
def test_layers_raise_only_documented_errors(cls, data):
    args = data.draw(st.lists(_values() | st.integers(1, 4), max_size=3), label="args")
    try:
        layer = cls(*args)
    except Exception as e:
        if not _allowed(e, cls.__name__):
            raise AssertionError(f"{cls.__name__}(...) leaked {type(e).__name__}: {e}") from e
        return
    _run(cls.__name__, layer, data.draw(_values(), label="x"))
    _run(cls.__name__, layer, data.draw(_values(), label="x again"))


@pytest.mark.parametrize("cls", [optim.SGD, optim.Adam, optim.AdamW, optim.RMSprop])
@FUZZ
@given(data=st.data())
def test_optimizers_raise_only_documented_errors(cls, data):
    p, q = mg.tensor([1.0, 2.0]), mg.tensor(np.ones((2, 2), np.float32))
    hyper = data.draw(st.lists(_values(), max_size=2), label="hyperparameters")
    try:
        opt = cls([p, q], *hyper)
    except Exception as e:
        if not _allowed(e, cls.__name__):
            raise AssertionError(f"{cls.__name__}(...) leaked {type(e).__name__}: {e}") from e
        return
    p.grad, q.grad = data.draw(_values(), label="grad p"), data.draw(_values(), label="grad q")
    before = (p.data.copy(), q.data.copy(), opt.steps)
    try:
        opt.step()
    except Exception as e:
        if not _allowed(e, cls.__name__):
            raise AssertionError(f"{cls.__name__}.step leaked {type(e).__name__}: {e}") from e
        np.testing.assert_array_equal(p.data, before[0])  # a refused step changes nothing
        np.testing.assert_array_equal(q.data, before[1])
        assert opt.steps == before[2]


def _good_archive() -> bytes:
    f = io.BytesIO()
    mg.save(f, mg.tensor(np.arange(12.0).reshape(3, 4)))
    return f.getvalue()


_GOOD = _good_archive()


@st.composite
def _damaged(draw):
    how = draw(st.sampled_from(["random", "truncate", "flip", "splice"]))
    if how == "random":
        return draw(st.binary(max_size=200))
    if how == "truncate":
        return _GOOD[: draw(st.integers(0, len(_GOOD) - 1))]
    at = draw(st.integers(0, len(_GOOD) - 1))
    if how == "flip":
        return _GOOD[:at] + bytes([_GOOD[at] ^ draw(st.integers(1, 255))]) + _GOOD[at + 1 :]
    return _GOOD[:at] + draw(st.binary(min_size=1, max_size=20)) + _GOOD[at:]


@settings(max_examples=60, deadline=None)
@given(_damaged())
def test_damaged_archives_raise_load_error(data):
    """A damaged archive either still loads (the byte hit nothing that is checked, e.g. a
    timestamp) or raises LoadError, for a tensor and for a model."""
    try:
        t = mg.load(io.BytesIO(data))
    except mg.LoadError:
        pass
    else:
        assert isinstance(t, mg.Tensor)
    model = nn.Dense(2, 3, rng=0)
    model.build((None, 2))
    before = model.state_dict()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "state.npz")
        with open(path, "wb") as f:
            f.write(data)
        try:
            model.load(path)
        except mg.LoadError as e:
            assert isinstance(e, ValueError) and path in str(e)
            for k, v in model.state_dict().items():
                np.testing.assert_array_equal(v, before[k])
