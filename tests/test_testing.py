"""The gradient checker is itself tested: wrong gradients must fail it, right ones pass."""

import numpy as np
import pytest
from hypothesis import given

import mygrad_like as mg
from mygrad_like.testing import GradcheckError, gradcheck, gradgradcheck, tensors


class WrongAtOneElement(mg.Operation):
    """y = x**2, with a gradient that is wrong only at flat element 2."""

    def __call__(self, x):
        self.variables = (x,)
        return x.data**2

    def backward_var(self, grad, index, **kwargs):
        x = self.variables[0]
        bump = np.zeros(x.shape)
        bump.reshape(-1)[2] = 0.5
        return grad * (2 * x + bump)


class NonlinearBackward(mg.Operation):
    """The gradient of y = 2x is right for a unit seed but not linear in the seed."""

    def __call__(self, x):
        self.variables = (x,)
        return 2 * x.data

    def backward_var(self, grad, index, **kwargs):
        return 2 * grad**2


class ConstantSecondDerivative(mg.Operation):
    """y = x**3 with a correct first derivative written so that it cannot be differentiated
    (it treats x as a constant): the second derivative comes out 0 instead of 6x."""

    def __call__(self, x):
        self.variables = (x,)
        return x.data**3

    def backward_var(self, grad, index, **kwargs):
        x = self.variables[0]
        frozen = mg.tensor(x.data, constant=True)
        return grad * 3 * frozen**2


def test_correct_gradients_pass():
    assert gradcheck(lambda x, y: x * y + x / y, [[1.0, 2.0]], [[0.5], [-1.5]])
    assert gradcheck(lambda x, y: x * y, np.ones((3, 2)), np.ones(2), fast=True)


def test_wrong_element_is_named_with_both_values():
    x = np.arange(1.0, 7.0).reshape(2, 3)
    with pytest.raises(GradcheckError) as info:
        gradcheck(lambda t: mg.execute_op(WrongAtOneElement, t), x)
    msg = str(info.value)
    assert "input 0" in msg and "element (0, 2)" in msg
    assert "analytic 6.5 vs numeric 6 " in msg


def test_fast_mode_catches_the_wrong_element_too():
    with pytest.raises(GradcheckError, match="fast mode"):
        gradcheck(lambda t: mg.execute_op(WrongAtOneElement, t), np.arange(1.0, 7.0), fast=True)


def test_no_raise_returns_false():
    assert not gradcheck(
        lambda t: mg.execute_op(WrongAtOneElement, t), np.arange(1.0, 7.0), raise_exception=False
    )


def test_nonlinear_backward_fails_the_linearity_check():
    f = lambda t: mg.execute_op(NonlinearBackward, t)  # noqa: E731
    with pytest.raises(GradcheckError, match="not linear in its seed"):
        gradcheck(f, [1.0, 2.0])


def test_gradgradcheck_catches_a_non_differentiable_gradient():
    f = lambda t: mg.execute_op(ConstantSecondDerivative, t)  # noqa: E731
    assert gradcheck(f, [0.5, 1.5])  # first order is right
    with pytest.raises(GradcheckError):
        gradgradcheck(f, [0.5, 1.5])


def test_gradgradcheck_passes_a_correct_op():
    assert gradgradcheck(lambda x, y: x * x * y, [0.5, 1.5], [2.0, -1.0])


def test_only_float_inputs_are_differentiated_and_inputs_untouched():
    x = np.array([1.0, 2.0])
    idx = np.array([1, 0])
    assert gradcheck(lambda t, i: t * i, x, idx)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_float32_check_warns():
    with pytest.warns(UserWarning, match="float32"):
        gradcheck(lambda t: t * t, [1.0, 2.0], dtype=np.float32)


def test_bad_arguments():
    with pytest.raises(ValueError, match="at least one float input"):
        gradcheck(lambda i: i * 2, np.array([1, 2]))
    with pytest.raises(TypeError, match="must return a Tensor"):
        gradcheck(lambda t: t.data, [1.0])
    with pytest.raises(TypeError, match="dtype"):
        gradcheck(lambda t: t, [1.0], dtype=np.int64)


@given(x=tensors(shape=(2, 3), min_value=-3, max_value=3))
def test_tensors_strategy(x):
    assert isinstance(x, mg.Tensor) and x.shape == (2, 3) and x.dtype == np.float64
    assert np.all(np.abs(x.data) <= 3)


class SelfConsistentlyWrong(mg.Operation):
    """y = x**2 with the gradient 3x (wrong, but itself correctly differentiable)."""

    def __call__(self, x):
        self.variables = (x,)
        return x.data**2

    def backward_var(self, grad, index, **kwargs):
        return grad * 3 * self.variables[0]


def test_gradgradcheck_also_checks_the_first_derivative():
    f = lambda t: mg.execute_op(SelfConsistentlyWrong, t)  # noqa: E731
    with pytest.raises(GradcheckError, match="input 0"):
        gradgradcheck(f, [0.5, 1.5])
    assert gradgradcheck(f, [0.5, 1.5], raise_exception=False) is False
