"""
Jacobians, Hessians and Newton's method
=======================================

The functional transforms of :mod:`mygrad_like.functional` take a function and a point and
return derivatives, with the signatures of PyTorch's ``torch.autograd.functional``:
``vjp`` and ``jvp`` (one product with the Jacobian, reverse and forward mode),
``jacobian``, ``hessian``, and the Hessian-vector products ``hvp`` and ``vhp``. Here they
check the derivatives of a softmax against the formula, then drive Newton's method on the
Rosenbrock function.
"""

# %%
# The Jacobian of the softmax :math:`s = \mathrm{softmax}(x)` is
# :math:`\mathrm{diag}(s) - s s^\top`. ``jacobian`` builds it one reverse sweep per output;
# ``vjp`` and ``jvp`` give one row-combination and one column-combination of it without
# forming it.
import matplotlib.pyplot as plt
import numpy as np

from mygrad_like.functional import hessian, hvp, jacobian, jvp, vjp
from mygrad_like.nnet import softmax

x = np.array([0.5, -1.0, 2.0])
s = np.exp(x) / np.exp(x).sum()
J = jacobian(softmax, x)
print("jacobian matches diag(s) - s s^T:", np.allclose(np.asarray(J), np.diag(s) - np.outer(s, s)))

v = np.array([1.0, 0.0, -1.0])
_, vJ = vjp(softmax, x, v)
_, Jv = jvp(softmax, x, v)
print("vjp = v @ J:", np.allclose(np.asarray(vJ), v @ (np.diag(s) - np.outer(s, s))))
print("jvp = J @ v:", np.allclose(np.asarray(Jv), (np.diag(s) - np.outer(s, s)) @ v))


# %%
# Newton's method on the Rosenbrock function
# :math:`f(x, y) = (1 - x)^2 + 100 (y - x^2)^2`, whose minimum is at :math:`(1, 1)`: each
# step solves :math:`H \delta = -\nabla f` with the Hessian from ``hessian``. The gradient
# comes from ``vjp`` with the seed 1 (the gradient of a scalar function).
def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


point = np.array([-1.2, 1.0])
path = [point]
for _ in range(8):
    _, g = vjp(rosenbrock, point)
    H = hessian(rosenbrock, point)
    point = point - np.linalg.solve(np.asarray(H), np.asarray(g))
    path.append(point)
path = np.array(path)
print("Newton iterates:\n", np.round(path, 4))

X, Y = np.meshgrid(np.linspace(-1.5, 1.5, 200), np.linspace(-3.5, 2.0, 200))
fig, ax = plt.subplots(figsize=(6, 4))
ax.contour(X, Y, (1 - X) ** 2 + 100 * (Y - X**2) ** 2, levels=np.logspace(-1, 3, 15), cmap="viridis")
ax.plot(path[:, 0], path[:, 1], "o-", color="C3", label="Newton's method")
ax.plot(1, 1, "k*", markersize=12, label="minimum")
ax.set(xlabel="x", ylabel="y", title="Rosenbrock function")
ax.legend()

# %%
# ``hvp`` multiplies by the Hessian without forming it (a second reverse sweep through the
# gradient), which is what scales to many parameters. At the minimum it agrees with the
# explicit Hessian:
H = np.asarray(hessian(rosenbrock, np.array([1.0, 1.0])))
_, Hv = hvp(rosenbrock, np.array([1.0, 1.0]), np.array([1.0, 2.0]))
print("H =\n", H)
print("hvp matches H @ v:", np.allclose(np.asarray(Hv), H @ np.array([1.0, 2.0])))
