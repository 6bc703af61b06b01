"""Tests for mygrad_like.ops.linalg: matmul, dot, tensordot, einsum, multi_matmul — forward
vs NumPy, gradients (first and second order), dtypes, errors and NumPy dispatch."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.ops.linalg import _chain_order
from mygrad_like.testing import gradcheck, gradgradcheck

MATMUL_SHAPES = hnp.mutually_broadcastable_shapes(signature=np.matmul.signature, max_dims=2, max_side=3)


def arrays(shape, lo=-2.0, hi=2.0):
    return hnp.arrays(np.float64, shape, elements=st.floats(lo, hi))


# ------------------------------------------------------------------------------ matmul
@given(data=st.data())
def test_matmul_forward_matches_numpy(data):
    sa, sb = data.draw(MATMUL_SHAPES).input_shapes
    a, b = data.draw(arrays(sa)), data.draw(arrays(sb))
    a0, b0 = a.copy(), b.copy()
    out = mg.matmul(mg.tensor(a), b)
    expected = np.matmul(a, b)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose((mg.tensor(a) @ mg.tensor(b)).data, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


@given(data=st.data())
def test_matmul_gradcheck(data):
    sa, sb = data.draw(MATMUL_SHAPES).input_shapes
    a, b = data.draw(arrays(sa)), data.draw(arrays(sb))
    gradcheck(mg.matmul, a, b)


@pytest.mark.parametrize(
    "sa, sb",
    [((3,), (3,)), ((3,), (2, 3, 4)), ((2, 1, 2, 3), (3,)), ((2, 3), (4, 3, 2)), ((1, 2, 3), (2, 3, 1))],
)
def test_matmul_second_derivatives(sa, sb, rng):
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    gradgradcheck(mg.matmul, a, b)
    gradgradcheck(lambda x: mg.matmul(x, x.T if x.ndim == 2 else x), rng.standard_normal((3, 3)))


def test_matmul_one_constant_operand(rng):
    a, b = mg.tensor(rng.standard_normal((2, 3))), mg.tensor(rng.standard_normal((3, 4)), constant=True)
    (a @ b).sum().backward()
    np.testing.assert_allclose(a.grad, np.ones((2, 4)) @ b.data.T)
    assert b.grad is None
    ndarray_left = np.ones((5, 2)) @ a  # ndarray @ Tensor -> Tensor.__rmatmul__ / __array_ufunc__
    assert isinstance(ndarray_left, mg.Tensor) and ndarray_left.shape == (5, 3)


@pytest.mark.parametrize(
    "sa, sb, match",
    [
        ((), (3,), "at least 1 dimension"),
        ((2, 3), (4, 5), "not aligned"),
        ((3,), (4,), "not aligned"),
        ((2, 2, 3), (3, 3, 4), "batch"),
    ],
)
def test_matmul_errors(sa, sb, match):
    with pytest.raises(ValueError, match=match):
        mg.matmul(np.ones(sa), np.ones(sb))


# ------------------------------------------------------------------------------ dot
DOT_SHAPES = [
    ((), (3,)),
    ((2,), ()),
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 4)),
    ((2, 3), (3, 4)),
    ((2, 2, 3), (3,)),
    ((2, 3), (4, 3, 2)),
    ((2, 1, 3), (2, 3, 2)),
]


@pytest.mark.parametrize("sa, sb", DOT_SHAPES)
def test_dot_matches_numpy_and_gradcheck(sa, sb, rng):
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    out = mg.dot(a, mg.tensor(b))
    np.testing.assert_allclose(out.data, np.dot(a, b), rtol=1e-12)
    assert out.shape == np.dot(a, b).shape
    np.testing.assert_allclose(mg.tensor(a).dot(b).data, np.dot(a, b), rtol=1e-12)
    gradcheck(mg.dot, a, b)


def test_dot_errors():
    with pytest.raises(ValueError, match="not aligned"):
        mg.dot(np.ones((2, 3)), np.ones((2, 3)))


# ------------------------------------------------------------------------------ tensordot
@st.composite
def tensordot_case(draw):
    """Shapes and an ``axes`` argument (int or a pair of lists) valid for them."""
    n = draw(st.integers(0, 2))
    summed = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    free_a = draw(st.lists(st.integers(1, 3), max_size=2))
    free_b = draw(st.lists(st.integers(1, 3), max_size=2))
    if draw(st.booleans()):  # the int form: the last n of a against the first n of b
        return tuple(free_a + summed), tuple(summed + free_b), n
    # pair form: scatter the summed axes in each operand, in a random pairing order
    pa = draw(st.permutations(range(len(free_a) + n)))
    pb = draw(st.permutations(range(len(free_b) + n)))
    sa, sb = [None] * len(pa), [None] * len(pb)
    for size, i in zip(free_a + summed, pa):
        sa[i] = size
    for size, i in zip(summed + free_b, pb):
        sb[i] = size
    axes_a = list(pa[len(free_a) :])
    axes_b = list(pb[:n])
    if draw(st.booleans()):  # negative axes too
        axes_a = [i - len(sa) for i in axes_a]
    return tuple(sa), tuple(sb), (axes_a, axes_b)


@given(case=tensordot_case(), data=st.data())
def test_tensordot_matches_numpy_and_gradcheck(case, data):
    sa, sb, axes = case
    a, b = data.draw(arrays(sa)), data.draw(arrays(sb))
    out = mg.tensordot(mg.tensor(a), b, axes=axes)
    expected = np.tensordot(a, b, axes=axes)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-12, atol=1e-12)
    gradcheck(lambda x, y: mg.tensordot(x, y, axes=axes), a, b)


@pytest.mark.parametrize(
    "sa, sb, axes",
    [
        ((2, 3), (4,), 0),
        ((2, 3), (3, 2), 1),
        ((2, 3, 2), (3, 2, 2), 2),
        ((2, 3, 2), (2, 3, 2), ([0, 2], [2, 0])),
        ((2, 3), (2, 3, 2), ([-1], [1])),
        ((3, 2), (3, 2), (1, 1)),
        ((2, 3, 4), (4, 2, 3), ([1, 2], [2, 0])),
        ((3, 2, 2), (2, 2, 3), ([2, 1, 0], [0, 1, 2])),
    ],
)
def test_tensordot_fixed_cases_first_and_second_derivatives(sa, sb, axes, rng):
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    np.testing.assert_allclose(mg.tensordot(a, b, axes=axes).data, np.tensordot(a, b, axes=axes), rtol=1e-12)
    gradcheck(lambda x, y: mg.tensordot(x, y, axes=axes), a, b)
    gradgradcheck(lambda x, y: mg.tensordot(x, y, axes=axes), a, b)


@pytest.mark.parametrize(
    "axes, exc, match",
    [
        (3, ValueError, "axes"),
        (-1, ValueError, "axes"),
        (([0], [0, 1]), ValueError, "axes"),
        (([0], [1]), ValueError, "size"),
        (([5], [0]), ValueError, "out of bounds"),
        (([0, 0], [0, 1]), ValueError, "repeats"),
        ("ab", TypeError, "axes"),
        (1.5, TypeError, "axes"),
    ],
)
def test_tensordot_errors(axes, exc, match):
    with pytest.raises(exc, match=match):
        mg.tensordot(np.ones((2, 3)), np.ones((2, 4)), axes=axes)


# ------------------------------------------------------------------------------ einsum
EINSUM_CASES = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("ij,jk", [(2, 3), (3, 4)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("iij->ij", [(2, 2, 3)]),
    ("iji->j", [(2, 3, 2)]),
    ("ij->", [(2, 3)]),
    ("ij->j", [(2, 3)]),
    ("ij->ji", [(2, 3)]),
    ("i,i", [(3,), (3,)]),
    ("i,j->ij", [(2,), (3,)]),
    ("ij,ij->i", [(2, 3), (2, 1)]),  # an explicit label broadcasting from size 1
    ("...ij,...jk->...ik", [(2, 2, 3), (3, 4)]),
    ("...ij,...jk", [(4, 1, 2, 3), (5, 3, 2)]),
    ("i...->...", [(2, 3, 4)]),
    ("...,...", [(2, 3), ()]),
    ("ba,aC", [(2, 3), (3, 2)]),  # implicit output sorted as NumPy does (upper case first)
    ("aB", [(2, 3)]),
    ("bij,bjk,bkl->bil", [(2, 2, 3), (2, 3, 2), (2, 2, 2)]),
    ("ijk,kji,i", [(2, 3, 2), (2, 3, 2), (2,)]),
    (" i j , j k -> i k ", [(2, 3), (3, 2)]),
    ("", [()]),
]


@pytest.mark.parametrize("spec, shapes", EINSUM_CASES, ids=[c[0] or "scalar" for c in EINSUM_CASES])
def test_einsum_cases(spec, shapes, rng):
    ops = [rng.standard_normal(s) for s in shapes]
    out = mg.einsum(spec, *[mg.tensor(o) for o in ops])
    expected = np.einsum(spec, *ops)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-12, atol=1e-12)
    gradcheck(lambda *xs: mg.einsum(spec, *xs), *ops)
    gradgradcheck(lambda *xs: mg.einsum(spec, *xs), *ops)


def test_einsum_diagonal_and_trace_gradients():
    a = mg.tensor(np.arange(9.0).reshape(3, 3))
    mg.einsum("ii->i", a).backward(grad=[1.0, 2.0, 3.0])
    np.testing.assert_array_equal(a.grad, np.diag([1.0, 2.0, 3.0]))
    b = mg.tensor(np.arange(9.0).reshape(3, 3))
    mg.einsum("ii", b).backward()
    np.testing.assert_array_equal(b.grad, np.eye(3))


def test_einsum_same_tensor_twice_and_optimize(rng):
    x = rng.standard_normal((3, 3))
    t = mg.tensor(x)
    mg.einsum("ij,ij", t, t).backward()
    np.testing.assert_allclose(t.grad, 2 * x)
    ops = [rng.standard_normal((2, 3)), rng.standard_normal((3, 4)), rng.standard_normal((4, 2))]
    out = mg.einsum("ij,jk,kl->il", *ops, optimize=True)
    np.testing.assert_allclose(out.data, np.einsum("ij,jk,kl->il", *ops), rtol=1e-12)
    gradcheck(lambda *xs: mg.einsum("ij,jk,kl->il", *xs, optimize="greedy"), *ops)


def test_einsum_interleaved_form(rng):
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    out = mg.einsum(a, [0, 1], mg.tensor(b), [1, 2], [0, 2])
    np.testing.assert_allclose(out.data, np.einsum(a, [0, 1], b, [1, 2], [0, 2]))
    out = mg.einsum(a, [Ellipsis, 1], b, [1, 27])
    np.testing.assert_allclose(out.data, np.einsum(a, [Ellipsis, 1], b, [1, 27]))
    gradcheck(lambda x, y: mg.einsum(x, [0, 1], y, [1, 2], [0, 2]), a, b)


@st.composite
def einsum_case(draw):
    """A random einsum: 1-3 operands over labels ijk (repeats allowed: diagonals, traces),
    maybe a broadcasting '...', and an implicit or an explicit output."""
    sizes = {c: draw(st.integers(1, 3)) for c in "ijk"}
    n_ops = draw(st.integers(1, 3))
    terms = [draw(st.lists(st.sampled_from("ijk"), max_size=3)) for _ in range(n_ops)]
    use_ell = draw(st.booleans())
    batch = [()] * n_ops
    if use_ell:
        batch = list(
            draw(hnp.mutually_broadcastable_shapes(num_shapes=n_ops, max_dims=2, max_side=2)).input_shapes
        )
    shapes = [b + tuple(sizes[c] for c in t) for b, t in zip(batch, terms)]
    lhs = ",".join(("..." if use_ell else "") + "".join(t) for t in terms)
    if draw(st.booleans()):
        spec = lhs
    else:
        used = sorted(set("".join("".join(t) for t in terms)))
        out = draw(st.permutations(used)) if used else []
        out = list(out)[: draw(st.integers(0, len(out)))]
        spec = lhs + "->" + ("..." if use_ell else "") + "".join(out)
    ops = [draw(arrays(s)) for s in shapes]
    return spec, ops


@given(case=einsum_case())
def test_einsum_random_specs(case):
    spec, ops = case
    out = mg.einsum(spec, *ops)
    expected = np.einsum(spec, *ops)
    assert out.shape == expected.shape, spec
    np.testing.assert_allclose(out.data, expected, rtol=1e-12, atol=1e-12)
    gradcheck(lambda *xs: mg.einsum(spec, *xs), *ops)


@given(case=einsum_case())
def test_einsum_random_specs_second_derivative(case):
    spec, ops = case
    gradgradcheck(lambda *xs: mg.einsum(spec, *xs), *ops)


@pytest.mark.parametrize(
    "spec, shapes, match",
    [
        ("ij,jk", [(2, 3)], "operand"),
        ("ij", [(2, 3, 4)], "dimension"),
        ("ij->ii", [(2, 2)], "repeats"),
        ("ij->k", [(2, 2)], "appear in no operand"),
        ("i,i", [(2,), (3,)], "size"),
        ("ii", [(2, 3)], "repeated"),
        ("...i->i", [(2, 3)], "'\\.\\.\\.'"),
        ("i1", [(2, 3)], "letters"),
        ("i->j->k", [(2,)], "->"),
    ],
)
def test_einsum_errors(spec, shapes, match):
    with pytest.raises(ValueError, match=match):
        mg.einsum(spec, *[np.ones(s) for s in shapes])


def test_einsum_needs_operands():
    with pytest.raises(ValueError, match="einsum"):
        mg.einsum()
    with pytest.raises(ValueError, match="without operands"):
        mg.einsum("ij")


# ------------------------------------------------------------------------------ multi_matmul
@pytest.mark.parametrize(
    "shapes",
    [
        [(2, 3), (3, 4)],
        [(3,), (3, 4), (4, 2)],
        [(2, 3), (3, 4), (4,)],
        [(3,), (3, 4), (4,)],
        [(4, 2), (2, 5), (5, 1), (1, 3), (3, 2)],
        [(3,), (3,)],
    ],
)
def test_multi_matmul_matches_multi_dot(shapes, rng):
    ops = [rng.standard_normal(s) for s in shapes]
    out = mg.multi_matmul([mg.tensor(o) for o in ops])
    expected = np.linalg.multi_dot(ops)
    assert out.shape == np.shape(expected)
    np.testing.assert_allclose(out.data, expected, rtol=1e-12)
    gradcheck(lambda *xs: mg.multi_matmul(list(xs)), *ops)


def test_multi_matmul_second_derivative_and_constant(rng):
    ops = [rng.standard_normal(s) for s in [(2,), (2, 3), (3, 2)]]
    gradgradcheck(lambda *xs: mg.multi_matmul(xs), *ops)
    assert mg.multi_matmul([mg.tensor(o) for o in ops], constant=True).constant


def test_chain_order_is_optimal():
    # (10x100)(100x5)(5x50): ((AB)C) costs 7,500 scalar products, (A(BC)) 75,000
    assert _chain_order([10, 100, 5, 50])[0][2] == 1
    assert _chain_order([50, 5, 100, 10])[0][2] == 0


@pytest.mark.parametrize(
    "tensors, exc, match",
    [
        ([np.ones((2, 2))], ValueError, "at least two"),
        ([np.ones((2, 2)), np.ones((2, 2, 2))], ValueError, "1-D or 2-D"),
        ([np.ones(2), np.ones(2), np.ones(2)], ValueError, "2-D"),
        ([np.ones((2, 3)), np.ones((2, 3))], ValueError, "aligned"),
        (np.ones((2, 2)), TypeError, "sequence"),
    ],
)
def test_multi_matmul_errors(tensors, exc, match):
    with pytest.raises(exc, match=match):
        mg.multi_matmul(tensors)


# ------------------------------------------------------------------------------ dtypes
@pytest.mark.parametrize(
    "f, shapes",
    [
        (mg.matmul, [(2, 3), (3, 4)]),
        (mg.matmul, [(3,), (2, 3, 4)]),
        (mg.dot, [(2, 3), (3,)]),
        (lambda a, b: mg.tensordot(a, b, 1), [(2, 3), (3, 2)]),
        (lambda a, b: mg.einsum("ii,ij->j", a, b), [(3, 3), (3, 2)]),
        (lambda a, b: mg.multi_matmul([a, b]), [(2, 3), (3,)]),
    ],
)
def test_float32_is_preserved(f, shapes, rng):
    ts = [mg.tensor(rng.standard_normal(s).astype(np.float32)) for s in shapes]
    out = f(*ts)
    assert out.dtype == np.float32
    out.sum().backward()
    assert all(t.grad.dtype == np.float32 for t in ts)
    gs = mg.grad(f(*ts).sum(), ts, create_graph=True)
    assert all(g.dtype == np.float32 for g in gs)


def test_integer_operands_give_constant_results():
    a = mg.tensor([[1, 2], [3, 4]])
    out = mg.matmul(a, a)
    assert out.constant and out.dtype == np.matmul(a.data, a.data).dtype
    np.testing.assert_array_equal(mg.einsum("ij,jk", a, a).data, a.data @ a.data)


# ------------------------------------------------------------------------------ dispatch
def test_numpy_functions_dispatch_to_the_library(rng):
    a, b = mg.tensor(rng.standard_normal((2, 3))), mg.tensor(rng.standard_normal((3, 2)))
    for out, expected in [
        (np.matmul(a, b), a.data @ b.data),
        (np.dot(a, b), a.data @ b.data),
        (np.einsum("ij,jk->ik", a, b), a.data @ b.data),
        (np.tensordot(a, b, axes=1), a.data @ b.data),
        (a @ b, a.data @ b.data),
        (a.matmul(b), a.data @ b.data),
    ]:
        assert isinstance(out, mg.Tensor) and not out.constant
        np.testing.assert_allclose(out.data, expected)
    np.matmul(a, b).sum().backward()
    np.testing.assert_allclose(a.grad, np.ones((2, 2)) @ b.data.T)
