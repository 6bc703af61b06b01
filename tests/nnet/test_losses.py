"""Losses: forward vs NumPy, gradients (gradcheck), second derivatives, stability, label errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import losses as L
from mygrad_like.testing import gradcheck, gradgradcheck, tensors


def np_logsoftmax(x):
    z = x - x.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


@st.composite
def scores_and_labels(draw, min_value=-10.0, max_value=10.0):
    n = draw(st.integers(1, 4))
    c = draw(st.integers(1, 4))
    x = draw(tensors(shape=(n, c), min_value=min_value, max_value=max_value))
    y = np.array(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)), dtype=np.int64)
    return x, y


def one_hot(y, c):
    return np.eye(c)[y]


# --------------------------------------------------------------------------- softmax cross-entropy
@given(xy=scores_and_labels(min_value=-50, max_value=50))
def test_softmax_crossentropy_forward(xy):
    x, y = xy
    expected = -np.mean(np_logsoftmax(x.data)[np.arange(len(y)), y])
    np.testing.assert_allclose(L.softmax_crossentropy(x, y).data, expected, rtol=1e-10, atol=1e-12)
    # one-hot rows give the same loss; a label tensor is accepted too
    np.testing.assert_allclose(
        L.softmax_crossentropy(x, one_hot(y, x.shape[1])).data, expected, rtol=1e-10, atol=1e-12
    )
    np.testing.assert_allclose(L.softmax_crossentropy(x, mg.tensor(y)).data, expected, rtol=1e-10, atol=1e-12)


@given(xy=scores_and_labels())
def test_softmax_crossentropy_gradient(xy):
    x, y = xy
    assert gradcheck(lambda t: L.softmax_crossentropy(t, y), x)
    assert gradcheck(lambda t: L.softmax_crossentropy(t, one_hot(y, x.shape[1])), x)


@given(x=tensors(shape=(3, 4)), t=tensors(shape=(3, 4), min_value=0, max_value=1))
def test_softmax_crossentropy_soft_targets(x, t):
    expected = -np.sum(t.data * np_logsoftmax(x.data)) / 3
    np.testing.assert_allclose(L.softmax_crossentropy(x, t).data, expected, rtol=1e-10, atol=1e-12)
    assert gradcheck(lambda a: L.softmax_crossentropy(a, t.data), x)


def test_softmax_crossentropy_second_derivative(rng):
    x = rng.standard_normal((3, 4))
    soft = rng.uniform(0, 1, (3, 4))
    assert gradgradcheck(lambda t: L.softmax_crossentropy(t, [0, 3, 1]), x)
    assert gradgradcheck(lambda t: L.softmax_crossentropy(t, soft), x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_crossentropy_huge_scores(dtype):
    x = mg.tensor(np.array([[2.0, 2.0, 2.0], [0.0, 0.0, 1e6], [1e6, 0.0, -1e6]], dtype=dtype))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = L.softmax_crossentropy(x, [0, 2, 1])
        loss.backward()
    assert loss.dtype == dtype and x.grad.dtype == dtype
    np.testing.assert_allclose(loss.data, (np.log(3) + 0 + 1e6) / 3, rtol=1e-6)
    np.testing.assert_allclose(
        x.grad, np.array([[-2 / 3, 1 / 3, 1 / 3], [0, 0, 0], [1, -1, 0]]) / 3, atol=1e-7
    )


# --------------------------------------------------------------------------- nll
@given(xy=scores_and_labels(), use_weights=st.booleans())
def test_negative_log_likelihood(xy, use_weights):
    x, y = xy
    c = x.shape[1]
    w = np.linspace(0.5, 2.0, c) if use_weights else np.ones(c)
    expected = -np.mean(w[y] * x.data[np.arange(len(y)), y])
    got = L.negative_log_likelihood(x, y, weights=w if use_weights else None)
    np.testing.assert_allclose(got.data, expected, rtol=1e-12, atol=1e-12)
    assert gradcheck(lambda t: L.negative_log_likelihood(t, y, weights=w), x)
    # nll of a log-softmax is the softmax cross-entropy
    np.testing.assert_allclose(
        L.negative_log_likelihood(np_logsoftmax(x.data), one_hot(y, c)).data,
        L.softmax_crossentropy(x, y).data,
        rtol=1e-10,
        atol=1e-12,
    )


# --------------------------------------------------------------------------- focal
def np_focal(p_t, alpha, gamma):
    return -alpha * (1 - p_t) ** gamma * np.log(p_t)


gammas = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.5])


@given(xy=scores_and_labels(min_value=-5, max_value=5), alpha=st.floats(0.1, 2.0), gamma=gammas)
def test_focal_losses(xy, alpha, gamma):
    x, y = xy
    logp = np_logsoftmax(x.data)
    p = np.exp(logp)
    p_t = p[np.arange(len(y)), y]
    assume(p_t.max() < 1 - 1e-6 or gamma == 0 or gamma >= 1)  # (1-p)^gamma is not differentiable at p = 1
    expected = np_focal(p_t, alpha, gamma)
    np.testing.assert_allclose(
        L.focal_loss(p, y, alpha=alpha, gamma=gamma).data, expected, rtol=1e-7, atol=1e-12
    )
    np.testing.assert_allclose(
        L.softmax_focal_loss(x, y, alpha=alpha, gamma=gamma).data, expected, rtol=1e-7, atol=1e-12
    )
    assert gradcheck(lambda t: L.softmax_focal_loss(t, y, alpha=alpha, gamma=gamma), x)
    assert gradcheck(lambda t: L.focal_loss(t, y, alpha=alpha, gamma=gamma), np.clip(p, 0.05, 0.95))


def test_focal_is_cross_entropy_for_gamma_zero(rng):
    x = rng.standard_normal((5, 3))
    y = np.array([0, 1, 2, 2, 1])
    per_datum = L.softmax_focal_loss(x, y)
    np.testing.assert_allclose(per_datum.data.mean(), L.softmax_crossentropy(x, y).data)
    np.testing.assert_allclose(L.softmax_focal_loss(x, one_hot(y, 3)).data, per_datum.data)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0])
def test_focal_second_derivative(gamma, rng):
    x = rng.standard_normal((3, 4))
    assert gradgradcheck(lambda t: L.softmax_focal_loss(t, [1, 0, 3], alpha=0.5, gamma=gamma), x)
    assert gradgradcheck(lambda t: L.focal_loss(t, [1, 0, 3], gamma=gamma), rng.uniform(0.1, 0.9, (3, 4)))


def test_focal_certain_datum_has_finite_gradient():
    x = mg.tensor([[0.0, 1000.0], [0.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = L.softmax_focal_loss(x, [1, 0], gamma=0.5)
        loss.sum().backward()
    assert np.isfinite(x.grad).all()
    np.testing.assert_array_equal(loss.data[0], 0.0)
    p = mg.tensor([[0.0, 1.0], [0.5, 0.5]])
    L.focal_loss(p, [1, 0], gamma=0.5).sum().backward()
    assert np.isfinite(p.grad).all()


# --------------------------------------------------------------------------- margins
@given(
    data=st.data(),
    shape=st.sampled_from([(4,), (3, 2)]),
    margin=st.floats(0, 2),
)
def test_margin_ranking_loss(data, shape, margin):
    x1 = data.draw(tensors(shape=shape))
    x2 = data.draw(tensors(shape=shape))
    y = np.array(data.draw(st.lists(st.sampled_from([-1, 1]), min_size=shape[0], max_size=shape[0])))
    yb = y if len(shape) == 1 else y[:, None]
    z = margin - yb * (x1.data - x2.data)
    np.testing.assert_allclose(L.margin_ranking_loss(x1, x2, y, margin).data, np.maximum(0, z).mean())
    assume(np.all(np.abs(z) > 1e-3))
    assert gradcheck(lambda a, b: L.margin_ranking_loss(a, b, y, margin), x1, x2)
    assert gradcheck(lambda a, b: L.margin_ranking_loss(a, b, -1, margin), x1, x2)


def hinge_reference(x, y, hinge):
    total = 0.0
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            if j != y[i]:
                total += max(0.0, x[i, j] - x[i, y[i]] + hinge)
    return total / x.shape[0]


@given(xy=scores_and_labels(), hinge=st.floats(0.1, 2.0))
def test_multiclass_hinge(xy, hinge):
    x, y = xy
    np.testing.assert_allclose(
        L.multiclass_hinge(x, y, hinge).data, hinge_reference(x.data, y, hinge), rtol=1e-12, atol=1e-12
    )
    margins = x.data - x.data[np.arange(len(y)), y][:, None] + hinge
    assume(np.all(np.abs(margins) > 1e-3))
    assert gradcheck(lambda t: L.multiclass_hinge(t, y, hinge), x)


def test_matches_mygrad(rng):
    mygrad = pytest.importorskip("mygrad")
    from mygrad import nnet as ref

    x0 = rng.standard_normal((6, 4))
    y = rng.integers(0, 4, 6)
    p0 = np.exp(np_logsoftmax(x0))
    cases = [
        (lambda t: L.softmax_crossentropy(t, y), lambda t: ref.softmax_crossentropy(t, y), x0),
        (
            lambda t: L.negative_log_likelihood(t, y, weights=np.arange(1.0, 5.0)),
            lambda t: ref.negative_log_likelihood(t, y, weights=np.arange(1.0, 5.0)),
            x0,
        ),
        (
            lambda t: L.focal_loss(t, y, alpha=0.3, gamma=1.5).sum(),
            lambda t: ref.focal_loss(t, y, alpha=0.3, gamma=1.5).sum(),
            p0,
        ),
        (
            lambda t: L.softmax_focal_loss(t, y, gamma=2).sum(),
            lambda t: ref.softmax_focal_loss(t, y, gamma=2).sum(),
            x0,
        ),
        (lambda t: L.multiclass_hinge(t, y, 0.7), lambda t: ref.multiclass_hinge(t, y, 0.7), x0),
        (
            lambda t: L.margin_ranking_loss(t[:, 0], t[:, 1], np.sign(y - 1.5).astype(int), 0.4),
            lambda t: ref.margin_ranking_loss(t[:, 0], t[:, 1], np.sign(y - 1.5).astype(int), 0.4),
            x0,
        ),
    ]
    for ours, theirs, data in cases:
        a, b = mg.tensor(data), mygrad.tensor(data)
        la, lb = ours(a), theirs(b)
        np.testing.assert_allclose(la.data, lb.data, rtol=1e-9)
        la.backward()
        lb.backward()
        np.testing.assert_allclose(a.grad, b.grad, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------- mse, bce
@given(a=tensors(shape=(3, 2)), b=tensors(shape=(2,)), reduction=st.sampled_from(["mean", "sum", "none"]))
def test_mean_squared_error(a, b, reduction):
    sq = (a.data - b.data) ** 2
    expected = {"mean": sq.mean(), "sum": sq.sum(), "none": sq}[reduction]
    np.testing.assert_allclose(L.mean_squared_error(a, b, reduction=reduction).data, expected)
    assert gradcheck(lambda u, v: L.mean_squared_error(u, v, reduction=reduction), a, b)


def np_bce(x, t):
    p = 1 / (1 + np.exp(-x))
    return -(t * np.log(p) + (1 - t) * np.log1p(-p))


@given(
    x=tensors(shape=(2, 3), min_value=-15, max_value=15),
    t=tensors(shape=(2, 3), min_value=0.001, max_value=0.999),
    reduction=st.sampled_from(["mean", "sum", "none"]),
)
def test_binary_crossentropy_with_logits(x, t, reduction):
    per = np_bce(x.data, t.data)
    expected = {"mean": per.mean(), "sum": per.sum(), "none": per}[reduction]
    got = L.binary_crossentropy_with_logits(x, t, reduction=reduction)
    np.testing.assert_allclose(got.data, expected, rtol=1e-8, atol=1e-10)
    assert gradcheck(lambda a, b: L.binary_crossentropy_with_logits(a, b, reduction=reduction), x, t)


def test_bce_second_derivative_and_stability(rng):
    assert gradgradcheck(
        lambda a: L.binary_crossentropy_with_logits(a, [[0.0, 1.0, 0.3]]), rng.standard_normal((2, 3))
    )
    x = mg.tensor([-1000.0, 1000.0, -1000.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = L.binary_crossentropy_with_logits(x, [0, 1, 1, 0], reduction="none")
        loss.sum().backward()
    np.testing.assert_allclose(loss.data, [0, 0, 1000, 1000])
    np.testing.assert_allclose(x.grad, [0, 0, -1, 1])


# --------------------------------------------------------------------------- errors
X = np.zeros((3, 4))


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (
            lambda: L.softmax_crossentropy(X, [0, 1, 4]),
            ValueError,
            r"y_true\[2\] = 4 is not a class label in \[0, 4\)",
        ),
        (lambda: L.softmax_crossentropy(X, [0, -1, 1]), ValueError, r"y_true\[1\] = -1"),
        (lambda: L.softmax_crossentropy(X, [0.0, 1.0, 2.0]), TypeError, "integer class labels"),
        (lambda: L.softmax_crossentropy(X, [0, 1]), ValueError, "2 labels for 3 rows"),
        (lambda: L.softmax_crossentropy(X, np.zeros((3, 3))), ValueError, "must match"),
        (lambda: L.softmax_crossentropy(np.zeros(4), [0]), ValueError, r"shape \(N, C\)"),
        (lambda: L.softmax_crossentropy(np.zeros((0, 4)), np.zeros(0, int)), ValueError, "at least one"),
        (lambda: L.negative_log_likelihood(X, [0, 1, 2], weights=[1, 2]), ValueError, "weights"),
        (lambda: L.focal_loss(X + 0.25, [0, 1, 9]), ValueError, "targets"),
        (lambda: L.focal_loss(X + 2, [0, 1, 2]), ValueError, "probabilities"),
        (lambda: L.focal_loss(X + 0.25, [0, 1, 2], gamma=-1), ValueError, "gamma"),
        (lambda: L.softmax_focal_loss(X, np.full((3, 4), 0.25)), ValueError, "one-hot"),
        (lambda: L.multiclass_hinge(X, [[0, 1]]), ValueError, "y_true"),
        (lambda: L.margin_ranking_loss(np.zeros(3), np.zeros(4), 1, 0.1), ValueError, "same shape"),
        (lambda: L.margin_ranking_loss(np.zeros(3), np.zeros(3), [1, 0, 1], 0.1), ValueError, "1 and -1"),
        (lambda: L.margin_ranking_loss(np.zeros(3), np.zeros(3), [1, 1], 0.1), ValueError, "y must"),
        (lambda: L.margin_ranking_loss(np.zeros(3), np.zeros(3), 1, -0.1), ValueError, "margin"),
        (lambda: L.mean_squared_error(np.zeros(3), np.zeros(4)), ValueError, "broadcast"),
        (lambda: L.mean_squared_error(np.zeros(3), np.zeros(3), reduction="max"), ValueError, "reduction"),
        (lambda: L.binary_crossentropy_with_logits(np.zeros(3), [0, 2, 1]), ValueError, r"\[0, 1\]"),
        (lambda: L.binary_crossentropy_with_logits(np.zeros(3), np.zeros((2, 3))), ValueError, "broadcast"),
    ],
)
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_labels_are_not_mutated_and_get_no_gradient():
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    t = mg.tensor(y)
    x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    L.softmax_crossentropy(x, t).backward()
    assert t.grad is None
    np.testing.assert_array_equal(y, [[0, 1], [1, 0]])
