"""concatenate, stack, split/array_split, pad, flip, roll, repeat, tile: forward vs NumPy,
gradients vs finite differences (and explicit loops for pad), second derivatives,
NumPy dispatch and error paths."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)


def values(shape, seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, size=shape)


def axes_of(shape):
    return st.integers(-len(shape), len(shape) - 1)


# --------------------------------------------------------------------------- concatenate / stack
@given(shape=shapes, data=st.data())
def test_concatenate(shape, data):
    axis = data.draw(axes_of(shape))
    k = data.draw(st.integers(1, 3))
    arrays = []
    for i in range(k):
        s = list(shape)
        s[axis] = data.draw(st.integers(0, 3))
        arrays.append(values(tuple(s), seed=i))
    out = mg.concatenate([mg.tensor(a) for a in arrays], axis=axis)
    np.testing.assert_array_equal(out.data, np.concatenate(arrays, axis=axis))
    flat = mg.concatenate([mg.tensor(a) for a in arrays], axis=None)
    np.testing.assert_array_equal(flat.data, np.concatenate(arrays, axis=None))
    # empty pieces go in as constants: gradcheck cannot perturb an empty input
    inputs = [a if a.size else mg.tensor(a, constant=True) for a in arrays]
    if any(a.size for a in arrays):
        gradcheck(lambda *ts: mg.concatenate(ts, axis=axis), *inputs)
        gradcheck(lambda *ts: mg.concatenate(ts, axis=None), *inputs)


def test_concatenate_empty_piece_gets_empty_gradient():
    x, e = mg.tensor([[1.0, 2.0]]), mg.tensor(np.zeros((0, 2)))
    mg.concatenate([e, x, e]).backward()
    assert e.grad.shape == (0, 2)
    np.testing.assert_array_equal(x.grad, [[1.0, 1.0]])


def test_concatenate_mixed_inputs_and_dtypes():
    x = mg.tensor([[1.0, 2.0]], dtype=np.float32)
    c = mg.tensor([[3.0, 4.0]], constant=True)
    out = mg.concatenate([x, c, [[5.0, 6.0]], np.zeros((1, 2))])
    assert out.shape == (4, 2) and out.dtype == np.float64
    out.backward()
    assert x.grad.dtype == np.float32 and c.grad is None
    assert mg.concatenate([x, x], dtype=np.float32).dtype == np.float32
    assert mg.concatenate([x, x], constant=True).constant


def test_concatenate_second_order():
    gradgradcheck(
        lambda a, b: mg.concatenate([a, b * a[:, :1]], axis=1) ** 2, values((2, 3)), values((2, 2), 1)
    )
    gradgradcheck(lambda a, b: mg.concatenate([a, b], axis=None) ** 3, values((2, 3)), values(2, 1))


@given(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3), data=st.data())
def test_stack(shape, data):
    axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    arrays = [values(shape, seed=i) for i in range(data.draw(st.integers(1, 3)))]
    out = mg.stack([mg.tensor(a) for a in arrays], axis=axis)
    np.testing.assert_array_equal(out.data, np.stack(arrays, axis=axis))
    gradcheck(lambda *ts: mg.stack(ts, axis=axis), *arrays)


def test_stack_second_order():
    gradgradcheck(lambda a, b: mg.stack([a, a * b], axis=1) ** 2, values((2, 3)), values((2, 3), 1))


def test_numpy_dispatch_concatenate_stack():
    x, y = mg.tensor([1.0, 2.0]), mg.tensor([3.0])
    z = np.concatenate([x, y])
    assert isinstance(z, mg.Tensor)
    (z * np.array([1.0, 2.0, 3.0])).backward()
    np.testing.assert_array_equal(x.grad, [1.0, 2.0])
    np.testing.assert_array_equal(y.grad, [3.0])
    s = np.stack([x, x], axis=-1)
    assert isinstance(s, mg.Tensor) and s.shape == (2, 2)
    assert isinstance(np.concatenate((x, np.ones(1))), mg.Tensor)


def test_concatenate_tensor_of_rows():
    x = mg.tensor(values((3, 2)))
    np.testing.assert_array_equal(mg.concatenate(x).data, np.concatenate(x.data))
    np.testing.assert_array_equal(mg.stack(x, axis=1).data, np.stack(x.data, axis=1))


# --------------------------------------------------------------------------- split
@given(shape=shapes, data=st.data())
def test_split_sections(shape, data):
    axis = data.draw(axes_of(shape))
    n = shape[axis]
    sections = data.draw(st.sampled_from([d for d in range(1, n + 1) if n % d == 0]))
    x = values(shape)
    pieces = mg.split(mg.tensor(x), sections, axis=axis)
    expected = np.split(x, sections, axis=axis)
    assert isinstance(pieces, list) and len(pieces) == len(expected)
    for p, e in zip(pieces, expected):
        np.testing.assert_array_equal(p.data, e)
    gradcheck(lambda t: tuple(mg.split(t, sections, axis=axis)), x)


@given(shape=shapes, data=st.data())
def test_array_split_and_index_lists(shape, data):
    axis = data.draw(axes_of(shape))
    n = shape[axis]
    x = values(shape)
    sections = data.draw(st.integers(1, n + 2))
    for p, e in zip(mg.array_split(x, sections, axis=axis), np.array_split(x, sections, axis=axis)):
        np.testing.assert_array_equal(p.data, e)
    cuts = data.draw(st.lists(st.integers(-n - 1, n + 1), max_size=3))
    pieces = mg.split(mg.tensor(x), cuts, axis=axis)
    expected = np.split(x, cuts, axis=axis)
    assert len(pieces) == len(expected)
    for p, e in zip(pieces, expected):
        np.testing.assert_array_equal(p.data, e)
    gradcheck(lambda t: tuple(mg.split(t, cuts, axis=axis)), x)


def test_split_gradient_and_second_order():
    x = mg.tensor([1.0, 2.0, 3.0, 4.0])
    a, b = mg.split(x, 2)
    (a * b).backward()
    np.testing.assert_array_equal(x.grad, [3.0, 4.0, 1.0, 2.0])
    gradgradcheck(lambda t: mg.split(t, [1, 3], axis=1)[1] ** 3 * mg.split(t, 2)[0][0, 0], values((2, 4)))
    assert isinstance(np.split(mg.tensor(values(4)), 2)[0], mg.Tensor)
    assert isinstance(np.array_split(mg.tensor(values(4)), 3)[0], mg.Tensor)


# --------------------------------------------------------------------------- pad
MODES = ["constant", "edge", "reflect", "symmetric", "wrap"]


@st.composite
def pad_cases(draw):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3))
    form = draw(st.sampled_from(["int", "pair", "per_axis"]))
    w = st.integers(0, 5)  # wider than the axes: reflect/wrap fold several times
    if form == "int":
        pw = draw(w)
    elif form == "pair":
        pw = (draw(w), draw(w))
    else:
        pw = tuple((draw(w), draw(w)) for _ in shape)
    return shape, pw


@pytest.mark.parametrize("mode", MODES)
@given(case=pad_cases())
def test_pad_matches_numpy_and_gradient(mode, case):
    shape, pw = case
    x = values(shape)
    kw = {"constant_values": 1.5} if mode == "constant" else {}
    out = mg.pad(mg.tensor(x), pw, mode=mode, **kw)
    np.testing.assert_array_equal(out.data, np.pad(x, pw, mode=mode, **kw))
    gradcheck(lambda t: mg.pad(t, pw, mode=mode, **kw), x, fast=out.size > 150)


@pytest.mark.parametrize("mode", MODES)
def test_pad_gradient_folds_back_like_a_loop(mode):
    """The gradient of each input element is the sum of g over the output positions that
    copy it: find them by padding an array of labels, and add them up one by one."""
    shape, pw = (3, 2), ((4, 2), (1, 3))
    x = mg.tensor(values(shape))
    out = mg.pad(x, pw, mode=mode)
    g = values(out.shape, seed=5)
    out.backward(g)
    labels = np.pad(np.arange(6).reshape(shape) + 1, pw, mode=mode)  # 0 marks a constant fill
    expected = np.zeros(6)
    for label, gv in zip(labels.ravel(), g.ravel()):
        if label:
            expected[label - 1] += gv
    np.testing.assert_allclose(x.grad, expected.reshape(shape))


@pytest.mark.parametrize("mode", MODES)
def test_pad_second_order(mode):
    gradgradcheck(lambda t: mg.pad(t, ((2, 1), (3, 0)), mode=mode) ** 3, values((2, 3)))


def test_pad_constant_values_forms_and_dispatch():
    x = values((2, 3))
    for cv in (2.0, (1.0, 2.0), ((1.0, 2.0), (3.0, 4.0))):
        np.testing.assert_array_equal(mg.pad(x, 1, constant_values=cv).data, np.pad(x, 1, constant_values=cv))
    t = mg.tensor(x)
    y = np.pad(t, 2, mode="wrap")
    assert isinstance(y, mg.Tensor) and not y.constant
    assert mg.pad(mg.tensor(np.ones(2, np.float32)), 1, mode="reflect").dtype == np.float32
    np.testing.assert_array_equal(mg.pad(np.zeros((0, 2)), 1).data, np.pad(np.zeros((0, 2)), 1))


# --------------------------------------------------------------------------- flip / roll
@given(shape=shapes, data=st.data())
def test_flip(shape, data):
    x = values(shape)
    nd = len(shape)
    axis = data.draw(st.none() | axes_of(shape) | st.lists(st.integers(0, nd - 1), unique=True).map(tuple))
    out = mg.flip(mg.tensor(x), axis=axis)
    np.testing.assert_array_equal(out.data, np.flip(x, axis))
    gradcheck(lambda t: mg.flip(t, axis), x)


@given(shape=shapes, data=st.data())
def test_roll(shape, data):
    x = values(shape)
    nd = len(shape)
    form = data.draw(st.sampled_from(["none", "int", "tuple", "tuple_shift_none"]))
    shift_st = st.integers(-7, 7)
    if form == "none":
        shift, axis = data.draw(shift_st), None
    elif form == "int":
        shift, axis = data.draw(shift_st), data.draw(axes_of(shape))
    elif form == "tuple":
        axis = tuple(data.draw(st.lists(st.integers(-nd, nd - 1), min_size=1, max_size=3)))
        shift = tuple(data.draw(shift_st) for _ in axis)
    else:
        shift, axis = (data.draw(shift_st), data.draw(shift_st)), None
    np.testing.assert_array_equal(mg.roll(mg.tensor(x), shift, axis).data, np.roll(x, shift, axis))
    gradcheck(lambda t: mg.roll(t, shift, axis), x)


def test_flip_roll_second_order_and_dispatch():
    x = values((3, 4))
    gradgradcheck(lambda t: mg.flip(t, 1) ** 2 * mg.roll(t, (1, -2), axis=(0, 1)), x)
    t = mg.tensor(x)
    assert isinstance(np.flip(t), mg.Tensor) and isinstance(np.roll(t, 1), mg.Tensor)
    np.testing.assert_array_equal(mg.roll(t, 2, axis=(0, 1)).data, np.roll(x, 2, axis=(0, 1)))


# --------------------------------------------------------------------------- repeat / tile
@given(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3), data=st.data())
def test_repeat(shape, data):
    x = values(shape)
    axis = None if not shape else data.draw(st.none() | axes_of(shape))
    n = int(np.prod(shape)) if axis is None else shape[axis]
    repeats = data.draw(st.integers(0, 3) | st.lists(st.integers(0, 3), min_size=n, max_size=n))
    out = mg.repeat(mg.tensor(x), repeats, axis=axis)
    np.testing.assert_array_equal(out.data, np.repeat(x, repeats, axis=axis))
    np.testing.assert_array_equal(mg.tensor(x).repeat(repeats, axis).data, np.repeat(x, repeats, axis=axis))
    gradcheck(lambda t: mg.repeat(t, repeats, axis=axis), x)


@given(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3), data=st.data())
def test_tile(shape, data):
    x = values(shape)
    reps = data.draw(st.integers(0, 3) | st.lists(st.integers(0, 3), max_size=4).map(tuple))
    out = mg.tile(mg.tensor(x), reps)
    np.testing.assert_array_equal(out.data, np.tile(x, reps))
    gradcheck(lambda t: mg.tile(t, reps), x, fast=out.size > 150)


def test_repeat_tile_second_order_and_dispatch():
    x = values((2, 3))
    gradgradcheck(lambda t: mg.repeat(t, [2, 0, 1], axis=1) ** 3, x)
    gradgradcheck(lambda t: mg.tile(t, (2, 1, 2)) ** 3, x)
    t = mg.tensor(x)
    assert isinstance(np.repeat(t, 2), mg.Tensor) and isinstance(np.tile(t, 2), mg.Tensor)
    c = mg.tensor(x, constant=True)  # no graph guards the result
    assert mg.tile(c, 2).data.flags.writeable  # a fresh array, not a broadcast view


# --------------------------------------------------------------------------- inputs untouched
def test_inputs_not_mutated():
    data = values((2, 3))
    keep = data.copy()
    cuts = [1]
    x = mg.tensor(data, copy=False)
    out = (
        mg.concatenate([x, x]).sum()
        + mg.pad(x, 2, mode="reflect").sum()
        + mg.roll(mg.flip(x), 1).sum()
        + mg.split(x, cuts, axis=1)[0].sum()
        + mg.tile(mg.repeat(x, 2), 2).sum()
    )
    out.backward()
    np.testing.assert_array_equal(data, keep)
    assert cuts == [1]


# --------------------------------------------------------------------------- errors
def test_concatenate_stack_errors():
    x, y = mg.tensor(values((2, 3))), mg.tensor(values((3, 2)))
    with pytest.raises(ValueError, match=r"shapes \[\(2, 3\), \(3, 2\)\].*axis=0"):
        mg.concatenate([x, y])
    with pytest.raises(ValueError, match="zero-dimensional"):
        mg.concatenate([mg.tensor(1.0), mg.tensor(2.0)])
    with pytest.raises(ValueError, match="at least one"):
        mg.concatenate([])
    with pytest.raises(TypeError, match="tensors must be a sequence"):
        mg.concatenate(5)
    with pytest.raises(np.exceptions.AxisError, match="axis=2"):
        mg.concatenate([x, x], axis=2)
    with pytest.raises(TypeError, match="out="):
        mg.concatenate([x, x], out=np.empty((4, 3)))
    with pytest.raises(TypeError, match="dtype"):
        mg.concatenate([x, x], dtype="U3")
    with pytest.raises(ValueError, match="one shape"):
        mg.stack([x, y])
    with pytest.raises(np.exceptions.AxisError, match="axis=3"):
        mg.stack([x, x], axis=3)


def test_split_errors():
    x = mg.tensor(values((4, 3)))
    with pytest.raises(ValueError, match="equal parts"):
        mg.split(x, 3)
    with pytest.raises(ValueError, match="positive"):
        mg.array_split(x, 0)
    with pytest.raises(TypeError, match="indices_or_sections"):
        mg.split(x, [1.5])
    with pytest.raises(TypeError, match="indices_or_sections"):
        mg.split(x, 1.5)
    with pytest.raises(ValueError, match="0-d"):
        mg.split(mg.tensor(1.0), 1)
    with pytest.raises(np.exceptions.AxisError, match="axis=2"):
        mg.split(x, 2, axis=2)


def test_pad_errors():
    x = mg.tensor(values((2, 3)))
    with pytest.raises(ValueError, match="mode="):
        mg.pad(x, 1, mode="mean")
    with pytest.raises(ValueError, match="non-negative"):
        mg.pad(x, -1)
    with pytest.raises(ValueError, match=r"pad_width=\(\(1, 2\), \(3, 4\), \(5, 6\)\)"):
        mg.pad(x, ((1, 2), (3, 4), (5, 6)))
    with pytest.raises(TypeError, match="pad_width"):
        mg.pad(x, 1.5)
    with pytest.raises(ValueError, match="reflect_type"):
        mg.pad(x, 1, mode="reflect", reflect_type="odd")
    with pytest.raises(ValueError, match="empty axis"):
        mg.pad(np.zeros((0, 2)), 1, mode="wrap")
    with pytest.raises(ValueError, match="constant_values"):
        mg.pad(x, 1, constant_values=(1.0, 2.0, 3.0))


def test_flip_roll_repeat_tile_errors():
    x = mg.tensor(values((2, 3)))
    with pytest.raises(np.exceptions.AxisError, match="axis=2"):
        mg.flip(x, 2)
    with pytest.raises(ValueError, match="repeats an axis"):
        mg.flip(x, (0, 0))
    with pytest.raises(ValueError, match="different lengths"):
        mg.roll(x, (1, 2, 3), axis=(0, 1))
    with pytest.raises(TypeError, match="shift"):
        mg.roll(x, 1.5)
    with pytest.raises(ValueError, match="non-negative"):
        mg.repeat(x, -1)
    with pytest.raises(ValueError, match="entries"):
        mg.repeat(x, [1, 2], axis=1)
    with pytest.raises(TypeError, match="repeats"):
        mg.repeat(x, 1.5)
    with pytest.raises(ValueError, match="non-negative"):
        mg.tile(x, (-1, 2))
    with pytest.raises(TypeError, match="reps"):
        mg.tile(x, 1.5)
