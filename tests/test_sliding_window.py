"""sliding_window_view: every window against an explicit loop, the view's properties
(read-only, no copy, any strides), MyGrad's results, and the error paths."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg


def reference(arr: np.ndarray, window: tuple, step: tuple, dilation: tuple) -> np.ndarray:
    """The windows by explicit loops: out[g..., lead..., k...] = arr[lead..., g*step + k*dilation]."""
    d = len(window)
    lead, spatial = arr.shape[: arr.ndim - d], arr.shape[arr.ndim - d :]
    grid = tuple((x - dl * (k - 1) - 1) // s + 1 for x, k, s, dl in zip(spatial, window, step, dilation))
    out = np.empty(grid + lead + window, dtype=arr.dtype)
    for g in itertools.product(*map(range, grid)):
        for k in itertools.product(*map(range, window)):
            src = tuple(gi * s + ki * dl for gi, ki, s, dl in zip(g, k, step, dilation))
            out[(*g, ..., *k)] = arr[(..., *src)]
    return out


@given(data=st.data())
def test_matches_an_explicit_loop(data):
    d = data.draw(st.integers(1, 3))
    n_lead = data.draw(st.integers(0, 2))
    window = tuple(data.draw(st.integers(1, 3)) for _ in range(d))
    dilation = tuple(data.draw(st.integers(1, 2)) for _ in range(d))
    step = tuple(data.draw(st.integers(1, 3)) for _ in range(d))
    spatial = tuple(dl * (k - 1) + 1 + data.draw(st.integers(0, 3)) for k, dl in zip(window, dilation))
    lead = tuple(data.draw(st.integers(1, 2)) for _ in range(n_lead))
    arr = np.arange(np.prod(lead + spatial), dtype=np.float64).reshape(lead + spatial)
    uniform_step = data.draw(st.booleans()) and len(set(step)) == 1
    no_dilation = data.draw(st.booleans()) and set(dilation) == {1}
    out = mg.sliding_window_view(
        arr, window, step[0] if uniform_step else step, None if no_dilation else dilation
    )
    np.testing.assert_array_equal(out, reference(arr, window, step, dilation))
    assert type(out) is np.ndarray


def test_a_read_only_view_without_a_copy_for_any_strides():
    base = np.arange(60.0).reshape(3, 4, 5)
    for arr in (base, base.transpose(2, 0, 1), base[:, ::2, ::-1]):
        out = mg.sliding_window_view(arr, (2, 2), step=1)
        assert np.shares_memory(out, base) and not out.flags.writeable
        np.testing.assert_array_equal(out, reference(arr, (2, 2), (1, 1), (1, 1)))
        with pytest.raises(ValueError, match="read-only"):
            out[0, 0, 0, 0, 0] = 1.0


def test_inputs_it_accepts():
    np.testing.assert_array_equal(
        mg.sliding_window_view([1, 2, 3, 4], 2, step=2), [[1, 2], [3, 4]]
    )  # a list, an int window_shape
    c = mg.tensor([1.0, 2.0, 3.0], constant=True)
    np.testing.assert_array_equal(mg.sliding_window_view(c, [2], [1]), [[1.0, 2.0], [2.0, 3.0]])
    x = np.arange(7.0)
    same = [
        mg.sliding_window_view(x, w, s, dl)
        for w, s, dl in [((3,), 2, 2), ([3], (2,), [2]), (np.int64(3), np.int8(2), 2)]
    ]
    for o in same[1:]:
        np.testing.assert_array_equal(o, same[0])
    assert mg.sliding_window_view(x, (x.size,), 1).shape == (1, 7)  # one window fills the axis


def test_matches_mygrad():
    mygrad = pytest.importorskip("mygrad")
    arr = np.arange(2 * 3 * 7 * 8, dtype=np.float64).reshape(2, 3, 7, 8)
    for window, step, dilation in [((3, 2), 2, None), ((2, 2), (1, 3), (2, 1)), ((4,), 3, 2)]:
        ours = mg.sliding_window_view(arr, window, step, dilation)
        theirs = mygrad.sliding_window_view(arr, window, step, dilation)
        np.testing.assert_array_equal(ours, theirs)


def test_errors():
    # (the wording of the step/dilation/size messages is nnet._windows'; the contract here is
    # the exception type and the argument's name)
    x = np.arange(10.0)
    with pytest.raises(TypeError, match="takes part in autodiff.*pass arr.data"):
        mg.sliding_window_view(mg.tensor(x), (3,), 1)
    with pytest.raises(ValueError, match="window_shape"):
        mg.sliding_window_view(x, (0,), 1)
    with pytest.raises(TypeError, match="window_shape"):
        mg.sliding_window_view(x, (2.5,), 1)
    with pytest.raises(TypeError, match="window_shape must be an int or a sequence of ints"):
        mg.sliding_window_view(x, "3", 1)
    with pytest.raises(ValueError, match=r"window_shape=\(\)"):
        mg.sliding_window_view(x, (), 1)
    with pytest.raises(ValueError, match=r"has 2 entries but arr has only 1 dimension"):
        mg.sliding_window_view(x, (2, 2), 1)
    with pytest.raises(ValueError, match="step"):
        mg.sliding_window_view(x, (3,), 0)
    with pytest.raises(ValueError, match="step"):
        mg.sliding_window_view(x, (3,), (1, 2))
    with pytest.raises(TypeError, match="step"):
        mg.sliding_window_view(x, (3,), 1.5)
    with pytest.raises(ValueError, match="dilation"):
        mg.sliding_window_view(x, (3,), 1, dilation=0)
    with pytest.raises(ValueError, match="window_shape.*11"):
        mg.sliding_window_view(x, (11,), 1)
    with pytest.raises(ValueError, match="window_shape.*13"):
        mg.sliding_window_view(x, (3,), 1, dilation=6)


@given(arr=hnp.arrays(np.int16, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
def test_does_not_modify_its_input(arr):
    before = arr.copy()
    mg.sliding_window_view(arr, (1,) * arr.ndim, 1)
    np.testing.assert_array_equal(arr, before)
