"""mg.random: draws match NumPy's (global state and Generators), dtypes, constant rules, errors."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra import numpy as hnp

import mygrad_like as mg

shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@given(shape=shapes)
def test_global_state_draws_match_numpy(shape):
    mg.random.seed(7)
    got = [
        mg.random.rand(*shape),
        mg.random.randn(*shape),
        mg.random.random(shape),
        mg.random.uniform(-2.0, 3.0, size=shape),
        mg.random.normal(1.0, 2.0, size=shape),
        mg.random.randint(-3, 4, shape),
    ]
    np.random.seed(7)
    expected = [
        np.random.rand(*shape),
        np.random.randn(*shape),
        np.random.random(shape),
        np.random.uniform(-2.0, 3.0, size=shape),
        np.random.normal(1.0, 2.0, size=shape),
        np.random.randint(-3, 4, shape),
    ]
    for g, e in zip(got, expected):
        assert isinstance(g, mg.Tensor)
        assert g.shape == np.shape(e)
        np.testing.assert_array_equal(g.data, e)


@given(shape=shapes)
def test_generator_draws_match_numpy(shape):
    got = [
        mg.random.rand(*shape, rng=np.random.default_rng(3)),
        mg.random.randn(*shape, rng=np.random.default_rng(3)),
        mg.random.uniform(0.0, 5.0, shape, rng=np.random.default_rng(3)),
        mg.random.normal(0.0, 5.0, shape, rng=np.random.default_rng(3)),
        mg.random.randint(0, 9, shape, rng=np.random.default_rng(3)),
    ]
    expected = [
        np.random.default_rng(3).random(shape),
        np.random.default_rng(3).standard_normal(shape),
        np.random.default_rng(3).uniform(0.0, 5.0, shape),
        np.random.default_rng(3).normal(0.0, 5.0, shape),
        np.random.default_rng(3).integers(0, 9, shape),
    ]
    for g, e in zip(got, expected):
        np.testing.assert_array_equal(g.data, e)


def test_random_state_and_seed_reproducibility():
    a = mg.random.randn(3, rng=np.random.RandomState(5))
    np.testing.assert_array_equal(a.data, np.random.RandomState(5).standard_normal(3))
    mg.random.seed(11)
    x = mg.random.rand(4)
    mg.random.seed(11)
    np.testing.assert_array_equal(mg.random.rand(4).data, x.data)
    gen = np.random.default_rng(0)
    assert not np.array_equal(mg.random.rand(3, rng=gen).data, mg.random.rand(3, rng=gen).data)


def test_shapes_dtypes_and_constant():
    assert mg.random.rand().shape == () and mg.random.randn().shape == ()
    assert mg.random.random().shape == ()
    assert mg.random.rand((2, 3)).shape == (2, 3)
    for t in (
        mg.random.rand(2),
        mg.random.randn(2),
        mg.random.random(2),
        mg.random.uniform(size=2),
        mg.random.normal(size=2),
        mg.random.random_sample(2),
        mg.random.ranf(2),
        mg.random.sample(2),
    ):
        assert t.dtype == np.float64 and not t.constant
    assert mg.random.rand(2, dtype=np.float32).dtype == np.float32
    assert mg.random.normal(size=2, dtype="float16").dtype == np.float16
    assert mg.random.randn(2, constant=True).constant
    r = mg.random.randint(5, size=(100,))
    assert r.constant and r.dtype == np.dtype(int) and 0 <= r.data.min() and r.data.max() < 5
    assert mg.random.randint(0, 3, 4, dtype=np.int8).dtype == np.int8
    u = mg.random.uniform(mg.tensor([0.0, 10.0]), 11.0)
    assert u.shape == (2,) and (u.data >= [0.0, 10.0]).all()


def test_random_tensors_are_differentiable_leaves():
    w = mg.random.randn(3)
    (w * w).backward()
    np.testing.assert_allclose(w.grad, 2 * w.data)


def test_errors():
    with pytest.raises(TypeError, match="rng"):
        mg.random.rand(2, rng=3)
    with pytest.raises(ValueError, match="shape"):
        mg.random.rand(-1)
    with pytest.raises(TypeError, match="shape"):
        mg.random.randn(2.5)
    with pytest.raises(TypeError, match="dtype"):
        mg.random.rand(2, dtype=int)
    with pytest.raises(TypeError, match="dtype"):
        mg.random.randint(0, 3, dtype=float)
    with pytest.raises(ValueError, match="scale"):
        mg.random.normal(0.0, -1.0, 3)
    with pytest.raises(ValueError, match="low="):
        mg.random.randint(5, 2)
    with pytest.raises(ValueError, match="size"):
        mg.random.uniform(size=(-2,))
    with pytest.raises(TypeError, match="once"):
        mg.random.randint(0, 2, 3, size=3)
    with pytest.raises(ValueError, match="seed_number"):
        mg.random.seed(-1)
    with pytest.raises(TypeError, match="constant"):
        mg.random.rand(2, constant=1)
