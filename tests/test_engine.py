"""The engine: backward semantics, graph lifetime, constants, no_autodiff, mg.grad, dtypes."""

import gc
import threading
import weakref

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.engine import GraphFreedError, unbroadcast


# ----------------------------------------------------------------------------- backward
def test_backward_from_scalar_sets_every_grad():
    x = mg.tensor([1.0, 2.0, 3.0])
    y = x * x
    z = y.sum()
    z.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0, 6.0])
    np.testing.assert_array_equal(y.grad, [1.0, 1.0, 1.0])
    assert z.grad == 1.0


def test_backward_from_nonscalar_uses_ones_or_broadcast_seed():
    x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    y = 3 * x
    y.backward(retain_graph=True)
    np.testing.assert_array_equal(x.grad, np.full((2, 2), 3.0))
    y.backward(grad=[1.0, 2.0])  # broadcast along the rows
    np.testing.assert_array_equal(x.grad, [[3.0, 6.0], [3.0, 6.0]])


def test_seed_of_wrong_shape_is_rejected():
    x = mg.tensor([1.0, 2.0])
    with pytest.raises(ValueError, match=r"grad of shape \(3,\)"):
        (x * 2).backward(grad=np.ones(3))


def test_backward_on_constant_is_a_no_op():
    c = mg.tensor([1.0], constant=True)
    c.backward()  # as in MyGrad
    assert c.grad is None


def test_grads_are_those_of_the_latest_pass_not_accumulated():
    w = mg.tensor(2.0)
    (w * 3).backward()
    assert w.grad == 3.0
    (w * 5).backward()
    assert w.grad == 5.0  # MyGrad semantics: no manual zeroing in a training loop
    w.null_grad()
    assert w.grad is None


def test_a_tensor_used_twice_accumulates_within_one_pass():
    x = mg.tensor(3.0)
    y = x * x + x
    y.backward()
    assert x.grad == 7.0


def test_seed_is_not_mutated_and_grad_dtype_follows_tensor():
    x = mg.tensor([1.0, 2.0], dtype=np.float32)
    seed = np.array([1.0, 1.0])
    (x * 2).backward(seed)
    np.testing.assert_array_equal(seed, [1.0, 1.0])
    assert x.grad.dtype == np.float32


