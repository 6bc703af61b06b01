"""
A custom operation, checked with gradcheck
==========================================

Add a differentiable operation with a hand-written gradient, then let
:func:`mygrad_like.testing.gradcheck` compare it with finite differences. The operation is a
"smooth absolute value" :math:`f(x) = \\sqrt{x^2 + \\varepsilon}`, whose derivative is
:math:`x / f(x)`.
"""

# %%
# The operation follows the library's own protocol: a :class:`mygrad_like.engine.Op`
# subclass with the forward pass on arrays and the backward pass right below it, written
# with operators and ``xp.<name>`` so that it also works on tensors (and can therefore be
# differentiated again). :func:`mygrad_like.tensor.apply` runs it.
import matplotlib.pyplot as plt
import numpy as np

import mygrad_like as mg
from mygrad_like.engine import Op
from mygrad_like.tensor import apply
from mygrad_like.testing import GradcheckError, gradcheck, gradgradcheck


class SmoothAbs(Op):
    def forward(self, x, *, eps):
        self.eps = eps
        return np.sqrt(x * x + eps)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        return (g * x / out,)


def smooth_abs(x, eps=1e-2, *, constant=None):
    if not eps > 0:
        raise ValueError(f"eps must be positive; got eps={eps!r}")
    return apply(SmoothAbs, x, constant=constant, eps=float(eps))


x = mg.linspace(-1.0, 1.0, 201)
y = smooth_abs(x)
y.sum().backward()

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(x.data, y.data, label="smooth_abs(x)")
ax.plot(x.data, x.grad, label="gradient from backward()")
ax.plot(x.data, np.abs(x.data), "k:", lw=1, label="|x|")
ax.legend()
ax.set_xlabel("x")

# %%
# ``gradcheck`` runs a backward pass per output element and compares the Jacobian with
# central differences (in float64); ``gradgradcheck`` does the same for the second
# derivative. Both return ``True`` here.
rng = np.random.default_rng(0)
sample = rng.normal(size=(3, 4))
print("gradcheck:", gradcheck(smooth_abs, sample))
print("gradgradcheck:", gradgradcheck(smooth_abs, sample))


# %%
# A wrong gradient (a forgotten division by the output) is caught, and the message names
# the input, the element and both values:
class Wrong(SmoothAbs):
    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        return (g * x,)


try:
    gradcheck(lambda t: apply(Wrong, t, eps=1e-2), sample)
except GradcheckError as e:
    print(e)
