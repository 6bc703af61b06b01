"""
Second derivatives: a gradient penalty
======================================

``mg.grad(..., create_graph=True)`` returns gradients that are themselves part of the graph,
so a loss may contain a gradient. Here a small network :math:`f` is fitted to noisy points
while penalising the size of its input gradient, :math:`\\lambda \\, \\mathrm{mean}
(\\partial f / \\partial x)^2` (a smoothness penalty, as in the gradient penalty of a
Wasserstein GAN critic). Training the penalty needs the derivative of a derivative.
"""

# %%
# Data: 40 noisy samples of a sine.
import matplotlib.pyplot as plt
import numpy as np

import mygrad_like as mg
from mygrad_like.nnet import Adam, tanh

rng = np.random.default_rng(0)
x_data = np.sort(rng.uniform(-3, 3, size=(40, 1)))
y_data = np.sin(x_data) + 0.3 * rng.normal(size=x_data.shape)


def init(seed):
    r = np.random.default_rng(seed)
    return [
        mg.tensor(r.normal(size=(1, 32))),
        mg.tensor(np.zeros(32)),
        mg.tensor(r.normal(size=(32, 1)) / np.sqrt(32)),
        mg.tensor(np.zeros(1)),
    ]


def net(params, x):
    w1, b1, w2, b2 = params
    return tanh(x @ w1 + b1) @ w2 + b2


# %%
# Training with and without the penalty. The gradient of the output with respect to the
# *input* is taken with ``create_graph=True``; the penalty built from it is then
# differentiated with respect to the weights by the ordinary ``backward()``.
def fit(penalty_weight, steps=300):
    params = init(1)
    opt = Adam(params, lr=0.02)
    for _ in range(steps):
        x = mg.tensor(x_data)
        out = net(params, x)
        loss = mg.mean((out - y_data) ** 2)
        if penalty_weight:
            (dfdx,) = mg.grad(out.sum(), [x], create_graph=True)
            loss = loss + penalty_weight * mg.mean(dfdx**2)
        loss.backward()
        opt.step()
    return params


plain, smooth = fit(0.0), fit(0.5)

grid = mg.tensor(np.linspace(-3, 3, 200)[:, None])
fig, ax = plt.subplots(figsize=(6.5, 3.5))
ax.plot(x_data, y_data, "k.", label="data")
for params, label in [(plain, "no penalty"), (smooth, "gradient penalty 0.5")]:
    ax.plot(grid.data, net(params, grid).data, label=label)
ax.legend()

# %%
# The penalty did what it says: the mean squared input gradient is smaller.
for params, label in [(plain, "no penalty"), (smooth, "with penalty")]:
    x = mg.tensor(x_data)
    (dfdx,) = mg.grad(net(params, x).sum(), [x])
    print(f"{label:>12}: mean (df/dx)^2 = {np.mean(np.asarray(dfdx) ** 2):.3f}")

# %%
# The second derivative is checked like the first: ``gradgradcheck`` compares the gradient
# of the gradient with finite differences.
from mygrad_like.testing import gradgradcheck  # noqa: E402

print(gradgradcheck(lambda x: net(smooth, x), x_data[:5]))
