"""Tensor: construction, attributes, NumPy interop, in-place forms, user operations."""

import copy
import pickle

import numpy as np
import pytest

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck


# ----------------------------------------------------------------------------- construction
def test_construction_copies_by_default():
    a = np.array([1.0, 2.0])
    t = mg.Tensor(a)
    t.data[0] = 5.0
    assert a[0] == 1.0
    shared = mg.Tensor(a, copy=False)
    assert np.shares_memory(shared.data, a)


@pytest.mark.parametrize("bad", ["abc", ["a", "b"], [object()], {"a": 1}, [[1.0, 2.0], [3.0]], 1 + 2j])
def test_non_numeric_data_is_a_type_error(bad):
    with pytest.raises(TypeError, match="data"):
        mg.Tensor(bad)


def test_op_with_non_numeric_operand_is_a_type_error():
    with pytest.raises(TypeError, match="input"):
        mg.tensor([1.0]) * "abc"
    with pytest.raises(TypeError):
        mg.add(mg.tensor([1.0]), [object()])


def test_constant_argument_is_validated():
    with pytest.raises(TypeError, match="constant"):
        mg.Tensor([1.0], constant="yes")


def test_attributes():
    t = mg.tensor(np.arange(6.0).reshape(2, 3))
    assert t.shape == (2, 3) and t.ndim == 2 and t.size == 6 and t.dtype == np.float64
    assert t.T.shape == (3, 2)
    assert len(t) == 2
    assert mg.tensor(4.0).item() == 4.0
    with pytest.raises(ValueError, match="size 1"):
        t.item()
    with pytest.raises(TypeError):
        len(mg.tensor(1.0))
    rows = list(t)
    assert len(rows) == 2 and isinstance(rows[0], mg.Tensor)
    assert float(mg.tensor(2.5)) == 2.5 and int(mg.tensor(3.0)) == 3


def test_repr_like_mygrad():
    assert repr(mg.tensor([1.0, 2.0])) == "Tensor([1., 2.])"
    assert repr(mg.tensor([[1.0, 2.0], [3.0, 4.0]])) == "Tensor([[1., 2.],\n        [3., 4.]])"
    assert repr(mg.tensor([1, 2], dtype=np.float32)) == "Tensor([1., 2.], dtype=float32)"
    assert repr(mg.tensor(3.0)) == "Tensor(3.)"


def test_astensor_and_asarray():
    x = mg.tensor([1.0])
    assert mg.astensor(x) is x
    assert mg.astensor(x, constant=True) is not x
    assert mg.astensor(x, dtype=np.float32).dtype == np.float32
    a = np.array([1.0, 2.0])
    assert np.shares_memory(mg.astensor(a).data, a)
    assert mg.asarray(x) is x.data
    assert np.asarray(x) is x.data


def test_copy_and_pickle():
    x = mg.tensor([1.0, 2.0])
    y = x * 2
    c = copy.copy(y)
    assert c.creator is None and not c.constant
    p = pickle.loads(pickle.dumps(y))
    np.testing.assert_array_equal(p.data, y.data)


def test_hashable_by_identity():
    x, y = mg.tensor(1.0), mg.tensor(1.0)
    assert len({x, y}) == 2


# ----------------------------------------------------------------------------- operators
def test_reflected_operators_and_comparisons():
    x = mg.tensor([1.0, 2.0])
    np.testing.assert_array_equal((1 - x).data, [0.0, -1.0])
    np.testing.assert_array_equal((2 / x).data, [2.0, 1.0])
    np.testing.assert_array_equal((2**x).data, [2.0, 4.0])
    np.testing.assert_array_equal((7 // x).data, [7.0, 3.0])
    np.testing.assert_array_equal((5 % x).data, [0.0, 1.0])
    np.testing.assert_array_equal((-x).data, [-1.0, -2.0])
    np.testing.assert_array_equal(abs(-x).data, [1.0, 2.0])
    c = x > 1.5
    assert c.constant and c.dtype == bool
    np.testing.assert_array_equal((x == 2.0).data, [False, True])


def test_ndarray_on_the_left_gives_a_tensor():
    x = mg.tensor([1.0, 2.0])
    y = np.array([3.0, 4.0]) * x
    assert isinstance(y, mg.Tensor)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [3.0, 4.0])


# ----------------------------------------------------------------------------- NumPy protocols
def test_ufunc_dispatch_is_differentiable():
    x = mg.tensor([1.0, 2.0])
    y = np.multiply(x, x)
    assert isinstance(y, mg.Tensor)
    np.add(y, 1.0).sum().backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])


def test_array_function_dispatch():
    x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    s = np.sum(x, axis=0)
    assert isinstance(s, mg.Tensor)
    s.sum().backward()
    np.testing.assert_array_equal(x.grad, np.ones((2, 2)))
    assert np.shape(x) == (2, 2)
    assert np.allclose(x, x.data)


def test_unsupported_numpy_calls_are_type_errors():
    x = mg.tensor([1.0, 2.0])
    with pytest.raises(TypeError, match="no differentiable"):
        np.hypot(x, x)
    with pytest.raises(TypeError, match="no differentiable"):
        np.cov(x)
    out = np.empty(2)
    assert np.add(x, x, out=out) is out  # NumPy's out= writes into the array
    np.testing.assert_array_equal(out, [2.0, 4.0])
    with pytest.raises(TypeError):
        np.add.reduce(x)


