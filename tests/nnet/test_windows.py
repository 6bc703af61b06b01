"""The shared window arithmetic: normalisers, the output-shape rule, padding and its adjoint,
window views and per-offset slices."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mygrad_like.nnet import _windows as W

from . import reference as ref


def test_as_int_tuple():
    assert W.as_int_tuple(3, 2, "stride") == (3, 3)
    assert W.as_int_tuple([1, np.int64(2)], 2, "stride") == (1, 2)
    assert W.as_int_tuple(0, 1, "output_padding", minimum=0) == (0,)
    with pytest.raises(TypeError, match="stride must hold integers"):
        W.as_int_tuple((1, True), 2, "stride")
    with pytest.raises(TypeError, match="stride must be an int or a sequence"):
        W.as_int_tuple("2", 1, "stride")
    with pytest.raises(ValueError, match="dilation must be >= 1"):
        W.as_int_tuple((1, 0), 2, "dilation")


@given(
    x=st.integers(1, 12),
    k=st.integers(1, 4),
    s=st.integers(1, 4),
    dl=st.integers(1, 3),
    lo=st.integers(0, 3),
    hi=st.integers(0, 3),
)
def test_output_shape_counts_every_placement_that_fits(x, k, s, dl, lo, hi):
    span = dl * (k - 1) + 1
    if x + lo + hi < span:
        with pytest.raises(ValueError, match="kernel spans"):
            W.output_shape((x,), (k,), (s,), (dl,), ((lo, hi),))
        return
    (g,) = W.output_shape((x,), (k,), (s,), (dl,), ((lo, hi),))
    assert g == ref.grid_size(x + lo + hi, k, s, dl)
    # the transposed shape maps back, and is the largest input that does (output_padding < stride)
    for op in range(s):
        (back,) = W.transposed_input_shape((g,), (k,), (s,), (dl,), ((lo, hi),), (op,))
        if back >= 1:
            assert W.output_shape((back,), (k,), (s,), (dl,), ((lo, hi),)) == (g,)


@given(x=st.integers(1, 12), k=st.integers(1, 4), s=st.integers(1, 4), dl=st.integers(1, 3))
def test_padding_strings(x, k, s, dl):
    kw = dict(in_shape=(x,), kernel=(k,), stride=(s,), dilation=(dl,))
    (same,) = W.normalize_padding("same", **kw)
    assert same[1] - same[0] in (0, 1)  # the odd unit goes high
    assert W.output_shape((x,), (k,), (s,), (dl,), (same,)) == (-(-x // s),)
    (full,) = W.normalize_padding("FULL", **kw)
    assert full == (dl * (k - 1),) * 2
    assert W.normalize_padding("valid", **kw) == ((0, 0),)


def test_padding_forms_and_errors():
    kw = dict(in_shape=(5, 5), kernel=(3, 3), stride=(1, 1), dilation=(1, 1))
    assert W.normalize_padding(2, **kw) == ((2, 2), (2, 2))
    assert W.normalize_padding((1, 0), **kw) == ((1, 1), (0, 0))
    assert W.normalize_padding([[1, 2], (0, 3)], **kw) == ((1, 2), (0, 3))
    assert W.normalize_padding(np.array([1, 2]), **kw) == ((1, 1), (2, 2))
    with pytest.raises(ValueError, match=r"for 1-D asymmetric padding write \(\(lo, hi\),\)"):
        W.normalize_padding((1, 2), in_shape=(5,), kernel=(3,), stride=(1,), dilation=(1,))
    with pytest.raises(ValueError, match="one of 'valid'"):
        W.normalize_padding("same", strings=("valid",), **kw)
    with pytest.raises(TypeError, match="entries must be ints or"):
        W.normalize_padding((1.0, 2), **kw)
    with pytest.raises(TypeError, match="padding must be an int"):
        W.normalize_padding(None, **kw)
    with pytest.raises(TypeError):
        W.normalize_padding(True, **kw)


@pytest.mark.parametrize("mode", W.PADDING_MODES)
@given(n=st.integers(1, 6), lo=st.integers(0, 5), hi=st.integers(0, 5), seed=st.integers(0, 99))
def test_pad_matches_reference_and_unpad_is_its_adjoint(mode, n, lo, hi, seed):
    if mode == "reflect":
        lo, hi = min(lo, n - 1), min(hi, n - 1)
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, n, 3))
    pairs = ((lo, hi), (1, 0))
    padded = W.pad(x, pairs, mode)
    np.testing.assert_array_equal(padded, ref.pad_ref(x, pairs, mode))
    v = rng.normal(size=padded.shape)
    folded = W.unpad(v, x.shape[1:], pairs, mode)
    np.testing.assert_allclose(folded, ref.fold_ref(v, x.shape[1:], pairs, mode), rtol=1e-12)
    np.testing.assert_allclose(np.sum(padded * v), np.sum(x * folded), rtol=1e-12)


def test_zero_pad_with_negative_high_side_crops():
    x = np.arange(1.0, 6.0)
    padded = W.pad(x, ((1, -2),))
    np.testing.assert_array_equal(padded, [0, 1, 2, 3])
    np.testing.assert_array_equal(W.unpad(np.ones(4), (5,), ((1, -2),)), [1, 1, 1, 0, 0])
    assert W.pad(x, ((0, 0),)) is x


@given(
    shape=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    data=st.data(),
)
def test_window_view_and_offset_slices(shape, data):
    d = len(shape)
    kernel = tuple(data.draw(st.integers(1, n)) for n in shape)
    stride = tuple(data.draw(st.integers(1, 3)) for _ in range(d))
    geom = W.make_geometry(tuple(shape), kernel, stride, (1,) * d, ((0, 0),) * d)
    x = np.arange(2 * np.prod(shape), dtype=float).reshape((2, *shape))
    view = W.window_view(x, geom)
    assert view.shape == (2, *geom.out_shape, *kernel)
    assert not view.flags.writeable
    for g in np.ndindex(*geom.out_shape):
        for k in np.ndindex(*kernel):
            pos = tuple(gi * s + ki for gi, s, ki in zip(g, stride, k))
            assert view[(slice(None), *g, *k)].tolist() == x[(slice(None), *pos)].tolist()
    for flat, k in enumerate(W.kernel_offsets(geom)):
        assert k == np.unravel_index(flat, kernel)
        np.testing.assert_array_equal(x[(Ellipsis, *W.offset_slices(geom, k))], view[(Ellipsis, *k)])
        rows = (0, 1)
        picked = x[(Ellipsis, *W.offset_slices(geom, k, rows))]
        np.testing.assert_array_equal(picked, view[(slice(None), slice(0, 1), Ellipsis, *k)])


def test_geometry_properties_and_real_counts():
    geom = W.make_geometry((5, 4), (3, 2), (2, 2), (1, 1), ((1, 1), (0, 0)))
    assert geom.out_shape == (3, 2) and geom.padded_shape == (7, 4)
    assert geom.kernel_size == 6 and geom.out_size == 6 and geom.ndim == 2
    assert geom.has_padding and geom.overlapping
    counts = W.real_counts(geom)
    np.testing.assert_array_equal(counts[0], [2, 3, 2])
    np.testing.assert_array_equal(counts[1], [2, 2])
    assert not W.make_geometry((4,), (2,), (2,), (1,), ((0, 0),)).overlapping