# ----------------------------------------------------------------------------- graph lifetime
def test_graph_is_freed_after_backward_and_second_pass_raises():
    x = mg.tensor([1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    with pytest.raises(GraphFreedError, match="retain_graph=True"):
        y.backward()
    assert isinstance(GraphFreedError("x"), RuntimeError)


def test_retain_graph_allows_repeated_passes():
    x = mg.tensor([1.0, 2.0])
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward(retain_graph=True)
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    y.backward()
    with pytest.raises(RuntimeError):
        y.backward()


def test_freed_graph_releases_intermediate_arrays():
    x = mg.tensor(np.ones(1000))
    mid = x * 2
    ref = weakref.ref(mid)
    ref_data = weakref.ref(mid.data) if hasattr(mid.data, "__weakref__") else None
    out = (mid * 3).sum()
    del mid
    gc.collect()
    assert ref() is not None  # still held by the graph
    out.backward()
    gc.collect()
    assert ref() is None
    if ref_data is not None:
        assert ref_data() is None


def test_retained_graph_keeps_intermediates_alive():
    x = mg.tensor(np.ones(10))
    mid = x * 2
    ref = weakref.ref(mid)
    out = (mid * 3).sum()
    del mid
    out.backward(retain_graph=True)
    gc.collect()
    assert ref() is not None


def test_very_deep_graph_does_not_recurse():
    x = mg.tensor(1.0)
    y = x
    for _ in range(200_000):
        y = y + 1.0
    y.backward()
    assert x.grad == 1.0


# ----------------------------------------------------------------------------- constants
def test_integer_and_bool_tensors_are_constant():
    assert mg.tensor([1, 2]).constant
    assert mg.tensor([True]).constant
    assert not mg.tensor([1.0]).constant
    with pytest.raises(ValueError, match="constant=False"):
        mg.tensor([1, 2], constant=False)


def test_constant_inputs_get_no_gradient_and_arrays_mix_in():
    x = mg.tensor([1.0, 2.0])
    c = mg.tensor([3.0, 4.0], constant=True)
    a = np.array([5.0, 6.0])
    y = (x * c + a * x).sum()
    y.backward()
    np.testing.assert_array_equal(x.grad, [8.0, 10.0])
    assert c.grad is None
    np.testing.assert_array_equal(a, [5.0, 6.0])
    assert (c * a).constant


def test_constant_keyword_forces_constant_result():
    x = mg.tensor([1.0])
    assert mg.multiply(x, 2.0, constant=True).constant
    assert not mg.multiply(mg.tensor([1.0], constant=True), 2.0, constant=False).constant


def test_no_autodiff_context_and_decorator():
    x = mg.tensor([1.0])
    with mg.no_autodiff:
        y = x * 2
        assert not mg.is_autodiff_enabled()
    assert mg.is_autodiff_enabled()
    assert y.constant and y.creator is None

    @mg.no_autodiff
    def f(t):
        return t * 2

    assert f(x).constant
    assert not (x * 2).constant


def test_no_autodiff_is_thread_local():
    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def other():
        inside.wait()
        seen["enabled"] = mg.is_autodiff_enabled()
        release.set()

    th = threading.Thread(target=other)
    th.start()
    with mg.no_autodiff:
        inside.set()
        release.wait(5)
    th.join()
    assert seen["enabled"] is True


# ----------------------------------------------------------------------------- dtypes
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_preserved_through_ops_and_grads(dtype):
    x = mg.tensor([1.0, 2.0], dtype=dtype)
    y = (x * 2.5 + 1 - x / 3) ** 2
    assert y.dtype == dtype
    y.sum().backward()
    assert x.grad.dtype == dtype


def test_numpy_promotion_otherwise():
    x = mg.tensor([1.0], dtype=np.float32)
    assert (x * np.array([2.0])).dtype == np.float64
    assert (mg.tensor([1, 2]) * 2).dtype == np.int64


# ----------------------------------------------------------------------------- mg.grad
def test_grad_returns_without_storing():
    x = mg.tensor([1.0, 2.0])
    y = (x**2).sum()
    (gx,) = mg.grad(y, x)
    np.testing.assert_array_equal(gx.data, [2.0, 4.0])
    assert x.grad is None
    assert gx.constant


def test_second_derivative_and_hessian_vector_product():
    x = mg.tensor([1.0, 2.0, 3.0])
    y = (x**3).sum()
    (g,) = mg.grad(y, x, create_graph=True)
    np.testing.assert_allclose(g.data, 3 * x.data**2)
    v = np.array([1.0, 0.0, 2.0])
    (hv,) = mg.grad((g * v).sum(), x)
    np.testing.assert_allclose(hv.data, 6 * x.data * v)


def test_gradient_penalty_backward_through_grad():
    w = mg.tensor([0.5, -1.5])
    x = mg.tensor([2.0, 3.0])
    out = (w * x * x).sum()
    (gx,) = mg.grad(out, x, create_graph=True)  # 2 w x
    penalty = (gx**2).sum()  # sum 4 w^2 x^2
    penalty.backward()
    np.testing.assert_allclose(w.grad, 8 * w.data * x.data**2)
    np.testing.assert_allclose(x.grad, 8 * w.data**2 * x.data)


def test_grad_multiple_outputs_and_inputs_with_seeds():
    a = mg.tensor(2.0)
    b = mg.tensor(3.0)
    ga, gb = mg.grad([a * b, a + b], [a, b], grad_outputs=[1.0, 10.0])
    assert ga.item() == 3.0 + 10.0
    assert gb.item() == 2.0 + 10.0


def test_grad_errors():
    x = mg.tensor([1.0])
    unused = mg.tensor([1.0])
    y = (x * 2).sum()
    with pytest.raises(ValueError, match=r"inputs\[0\] is not part of the graph"):
        mg.grad(y, unused, retain_graph=True)
    assert mg.grad(y, [x, unused], allow_unused=True, retain_graph=True)[1] is None
    with pytest.raises(ValueError, match="constant"):
        mg.grad(y, mg.tensor([1.0], constant=True), retain_graph=True)
    with pytest.raises(TypeError, match="inputs must be a Tensor"):
        mg.grad(y, [1.0], retain_graph=True)
    with pytest.raises(ValueError, match="does not broadcast"):
        mg.grad(x * 2, x, grad_outputs=np.ones(3))


def test_grad_frees_graph_unless_retained():
    x = mg.tensor(2.0)
    y = x * x
    mg.grad(y, x)
    with pytest.raises(GraphFreedError):
        mg.grad(y, x)


# ----------------------------------------------------------------------------- unbroadcast
@given(data=st.data())
def test_unbroadcast_matches_summing_a_broadcast(data):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=4, max_side=3))
    big = data.draw(hnp.broadcastable_shapes(shape, min_dims=len(shape), max_dims=5, max_side=3))
    out_shape = np.broadcast_shapes(shape, big)
    g = np.arange(np.prod(out_shape), dtype=float).reshape(out_shape)
    red = unbroadcast(g, shape)
    assert red.shape == shape
    # independent check: the gradient of sum(broadcast_to(x) * g) w.r.t. x, element by element
    expected = np.zeros(shape)
    for idx in np.ndindex(*shape) if shape else [()]:
        onehot = np.zeros(shape)
        onehot[idx] = 1
        expected[idx] = np.sum(np.broadcast_to(onehot, out_shape) * g)
    np.testing.assert_allclose(red, expected)


def test_stored_grads_never_share_memory_and_are_writable():
    x = mg.tensor([1.0, 2.0])
    y = mg.tensor([3.0, 4.0])
    s = mg.tensor(5.0)
    z = (x + y).sum() + mg.broadcast_to(s, (3,)).sum()
    z.backward()
    assert not np.shares_memory(x.grad, y.grad)
    x.grad *= 0  # in-place on one gradient leaves the others alone
    np.testing.assert_array_equal(y.grad, [1.0, 1.0])
    assert s.grad.flags.writeable and s.grad == 3.0


def test_gradcheck_handles_empty_inputs():
    from mygrad_like.testing import gradcheck

    assert gradcheck(lambda a, b: a.sum() + b * 2, np.zeros((0, 3)), [1.0])


def test_no_autodiff_to_numpy_and_bad_use():
    x = mg.tensor([1.0, 2.0])
    both = mg.no_autodiff(lambda t: (t * 2, [t + 1]), to_numpy=True)(x)
    assert isinstance(both[0], np.ndarray) and isinstance(both[1][0], np.ndarray)
    with pytest.raises(TypeError, match="callable"):
        mg.no_autodiff(3)