def test_nondifferentiable_ufuncs_give_constant_results():
    r = np.isnan(mg.tensor([1.0, np.nan]))
    assert isinstance(r, mg.Tensor) and r.constant
    np.testing.assert_array_equal(r.data, [False, True])


# ----------------------------------------------------------------------------- in-place forms
def test_inplace_on_constant_mutates():
    c = mg.tensor([1.0, 2.0], constant=True)
    alias = c
    c += 1
    assert c is alias
    np.testing.assert_array_equal(c.data, [2.0, 3.0])


def test_inplace_on_variable_under_no_autodiff_mutates():
    w = mg.tensor([1.0, 2.0])
    (w * 3).sum().backward()
    same = w
    with mg.no_autodiff:
        w -= 0.1 * w.grad
    assert w is same
    np.testing.assert_allclose(w.data, [0.7, 1.7])


def test_inplace_on_graph_tensor_updates_it_and_keeps_graph_correct():
    x = mg.tensor([1.0, 2.0])
    y = x * 2
    z = y + 0  # saw the values before the write
    before = y
    y *= 3
    assert y is before and y.creator is not None
    np.testing.assert_array_equal(y.data, [6.0, 12.0])
    np.testing.assert_array_equal(z.data, [2.0, 4.0])
    (y.sum() + z.sum()).backward()
    np.testing.assert_array_equal(x.grad, [8.0, 8.0])


def test_setitem():
    c = mg.tensor([1.0, 2.0, 3.0], constant=True)
    c[1] = 5.0
    np.testing.assert_array_equal(c.data, [1.0, 5.0, 3.0])
    x = mg.tensor([1.0, 2.0])
    y = x * x
    x[0] = 3.0  # x becomes a new node; y keeps the values it saw
    (y.sum() + x.sum()).backward()
    np.testing.assert_array_equal(x.data, [3.0, 2.0])
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])


# ----------------------------------------------------------------------------- user operations
class Cube(mg.Operation):
    def __call__(self, x):
        self.variables = (x,)
        return x.data**3

    def backward_var(self, grad, index, **kwargs):
        (x,) = self.variables
        return grad * 3 * x**2  # operators on the tensor: differentiable again


class ScaleBy(mg.Operation):
    def __call__(self, x, factor):
        self.variables = (x, factor)
        return x.data * factor.data

    def backward_var(self, grad, index, **kwargs):
        x, f = self.variables
        return grad * (f if index == 0 else x)


def test_user_operation_first_and_second_order():
    x = mg.tensor([1.0, -2.0])
    mg.execute_op(Cube, x).sum().backward()
    np.testing.assert_array_equal(x.grad, [3.0, 12.0])
    assert gradcheck(lambda t: mg.execute_op(Cube, t), [0.5, 1.5])
    assert gradgradcheck(lambda t: mg.execute_op(Cube, t), [0.5, 1.5])


def test_user_operation_gradient_is_broadcast_reduced_by_the_engine():
    x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    f = mg.tensor([10.0, 20.0])
    mg.execute_op(ScaleBy, x, f).sum().backward()
    np.testing.assert_array_equal(f.grad, [4.0, 6.0])
    np.testing.assert_array_equal(x.grad, [[10.0, 20.0], [10.0, 20.0]])


class ArrayBackward(mg.Operation):
    def __call__(self, x):
        self.variables = (x,)
        return x.data**2

    def backward_var(self, grad, index, **kwargs):
        g = grad.data if isinstance(grad, mg.Tensor) else grad
        return 2 * g * self.variables[0].data


def test_user_operation_with_ndarray_backward_refuses_create_graph():
    x = mg.tensor([1.0, 2.0])
    y = mg.execute_op(ArrayBackward, x).sum()
    (g,) = mg.grad(y, x, retain_graph=True)
    np.testing.assert_array_equal(g.data, [2.0, 4.0])
    with pytest.raises(TypeError, match="create_graph"):
        mg.grad(y, x, create_graph=True)


def test_execute_op_rejects_non_operations():
    with pytest.raises(TypeError, match="op_type"):
        mg.execute_op(lambda x: x, mg.tensor(1.0))


def test_constant_must_be_a_real_bool():
    with pytest.raises(TypeError, match="constant"):
        mg.Tensor([1.0], constant=1)
    with pytest.raises(TypeError, match="constant"):
        mg.multiply(mg.tensor([1.0]), 2.0, constant=1)


def test_numpy_keywords_the_library_lacks_are_named():
    x = mg.tensor([1.0, 2.0])
    with pytest.raises(TypeError, match="does not support the keyword"):
        np.sum(x, dtype=np.float32, where=True)
    assert np.linalg.multi_dot([x[None], x[:, None]]).item() == 5.0


def test_array_protocol_copy_false_with_a_cast_is_refused():
    with pytest.raises(ValueError, match="copy"):
        mg.tensor([1.0]).__array__(np.float32, copy=False)


def test_constant_only_ufuncs():
    c = mg.tensor([5.0, 7.0], constant=True)
    np.testing.assert_array_equal(np.fmod(c, 2).data, [1.0, 1.0])
    np.testing.assert_array_equal(np.bincount(mg.tensor([1, 1, 2])), [0, 2, 1])
    with pytest.raises(TypeError, match="not differentiable"):
        np.fmod(mg.tensor([1.0]), 2)
